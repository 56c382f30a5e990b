import Foundation
import TappAPI
import TappDomain
import TappStore

/// Sends the clinic's queued changes, parents first (patients, then their consultations and interventions):
/// folded per record, each settled only once the server confirmed it. Several requests go at once over kept-alive
/// connections; with a server that takes batches (ours), a few hundred changes go per request. A create carries an
/// idempotency key: a server that keeps them (ours) answers a retry with the first answer; with one that does not
/// (the real server), a create whose answer was lost is looked for on the server and adopted if found. So nothing is
/// ever made twice.
public struct QueuePush: Sendable {
    let database: ClinicDatabase
    let server: AuthorizedServer
    /// The server's doctor for what this clinic records (the signed-in account's Doctor profile).
    let doctorId: String?
    /// Who texts the patients: with `.clinic`, rules are pushed disabled so the server never sends the same reminders.
    let reminders: ReminderOwner
    /// Requests in flight at once.
    let concurrency: Int
    /// Called as records go: the kind, how many are done, how many in all (a progress bar on a terminal).
    let progress: (@Sendable (String, Int, Int) -> Void)?

    public enum ReminderOwner: String, Sendable { case server, clinic }

    public init(database: ClinicDatabase, server: AuthorizedServer, doctorId: String?, reminders: ReminderOwner, concurrency: Int = 8,
                progress: (@Sendable (String, Int, Int) -> Void)? = nil) {
        self.database = database
        self.server = server
        self.doctorId = doctorId
        self.reminders = reminders
        self.concurrency = max(1, concurrency)
        self.progress = progress
    }

    public struct Outcome: Sendable, Equatable {
        public var sent = 0
        public var refused = 0
        public var unfinished = 0
        public init() {}

        mutating func add(_ other: Outcome) {
            sent += other.sent
            refused += other.refused
            unfinished += other.unfinished
        }

        mutating func count(_ result: PushResult) {
            switch result {
            case .sent: sent += 1
            case .refused: refused += 1
            case .unfinished: unfinished += 1
            }
        }
    }

    enum PushResult: Sendable { case sent, refused, unfinished }

    public func run() async throws(SyncError) -> [EntityKind: Outcome] {
        let features = try await server.features()
        var outcomes: [EntityKind: Outcome] = [:]
        // Patients' deletions go last: a merged patient's person can only be deleted once its records were made again
        // under the kept patient (the real server answers 500 to deleting a person who still has records).
        // The old copy of a record moved to another patient goes once its new copy is made: after the other changes.
        outcomes[.patient] = try await run(.patient, features) { !$0.deleted }
        for kind in [EntityKind.consultation, .intervention] {
            outcomes[kind] = try await run(kind, features) { !QueuePush.isMovedCopy($0) }
        }
        for kind in [EntityKind.consultation, .intervention] {
            outcomes[kind, default: Outcome()].add(try await run(kind, features, only: QueuePush.isMovedCopy))
        }
        let deletions = try await run(.patient, features) { $0.deleted }
        outcomes[.patient, default: Outcome()].add(deletions)
        return outcomes
    }

    func run(_ kind: EntityKind, _ features: ServerFeatures, only: (PendingRecord) -> Bool = { _ in true }) async throws(SyncError) -> Outcome {
        let records: [PendingRecord]
        do { records = try database.pendingRecords(kind).filter(only) } catch { throw SyncError.invalid("\(error)") }
        guard !records.isEmpty else { return Outcome() }
        let label = "\(kind.rawValue)s"
        progress?(label, 0, records.count)
        let push = RecordPush(database: database, server: server, doctorId: doctorId, reminders: reminders, features: features)
        var outcome = Outcome()
        var single = records
        if let limit = features.batchLimit, limit > 1 {
            let batch = BatchPush(push: push, limit: limit, concurrency: concurrency)
            let (batched, rest) = try await batch.run(records) { done in progress?(label, done, records.count) }
            outcome.add(batched)
            single = rest
        }
        let done = records.count - single.count
        outcome.add(try await each(single, push) { n in progress?(label, done + n, records.count) })
        progress?(label, records.count, records.count)
        return outcome
    }

    /// One request per record, `concurrency` at a time; the run stops at the first error that ends it (sign-in, time).
    func each(_ records: [PendingRecord], _ push: RecordPush, done: @escaping @Sendable (Int) -> Void) async throws(SyncError) -> Outcome {
        var outcome = Outcome()
        var finished = 0
        do {
            try await withThrowingTaskGroup(of: PushResult.self) { group in
                var next = records.makeIterator()
                for _ in 0..<concurrency {
                    guard let record = next.next() else { break }
                    group.addTask { try await push.pushWithRetries(record) }
                }
                while let result = try await group.next() {
                    outcome.count(result)
                    finished += 1
                    done(finished)
                    if let record = next.next() { group.addTask { try await push.pushWithRetries(record) } }
                }
            }
        } catch let error as SyncError {
            throw error
        } catch {
            throw SyncError.invalid("\(error)")
        }
        return outcome
    }

    static func isMovedCopy(_ record: PendingRecord) -> Bool {
        if case .movedCopy = record.snapshot { return true }
        return false
    }

    static func isTransient(_ error: SyncError) -> Bool {
        switch error {
        case .unreachable: true
        case .refused(let status, _): status >= 500 || status == 429
        default: false
        }
    }

    /// Whether the error ends the whole run rather than one record's try.
    static func endsRun(_ error: SyncError) -> Bool {
        switch error {
        case .notSignedIn, .outOfTime: true
        default: false
        }
    }
}
