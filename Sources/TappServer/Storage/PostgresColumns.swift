/// The schema's names as the routes know them (`fullName`), from the lower-case ones PostgreSQL gives back for
/// unquoted names (`fullname`).
enum PostgresColumns {
    static let names = [
        "id", "name", "createdAt", "updatedAt", "email", "password", "phone", "role", "timezone", "isActive", "organizationId",
        "userId", "speciality", "license", "fullName", "birthdate", "address", "personId", "orgId", "startAt", "endAt",
        "doctorId", "dateTimeUtc", "notes", "attachments", "status", "title", "description", "scheduledAtUtc", "priority",
        "location", "interventionId", "offsetMinutes", "channel", "enabled", "type", "plannedSendUtc", "message", "recipient",
        "lastError", "idempotencyKey", "sentAt", "reminderId", "to", "payload", "providerMsgId", "error", "deliveredAt", "readAt",
        "startedAt", "finishedAt", "leaseUntil", "owner", "attempts", "n", "doctorEmail", "rowid",
        "claimedAt", "fingerprint", "body", "key", "seq", "kind", "recordId", "deleted", "orgName", "orgCreatedAt", "orgUpdatedAt", "total",
    ]
    static let byFolded: [String: String] = Dictionary(uniqueKeysWithValues: names.map { ($0.lowercased(), $0) })

    static func named(_ folded: String) -> String { byFolded[folded] ?? folded }
}
