import Foundation
import GRDB
import TappDomain

/// One record read from the server, or one deletion the server's feed reports, to be merged with others.
public enum PulledChange: Sendable, Equatable {
    case person(PulledPerson)
    case consultation(PulledConsultation)
    case intervention(PulledIntervention)
    case deletion(EntityKind, serverId: String)
}

extension ClinicDatabase {
    /// A page of what the server sent, merged in one transaction, each record as `mergePulled` merges it alone, in the
    /// order given (patients before their records). A first pull of a large server was one transaction per record.
    /// When one fails, nothing of the page is kept (the pull stops, and the next run reads the page again).
    public func mergePulled(page: [PulledChange], by session: Session, now: Date = Date()) throws -> [PullOutcome] {
        guard !page.isEmpty else { return [] }
        return try write { db in
            try page.map { change in
                switch change {
                case .person(let person): try merged(db, person, by: session, now: now)
                case .consultation(let consultation): try merged(db, consultation, by: session, now: now)
                case .intervention(let intervention): try merged(db, intervention, by: session, now: now)
                case .deletion(let kind, let serverId): try mergedDeletion(db, kind, serverId: serverId, by: session)
                }
            }
        }
    }
}
