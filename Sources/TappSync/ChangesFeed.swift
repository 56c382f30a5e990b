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
            var changes: [(change: PulledChange, kind: EntityKind, name: String)] = []
            for item in ordered {
                guard let change = item.change else {
                    outcomes[.patient, default: .init()].skipped.append("a change the server sent: \(item.problem ?? "unreadable")")
                    continue
                }
                let kind = ChangesFeed.entity(change.kind)
                outcomes[kind, default: .init()].read += 1
                let name = "\(change.kind.rawValue) \(ControlCharacters.visible(change.id))"
                switch ChangesFeed.pulled(change) {
                case .success(let pulled): changes.append((pulled, kind, name))
                case .failure(let why): outcomes[kind, default: .init()].count(.skipped(why.reason), name)
                }
            }
            // The page in one transaction; its cursor is saved after it.
            let results: [PullOutcome]
            do { results = try pull.database.mergePulled(page: changes.map(\.change), by: pull.session) } catch {
                throw SyncError.invalid("merging a page of \(changes.count) changes from \(changes.first?.name ?? "?"): \(error)")
            }
            for (result, change) in zip(results, changes) { outcomes[change.kind, default: .init()].count(result, change.name) }
            progress.changesCursor = page.cursor
            do { try pull.database.saveSyncProgress(progress) } catch { throw SyncError.invalid("\(error)") }
            if !page.more || page.changes.isEmpty { break }
        }
        return outcomes
    }

    /// Why a change is not merged.
    struct Unreadable: Error { let reason: String }

    /// The change as the store merges it; a record with missing or malformed fields is skipped, with why.
    static func pulled(_ change: Change) -> Result<PulledChange, Unreadable> {
        if change.deleted { return .success(.deletion(entity(change.kind), serverId: change.id)) }
        let malformed = Unreadable(reason: "missing or malformed fields, or a control character in a text")
        switch change.kind {
        case .person:
            return change.person.flatMap(ServerRecords.person).map { .success(.person($0)) } ?? .failure(malformed)
        case .consultation:
            return change.consultation.flatMap(ServerRecords.consultation).map { .success(.consultation($0)) } ?? .failure(malformed)
        case .intervention:
            return change.intervention.flatMap(ServerRecords.intervention).map { .success(.intervention($0)) } ?? .failure(malformed)
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
