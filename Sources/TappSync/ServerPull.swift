import Foundation
import TappAPI
import TappDomain
import TappStore

/// Brings the server's news into the clinic's file, merged by server id; a record changed on both sides is kept
/// both, as a conflict. From a server with a changes feed (ours), only what changed since the last run is read,
/// deletions included; from the real server, everything: patients paged, then consultations and interventions (with
/// their reminders' statuses) read in windows of dates.
public struct ServerPull: Sendable {
    let database: ClinicDatabase
    let server: AuthorizedServer
    let session: Session
    /// Where the feed was read up to, kept per server.
    let serverURL: String

    public init(database: ClinicDatabase, server: AuthorizedServer, session: Session, serverURL: String) {
        self.database = database
        self.server = server
        self.session = session
        self.serverURL = serverURL
    }

    public struct Outcome: Sendable, Equatable {
        public var added = 0, updated = 0, unchanged = 0, conflicts = 0, removed = 0
        /// Records not merged, with why.
        public var skipped: [String] = []
        /// Records read from the server.
        public var read = 0
        public init() {}

        mutating func count(_ result: PullOutcome, _ what: String) {
            switch result {
            case .added: added += 1
            case .updated: updated += 1
            case .unchanged: unchanged += 1
            case .conflict: conflicts += 1
            case .removed: removed += 1
            case .skipped(let why): skipped.append("\(what): \(why)")
            }
        }
    }

    public func run() async throws(SyncError) -> [EntityKind: Outcome] {
        if try await server.features().changes { return try await ChangesFeed(pull: self).run() }
        var outcomes: [EntityKind: Outcome] = [:]
        outcomes[.patient] = try await pullPeople()
        outcomes[.consultation] = try await pullList("consultations", [TappAPI.Consultation].self) { consultation in
            ServerRecords.consultation(consultation).map(PulledChange.consultation)
        }
        outcomes[.intervention] = try await pullList("interventions", [TappAPI.Intervention].self) { intervention in
            ServerRecords.intervention(intervention).map(PulledChange.intervention)
        }
        return outcomes
    }

    func pullPeople() async throws(SyncError) -> Outcome {
        var outcome = Outcome()
        var offset = 0
        for _ in 0..<100_000 {
            let page = try await get(.people(limit: 100, offset: offset)).decode(LenientPage<Person>.self)
            outcome.read += page.data.count
            var people: [PulledPerson] = []
            for item in page.data {
                guard let person = item.record, let record = ServerRecords.person(person) else {
                    outcome.skipped.append("person \(ControlCharacters.visible(item.id ?? "?")): "
                                           + (item.problem ?? "a control character in a text"))
                    continue
                }
                people.append(record)
            }
            try merge(people.map(PulledChange.person), names: people.map { "person \($0.serverId)" }, into: &outcome)
            offset += page.data.count
            if page.data.isEmpty || offset >= page.total { break }
        }
        return outcome
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

    func pullList<Record: Decodable & ServerCopy>(_ path: String, _ type: [Record].Type,
                                                   pulled: (Record) -> PulledChange?) async throws(SyncError) -> Outcome {
        var outcome = Outcome()
        var list: [Lenient<Record>] = []
        var seen = Set<String>()
        for window in Self.windows() {
            let query = [window.from.map { ("from", $0) }, window.to.map { ("to", $0) }].compactMap { $0 }
            let part = try await get(Endpoint(.get, path, query: query)).decode([Lenient<Record>].self)
            for item in part where seen.insert(item.record?.id ?? item.id ?? UUID().uuidString).inserted { list.append(item) }
        }
        outcome.read = list.count
        var changes: [PulledChange] = [], names: [String] = []
        for item in list {
            let id = ControlCharacters.visible(item.record?.id ?? item.id ?? "?")
            guard let record = item.record, let change = pulled(record) else {
                outcome.skipped.append("\(path) \(id): " + (item.problem ?? "a control character in a text, or a rule beyond a year"))
                continue
            }
            changes.append(change)
            names.append("\(path) \(id)")
        }
        for start in stride(from: 0, to: changes.count, by: Self.pageSize) {
            let end = min(start + Self.pageSize, changes.count)
            try merge(Array(changes[start..<end]), names: Array(names[start..<end]), into: &outcome)
        }
        return outcome
    }

    /// How many records are merged in one transaction.
    static let pageSize = 500

    /// Records merged in one transaction, each counted in `outcome` under its name.
    func merge(_ changes: [PulledChange], names: [String], into outcome: inout Outcome) throws(SyncError) {
        let results: [PullOutcome]
        do { results = try database.mergePulled(page: changes, by: session) } catch {
            throw SyncError.invalid("merging a page of \(changes.count) records from \(names.first ?? "?"): \(error)")
        }
        for (result, name) in zip(results, names) { outcome.count(result, name) }
    }

    /// A GET, tried again after network errors and 5xx with exponential back-off and jitter (0.5 s, 1 s, 2 s, 4 s
    /// ± a quarter), within the run's time budget.
    func get(_ endpoint: Endpoint) async throws(SyncError) -> WireAnswer {
        for attempt in 0..<5 {
            var answer: WireAnswer?
            do {
                answer = try await server.send(WireRequest(endpoint))
            } catch {
                if QueuePush.endsRun(error) || attempt >= 4 { throw error }
            }
            if let answer {
                if answer.status == 200 { return answer }
                if answer.status < 500 || attempt >= 4 { throw SyncError.refused(status: answer.status, message: answer.message) }
            }
            let wait = Backoff.delay(attempt: attempt)
            guard server.hasTime(for: wait) else { throw SyncError.outOfTime("out of time (--max-time) while the server was failing") }
            try? await Task.sleep(for: .seconds(wait))
        }
        throw SyncError.unreachable("the server kept failing")
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
