import Foundation
import TappDomain
import TappStore

/// What waits to go to the TappPlus server, what it refused, and when the clinic last synced.
public struct SyncScreen: Screen {
    enum Action { case refresh, keepLocal, keepServer }
    var counts: [QueueCount] = []
    var refused: [QueuedChange] = []
    var conflicts: [SyncConflict] = []
    var list = ListCursor()
    var account: SyncAccount?
    var problem: String?
    var scroll = 0

    static let keys: KeyTable<Action> = {
        var t = KeyTable<Action>()
        t.add([.char("r")], .refresh, .refresh, footer: true)
        t.add([.char("l")], .keepLocal, .conflictKeepThisClinicSVersion, footer: true)
        t.add([.char("s")], .keepServer, .conflictKeepTheServerSVersion, footer: true)
        return t
    }()

    public init() {}

    public func title(_ lang: Lang) -> String { lang[.sync2] }
    public func help(_ lang: Lang) -> [HelpLine] { Self.keys.help(lang) }

    public mutating func reload(_ env: Env) {
        do {
            counts = try env.database.changeQueueCounts()
            refused = try env.database.refusedChanges()
            account = try env.database.syncAccount()
            conflicts = try env.database.openConflicts()
            list.count = conflicts.count
            list.clamp(visible: 5)
            problem = nil
        } catch {
            problem = env.explain(error)
        }
    }

    public mutating func handle(_ key: Key, _ env: inout Env) -> Outcome {
        if list.move(key, visible: 5) { return .handled }
        switch Self.keys.action(for: key) {
        case .refresh:
            reload(env)
            return .handled
        case .keepLocal, .keepServer:
            guard let conflict = conflicts[safe: list.selected] else {
                return .say(env.lang[.noConflictToSettle])
            }
            let local = Self.keys.action(for: key).map { if case .keepLocal = $0 { true } else { false } } ?? true
            let what = "\(conflict.kind.rawValue) \(conflict.localId.prefix(8))"
            return .ask(Question(local
                ? env.lang.text(.keepThisClinicSVersionOf, "\(what)")
                : env.lang.text(.keepTheServerSVersionOf, "\(what)"),
                tag: (local ? "local:" : "server:") + conflict.localId))
        case nil:
            return .ignored
        }
    }

    public mutating func confirmed(_ question: Question, _ env: inout Env) -> Outcome {
        let parts = question.tag.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let side = ConflictSide(rawValue: parts[0]),
              let conflict = conflicts.first(where: { $0.localId == parts[1] }) else { return .handled }
        do {
            try env.database.resolveConflict(kind: conflict.kind, localId: conflict.localId, keep: side, by: env.session, now: env.now)
            reload(env)
            return .say(env.lang[.settled])
        } catch {
            return .say(env.explain(error))
        }
    }

    /// The server's version in a line: its fields as `name: value`, without ids and bookkeeping.
    static func summary(_ payload: String) -> String {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(payload.utf8))) as? [String: Any] else { return payload }
        let hidden: Set<String> = ["serverId", "updatedAt", "personServerId", "doctorServerId", "rules", "reminders"]
        return object.keys.sorted().filter { !hidden.contains($0) }.compactMap { key in
            guard let value = object[key], !(value is NSNull) else { return nil }
            return "\(key): \(value)"
        }.joined(separator: ", ")
    }

    public func draw(_ grid: inout Grid, _ area: Rect, _ env: Env) {
        let lang = env.lang, clock = env.clock
        var lines: [(String, Style)] = [(title(lang), .title)]
        if let problem { lines.append((problem, .error)) }
        if let a = account {
            lines.append((lang[.server] + a.serverURL + "  (" + a.email + ")", .normal))
            lines.append((lang[.lastSuccess] + (a.lastSuccessAt.map(clock.dateTime) ?? lang[.never]),
                          a.lastSuccessAt == nil ? .warning : .ok))
            let lapses = a.refreshExpiresAt <= env.now
            lines.append((lang[.signInValidUntil] + clock.dateTime(a.refreshExpiresAt),
                          lapses ? .error : .normal))
            lines.append((lang[.remindersSentBy]
                          + (a.reminderOwner == "clinic" ? lang[.thisClinic] : lang[.theServer]), .normal))
        } else {
            lines.append((lang[.notConnectedToAServerRun], .warning))
        }
        lines.append(("", .normal))
        let total = counts.waiting
        lines.append((lang.text(.waitingToBeSent, "\(total)"), .bold))
        for count in counts {
            let state = switch count.state {
            case .pending: lang[.toSend]
            case .sent: lang[.sent2]
            case .refused: lang[.refused]
            case .conflict: lang[.inConflict]
            case .discarded: lang[.setAside]
            }
            lines.append(("  " + TextWidth.pad(count.kind.rawValue, 22) + TextWidth.pad(state, 12)
                          + TextWidth.pad("\(count.count)", 8, right: true), count.state == .refused ? .error : .normal))
        }
        lines.append(("", .normal))
        lines.append((lang.text(.changedHereAndOnTheServer, "\(conflicts.count)"),
                      conflicts.isEmpty ? .bold : .warning))
        for (i, conflict) in conflicts.enumerated().prefix(5) {
            lines.append(((i == list.selected ? "▸ " : "  ") + "\(conflict.kind.rawValue) \(conflict.localId.prefix(13))… "
                          + lang[.serverSVersion] + Self.summary(conflict.serverPayload),
                          i == list.selected ? .selected : .warning))
        }
        lines.append(("", .normal))
        lines.append((lang.text(.refusedByTheServer, "\(refused.count)"),
                      refused.isEmpty ? .bold : .error))
        for change in refused {
            lines.append(("  \(change.entityKind.rawValue) \(change.entityId): " + (change.lastError ?? ""), .error))
        }
        lines.append(("", .normal))
        lines.append((lang[.tappSyncSendsAndReceivesCron], .dim))
        for (i, line) in lines.prefix(area.height).enumerated() {
            grid.write(line.0, row: area.row + i, column: 1, style: line.1, limit: area.width - 2)
        }
    }
}
