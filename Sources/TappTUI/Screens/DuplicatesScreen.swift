import Foundation
import TappDomain
import TappStore

/// Likely duplicate patients, best first, as the scan finds them (administrators and doctors): Enter compares the two
/// side by side to merge them (administrators), `x` says they are not the same person so the pair is not offered again.
public struct DuplicatesScreen: Screen {
    enum Action { case open, dismiss }
    var pairs: [DuplicatePair] = []
    var people: [String: Patient] = [:]
    var list = ListCursor()
    var problem: String?

    static let keys: KeyTable<Action> = {
        var t = KeyTable<Action>()
        t.add([.enter], .open, .compareAndMerge, footer: true, needs: .mergePatients)
        t.add([.char("x")], .dismiss, .notTheSamePerson, footer: true, needs: .reviewDuplicates)
        return t
    }()

    public init() {}

    public func title(_ lang: Lang) -> String { lang[.likelyDuplicates] }
    public func help(_ lang: Lang) -> [HelpLine] { Self.keys.help(lang) + [HelpLine([.escape], lang[.back], footer: true)] }

    public mutating func reload(_ env: Env) {
        do {
            pairs = try env.database.duplicatePairs(limit: 200, by: env.session)
            var found: [String: Patient] = [:]
            for id in Set(pairs.flatMap(\.patientIds)) { found[id] = try env.database.patient(id: id, by: env.session) }
            people = found
            list.count = pairs.count
            list.clamp(visible: 15)
            problem = nil
        } catch {
            pairs = []
            list.count = 0
            problem = env.explain(error)
        }
    }

    public mutating func handle(_ key: Key, _ env: inout Env) -> Outcome {
        if list.move(key, visible: 15) { return .handled }
        guard let pair = pairs[safe: list.selected], let a = people[pair.firstId], let b = people[pair.secondId] else {
            return Self.keys.action(for: key, env.session) == nil ? .ignored : .handled
        }
        switch Self.keys.action(for: key, env.session) {
        case .open: return .push(MergeScreen(keep: a, other: b))
        case .dismiss:
            return .ask(Question(env.lang.text(.notTheSamePersonAsk, Self.name(a), Self.name(b)), tag: "dismiss"))
        case nil: return .ignored
        }
    }

    public mutating func confirmed(_ question: Question, _ env: inout Env) -> Outcome {
        guard let pair = pairs[safe: list.selected] else { return .handled }
        do {
            try env.database.dismissDuplicate(pair.firstId, pair.secondId, by: env.session, now: env.now)
            reload(env)
            return .handled
        } catch {
            return .say(env.explain(error))
        }
    }

    static func name(_ p: Patient) -> String { p.lastName.uppercased() + " " + p.firstName }

    public func draw(_ grid: inout Grid, _ area: Rect, _ env: Env) {
        let lang = env.lang
        grid.write(title(lang) + " (\(pairs.count))", row: area.row, column: 1, style: .title)
        if let problem { grid.write(problem, row: area.row + 1, column: 1, style: .error, limit: area.width - 2) }
        ListDrawing.rows(&grid, Rect(row: area.row + 2, column: 1, width: area.width - 2, height: area.height - 2), list) { i, width in
            let pair = pairs[i]
            func side(_ id: String) -> String {
                guard let p = people[id] else { return "?" }
                return Self.name(p) + " " + (p.dateOfBirth.map { env.clock.day($0) } ?? "—")
            }
            let text = String(format: "%3.0f%% ", pair.score.score * 100) + side(pair.firstId) + "  ↔  " + side(pair.secondId)
                + "  · " + pair.score.reasons.joined(separator: ", ")
            return (text, .normal)
        }
        if pairs.isEmpty, problem == nil {
            grid.write(lang[.noLikelyDuplicate], row: area.row + 2, column: 1, style: .dim)
        }
    }
}
