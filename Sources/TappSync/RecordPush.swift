import Foundation
import TappAPI
import TappDomain
import TappStore

/// Pushes one record's folded changes in requests of its own: create, PATCH or DELETE, the lost answer of a create
/// recovered (replayed by its idempotency key, or looked for on a server without keys), the answer settled.
struct RecordPush: Sendable {
    let database: ClinicDatabase
    let server: AuthorizedServer
    let doctorId: String?
    let reminders: QueuePush.ReminderOwner
    let features: ServerFeatures

    /// Network errors and 5xx: tried again after a growing, jittered wait, within the time budget.
    func pushWithRetries(_ record: PendingRecord) async throws(SyncError) -> QueuePush.PushResult {
        for attempt in 0..<4 {
            do {
                return try await push(record)
            } catch let error as SyncError {
                if QueuePush.endsRun(error) { throw error }
                try? database.markAttempted(record, error: error.description)
                let delay = Backoff.delay(attempt: attempt)
                guard QueuePush.isTransient(error), attempt < 3, server.hasTime(for: delay + 1) else { return .unfinished }
                try? await Task.sleep(for: .seconds(delay))
            } catch {
                try? database.markAttempted(record, error: "\(error)")
                return .unfinished
            }
        }
        return .unfinished
    }

    func push(_ record: PendingRecord) async throws -> QueuePush.PushResult {
        switch record.snapshot {
        case .patient(let patient): return try await pushPatient(record, patient)
        case .consultation(let consultation): return try await pushConsultation(record, consultation)
        case .intervention(let intervention, let rules): return try await pushIntervention(record, intervention, rules)
        case .movedCopy: return try await delete(record, RecordPush.deletion(record.kind))
        case .unreadable(let why):
            try database.markRefused(record, reason: "this queued change cannot be read back (\(why)): see the audit log")
            return .refused
        }
    }

    static func deletion(_ kind: EntityKind) -> (String) -> Endpoint {
        switch kind {
        case .patient: Endpoint.deletePerson
        case .consultation: Endpoint.deleteConsultation
        default: Endpoint.deleteIntervention
        }
    }

    // MARK: patients

    func pushPatient(_ record: PendingRecord, _ patient: Patient) async throws -> QueuePush.PushResult {
        if record.deleted, let serverId = record.serverId, try database.mergedInto(patientId: record.entityId) != nil {
            return try await deleteMerged(record, serverId: serverId)
        }
        if record.deleted { return try await delete(record, Endpoint.deletePerson) }
        let body = ServerBodies.person(patient)
        if let serverId = record.serverId {
            return try settle(record, try await server.send(try WireRequest(.updatePerson(serverId), encoding: body)), Person.self, accept: [200])
        }
        return try await create(record, WireRequest(.createPerson, encoding: body), Person.self) { try await findPerson(body).map { ($0.id, $0.updatedAt) } }
    }

    /// A merged patient's person, once its records were made again under the kept patient. The real server answers 500
    /// while the person still has records (past interventions, which it cannot make again): the person then stays there,
    /// refused with the reason, shown by `tapp sync status`; nothing is lost.
    func deleteMerged(_ record: PendingRecord, serverId: String) async throws -> QueuePush.PushResult {
        if try database.hasPendingMoves() {
            throw SyncError.invalid("merged: waiting for its records to be made again under the kept patient")
        }
        let answer = try await server.send(WireRequest(.deletePerson(serverId)))
        if answer.status == 500 || answer.status == 409 {
            try database.markRefused(record, reason: "merged here, but the server keeps this person: it still holds records it "
                + "cannot move to the kept patient (past interventions cannot be created again); they stay there under this person")
            return .refused
        }
        return try settleDeletion(record, answer)
    }

    /// A person on the server with the same name, phone and birth date (the real server's search always fails: paged).
    func findPerson(_ body: PersonBody) async throws -> Person? {
        var offset = 0
        for _ in 0..<100_000 {
            let answer = try await server.send(WireRequest(.people(limit: 100, offset: offset)))
            guard answer.status == 200 else { throw SyncError.refused(status: answer.status, message: answer.message) }
            let page = try answer.decode(Page<Person>.self)
            if let match = page.data.first(where: {
                $0.fullName == body.fullName && $0.phone == body.phone
                    && $0.birthdate?.canonical.text.prefix(10) == body.birthdate?.canonical.text.prefix(10)
            }) {
                return match
            }
            offset += page.data.count
            if page.data.isEmpty || offset >= page.total { return nil }
        }
        return nil
    }

    // MARK: consultations and interventions

    /// A consultation: its patient must be on the server first.
    func pushConsultation(_ record: PendingRecord, _ consultation: TappDomain.Consultation) async throws -> QueuePush.PushResult {
        if record.deleted { return try await delete(record, Endpoint.deleteConsultation) }
        let person = try parent(consultation.patientId)
        let doctor = try serverDoctor(consultation.doctorId)
        if let serverId = record.serverId {
            let body = ServerBodies.consultation(consultation, personId: nil, doctorId: doctor)
            return try settle(record, try await server.send(try WireRequest(.updateConsultation(serverId), encoding: body)),
                              TappAPI.Consultation.self, accept: [200])
        }
        let body = ServerBodies.consultation(consultation, personId: person, doctorId: doctor)
        return try await create(record, WireRequest(.createConsultation, encoding: body), TappAPI.Consultation.self) {
            try await lookup([TappAPI.Consultation].self, .consultations(personId: person, doctorId: doctor))
                .first { RecordPush.sameInstant($0.dateTimeUtc, body.dateTime) }.map { ($0.id, $0.updatedAt) }
        }
    }

    /// An intervention: its patient first. A create cannot carry a status: one already started, done or cancelled
    /// here is created, then patched.
    func pushIntervention(_ record: PendingRecord, _ intervention: TappDomain.Intervention, _ rules: [ReminderRuleSpec]) async throws -> QueuePush.PushResult {
        if record.deleted { return try await delete(record, Endpoint.deleteIntervention) }
        let person = try parent(intervention.patientId)
        let doctor = try serverDoctor(intervention.doctorId)
        if let serverId = record.serverId {
            let body = ServerBodies.intervention(intervention, rules: rules, personId: person, doctorId: doctor, reminders: reminders, create: false)
            return try settle(record, try await server.send(try WireRequest(.updateIntervention(serverId), encoding: body)),
                              TappAPI.Intervention.self, accept: [200])
        }
        let body = ServerBodies.intervention(intervention, rules: rules, personId: person, doctorId: doctor, reminders: reminders, create: true)
        let planned = intervention.status == .planned
        let created = try await create(record, WireRequest(.createIntervention, encoding: body), TappAPI.Intervention.self, finish: planned) {
            try await lookup([TappAPI.Intervention].self, .interventions(doctorId: doctor)).first {
                $0.personId == person && $0.title == body.title && RecordPush.sameInstant($0.scheduledAtUtc, body.scheduledAt)
            }.map { ($0.id, $0.updatedAt) }
        }
        guard !planned, created == .sent, let serverId = try database.serverId(of: .intervention, id: record.entityId) else { return created }
        var made = record
        made.serverId = serverId
        return try await pushIntervention(made, intervention, rules)
    }

    // MARK: the requests

    /// A list looked through for a record a lost answer may have made. Anything but a list (a 500, a 429) is an
    /// error, never "not there": taking a failed look for an empty list would send the create twice.
    func lookup<T: Decodable>(_ type: [T].Type, _ endpoint: Endpoint) async throws -> [T] {
        let answer = try await server.send(WireRequest(endpoint))
        guard answer.status == 200 else {
            throw SyncError.refused(status: answer.status, message: "looking for a record the server may already have: \(answer.message)")
        }
        return try answer.decode(type)
    }

    /// The server's doctor for a local doctor: the one it is mapped to (`tapp sync map-doctor`), else the signed-in
    /// account's Doctor profile; or why there is none.
    func serverDoctor(_ localDoctorId: String) throws -> String {
        if let mapped = try database.serverId(of: .doctor, id: localDoctorId) { return mapped }
        guard let doctorId else {
            throw SyncError.invalid("no server doctor for this record: map its doctor (`tapp sync map-doctor`) or sign in with a doctor's account")
        }
        return doctorId
    }

    /// The server id of a record's patient, or an error that leaves the record queued until its patient is sent.
    func parent(_ patientId: String) throws -> String {
        guard let serverId = try database.serverId(of: .patient, id: patientId) else {
            throw SyncError.invalid("its patient is not on the server yet")
        }
        return serverId
    }

    /// A create. With a server that keeps idempotency keys, a retry is simply sent again with the same key. With one
    /// that does not, an earlier try that may have been committed unanswered is looked for on the server first.
    /// `finish: false` leaves the record queued once the server has it (a change must follow).
    func create<T: Decodable & ServerCopy>(_ record: PendingRecord, _ request: WireRequest, _ type: T.Type, finish: Bool = true,
                                            lookup: () async throws -> (id: String, updatedAt: WireInstant)?) async throws -> QueuePush.PushResult {
        var request = request
        request.headers[WireHeader.idempotencyKey] = try RecordPush.createKey(record, database)
        if !features.idempotencyKeys, try database.hadUnansweredTry(record), let found = try await lookup() {
            try database.settlePushed(record, PushedCopy(serverId: found.id, updatedAt: found.updatedAt.text), finish: finish)
            return .sent
        }
        // Written before the request goes: if this process dies before the answer (kill -9, power cut), the next run
        // knows the create may be on the server.
        try database.markAttempted(record, error: "sent, no answer yet")
        do {
            return try settle(record, try await server.send(request), type, accept: [200, 201], finish: finish)
        } catch let error as SyncError {
            if QueuePush.endsRun(error) || features.idempotencyKeys { throw error }
            if let found = try? await lookup() {
                try database.settlePushed(record, PushedCopy(serverId: found.id, updatedAt: found.updatedAt.text), finish: finish)
                return .sent
            }
            throw error
        }
    }

    /// Two instants written by different hands (ours, the server's): the same to the millisecond, whatever the
    /// rounding of the fraction.
    static func sameInstant(_ a: WireInstant?, _ b: WireInstant?) -> Bool {
        guard let a, let b else { return false }
        return abs(a.date.timeIntervalSince(b.date)) < 0.002
    }

    /// The key of a record's create: the same on every try, whatever was changed since; a record is created once.
    /// A record moved to another patient (a merge) is made again there while its old copy waits to be deleted: its
    /// key then names that old copy, so that the server does not take the new copy for the old one's request (a 422:
    /// the key already served another body), and stays the same on every try of that move.
    static func createKey(_ record: PendingRecord, _ database: ClinicDatabase) throws -> String {
        let key = "create:\(record.kind.rawValue):\(record.entityId)"
        guard record.kind == .consultation || record.kind == .intervention,
              let old = try database.oldCopyWaiting(record.kind, localId: record.entityId) else { return key }
        return key + ":moved-from:" + old
    }

    /// A delete: nothing to tell the server about a record made and deleted here before it was ever sent;
    /// otherwise DELETE, a 404 meaning it is already gone. The old copy of a record moved to another patient
    /// (`moved:…`) goes only once its new copy is on the server.
    func delete(_ record: PendingRecord, _ endpoint: (String) -> Endpoint) async throws -> QueuePush.PushResult {
        if let moved = try database.movedCopy(record), !moved.hasNewCopy {
            throw SyncError.invalid("its copy under the new patient is not on the server yet")
        }
        guard let serverId = record.serverId else {
            try database.settlePushed(record, PushedCopy(serverId: nil, updatedAt: nil))
            return .sent
        }
        return try settleDeletion(record, try await server.send(WireRequest(endpoint(serverId))))
    }

    func settleDeletion(_ record: PendingRecord, _ answer: WireAnswer) throws -> QueuePush.PushResult {
        if [200, 204, 404].contains(answer.status) {
            try database.settlePushed(record, PushedCopy(serverId: record.serverId, updatedAt: nil))
            return .sent
        }
        return try refuseOrThrow(record, answer)
    }

    /// The server's answer to a create or PATCH: its copy settles the record, a refusal parks it, anything else is
    /// an error for the retry loop. `finish: false` keeps the record queued after a success, only learning its id.
    func settle<T: Decodable & ServerCopy>(_ record: PendingRecord, _ answer: WireAnswer, _ type: T.Type, accept: Set<Int>,
                                           finish: Bool = true) throws -> QueuePush.PushResult {
        guard accept.contains(answer.status) else { return try refuseOrThrow(record, answer) }
        let copy = try answer.decode(type)
        try database.settlePushed(record, PushedCopy(serverId: copy.id, updatedAt: copy.updatedAt.text), finish: finish)
        return .sent
    }

    func refuseOrThrow(_ record: PendingRecord, _ answer: WireAnswer) throws -> QueuePush.PushResult {
        if RecordPush.isRefusal(answer.status) {
            try database.markRefused(record, reason: "\(answer.status): \(answer.message)")
            return .refused
        }
        throw SyncError.refused(status: answer.status, message: answer.message)
    }

    /// The statuses that mean the server will not take this change as it is (sending it again would not help).
    static func isRefusal(_ status: Int) -> Bool { [400, 403, 404, 409, 413, 422].contains(status) }
}

/// A record the server answers with: its id and when it last changed.
protocol ServerCopy {
    var id: String { get }
    var updatedAt: WireInstant { get }
}

extension Person: ServerCopy {}
extension TappAPI.Consultation: ServerCopy {}
extension TappAPI.Intervention: ServerCopy {}
