import Foundation
import enum TappAPI.WireDecoder
import enum TappAPI.WireValue
import TappDomain

/// A queued change's record, as the change left it (before it, for a deletion), read back from the queue's JSON
/// into its type: what the push turns into the server's body.
public enum QueuedSnapshot: Sendable, Equatable {
    case patient(Patient)
    case consultation(Consultation)
    case intervention(Intervention, rules: [ReminderRuleSpec])
    /// The server's old copy of a record moved to another patient here (`moved:<local id>`), to delete there once
    /// the record's new copy is made.
    case movedCopy(serverId: String, movedTo: String)
    /// A queued change that cannot be read back (written by a version that is no more, or damaged): refused with the
    /// reason, so that it does not hold the others back.
    case unreadable(String)

    /// Reads the queue's JSON of a record of this kind; a payload that is not one is an error naming the change.
    static func read(_ kind: EntityKind, entityId: String, _ payload: String) -> QueuedSnapshot {
        let data = Data(payload.utf8)
        if entityId.hasPrefix(ServerCopyMove.prefix) {
            guard let moved = try? WireDecoder.decode(MovedCopy.self, from: data) else { return .unreadable("a moved record's old copy without its server id") }
            return .movedCopy(serverId: moved.serverId, movedTo: moved.movedTo)
        }
        do { return try read(kind, data) } catch { return .unreadable("\(error)") }
    }

    private struct MovedCopy: Decodable {
        let serverId: String
        let movedTo: String
    }

    static func read(_ kind: EntityKind, _ data: Data) throws -> QueuedSnapshot {
        do {
            // Parsed once, read from the tree (Foundation's decoder was a sixth of a push's CPU).
            let tree = try WireDecoder.decode(WireValue.self, from: data)
            switch kind {
            case .patient: return .patient(try tree.decode(Patient.self))
            case .consultation: return .consultation(try tree.decode(Consultation.self))
            case .intervention:
                return .intervention(try tree.decode(Intervention.self), rules: try tree.decode(RulesOnly.self).rules)
            default: throw ClinicError.refused("a \(kind.rawValue) is not pushed to the server")
            }
        } catch let error as ClinicError {
            throw error
        } catch {
            throw ClinicError.refused("the queued \(kind.rawValue) could not be read back: \(error)")
        }
    }

    private struct RulesOnly: Decodable { let rules: [ReminderRuleSpec] }

    /// The server's id written into the record when it was queued (a moved record's old copy carries it).
    public var serverId: String? {
        switch self {
        case .patient(let patient): patient.serverId
        case .consultation(let consultation): consultation.serverId
        case .intervention(let intervention, _): intervention.serverId
        case .movedCopy(let serverId, _): serverId
        case .unreadable: nil
        }
    }
}
