import Foundation
import TappDomain
import TappStore

/// What waits to go to the TappPlus server, what it refused, and when the clinic last synced.
public struct SyncScreen: Screen {
    enum Action { case refresh }
    var counts: [String: Int] = [:]
    var refused: [QueuedChange] = []
    var account: SyncAccount?
    var problem: String?
    var scroll = 0

    static let keys: KeyTable<Action> = {
        var t = KeyTable<Action>()
        t.add([.char("r")], .refresh, "Refresh", "Actualiser", footer: true)
        return t
    }()

    public init() {}

    public func title(_ lang: Lang) -> String { lang("Sync", "Synchronisation") }
    public func help(_ lang: Lang) -> [HelpLine] { Self.keys.help(lang) }
    public var showsPatientData: Bool { false }

    public mutating func reload(_ env: Env) {
        do {
            counts = try env.database.changeQueueCounts()
            refused = try env.database.refusedChanges()
            account = try env.database.syncAccount()
            problem = nil
        } catch {
            problem = env.explain(error)
        }
    }

    public mutating func handle(_ key: Key, _ env: inout Env) -> Outcome {
        switch Self.keys.action(for: key) {
        case .refresh:
            reload(env)
            return .handled
        case nil:
            return .ignored
        }
    }

    public func draw(_ grid: inout Grid, _ area: Rect, _ env: Env) {
        let lang = env.lang, clock = env.clock
        var lines: [(String, Style)] = [(title(lang), .title)]
        if let problem { lines.append((problem, .error)) }
        if let a = account {
            lines.append((lang("Server: ", "Serveur : ") + a.serverURL + "  (" + a.email + ")", .normal))
            lines.append((lang("Last success: ", "Dernier succès : ") + (a.lastSuccessAt.map(clock.dateTime) ?? lang("never", "jamais")),
                          a.lastSuccessAt == nil ? .warning : .ok))
            let lapses = a.refreshExpiresAt <= env.now
            lines.append((lang("Sign-in valid until ", "Connexion valable jusqu'au ") + clock.dateTime(a.refreshExpiresAt),
                          lapses ? .error : .normal))
            lines.append((lang("Reminders sent by: ", "Rappels envoyés par : ")
                          + (a.reminderOwner == "clinic" ? lang("this clinic", "cette clinique") : lang("the server", "le serveur")), .normal))
        } else {
            lines.append((lang("Not connected to a server: run `tapp sync login --server URL --email E`.",
                               "Pas de serveur : lancez `tapp sync login --server URL --email E`."), .warning))
        }
        lines.append(("", .normal))
        let total = App.pending(counts)
        lines.append((lang("Waiting to be sent: \(total)", "En attente d'envoi : \(total)"), .bold))
        for (key, n) in counts.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: " ").map(String.init)
            let state = switch parts.first {
            case "PENDING": lang("to send", "à envoyer")
            case "SENT": lang("sent", "envoyés")
            case "REFUSED": lang("refused", "refusés")
            default: parts.first ?? ""
            }
            lines.append(("  " + TextWidth.pad(parts.last ?? key, 22) + TextWidth.pad(state, 12) + TextWidth.pad("\(n)", 8, right: true),
                          parts.first == "REFUSED" ? .error : .normal))
        }
        lines.append(("", .normal))
        lines.append((lang("Refused by the server: \(refused.count)", "Refusés par le serveur : \(refused.count)"),
                      refused.isEmpty ? .bold : .error))
        for change in refused {
            lines.append(("  \(change.entityKind.rawValue) \(change.entityId): " + (change.lastError ?? ""), .error))
        }
        lines.append(("", .normal))
        lines.append((lang("`tapp sync` sends and receives; cron can run it (see docs/sync.md).",
                           "`tapp sync` envoie et reçoit ; cron peut le lancer (voir docs/sync.md)."), .dim))
        for (i, line) in lines.prefix(area.height).enumerated() {
            grid.write(line.0, row: area.row + i, column: 1, style: line.1, limit: area.width - 2)
        }
    }
}
