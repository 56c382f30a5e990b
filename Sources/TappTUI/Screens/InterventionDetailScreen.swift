import Foundation
import TappDomain
import TappStore

/// One intervention: its details, rules and reminders, and its status changes (each confirmed first).
public struct InterventionDetailScreen: Screen {
    enum Action { case edit, start, done, cancel, delete }
    let id: String
    var detail: InterventionDetail?
    var patientName = ""
    var doctorName = ""
    var problem: String?
    var scroll = 0

    static let keys: KeyTable<Action> = {
        var t = KeyTable<Action>()
        t.add([.char("e")], .edit, .editTimeRules, footer: true, needs: .bookInterventions)
        t.add([.char("b")], .start, .beginMarkInProgress, footer: true, needs: .bookInterventions)
        t.add([.char("f")], .done, .finishMarkDone, footer: true, needs: .bookInterventions)
        t.add([.char("x")], .cancel, .cancelTheIntervention, footer: true, needs: .bookInterventions)
        t.add([.char("d"), .delete], .delete, .deleteBookedByMistake, footer: true, needs: .deleteInterventions)
        return t
    }()

    public init(id: String) { self.id = id }

    public func title(_ lang: Lang) -> String { lang[.intervention] }
    public func help(_ lang: Lang) -> [HelpLine] { Self.keys.help(lang) + [HelpLine([.escape], lang[.back])] }

    public mutating func reload(_ env: Env) {
        do {
            let d = try env.database.intervention(id: id, by: env.session)
            detail = d
            patientName = try env.database.patientNames([d.intervention.patientId])[d.intervention.patientId] ?? "?"
            doctorName = try env.database.doctors().first { $0.id == d.intervention.doctorId }?.name ?? "?"
            problem = nil
        } catch {
            problem = env.explain(error)
        }
    }

    public mutating func handle(_ key: Key, _ env: inout Env) -> Outcome {
        guard let i = detail?.intervention else { return .ignored }
        let lang = env.lang
        switch Self.keys.action(for: key, env.session) {
        case .edit:
            return .push(InterventionFormScreen(editing: detail, patient: (i.patientId, patientName), env))
        case .start:
            return .ask(Question(lang.text(.markOfAsInProgress, "\(i.title)", "\(patientName)"), tag: InterventionStatus.inProgress.rawValue))
        case .done:
            return .ask(Question(lang.text(.markOfAsDoneItsPending, "\(i.title)", "\(patientName)"),
                                 tag: InterventionStatus.done.rawValue))
        case .cancel:
            return .ask(Question(lang.text(.cancelOfItsPendingRemindersAre, "\(i.title)", "\(patientName)"),
                                 tag: InterventionStatus.canceled.rawValue))
        case .delete:
            return .ask(Question(lang.text(.deleteOfItWasBookedBy, "\(lang.title(i.title))", "\(patientName)"),
                                 tag: "delete"))
        case nil:
            switch key {
            case .down, .pageDown: scroll += key == .down ? 1 : 10; return .handled
            case .up, .pageUp: scroll = max(0, scroll - (key == .up ? 1 : 10)); return .handled
            default: return .ignored
            }
        }
    }

    public mutating func confirmed(_ question: Question, _ env: inout Env) -> Outcome {
        if question.tag == "delete", let i = detail?.intervention {
            do {
                try env.database.deleteIntervention(id: i.id, expectedVersion: i.version, by: env.session)
                return .popAndSay(env.lang[.interventionDeleted])
            } catch {
                return .say(env.explain(error))
            }
        }
        guard let status = InterventionStatus(rawValue: question.tag), let i = detail?.intervention else { return .handled }
        do {
            try env.database.setInterventionStatus(id: i.id, status, expectedVersion: i.version, by: env.session, now: env.now)
            reload(env)
            return .say(env.lang[.intervention2] + env.lang.word(status))
        } catch {
            reload(env)
            return .say(env.explain(error))
        }
    }

    public func draw(_ grid: inout Grid, _ area: Rect, _ env: Env) {
        let lang = env.lang, clock = env.clock
        if let problem { grid.write(problem, row: area.row, column: 1, style: .error, limit: area.width - 2) }
        guard let d = detail else { return }
        let i = d.intervention
        var lines: [(String, Style)] = [(lang.title(i.title), .title)]
        func field(_ label: String, _ value: String?, _ style: Style = .normal) {
            lines.append((TextWidth.pad(label, 16) + (value.flatMap { $0.isEmpty ? nil : $0 } ?? "—"), style))
        }
        field(lang[.patient], patientName)
        field(lang[.doctor], "Dr " + doctorName)
        field(lang[.when], clock.dateTime(i.scheduledAt))
        field(lang[.priority], lang.word(i.priority), i.priority == .urgent ? .error : .normal)
        field(lang[.status], lang.word(i.status), .bold)
        field(lang[.location], i.location)
        // Long text wraps under its label instead of being cut at the edge.
        let descriptionLines = Wrap.lines(i.description ?? "—", width: max(10, area.width - 19))
        for (n, line) in descriptionLines.enumerated() {
            lines.append(((n == 0 ? TextWidth.pad(lang[.description], 16) : String(repeating: " ", count: 16)) + line, .normal))
        }
        if i.serverWillRefuse(now: env.now), !i.status.isClosed {
            lines.append((lang[.itsTimeHasPassedTheServer], .warning))
        }
        lines.append(("", .normal))
        let rules = d.rules.map { lang.word($0.spec) }
        field(lang[.rules], rules.joined(separator: ", "))
        lines.append((lang[.reminders], .bold))
        for r in d.reminders {
            lines.append(("  " + clock.dateTime(r.plannedSendAt) + "  " + r.channel.rawValue + "  " + lang.word(r.status)
                          + (r.lastError.map { " — " + $0 } ?? ""), r.status == .failed ? .error : .normal))
        }
        if d.reminders.isEmpty { lines.append(("  " + lang[.noneText], .dim)) }
        let offset = problem == nil ? 0 : 1
        let first = min(scroll, max(0, lines.count - (area.height - offset)))
        for (n, line) in lines.dropFirst(first).prefix(area.height - offset).enumerated() {
            grid.write(line.0, row: area.row + offset + n, column: 1, style: line.1, limit: area.width - 2)
        }
    }
}
