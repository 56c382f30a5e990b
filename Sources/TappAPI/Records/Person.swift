import Foundation

/// A person (a patient): `{id, fullName, birthdate, phone, email, address, createdAt, updatedAt}`, then what a route
/// includes (organizations, consultations, interventions). Columns without a value are written as `null`; relations
/// a route does not include are left out.
public struct Person: Codable, Sendable, Equatable {
    public var id: String
    public var fullName: String
    public var birthdate: WireInstant?
    public var phone: String?
    public var email: String?
    public var address: String?
    public var createdAt: WireInstant
    public var updatedAt: WireInstant
    public var organizations: [OrganizationLink]?
    public var consultations: [Consultation]?
    public var interventions: [Intervention]?

    public init(id: String, fullName: String, birthdate: WireInstant? = nil, phone: String? = nil, email: String? = nil,
                address: String? = nil, createdAt: WireInstant, updatedAt: WireInstant, organizations: [OrganizationLink]? = nil,
                consultations: [Consultation]? = nil, interventions: [Intervention]? = nil) {
        self.id = id
        self.fullName = fullName
        self.birthdate = birthdate
        self.phone = phone
        self.email = email
        self.address = address
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.organizations = organizations
        self.consultations = consultations
        self.interventions = interventions
    }

    enum CodingKeys: String, CodingKey {
        case id, fullName, birthdate, phone, email, address, createdAt, updatedAt, organizations, consultations, interventions
    }

    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }

    public func writeFields<Fields: WireFields>(to fields: inout Fields) throws {
        try fields.field("id", id)
        try fields.field("fullName", fullName)
        try fields.field("birthdate", birthdate)
        try fields.field("phone", phone)
        try fields.field("email", email)
        try fields.field("address", address)
        try fields.field("createdAt", createdAt)
        try fields.field("updatedAt", updatedAt)
        try fields.field("organizations", ifPresent: organizations)
        try fields.field("consultations", ifPresent: consultations)
        try fields.field("interventions", ifPresent: interventions)
    }
}

extension Person: WireObject {}
