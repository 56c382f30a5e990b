import Foundation
import TappDomain
import TappStore

extension QueuePush {
    /// A consultation: its patient must be on the server first; reason, diagnosis and treatment go into `notes` in
    /// labelled lines the pull can split back.
    func pushConsultation(_ record: PendingRecord) async throws -> Result {
        if record.deleted { return try await delete(record, path: "consultations") }
        let snapshot = QueuePush.snapshot(record)
        let person = try await parent(snapshot["patientId"] as? String)
        let doctorId = try serverDoctor(snapshot["doctorId"] as? String)
        var body: [String: Any] = ["personId": person, "doctorId": doctorId, "dateTime": snapshot["dateTime"] ?? "",
                                   "status": snapshot["status"] ?? "COMPLETED"]
        if let notes = ConsultationNotes.compose(snapshot) { body["notes"] = notes }
        if let attachments = snapshot["attachments"] as? [String], !attachments.isEmpty { body["attachments"] = attachments }
        if let serverId = record.serverId {
            body.removeValue(forKey: "personId")
            return try settle(record, try await server.send("PATCH", "consultations/\(serverId)", json: try json(body)), serverId: serverId, accept: [200])
        }
        return try await create(record, path: "consultations", body: body) {
            let found = try await lookupList("consultations?personId=\(person)&doctorId=\(doctorId)")
            return found.first { QueuePush.sameInstant($0["dateTimeUtc"], body["dateTime"]) }
        }
    }

    /// An intervention: its patient first; its rules pushed enabled when the server sends reminders, disabled
    /// (never an empty list, which would bring the server's J-1/H-1 SMS) when the clinic sends its own.
    func pushIntervention(_ record: PendingRecord) async throws -> Result {
        if record.deleted { return try await delete(record, path: "interventions") }
        let snapshot = QueuePush.snapshot(record)
        let person = try await parent(snapshot["patientId"] as? String)
        let doctorId = try serverDoctor(snapshot["doctorId"] as? String)
        var rules = (snapshot["rules"] as? [[String: Any]] ?? []).map { rule -> [String: Any] in
            ["offsetMinutes": rule["offsetMinutes"] ?? 0, "channel": rule["channel"] ?? "SMS",
             "enabled": reminders == .server && (rule["enabled"] as? Bool ?? true)]
        }
        if rules.isEmpty, reminders == .clinic { rules = [["offsetMinutes": -1440, "channel": "SMS", "enabled": false]] }
        var body: [String: Any] = ["personId": person, "doctorId": doctorId, "title": snapshot["title"] ?? "",
                                   "scheduledAt": snapshot["scheduledAt"] ?? "", "priority": snapshot["priority"] ?? "NORMAL",
                                   "rules": rules]
        for key in ["description", "location"] { if let value = snapshot[key] as? String { body[key] = value } }
        if let serverId = record.serverId {
            body["status"] = snapshot["status"] ?? "PLANNED"
            // The real server refuses a PATCH that sends a past time, even unchanged: send the time only if ahead.
            if let at = (snapshot["scheduledAt"] as? String).flatMap({ try? Instant.parse($0, field: "scheduledAt") }), at <= Date() {
                body.removeValue(forKey: "scheduledAt")
            }
            return try settle(record, try await server.send("PATCH", "interventions/\(serverId)", json: try json(body)),
                              serverId: serverId, accept: [200])
        }
        // A create cannot carry a status: one already started, done or cancelled here is created, then patched.
        let status = snapshot["status"] as? String ?? "PLANNED"
        let created = try await create(record, path: "interventions", body: body, finish: status == "PLANNED") {
            let found = try await lookupList("interventions?doctorId=\(doctorId)")
            return found.first {
                $0["personId"] as? String == person && $0["title"] as? String == body["title"] as? String
                    && QueuePush.sameInstant($0["scheduledAtUtc"], body["scheduledAt"])
            }
        }
        guard status != "PLANNED", created == .sent, let serverId = try database.serverId(of: .intervention, id: record.entityId) else {
            return created
        }
        var made = record
        made.serverId = serverId
        return try await pushIntervention(made)
    }

    /// A list looked through for a record a lost answer may have made. Anything but a list (a 500, a 429) is an
    /// error, never "not there": taking a failed look for an empty list would send the create twice.
    func lookupList(_ path: String) async throws -> [[String: Any]] {
        let answer = try await server.send("GET", path)
        guard answer.status == 200, let list = answer.json() as? [[String: Any]] else {
            throw SyncError.refused(status: answer.status, message: "looking for a record the server may already have: \(answer.message)")
        }
        return list
    }

    /// Two instants written by different hands (ours, the server's): the same to the millisecond, whatever the
    /// rounding of the fraction.
    static func sameInstant(_ a: Any?, _ b: Any?) -> Bool {
        guard let a = (a as? String).flatMap({ try? Instant.parse($0, field: "at") }),
              let b = (b as? String).flatMap({ try? Instant.parse($0, field: "at") }) else { return false }
        return abs(a.timeIntervalSince(b)) < 0.002
    }

    /// The server's doctor for a local doctor: the one it is mapped to (`tapp sync map-doctor`), else the signed-in
    /// account's Doctor profile; or why there is none.
    func serverDoctor(_ localDoctorId: String?) throws -> String {
        if let localDoctorId, let mapped = try database.serverId(of: .doctor, id: localDoctorId) { return mapped }
        guard let doctorId else {
            throw SyncError.invalid("no server doctor for this record: map its doctor (`tapp sync map-doctor`) or sign in with a doctor's account")
        }
        return doctorId
    }

    /// The server id of a record's patient, or an error that leaves the record queued until its patient is sent.
    func parent(_ patientId: String?) async throws -> String {
        guard let patientId, let serverId = try database.serverId(of: .patient, id: patientId) else {
            throw SyncError.invalid("its patient is not on the server yet")
        }
        return serverId
    }

    /// A create, with the look on the server first when an earlier try may have been committed unanswered.
    /// `finish: false` leaves the record queued once the server has it (a change must follow).
    func create(_ record: PendingRecord, path: String, body: [String: Any], finish: Bool = true,
                lookup: () async throws -> [String: Any]?) async throws -> Result {
        /// The server's copy found: ours from now on, its `updatedAt` remembered so the pull does not take it for
        /// a change made there.
        func adopt(_ found: [String: Any]) throws -> Result {
            guard let serverId = found["id"] as? String else { throw SyncError.invalid("the server listed a record without id") }
            if finish { try database.markSent(record, serverId: serverId) } else { try database.recordServerId(record, serverId: serverId) }
            if let updatedAt = found["updatedAt"] as? String {
                try database.rememberPushed(record.kind, localId: record.entityId, serverId: serverId, updatedAt: updatedAt)
            }
            return .sent
        }
        if try database.hadUnansweredTry(record), let adopted = try await lookup() { return try adopt(adopted) }
        // Written before the request goes: if this process dies before the answer (kill -9, power cut), the next run
        // knows the create may be on the server and looks for it before sending it again.
        try database.markAttempted(record, error: "sent, no answer yet")
        do {
            let answer = try await server.send("POST", path, json: try json(body))
            return try settle(record, answer, serverId: answer.object()["id"] as? String, accept: [200, 201], finish: finish)
        } catch let error as SyncError {
            if let adopted = try? await lookup() { return try adopt(adopted) }
            throw error
        }
    }

    func json(_ body: [String: Any]) throws -> Data { try JSONSerialization.data(withJSONObject: body) }
}
