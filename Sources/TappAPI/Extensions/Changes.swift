import Foundation

/// `GET /sync/changes?after=CURSOR&limit=N`: the records changed after a cursor, oldest change first, each record once
/// in its latest state, deletions as tombstones. `cursor` is where the next call starts; `more` says whether it
/// should come at once. A first call without `after` starts from the beginning.
public struct ChangesPage: Codable, Sendable, Equatable {
    public var changes: [Change]
    public var cursor: String
    public var more: Bool

    public init(changes: [Change], cursor: String, more: Bool) {
        self.changes = changes
        self.cursor = cursor
        self.more = more
    }
}

/// One changed record: the record itself (an intervention with its rules and reminders), or its tombstone.
public struct Change: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case person, consultation, intervention
    }

    public var kind: Kind
    public var id: String
    public var deleted: Bool
    public var person: Person?
    public var consultation: Consultation?
    public var intervention: Intervention?

    public init(kind: Kind, id: String, deleted: Bool, person: Person? = nil, consultation: Consultation? = nil,
                intervention: Intervention? = nil) {
        self.kind = kind
        self.id = id
        self.deleted = deleted
        self.person = person
        self.consultation = consultation
        self.intervention = intervention
    }

    public static func tombstone(_ kind: Kind, id: String) -> Change { Change(kind: kind, id: id, deleted: true) }

    enum CodingKeys: String, CodingKey { case kind, id, deleted, person, consultation, intervention }

    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }

    public func writeFields<Fields: WireFields>(to fields: inout Fields) throws {
        try fields.field("kind", kind)
        try fields.field("id", id)
        try fields.field("deleted", deleted)
        try fields.field("person", ifPresent: person)
        try fields.field("consultation", ifPresent: consultation)
        try fields.field("intervention", ifPresent: intervention)
    }
}

extension Change: WireObject {}
