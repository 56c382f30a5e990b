import Foundation
import Logging
import NIOPosix
import ServiceLifecycle
import TappDomain
import TappNotify

/// Sends the reminders that are due, every `interval` (the real server's worker never sends: it looks for a
/// status nothing uses). Every instance runs one, on the same database, and each reminder still goes out once:
/// a pass claims due reminders in a transaction (`ReminderClaim`: a lease on their delivery, rows other workers
/// hold skipped), sends, then records. A worker that dies mid-send leaves its lease to expire; the next worker to
/// claim the reminder asks the provider first (`MessageProvider.record(of:)`) and sends only if it was not handed over.
public struct ReminderWorker: Service {
    let database: any ServerDatabase
    let provider: any MessageProvider
    let interval: Duration
    let claim: ReminderClaim
    let logger: Logger

    public init(database: any ServerDatabase, provider: any MessageProvider, interval: Duration, lease: TimeInterval = 300,
                owner: String = ReminderClaim.defaultOwner(), logger: Logger) {
        self.database = database
        self.provider = provider
        self.interval = interval
        claim = ReminderClaim(database: database, lease: lease, owner: owner)
        self.logger = logger
    }

    /// Until graceful shutdown (SIGTERM, SIGINT) or cancellation, then returns normally: stopping is not a failure.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do { _ = try await runOnce() } catch { if !Task.isCancelled { logger.error("reminder worker: \(error)") } }
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// One pass: due PENDING reminders of open interventions are sent; those of CANCELED or DONE ones are cancelled.
    @discardableResult
    public func runOnce(now: Date = Date()) async throws -> Int {
        let claimed = try await claim.take(now: now)
        for delivery in claimed { try await deliver(delivery) }
        return claimed.count
    }

    func deliver(_ delivery: ReminderClaim.Delivery) async throws {
        let row = delivery.row
        let id: String = row["id"], channel: String = row["type"], key: String = row["idempotencyKey"]
        let recipient: String? = row["recipient"] ?? (channel == "EMAIL" ? row["email"] : row["phone"])
        let zone = TimeZone(identifier: row["timezone"] ?? "Africa/Douala") ?? Instant.defaultZone
        let text: String = row["message"] ?? ReminderMessage(
            patientName: row["fullName"], title: row["title"],
            scheduledAt: ServerDates.parse(row["scheduledAtUtc"]) ?? Date(), zone: zone,
            // The server's users have no name: the doctor is named by their account's email, as the real server does.
            doctorName: row["doctorEmail"],
            location: row["location"], priority: InterventionPriority(rawValue: row["priority"]) ?? .normal).text
        // The lease may have ended while the batch's earlier messages went out: then another worker has it.
        guard try await claim.renew(key: key) else {
            logger.info("reminder \(id): claim ended before sending, left to the worker that holds it")
            return
        }
        var providerId: String?
        var failure: String?
        var alreadyOut = false
        if delivery.interrupted {
            // A worker claimed it before and never recorded the outcome: it may have gone out.
            // The provider's calls wait on a program or a file: on NIO's thread pool, not on an event loop.
            switch try await NIOThreadPool.singleton.runIfActive({ [provider] in provider.record(of: key) }) {
            case .delivered(let messageId):
                providerId = messageId
                alreadyOut = true
            case .notDelivered:
                break
            case .unknown:
                failure = "Envoi interrompu (arrêt du serveur) : peut-être parti, non renvoyé automatiquement"
            }
        }
        if failure == nil, !alreadyOut {
            if let recipient, !recipient.isEmpty {
                let message = OutgoingMessage(reminderId: id, channel: channel, recipient: recipient, text: text, idempotencyKey: key,
                                              isRetry: delivery.interrupted)
                do {
                    providerId = try await NIOThreadPool.singleton.runIfActive { [provider] in try provider.send(message) }
                } catch {
                    failure = "\(error)"
                }
            } else {
                failure = channel == "EMAIL" ? "Aucune adresse email pour ce patient" : "Aucun numéro de téléphone pour ce patient"
            }
        }
        try await claim.record(key: key, reminderId: id, channel: channel, recipient: recipient, text: text, providerId: providerId,
                               failure: failure)
        if let failure {
            logger.warning("reminder \(id) failed: \(failure)")
        } else {
            logger.info("reminder \(id) \(alreadyOut ? "was already sent" : "sent") by \(channel)")
        }
    }
}
