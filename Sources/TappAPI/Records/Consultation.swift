import Foundation
import TappDomain

/// A consultation: `{id, personId, doctorId, dateTimeUtc, notes, attachments, status, createdAt, updatedAt}`, with its
/// person and doctor when a route includes them.
public struct Consultation: Codable, Sendable, Equatable {
    public var id: String
    public var personId: String
    public var doctorId: String
    public var dateTimeUtc: WireInstant
    public var notes: String?
    public var attachments: Attachments?
    public var status: ConsultationStatus
    public var createdAt: WireInstant
    public var updatedAt: WireInstant
    @Boxed public var person: Person?
    @Boxed public var doctor: Doctor?

    public init(id: String, personId: String, doctorId: String, dateTimeUtc: WireInstant, notes: String? = nil,
                attachments: Attachments? = nil, status: ConsultationStatus = .completed, createdAt: WireInstant,
                updatedAt: WireInstant, person: Person? = nil, doctor: Doctor? = nil) {
        self.id = id
        self.personId = personId
        self.doctorId = doctorId
        self.dateTimeUtc = dateTimeUtc
        self.notes = notes
        self.attachments = attachments
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.person = person
        self.doctor = doctor
    }

    enum CodingKeys: String, CodingKey {
        case id, personId, doctorId, dateTimeUtc, notes, attachments, status, createdAt, updatedAt, person, doctor
    }

    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }

    public func writeFields<Fields: WireFields>(to fields: inout Fields) throws {
        try fields.field("id", id)
        try fields.field("personId", personId)
        try fields.field("doctorId", doctorId)
        try fields.field("dateTimeUtc", dateTimeUtc)
        try fields.field("notes", notes)
        try fields.field("attachments", attachments)
        try fields.field("status", status)
        try fields.field("createdAt", createdAt)
        try fields.field("updatedAt", updatedAt)
        try fields.field("person", ifPresent: person)
        try fields.field("doctor", ifPresent: doctor)
    }

    /// The attachments as a list: stored text that is not a list counts as none.
    public var attachmentList: [String] {
        if case .list(let items) = attachments { return items }
        return []
    }
}

/// A consultation's attachments as the server stores them (JSON text in a column): read back as a list, except an
/// empty text, which the real server hands out as it is, and the raw text some routes return unparsed.
public enum Attachments: Codable, Sendable, Equatable {
    case list([String])
    case text(String)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .text(text)
        } else {
            self = .list(try container.decode([String].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .list(let items): try container.encode(items)
        case .text(let text): try container.encode(text)
        }
    }
}

extension Consultation: WireObject {}
