import Foundation

/// An organization (a clinic, a hospital): `{id, name, createdAt, updatedAt}`, with its people's links and its users
/// when a route includes them.
public struct Organization: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var createdAt: WireInstant
    public var updatedAt: WireInstant
    public var people: [OrganizationLink]?
    public var users: [User]?

    public init(id: String, name: String, createdAt: WireInstant, updatedAt: WireInstant, people: [OrganizationLink]? = nil,
                users: [User]? = nil) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.people = people
        self.users = users
    }

    enum CodingKeys: String, CodingKey { case id, name, createdAt, updatedAt, people, users }

    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }

    public func writeFields<Fields: WireFields>(to fields: inout Fields) throws {
        try fields.field("id", id)
        try fields.field("name", name)
        try fields.field("createdAt", createdAt)
        try fields.field("updatedAt", updatedAt)
        try fields.field("people", ifPresent: people)
        try fields.field("users", ifPresent: users)
    }
}

/// A person's place in an organization (`person_organizations`, keyed by the pair): detached links stay with
/// `isActive: false` and their `endAt`.
public struct OrganizationLink: Codable, Sendable, Equatable {
    public var personId: String
    public var orgId: String
    public var startAt: WireInstant
    public var endAt: WireInstant?
    public var role: String?
    public var isActive: Bool
    public var createdAt: WireInstant
    public var updatedAt: WireInstant
    @Boxed public var person: Person?
    @Boxed public var org: Organization?

    public init(personId: String, orgId: String, startAt: WireInstant, endAt: WireInstant? = nil, role: String? = nil,
                isActive: Bool = true, createdAt: WireInstant, updatedAt: WireInstant, person: Person? = nil, org: Organization? = nil) {
        self.personId = personId
        self.orgId = orgId
        self.startAt = startAt
        self.endAt = endAt
        self.role = role
        self.isActive = isActive
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.person = person
        self.org = org
    }

    enum CodingKeys: String, CodingKey { case personId, orgId, startAt, endAt, role, isActive, createdAt, updatedAt, person, org }

    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }

    public func writeFields<Fields: WireFields>(to fields: inout Fields) throws {
        try fields.field("personId", personId)
        try fields.field("orgId", orgId)
        try fields.field("startAt", startAt)
        try fields.field("endAt", endAt)
        try fields.field("role", role)
        try fields.field("isActive", isActive)
        try fields.field("createdAt", createdAt)
        try fields.field("updatedAt", updatedAt)
        try fields.field("person", ifPresent: person)
        try fields.field("org", ifPresent: org)
    }
}

/// `GET /organizations/:id/stats`: the organization's name (not the organization, as the real server answers it) and
/// its counts of active people, active users, and their people's consultations and interventions.
public struct OrganizationStats: Codable, Sendable, Equatable {
    public struct Counts: Codable, Sendable, Equatable {
        public var totalPeople: Int
        public var totalUsers: Int
        public var totalConsultations: Int
        public var totalInterventions: Int

        public init(totalPeople: Int, totalUsers: Int, totalConsultations: Int, totalInterventions: Int) {
            self.totalPeople = totalPeople
            self.totalUsers = totalUsers
            self.totalConsultations = totalConsultations
            self.totalInterventions = totalInterventions
        }
    }

    public var organization: String
    public var stats: Counts

    public init(organization: String, stats: Counts) {
        self.organization = organization
        self.stats = stats
    }
}

extension Organization: WireObject {}
extension OrganizationLink: WireObject {}
