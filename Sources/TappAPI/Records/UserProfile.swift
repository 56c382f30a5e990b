import Foundation

/// A user as `GET /auth/profile` and `POST /auth/register` show it: the user's columns without the password, then
/// its `organization` (null when it has none) and, on the profile only, its `doctor` profile (null when it is not
/// a doctor).
public struct UserProfile: Codable, Sendable, Equatable {
    public var user: User
    public var organization: Organization?
    public var doctor: Doctor?
    /// Whether `doctor` is written at all: the register answer leaves it out.
    public var showsDoctor: Bool

    public init(user: User, organization: Organization?, doctor: Doctor?, showsDoctor: Bool = true) {
        self.user = user
        self.organization = organization
        self.doctor = doctor
        self.showsDoctor = showsDoctor
    }

    enum CodingKeys: String, CodingKey { case organization, doctor }

    public init(from decoder: any Decoder) throws {
        user = try User(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        organization = try c.decodeIfPresent(Organization.self, forKey: .organization)
        doctor = try c.decodeIfPresent(Doctor.self, forKey: .doctor)
        showsDoctor = c.contains(.doctor)
    }

    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }

    public func writeFields<Fields: WireFields>(to fields: inout Fields) throws {
        var columns = user
        columns.password = nil
        columns.organization = nil
        columns.doctor = nil
        try columns.writeFields(to: &fields)
        try fields.field("organization", organization)
        if showsDoctor { try fields.field("doctor", doctor) }
    }
}

extension UserProfile: WireObject {}
