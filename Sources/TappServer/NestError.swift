import Foundation
import HTTPTypes
import TappAPI

/// An error answered exactly as the real (NestJS 10) server answers it:
/// `{"statusCode":N,"message":…,"error":…}`, `message` an array of sentences for validation errors.
public struct NestError: Error, Sendable {
    public enum Message: Sendable {
        case text(String)
        case list([String])
    }

    public let status: HTTPResponse.Status
    public let message: Message
    /// The `error` field; NestJS leaves it out of the bare 401 and of 500.
    public let error: String?

    public init(_ status: HTTPResponse.Status, _ message: Message, error: String?) {
        self.status = status
        self.message = message
        self.error = error
    }

    /// 400 with class-validator sentences.
    public static func validation(_ messages: [String]) -> NestError {
        NestError(.badRequest, .list(messages), error: "Bad Request")
    }

    public static func badRequest(_ message: String) -> NestError {
        NestError(.badRequest, .text(message), error: "Bad Request")
    }

    /// A bare 401, as the JWT guard answers.
    public static let unauthorized = NestError(.unauthorized, .text("Unauthorized"), error: nil)

    /// A 401 with a reason (`Identifiants invalides`, `Compte désactivé`…).
    public static func unauthorized(_ message: String) -> NestError {
        NestError(.unauthorized, .text(message), error: "Unauthorized")
    }

    public static let forbidden = NestError(.forbidden, .text("Forbidden resource"), error: "Forbidden")

    public static func notFound(_ message: String) -> NestError {
        NestError(.notFound, .text(message), error: "Not Found")
    }

    public static func conflict(_ message: String) -> NestError {
        NestError(.conflict, .text(message), error: "Conflict")
    }

    /// A body over the limit, as the real server answers body-parser's error: NestJS makes `{statusCode, message}` of
    /// an error that is not its own.
    public static let payloadTooLarge = NestError(.contentTooLarge, .text("request entity too large"), error: nil)

    /// The throttler's bare 429.
    public static let tooManyRequests = NestError(.tooManyRequests, .text("ThrottlerException: Too Many Requests"), error: nil)

    public static let internalError = NestError(.internalServerError, .text("Internal server error"), error: nil)

    /// The JSON body: `{message, error, statusCode}`, or `{statusCode, message}` without `error`.
    public var body: ErrorBody {
        switch message {
        case .text(let text): ErrorBody(statusCode: status.code, message: .sentence(text), error: error)
        case .list(let list): ErrorBody(statusCode: status.code, message: .sentences(list), error: error)
        }
    }
}
