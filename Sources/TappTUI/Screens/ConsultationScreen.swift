import Foundation
import TappDomain
import TappStore

/// One consultation, read whole: each field wrapped under its label, the whole scrolled with ↑/↓ when long. Doctors
/// edit it (`e`) or delete one entered by mistake (`d`); roles that may not read clinical content never get here.
public struct ConsultationScreen: Screen {
    enum Action { case edit, delete }
    let id: String
    var consultation: Consultation?
    var patientName = ""
    var doctorName = ""
    var problem: String?
    var scroll = 0

    static let keys: KeyTable<Action> = {
        var t = KeyTable<Action>()
        t.add([.char("e")], .edit, .editTheConsultation, footer: true, needs: .writeClinical)
        t.add([.char("d"), .delete], .delete, .deleteEnteredByMistake, footer: true,
              needs: .writeClinical)
        return t
    }()

    public init(id: String) { self.id = id }

    public func title(_ lang: Lang) -> String { lang[.consultation] }
    public func help(_ lang: Lang) -> [HelpLine] {
        Self.keys.help(lang) + [HelpLine([.up, .down, .pageUp, .pageDown], lang[.scroll]),
                                HelpLine([.escape], lang[.back], footer: true)]
    }

    public mutating func reload(_ env: Env) {
        do {
            let c = try env.database.consultation(id: id, by: env.session)
            consultation = c
            patientName = try env.database.patientNames([c.patientId])[c.patientId] ?? "?"
            doctorName = try env.database.doctors().first { $0.id == c.doctorId }?.name ?? "?"
            problem = nil
        } catch {
            problem = env.explain(error)
        }
    }

    public mutating func handle(_ key: Key, _ env: inout Env) -> Outcome {
        guard let c = consultation else { return .ignored }
        switch Self.keys.action(for: key, env.session) {
        case .edit:
            return .push(ConsultationFormScreen(editing: c, patient: (c.patientId, patientName), env))
        case .delete:
            return .ask(Question(env.lang.text(.deleteThisConsultationOfOnlyOne, "\(patientName)"),
                                 tag: "delete"))
        case nil:
            switch key {
            case .down, .char("j"): scroll += 1
            case .up, .char("k"): scroll = max(0, scroll - 1)
            case .pageDown: scroll += 10
            case .pageUp: scroll = max(0, scroll - 10)
            default: return .ignored
            }
            return .handled
        }
    }

    public mutating func confirmed(_ question: Question, _ env: inout Env) -> Outcome {
        guard let c = consultation else { return .handled }
        do {
            try env.database.deleteConsultation(id: c.id, expectedVersion: c.version, by: env.session)
            return .popAndSay(env.lang[.consultationDeleted])
        } catch {
            return .say(env.explain(error))
        }
    }

    /// The consultation as lines: short fields on one line, long text wrapped under its label.
    func lines(_ env: Env, width: Int) -> [(String, Style)] {
        guard let c = consultation else { return [] }
        let lang = env.lang
        var out: [(String, Style)] = [(patientName, .title)]
        let labelWidth = 16
        func field(_ label: String, _ value: String?, _ style: Style = .normal) {
            let text = value.flatMap { $0.isEmpty ? nil : $0 } ?? "—"
            for (n, line) in Wrap.lines(text, width: max(10, width - labelWidth)).enumerated() {
                out.append(((n == 0 ? TextWidth.pad(label, labelWidth) : String(repeating: " ", count: labelWidth)) + line, style))
            }
        }
        field(lang[.when], env.clock.dateTime(c.dateTime))
        field(lang[.doctor], "Dr " + doctorName)
        field(lang[.status], lang.word(c.status), .bold)
        field(lang[.reason], c.reason)
        field(lang[.diagnosis], c.diagnosis)
        field(lang[.treatment], c.treatment)
        field(lang[.notes], c.notes)
        field(lang[.attachments], c.attachments.joined(separator: "\n"))
        return out
    }

    public func draw(_ grid: inout Grid, _ area: Rect, _ env: Env) {
        if let problem { grid.write(problem, row: area.row, column: 1, style: .error, limit: area.width - 2) }
        let all = lines(env, width: area.width - 2)
        let offset = problem == nil ? 0 : 1
        let first = min(scroll, max(0, all.count - (area.height - offset)))
        for (i, line) in all.dropFirst(first).prefix(area.height - offset).enumerated() {
            grid.write(line.0, row: area.row + offset + i, column: 1, style: line.1, limit: area.width - 2)
        }
        if all.count - first > area.height - offset {
            grid.write("↓", row: area.row + area.height - 1, column: area.width - 2, style: .dim)
        }
    }
}
