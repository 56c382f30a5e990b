import Foundation
import TappDomain
import TappStore

/// Brings the server's news into the clinic's file: patients (paged), then consultations and interventions (with
/// their reminders' statuses, read in windows of dates), merged by server id. A record changed on both sides is kept both, as a conflict.
public struct ServerPull: Sendable {
    let database: ClinicDatabase
    let server: AuthorizedServer
    let session: Session

    public init(database: ClinicDatabase, server: AuthorizedServer, session: Session) {
        self.database = database
        self.server = server
        self.session = session
    }

    public struct Outcome: Sendable, Equatable {
        public var added = 0, updated = 0, unchanged = 0, conflicts = 0
        /// Records not merged, with why.
        public var skipped: [String] = []
        public init() {}

        mutating func count(_ result: PullOutcome, _ what: String) {
            switch result {
            case .added: added += 1
            case .updated: updated += 1
            case .unchanged: unchanged += 1
            case .conflict: conflicts += 1
            case .skipped(let why): skipped.append("\(what): \(why)")
            }
        }
    }

    public func run() async throws(SyncError) -> [EntityKind: Outcome] {
        var outcomes: [EntityKind: Outcome] = [:]
        outcomes[.patient] = try await pullPeople()
        outcomes[.consultation] = try await pullList("consultations") { object in
            guard let record = ServerRecords.consultation(object) else { return nil }
            return try database.mergePulled(record, by: session)
        }
        outcomes[.intervention] = try await pullList("interventions") { object in
            guard let record = ServerRecords.intervention(object) else { return nil }
            return try database.mergePulled(record, by: session)
        }
        return outcomes
    }

    func pullPeople() async throws(SyncError) -> Outcome {
        var outcome = Outcome()
        var offset = 0
        while true {
            let object = try await get("people?limit=100&offset=\(offset)").object()
            let people = object["data"] as? [[String: Any]] ?? []
            for person in people {
                guard let record = ServerRecords.person(person) else {
                    outcome.skipped.append("a person the server sent without id, name or dates, or with a control character in a text")
                    continue
                }
                do { outcome.count(try database.mergePulled(record, by: session), "person \(record.serverId)") }
                catch { throw SyncError.invalid("merging person \(record.serverId): \(error)") }
            }
            offset += people.count
            if people.isEmpty || offset >= (object["total"] as? Int ?? 0) { return outcome }
        }
    }

    /// The windows a list is read in: everything before two years ago, then quarter by quarter up to a year ahead,
    /// then everything after. Smaller answers on a poor link, each tried again on its own; together they cover every
    /// date (the server's `from`/`to` are inclusive, so a record on a boundary comes twice and merges once).
    static func windows(now: Date = Date()) -> [(from: String?, to: String?)] {
        let quarter: TimeInterval = 91 * 86_400
        let start = now.addingTimeInterval(-8 * quarter), end = now.addingTimeInterval(4 * quarter)
        var windows: [(String?, String?)] = [(nil, Instant.utcString(start))]
        var at = start
        while at < end {
            windows.append((Instant.utcString(at), Instant.utcString(at.addingTimeInterval(quarter))))
            at = at.addingTimeInterval(quarter)
        }
        windows.append((Instant.utcString(at), nil))
        return windows
    }

    func pullList(_ path: String, merge: ([String: Any]) throws -> PullOutcome?) async throws(SyncError) -> Outcome {
        var outcome = Outcome()
        var list: [[String: Any]] = []
        var seen = Set<String>()
        for window in Self.windows() {
            let query = [window.from.map { "from=\($0)" }, window.to.map { "to=\($0)" }].compactMap { $0 }.joined(separator: "&")
            guard let part = try await get(path + "?" + query).json() as? [[String: Any]] else {
                throw SyncError.invalid("the server's \(path) list is not a JSON array")
            }
            for object in part where seen.insert(object["id"] as? String ?? UUID().uuidString).inserted { list.append(object) }
        }
        for object in list {
            let id = object["id"] as? String ?? "?"
            do {
                guard let result = try merge(object) else {
                    outcome.skipped.append("\(path) \(ControlCharacters.visible(id)): missing or malformed fields, or a control character in a text")
                    continue
                }
                outcome.count(result, "\(path) \(id)")
            } catch {
                throw SyncError.invalid("merging \(path) \(id): \(error)")
            }
        }
        return outcome
    }

    /// A GET, tried again after network errors and 5xx with exponential back-off and jitter (0.5 s, 1 s, 2 s, 4 s
    /// ± a quarter), within the run's time budget.
    func get(_ path: String) async throws(SyncError) -> SyncServer.Answer {
        var attempt = 0
        while true {
            var answer: SyncServer.Answer?
            do {
                answer = try await server.send("GET", path)
            } catch {
                if case .notSignedIn = error { throw error }
                if attempt >= 4 { throw error }
            }
            if let answer {
                if answer.status == 200 { return answer }
                if answer.status < 500 || attempt >= 4 { throw SyncError.refused(status: answer.status, message: answer.message) }
            }
            let wait = Backoff.delay(attempt: attempt)
            guard server.hasTime(for: wait) else { throw SyncError.invalid("out of time (--max-time) while the server was failing") }
            try? await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000))
            attempt += 1
        }
    }
}

/// Waits between tries: doubling from half a second, with a random quarter either way so that clinics that fail
/// together do not retry together.
public enum Backoff {
    public static func delay(attempt: Int, base: Double = 0.5, cap: Double = 30) -> Double {
        let plain = min(cap, base * pow(2, Double(attempt)))
        return plain * Double.random(in: 0.75...1.25)
    }
}
