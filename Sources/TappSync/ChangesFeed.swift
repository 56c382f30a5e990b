import Foundation
import TappAPI
import TappDomain
import TappStore

/// Reads a server's changes feed (ours) from where the last run stopped: each changed record once, in its latest
/// state, and the records deleted there, which are deleted here too. The cursor is saved after each page is merged,
/// so a run cut short goes on from there.
struct ChangesFeed: Sendable {
    let pull: ServerPull
    var pageSize = 500

    init(pull: ServerPull) { self.pull = pull }

    func run() async throws(SyncError) -> [EntityKind: ServerPull.Outcome] {
        var outcomes: [EntityKind: ServerPull.Outcome] = [.patient: .init(), .consultation: .init(), .intervention: .init()]
        var progress: SyncProgress
        do { progress = try pull.database.syncProgress(serverURL: pull.serverURL) } catch { throw SyncError.invalid("\(error)") }
        for _ in 0..<1_000_000 {
            let page = try await pull.get(.changes(after: progress.changesCursor, limit: pageSize)).decode(LenientChanges.self)
            // People first: a consultation of a patient changed in the same page needs its patient here.
            let ordered = page.changes.enumerated().sorted {
                (ChangesFeed.rank($0.element.change), $0.offset) < (ChangesFeed.rank($1.element.change), $1.offset)
            }.map(\.element)
            for item in ordered {
                guard let change = item.change else {
                    outcomes[.patient, default: .init()].skipped.append("a change the server sent: \(item.problem ?? "unreadable")")
                    continue
                }
                let kind = ChangesFeed.entity(change.kind)
                outcomes[kind, default: .init()].read += 1
                do {
                    let result = try merge(change, kind)
                    outcomes[kind, default: .init()].count(result, "\(change.kind.rawValue) \(ControlCharacters.visible(change.id))")
                } catch {
                    throw SyncError.invalid("merging \(change.kind.rawValue) \(change.id): \(error)")
                }
            }
            progress.changesCursor = page.cursor
            do { try pull.database.saveSyncProgress(progress) } catch { throw SyncError.invalid("\(error)") }
            if !page.more || page.changes.isEmpty { break }
        }
        return outcomes
    }

    func merge(_ change: Change, _ kind: EntityKind) throws -> PullOutcome {
        if change.deleted { return try pull.database.mergeServerDeletion(kind, serverId: change.id, by: pull.session) }
        let malformed = PullOutcome.skipped("missing or malformed fields, or a control character in a text")
        switch change.kind {
        case .person:
            guard let record = change.person.flatMap(ServerRecords.person) else { return malformed }
            return try pull.database.mergePulled(record, by: pull.session)
        case .consultation:
            guard let record = change.consultation.flatMap(ServerRecords.consultation) else { return malformed }
            return try pull.database.mergePulled(record, by: pull.session)
        case .intervention:
            guard let record = change.intervention.flatMap(ServerRecords.intervention) else { return malformed }
            return try pull.database.mergePulled(record, by: pull.session)
        }
    }

    static func entity(_ kind: Change.Kind) -> EntityKind {
        switch kind {
        case .person: .patient
        case .consultation: .consultation
        case .intervention: .intervention
        }
    }

    /// Patients made or changed first, their records next, patients deleted last (once their records are gone).
    static func rank(_ change: Change?) -> Int {
        guard let change else { return 3 }
        switch change.kind {
        case .person: return change.deleted ? 2 : 0
        case .consultation, .intervention: return 1
        }
    }
}

/// A page of the feed, each change read on its own.
struct LenientChanges: Decodable {
    struct Item: Decodable {
        let change: Change?
        let problem: String?

        init(from decoder: any Decoder) throws {
            do {
                change = try Change(from: decoder)
                problem = nil
            } catch {
                change = nil
                problem = WireAnswer.shortly(error)
            }
        }
    }

    let changes: [Item]
    let cursor: String
    let more: Bool
}
