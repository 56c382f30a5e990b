import Foundation
import Testing

/// The columns of each record as the real server's Prisma schema has them (users without `password`), and checks
/// that hold for every answer: no password hash anywhere, every instant ISO 8601 UTC with milliseconds.
enum AnswerShapes {
    static let person: Set = ["id", "fullName", "birthdate", "phone", "email", "address", "createdAt", "updatedAt"]
    static let organization: Set = ["id", "name", "createdAt", "updatedAt"]
    static let user: Set = ["id", "email", "phone", "role", "timezone", "isActive", "organizationId", "createdAt", "updatedAt"]
    static let signedInUser: Set = ["id", "email", "role", "timezone", "organization", "doctor"]
    static let doctor: Set = ["id", "userId", "speciality", "license", "isActive", "createdAt", "updatedAt"]
    static let link: Set = ["personId", "orgId", "startAt", "endAt", "role", "isActive", "createdAt", "updatedAt"]
    static let consultation: Set = ["id", "personId", "doctorId", "dateTimeUtc", "notes", "attachments", "status", "createdAt", "updatedAt"]
    static let intervention: Set = ["id", "personId", "doctorId", "title", "description", "scheduledAtUtc", "priority", "status", "location",
                                    "createdAt", "updatedAt"]
    static let rule: Set = ["id", "interventionId", "offsetMinutes", "channel", "enabled", "createdAt", "updatedAt"]
    static let reminder: Set = ["id", "interventionId", "type", "plannedSendUtc", "message", "recipient", "status", "lastError",
                                "idempotencyKey", "sentAt", "createdAt", "updatedAt"]
    static let notificationLog: Set = ["id", "reminderId", "channel", "to", "payload", "status", "providerMsgId", "error", "deliveredAt",
                                       "readAt", "createdAt"]

    /// The same JSON value (numbers, strings, nulls, nested), whatever the key order.
    static func same(_ one: Any?, _ other: Any?) -> Bool {
        guard let one, let other,
              let a = try? JSONSerialization.data(withJSONObject: one, options: [.sortedKeys, .fragmentsAllowed]),
              let b = try? JSONSerialization.data(withJSONObject: other, options: [.sortedKeys, .fragmentsAllowed]) else { return false }
        return a == b
    }

    static func keys(_ value: Any?) -> Set<String> { Set((value as? [String: Any])?.keys.map { $0 } ?? []) }

    static func first(_ value: Any?) -> Any? { (value as? [Any])?.first }

    /// `object` has exactly `columns` plus `relations`.
    static func expect(_ object: Any?, _ columns: Set<String>, plus relations: Set<String> = [], _ what: String,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        let found = keys(object), wanted = columns.union(relations)
        let note = "\(what): extra \(found.subtracting(wanted).sorted()), missing \(wanted.subtracting(found).sorted())"
        #expect(found == wanted, Comment(rawValue: note), sourceLocation: sourceLocation)
    }

    static var instant: Regex<Substring> { #/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/# }
    static let instantKeys: Set = ["birthdate", "dateTimeUtc", "scheduledAtUtc", "plannedSendUtc", "startAt", "endAt", "sentAt",
                                   "deliveredAt", "readAt", "createdAt", "updatedAt"]

    /// Walks a whole answer: no `password` key anywhere, every instant in the API's one format.
    static func expectClean(_ value: Any?, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        if let object = value as? [String: Any] {
            #expect(object["password"] == nil, "\(what) carries a password", sourceLocation: sourceLocation)
            for (key, item) in object {
                if instantKeys.contains(key), let text = item as? String {
                    #expect(text.wholeMatch(of: instant) != nil, "\(what).\(key) = \(text)", sourceLocation: sourceLocation)
                }
                expectClean(item, "\(what).\(key)", sourceLocation: sourceLocation)
            }
        } else if let list = value as? [Any] {
            for item in list { expectClean(item, what, sourceLocation: sourceLocation) }
        }
    }

    static var cuid: Regex<Substring> { #/^c[0-9a-z]{24}$/# }
    static func isCuid(_ value: Any?) -> Bool { (value as? String)?.wholeMatch(of: cuid) != nil }
}
