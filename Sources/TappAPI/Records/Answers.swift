import Foundation

/// A page of a list: `{data, total, limit, offset}`.
public struct Page<Item: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public var data: [Item]
    public var total: Int
    public var limit: Int
    public var offset: Int

    public init(data: [Item], total: Int, limit: Int, offset: Int) {
        self.data = data
        self.total = total
        self.limit = limit
        self.offset = offset
    }
}

extension Page: WireWritable, WireObject where Item: WireWritable {
    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }

    public func writeFields<Fields: WireFields>(to fields: inout Fields) throws {
        try fields.field("data", data)
        try fields.field("total", total)
        try fields.field("limit", limit)
        try fields.field("offset", offset)
    }
}

/// `{message}`: what a delete answers.
public struct MessageAnswer: Codable, Sendable, Equatable {
    public var message: String

    public init(message: String) { self.message = message }

    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }

    public func writeFields<Fields: WireFields>(to fields: inout Fields) throws {
        try fields.field("message", message)
    }
}

/// An error as NestJS 10 writes it: `{message, error, statusCode}`, or the bare `{statusCode, message}` (401, 429,
/// 500). `message` is one sentence or, for a body that failed validation, the list of class-validator's sentences.
public struct ErrorBody: Codable, Sendable, Equatable, Error {
    public enum Message: Codable, Sendable, Equatable {
        case sentence(String)
        case sentences([String])

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let list = try? container.decode([String].self) { self = .sentences(list) } else { self = .sentence(try container.decode(String.self)) }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .sentence(let text): try container.encode(text)
            case .sentences(let list): try container.encode(list)
            }
        }

        /// The sentences as one line.
        public var text: String {
            switch self {
            case .sentence(let text): text
            case .sentences(let list): list.joined(separator: "; ")
            }
        }
    }

    public var statusCode: Int
    public var message: Message
    /// The status's name (`"Bad Request"`); absent from the bare shape.
    public var error: String?

    public init(statusCode: Int, message: Message, error: String? = nil) {
        self.statusCode = statusCode
        self.message = message
        self.error = error
    }

    enum CodingKeys: String, CodingKey { case message, error, statusCode }

    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }

    public func writeFields<Fields: WireFields>(to fields: inout Fields) throws {
        if let error {
            try fields.field("message", message)
            try fields.field("error", error)
            try fields.field("statusCode", statusCode)
        } else {
            try fields.field("statusCode", statusCode)
            try fields.field("message", message)
        }
    }
}

/// `POST /auth/login`: both tokens and who signed in.
public struct SignInAnswer: Codable, Sendable, Equatable {
    /// The login answer's user: `{id, email, role, timezone, organization, doctor}`.
    public struct SignedInUser: Codable, Sendable, Equatable {
        public var id: String
        public var email: String
        public var role: String?
        public var timezone: String?
        @Boxed public var organization: Organization?
        @Boxed public var doctor: Doctor?

        public init(id: String, email: String, role: String?, timezone: String?, organization: Organization?, doctor: Doctor?) {
            self.id = id
            self.email = email
            self.role = role
            self.timezone = timezone
            self.organization = organization
            self.doctor = doctor
        }

        enum CodingKeys: String, CodingKey { case id, email, role, timezone, organization, doctor }

        public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }

        public func writeFields<Fields: WireFields>(to fields: inout Fields) throws {
            try fields.field("id", id)
            try fields.field("email", email)
            try fields.field("role", role)
            try fields.field("timezone", timezone)
            try fields.field("organization", organization)
            try fields.field("doctor", doctor)
        }
    }

    public var accessToken: String
    public var refreshToken: String
    public var user: SignedInUser

    public init(accessToken: String, refreshToken: String, user: SignedInUser) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.user = user
    }

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", refreshToken = "refresh_token", user
    }

    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }

    public func writeFields<Fields: WireFields>(to fields: inout Fields) throws {
        try fields.field("access_token", accessToken)
        try fields.field("refresh_token", refreshToken)
        try fields.field("user", user)
    }
}

/// `POST /auth/refresh`: a new access token (no new refresh token: after seven days the client signs in again).
public struct RefreshAnswer: Codable, Sendable, Equatable {
    public var accessToken: String
    public var user: SignInAnswer.SignedInUser?

    public init(accessToken: String, user: SignInAnswer.SignedInUser?) {
        self.accessToken = accessToken
        self.user = user
    }

    enum CodingKeys: String, CodingKey { case accessToken = "access_token", user }

    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }

    public func writeFields<Fields: WireFields>(to fields: inout Fields) throws {
        try fields.field("access_token", accessToken)
        try fields.field("user", ifPresent: user)
    }
}

/// `POST /notifications/test/sms|push`: `{sid|id|messageId, success}`.
public struct TestNotificationAnswer: Codable, Sendable, Equatable {
    public var sid: String?
    public var id: String?
    public var messageId: String?
    public var success: Bool

    public init(sid: String? = nil, id: String? = nil, messageId: String? = nil, success: Bool) {
        self.sid = sid
        self.id = id
        self.messageId = messageId
        self.success = success
    }
}

/// `GET /health` (ours; nginx answers it in front of the real server).
public struct HealthAnswer: Codable, Sendable, Equatable {
    public var status: String
    public var database: String

    public init(status: String, database: String) {
        self.status = status
        self.database = database
    }
}

extension SignInAnswer.SignedInUser: WireObject {}
extension RefreshAnswer: WireObject {}
extension ErrorBody: WireObject {}
extension MessageAnswer: WireObject {}
extension SignInAnswer: WireObject {}
