/// The order of the keys in every answer, always the same: a record lists its columns in the order of the real
/// server's Prisma model (`apps/api/prisma/schema.prisma`), then its included relations; the other answers in the
/// order the real server's code builds them. A key no order names comes after, alphabetically.
enum AnswerKeyOrder {
    static let organization = ["id", "name", "createdAt", "updatedAt", "people", "users"]
    static let user = ["id", "email", "phone", "role", "timezone", "password", "isActive", "createdAt", "updatedAt", "organizationId",
                       "organization", "doctor"]
    static let doctor = ["id", "userId", "speciality", "license", "isActive", "createdAt", "updatedAt", "user"]
    static let person = ["id", "fullName", "birthdate", "phone", "email", "address", "createdAt", "updatedAt",
                         "organizations", "consultations", "interventions"]
    static let link = ["personId", "orgId", "startAt", "endAt", "role", "isActive", "createdAt", "updatedAt", "person", "org"]
    static let consultation = ["id", "personId", "doctorId", "dateTimeUtc", "notes", "attachments", "status", "createdAt", "updatedAt",
                               "person", "doctor"]
    static let intervention = ["id", "personId", "doctorId", "title", "description", "scheduledAtUtc", "priority", "status", "location",
                               "createdAt", "updatedAt", "person", "doctor", "reminders", "rules"]
    static let rule = ["id", "interventionId", "offsetMinutes", "channel", "enabled", "createdAt", "updatedAt", "intervention"]
    static let reminder = ["id", "interventionId", "type", "plannedSendUtc", "message", "recipient", "status", "lastError",
                           "idempotencyKey", "sentAt", "createdAt", "updatedAt", "intervention", "notificationLogs"]
    static let notificationLog = ["id", "reminderId", "channel", "to", "payload", "status", "providerMsgId", "error", "deliveredAt",
                                  "readAt", "createdAt", "reminder"]
    /// NestJS 10's `HttpException` body (`{message, error, statusCode}`), and its bare one (`{statusCode, message}`).
    static let error = ["message", "error", "statusCode"]
    static let bareError = ["statusCode", "message"]

    /// Which order an object follows, told by a key only its kind has.
    static let kinds: [(signature: [String], order: [String])] = [
        (["fullName"], person), (["scheduledAtUtc"], intervention), (["dateTimeUtc"], consultation), (["plannedSendUtc"], reminder),
        (["offsetMinutes"], rule), (["providerMsgId"], notificationLog), (["orgId"], link), (["speciality"], doctor),
        (["userId"], doctor), (["timezone"], user), (["access_token"], ["access_token", "refresh_token", "user"]),
        (["data", "total"], ["data", "total", "limit", "offset"]),
        (["totalPeople"], ["totalPeople", "totalUsers", "totalConsultations", "totalInterventions"]),
        (["organization", "stats"], ["organization", "stats"]),
        (["successRate"], ["total", "sent", "failed", "pending", "cancelled", "successRate"]),
        (["statusCode", "error"], error), (["statusCode"], bareError),
        (["status", "database"], ["status", "database"]), (["success"], ["sid", "id", "messageId", "success"]),
        (["id", "name", "createdAt"], organization),
    ]

    /// Each kind's order as a set, to tell a key no order names.
    static let named: [Set<String>] = kinds.map { Set($0.order) }

    /// Which kind's order `object` follows (an index in `kinds`), if any.
    static func kind(of object: [String: Any]) -> Int? {
        kinds.firstIndex { kind in kind.signature.allSatisfy { object[$0] != nil } }
    }

    /// The keys of `object` that its kind's order does not name, alphabetically: written after the named ones.
    static func unnamed(in object: [String: Any], kind: Int?) -> [String] {
        guard let kind else { return object.keys.sorted() }
        return object.keys.filter { !named[kind].contains($0) }.sorted()
    }

    /// The keys of `object` in the order they are written.
    static func keys(of object: [String: Any]) -> [String] {
        guard let kind = kind(of: object) else { return object.keys.sorted() }
        let listed = kinds[kind].order.filter { object[$0] != nil }
        // Every key named (the usual case): nothing else to look for.
        guard listed.count < object.count else { return listed }
        return listed + unnamed(in: object, kind: kind)
    }
}
