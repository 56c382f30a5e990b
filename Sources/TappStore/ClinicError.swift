import Foundation
import TappDomain

/// Why the store refused something, in one line a person can act on.
public enum ClinicError: Error, Sendable, CustomStringConvertible, Equatable {
    case notFound(EntityKind, String)
    /// Someone else saved the record since it was read.
    case staleEdit(EntityKind, id: String, changedBy: String?, at: Date, version: Int)
    case duplicate(String)
    case invalid(ValidationFailure)
    case denied(PermissionDenied)
    case signInFailed(String)
    case refused(String)
    /// Refused by one of the record's rules, said from the catalogue (so in the reader's language).
    case rule(Phrase)

    public var description: String {
        switch self {
        case .notFound(let kind, let id):
            return "no \(kind.rawValue) with id \(Echo.of(id))"
        case .staleEdit(let kind, let id, let by, let at, let version):
            return "\(kind.rawValue) \(id) was changed by \(by ?? "someone else") at \(Instant.utcString(at)) (now version \(version)): "
                + "your save was refused so that their change is not lost; reload it and apply your change again"
        case .duplicate(let message), .refused(let message), .signInFailed(let message):
            return message
        case .invalid(let failure):
            return failure.description
        case .denied(let denial):
            return denial.description
        case .rule(let phrase):
            return phrase.description
        }
    }
}
