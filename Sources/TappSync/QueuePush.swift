import Foundation
import TappDomain
import TappStore

/// Sends the clinic's queued changes, parents first (patients, then their consultations and interventions):
/// folded per record, each confirmed by the server before it leaves the queue. A create whose answer was lost is
/// looked for on the server and adopted if found, so nothing is ever made twice.
public struct QueuePush: Sendable {
    let database: ClinicDatabase
    let server: AuthorizedServer
    /// The server's doctor for what this clinic records (the signed-in account's Doctor profile).
    let doctorId: String?
    /// Who texts the patients: with `.clinic`, rules are pushed disabled so the server never sends the same reminders.
    let reminders: ReminderOwner

    public enum ReminderOwner: String, Sendable { case server, clinic }

    /// Called as records go: the kind, how many are done, how many in all (a progress bar on a terminal).
    let progress: (@Sendable (String, Int, Int) -> Void)?

    public init(database: ClinicDatabase, server: AuthorizedServer, doctorId: String?, reminders: ReminderOwner,
                progress: (@Sendable (String, Int, Int) -> Void)? = nil) {
        self.progress = progress
        self.database = database
        self.server = server
        self.doctorId = doctorId
        self.reminders = reminders
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
    }

    public func run() async throws(SyncError) -> [EntityKind: Outcome] {
        var outcomes: [EntityKind: Outcome] = [:]
        // Patients' deletions go last: a merged patient's person can only be deleted once its records were made again
        // under the kept patient (the real server answers 500 to deleting a person who still has records).
        outcomes[.patient] = try await run(.patient) { !$0.deleted }
        for kind in [EntityKind.consultation, .intervention] {
            outcomes[kind] = try await run(kind)
        }
        let deletions = try await run(.patient) { $0.deleted }
        outcomes[.patient, default: Outcome()].add(deletions)
        return outcomes
    }

    func run(_ kind: EntityKind, only: (PendingRecord) -> Bool = { _ in true }) async throws(SyncError) -> Outcome {
        var outcome = Outcome()
        let records: [PendingRecord]
        do { records = try database.pendingRecords(kind).filter(only) } catch { throw SyncError.invalid("\(error)") }
        for (index, record) in records.enumerated() {
            progress?("\(kind.rawValue)s", index, records.count)
            var attempt = 0
            while true {
                do {
                    switch try await push(record, kind) {
                    case .sent: outcome.sent += 1
                    case .refused: outcome.refused += 1
                    }
                    break
                } catch let error as SyncError {
                    if case .notSignedIn = error { throw error }
                    try? database.markAttempted(record, error: error.description)
                    // Network errors and 5xx: tried again after a growing, jittered wait, within the time budget. A create
                    // whose answer was lost is looked for on the server before it is sent again.
                    let delay = Backoff.delay(attempt: attempt)
                    if QueuePush.isTransient(error), attempt < 3, server.hasTime(for: delay + 5) {
                        try? await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000))
                        attempt += 1
                        continue
                    }
                    outcome.unfinished += 1
                    break
                } catch {
                    try? database.markAttempted(record, error: "\(error)")
                    outcome.unfinished += 1
                    break
                }
            }
        }
        progress?("\(kind.rawValue)s", records.count, records.count)
        return outcome
    }

    func push(_ record: PendingRecord, _ kind: EntityKind) async throws -> Result {
        switch kind {
        case .patient: try await push(record)
        case .consultation: try await pushConsultation(record)
        default: try await pushIntervention(record)
        }
    }

    static func isTransient(_ error: SyncError) -> Bool {
        switch error {
        case .unreachable: true
        case .refused(let status, _): status >= 500 || status == 429
        default: false
        }
    }

    enum Result { case sent, refused }

    func push(_ record: PendingRecord) async throws -> Result {
        if record.deleted, let serverId = record.serverId, try database.mergedInto(patientId: record.entityId) != nil {
            return try await deleteMerged(record, serverId: serverId)
        }
        if record.deleted { return try await delete(record, path: "people") }
        let snapshot = QueuePush.snapshot(record)
        let body = QueuePush.personBody(snapshot)
        let json = try JSONSerialization.data(withJSONObject: body)
        if let serverId = record.serverId {
            let answer = try await server.send("PATCH", "people/\(serverId)", json: json)
            return try settle(record, answer, serverId: serverId, accept: [200])
        }
        return try await create(record, path: "people", body: body) { try await findPerson(body) }
    }

    /// A merged patient's person, once its records were made again under the kept patient. The real server answers 500
    /// while the person still has records (past interventions, which it cannot make again): the person then stays there,
    /// refused with the reason, shown by `tapp sync status`; nothing is lost.
    func deleteMerged(_ record: PendingRecord, serverId: String) async throws -> Result {
        if try database.hasPendingMoves() {
            throw SyncError.invalid("merged: waiting for its records to be made again under the kept patient")
        }
        let answer = try await server.send("DELETE", "people/\(serverId)")
        if [200, 404].contains(answer.status) { return try settle(record, answer, serverId: serverId, accept: [200, 404]) }
        // The real server answers 500, ours 409 with its reason.
        if answer.status == 500 || answer.status == 409 {
            try database.markRefused(record, reason: "merged here, but the server keeps this person: it still holds records it "
                + "cannot move to the kept patient (past interventions cannot be created again); they stay there under this person")
            return .refused
        }
        return try settle(record, answer, serverId: serverId, accept: [200, 404])
    }

    /// A delete: nothing to tell the server about a record made and deleted here before it was ever sent;
    /// otherwise DELETE, a 404 meaning it is already gone. The old copy of a record moved to another patient
    /// (`moved:…`) goes only once its new copy is on the server.
    func delete(_ record: PendingRecord, path: String) async throws -> Result {
        if let moved = try database.movedCopy(record), !moved.hasNewCopy {
            throw SyncError.invalid("its copy under the new patient is not on the server yet")
        }
        guard let serverId = record.serverId else {
            try database.markSent(record, serverId: nil)
            return .sent
        }
        return try settle(record, try await server.send("DELETE", "\(path)/\(serverId)"), serverId: serverId, accept: [200, 404])
    }

    /// The record as its last queued change left it.
    static func snapshot(_ record: PendingRecord) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(record.payload.utf8)) as? [String: Any]) ?? [:]
    }

    /// `finish: false` keeps the record queued after a success, only learning its server id (more must follow).
    func settle(_ record: PendingRecord, _ answer: SyncServer.Answer, serverId: String?, accept: Set<Int>,
                finish: Bool = true) throws -> Result {
        if accept.contains(answer.status) {
            if !finish, let serverId {
                try database.recordServerId(record, serverId: serverId)
                return .sent
            }
            try database.markSent(record, serverId: serverId)
            // The server's copy now is ours: its updatedAt must not look like a change made there at the next pull.
            if let serverId, !record.deleted, let updatedAt = answer.object()["updatedAt"] as? String {
                try database.rememberPushed(record.kind, localId: record.entityId, serverId: serverId, updatedAt: updatedAt)
            }
            return .sent
        }
        if [400, 403, 404, 409].contains(answer.status) {
            try database.markRefused(record, reason: "\(answer.status): \(answer.message)")
            return .refused
        }
        throw SyncError.refused(status: answer.status, message: answer.message)
    }

    /// A person on the server with the same name, phone and birth date.
    func findPerson(_ body: [String: Any]) async throws -> [String: Any]? {
        let name = body["fullName"] as? String
        var offset = 0
        while true {
            let page = try await server.send("GET", "people?limit=100&offset=\(offset)")
            guard page.status == 200 else { throw SyncError.refused(status: page.status, message: page.message) }
            let object = page.object()
            let people = object["data"] as? [[String: Any]] ?? []
            if let match = people.first(where: {
                $0["fullName"] as? String == name && $0["phone"] as? String == body["phone"] as? String
                    && ($0["birthdate"] as? String)?.prefix(10) == (body["birthdate"] as? String)?.prefix(10)
            }) {
                return match
            }
            offset += people.count
            if people.isEmpty || offset >= (object["total"] as? Int ?? 0) { return nil }
        }
    }

    /// The server's Person from our patient: first and last name joined, the birth date as a full date-time
    /// (a date alone makes the real server fail). Blood group, medical notes, channels and the emergency contact
    /// have no place on the server: they stay here (see docs/sync.md).
    static func personBody(_ snapshot: [String: Any]) -> [String: Any] {
        var body: [String: Any] = ["fullName": "\(snapshot["firstName"] as? String ?? "") \(snapshot["lastName"] as? String ?? "")"]
        if let birth = snapshot["dateOfBirth"] as? String { body["birthdate"] = "\(birth)T00:00:00.000Z" }
        for key in ["phone", "email", "address"] { if let value = snapshot[key] as? String { body[key] = value } }
        return body
    }
}
