import Foundation

/// `POST /auth/login`.
public struct LoginBody: Codable, Sendable, Equatable {
    public var email: String
    public var password: String

    public init(email: String, password: String) {
        self.email = email
        self.password = password
    }
}

/// `POST /auth/refresh`.
public struct RefreshBody: Codable, Sendable, Equatable {
    public var refreshToken: String

    public init(refreshToken: String) { self.refreshToken = refreshToken }

    enum CodingKeys: String, CodingKey { case refreshToken = "refresh_token" }
}

/// `POST /auth/register` (an administrator's on our server).
public struct RegisterBody: Codable, Sendable, Equatable {
    public var email: String
    public var password: String
    public var phone: String?
    public var role: String?
    public var timezone: String?
    public var organizationId: String?
    public var speciality: String?
    public var license: String?

    public init(email: String, password: String, phone: String? = nil, role: String? = nil, timezone: String? = nil,
                organizationId: String? = nil, speciality: String? = nil, license: String? = nil) {
        self.email = email
        self.password = password
        self.phone = phone
        self.role = role
        self.timezone = timezone
        self.organizationId = organizationId
        self.speciality = speciality
        self.license = license
    }
}
