import Foundation
import TappDomain

/// An account: `{id, email, phone, role, timezone, isActive, createdAt, updatedAt, organizationId}`, with its
/// organization and doctor profile when a route includes them. `password` (the bcrypt hash) is never written by
/// our server; the real one leaks it in some answers, which is why the type can carry it.
public struct User: Codable, Sendable, Equatable {
    public var id: String
    public var email: String
    public var phone: String?
    /// The real server's role column is free text (a substring test guards the routes): kept as written.
    public var role: String?
    public var timezone: String
    public var password: String?
    public var isActive: Bool
    public var createdAt: WireInstant
    public var updatedAt: WireInstant
    public var organizationId: String?
    @Boxed public var organization: Organization?
    @Boxed public var doctor: Doctor?

    public init(id: String, email: String, phone: String? = nil, role: String? = nil, timezone: String = "Africa/Douala",
                password: String? = nil, isActive: Bool = true, createdAt: WireInstant, updatedAt: WireInstant,
                organizationId: String? = nil, organization: Organization? = nil, doctor: Doctor? = nil) {
        self.id = id
        self.email = email
        self.phone = phone
        self.role = role
        self.timezone = timezone
        self.password = password
        self.isActive = isActive
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.organizationId = organizationId
        self.organization = organization
        self.doctor = doctor
    }

    /// The role as the clinic knows it, when it is one of the four.
    public var knownRole: Role? { role.flatMap(Role.init(rawValue:)) }

    enum CodingKeys: String, CodingKey {
        case id, email, phone, role, timezone, password, isActive, createdAt, updatedAt, organizationId, organization, doctor
    }

    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }

    public func writeFields<Fields: WireFields>(to fields: inout Fields) throws {
        try fields.field("id", id)
        try fields.field("email", email)
        try fields.field("phone", phone)
        try fields.field("role", role)
        try fields.field("timezone", timezone)
        try fields.field("password", ifPresent: password)
        try fields.field("isActive", isActive)
        try fields.field("createdAt", createdAt)
        try fields.field("updatedAt", updatedAt)
        try fields.field("organizationId", organizationId)
        try fields.field("organization", ifPresent: organization)
        try fields.field("doctor", ifPresent: doctor)
    }
}

/// A doctor's profile, one per account at most: its id is what consultations and interventions name.
public struct Doctor: Codable, Sendable, Equatable {
    public var id: String
    public var userId: String
    public var speciality: String?
    public var license: String?
    public var isActive: Bool
    public var createdAt: WireInstant
    public var updatedAt: WireInstant
    @Boxed public var user: User?

    public init(id: String, userId: String, speciality: String? = nil, license: String? = nil, isActive: Bool = true,
                createdAt: WireInstant, updatedAt: WireInstant, user: User? = nil) {
        self.id = id
        self.userId = userId
        self.speciality = speciality
        self.license = license
        self.isActive = isActive
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.user = user
    }

    enum CodingKeys: String, CodingKey { case id, userId, speciality, license, isActive, createdAt, updatedAt, user }

    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }

    public func writeFields<Fields: WireFields>(to fields: inout Fields) throws {
        try fields.field("id", id)
        try fields.field("userId", userId)
        try fields.field("speciality", speciality)
        try fields.field("license", license)
        try fields.field("isActive", isActive)
        try fields.field("createdAt", createdAt)
        try fields.field("updatedAt", updatedAt)
        try fields.field("user", ifPresent: user)
    }
}

extension User: WireObject {}
extension Doctor: WireObject {}
