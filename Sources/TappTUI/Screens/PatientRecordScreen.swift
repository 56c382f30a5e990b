import Foundation
import TappDomain
import TappStore

/// A patient's record: demographics, medical notes (not for receptionists), consultations, interventions and their
/// reminders. ↑/↓ move between its consultations and interventions, Enter opens the one highlighted; long text wraps.
public struct PatientRecordScreen: Screen {
    enum Action { case edit, consultation, intervention, link, open }
    /// What a line of the record opens.
    enum Target: Equatable { case consultation(String), intervention(String) }
    let id: String
    var record: PatientRecord?
    var organizations: [Organization] = []
    var doctors: [String: String] = [:]
    var problem: String?
    var scroll = 0
    var opened = false
    /// The highlighted item among the record's consultations and interventions.
    var selected = 0
    var height = 20

    static let keys: KeyTable<Action> = {
        var t = KeyTable<Action>()
        t.add([.char("e")], .edit, .editThePatient, footer: true, needs: .registerPatients)
        t.add([.char("c")], .consultation, .newConsultation, footer: true, needs: .writeClinical)
        t.add([.char("i")], .intervention, .newIntervention, footer: true, needs: .bookInterventions)
        t.add([.char("o")], .link, .linkToAnOrganization, footer: true, needs: .registerPatients)
        t.add([.enter], .open, .openTheHighlightedConsultationOrIntervention,
              footer: true)
        return t
    }()

    public init(id: String) { self.id = id }

    public func title(_ lang: Lang) -> String { lang[.patientRecord] }
    public func help(_ lang: Lang) -> [HelpLine] {
        Self.keys.help(lang) + [HelpLine([.up, .down], lang[.highlightThePreviousNextItem]),
                                HelpLine([.pageUp, .pageDown], lang[.scroll]),
                                HelpLine([.escape], lang[.back], footer: true)]
    }

    public mutating func reload(_ env: Env) {
        do {
            // The first read is the one the audit log records as a VIEW; re-reads after changes are not new views.
            record = try env.database.patientRecord(id: id, by: env.session, audit: !opened)
            opened = true
            organizations = try env.database.organizations()
            doctors = Dictionary(uniqueKeysWithValues: try env.database.doctors().map { ($0.id, $0.name) })
            problem = nil
        } catch {
            problem = env.explain(error)
        }
    }

    public mutating func handle(_ key: Key, _ env: inout Env) -> Outcome {
        guard let record else { return .ignored }
        switch Self.keys.action(for: key, env.session) {
        case .edit: return .push(PatientFormScreen(editing: record.patient, env))
        case .consultation:
            return .push(ConsultationFormScreen(editing: nil, patient: (record.patient.id, record.patient.fullName), env))
        case .intervention:
            return .push(InterventionFormScreen(editing: nil, patient: (record.patient.id, record.patient.fullName), env))
        case .link:
            let linked = Set(record.organizations.filter(\.isActive).map(\.organizationId))
            let choices = organizations.filter { !linked.contains($0.id) }
            guard !choices.isEmpty else {
                return .say(env.lang[.alreadyLinkedToEveryOrganization])
            }
            return .push(OrganizationPicker(choices))
        case .open:
            switch targets(env).dropFirst(selected).first {
            case .consultation(let cid)?:
                guard env.session.can(.readClinical) else {
                    return .say(env.lang[.yourRoleSeesWhenAndWith])
                }
                var screen = ConsultationScreen(id: cid)
                screen.reload(env)
                return .push(screen)
            case .intervention(let iid)?:
                var screen = InterventionDetailScreen(id: iid)
                screen.reload(env)
                return .push(screen)
            case nil:
                return .handled
            }
        case nil:
            let count = targets(env).count
            switch key {
            case .down, .char("j"):
                if selected + 1 < count { selected += 1 } else { scroll += 1 }
            case .up, .char("k"):
                if selected > 0 { selected -= 1 } else { scroll = max(0, scroll - 1) }
            case .pageDown: scroll += max(1, height - 2)
            case .pageUp: scroll = max(0, scroll - max(1, height - 2))
            default: return .ignored
            }
            followSelection(env)
            return .handled
        }
    }

    public mutating func receive(_ picked: Picked, _ env: inout Env) -> Outcome {
        guard case .organization(let organizationId, let name) = picked, let record else { return .handled }
        do {
            _ = try env.database.linkPatient(record.patient.id, toOrganization: organizationId, by: env.session)
            reload(env)
            return .say(env.lang.text(.linkedTo, "\(name)"))
        } catch {
            return .say(env.explain(error))
        }
    }

    /// The items Enter can open, in the record's order.
    func targets(_ env: Env) -> [Target] {
        var seen: [Target] = []
        for line in lines(env, width: 78) { if let t = line.2, seen.last != t { seen.append(t) } }
        return seen
    }

    /// Scrolls so that the highlighted item shows.
    private mutating func followSelection(_ env: Env) {
        let all = lines(env, width: 78)
        let wanted = targets(env).dropFirst(selected).first
        guard let wanted, let first = all.firstIndex(where: { $0.2 == wanted }) else { return }
        let last = all.lastIndex(where: { $0.2 == wanted }) ?? first
        if first < scroll { scroll = first }
        if last >= scroll + height { scroll = last - height + 1 }
    }

    /// The record as lines of text with their styles, and what each opens.
    func lines(_ env: Env, width: Int) -> [(String, Style, Target?)] {
        guard let r = record else { return [] }
        let lang = env.lang, clock = env.clock, p = r.patient
        var out: [(String, Style, Target?)] = []
        func field(_ label: String, _ value: String?) {
            let text = value.flatMap { $0.isEmpty ? nil : $0 } ?? "—"
            for (n, line) in Wrap.lines(text, width: max(10, width - 20)).enumerated() {
                out.append(((n == 0 ? TextWidth.pad(label, 20) : String(repeating: " ", count: 20)) + line, .normal, nil))
            }
        }
        out.append((p.lastName.uppercased() + " " + p.firstName, .title, nil))
        field(lang[.born], p.dateOfBirth.map { clock.day($0) + " (\(age($0, env.today)) " + lang[.y] + ")" })
        field(lang[.phone], p.phone.map { PhoneNumber.grouped($0) })
        field(lang[.email], p.email)
        field(lang[.address], p.address)
        field(lang[.remindersBy], p.notificationChannels.map(\.rawValue).joined(separator: ", "))
        field(lang[.emergencyContact],
              [p.emergencyContactName, p.emergencyContactPhone.map { PhoneNumber.grouped($0) }].compactMap { $0 }.joined(separator: " "))
        let orgNames = r.organizations.filter(\.isActive).compactMap { link in organizations.first { $0.id == link.organizationId }?.name }
        field(lang[.organizations], orgNames.joined(separator: ", "))
        if env.session.can(.readClinical) {
            field(lang[.bloodType], p.bloodType?.rawValue)
            out.append((lang[.medicalNotes], .bold, nil))
            for line in Wrap.lines(p.medicalNotes ?? "—", width: width - 2) { out.append(("  " + line, .normal, nil)) }
        } else {
            out.append((lang[.medicalNotesHiddenForYourRole], .dim, nil))
        }
        out.append(("", .normal, nil))
        out.append((lang[.consultations] + " (\(r.consultations.count))", .title, nil))
        for c in r.consultations {
            // The whole history line, wrapped: the reason and diagnosis are read to their end.
            let what = [c.reason, c.diagnosis].compactMap { $0 }.joined(separator: " — ")
            let text = clock.dateTime(c.dateTime) + "  " + lang.word(c.status) + "  " + (doctors[c.doctorId] ?? "")
                + (what.isEmpty ? "" : "  " + what)
            for (n, line) in Wrap.lines(text, width: max(10, width - 4)).enumerated() {
                out.append(((n == 0 ? "  " : "    ") + line, .normal, .consultation(c.id)))
            }
        }
        out.append(("", .normal, nil))
        out.append((lang[.interventions] + " (\(r.interventions.count))", .title, nil))
        for d in r.interventions {
            let i = d.intervention
            let past = i.serverWillRefuse(now: env.now) && !i.status.isClosed
            out.append(("  " + clock.dateTime(i.scheduledAt) + "  " + lang.title(i.title) + "  " + lang.word(i.status)
                        + (i.priority == .urgent ? "  URGENT" : "") + (past ? lang[.pastServerWillRefuse] : ""),
                        i.priority == .urgent ? .error : .normal, .intervention(i.id)))
            for reminder in d.reminders {
                out.append(("      " + reminder.channel.rawValue + " " + clock.dateTime(reminder.plannedSendAt) + "  "
                            + lang.word(reminder.status) + (reminder.lastError.map { " — " + $0 } ?? ""), .dim, .intervention(i.id)))
            }
        }
        return out
    }

    private func age(_ birth: CalendarDate, _ today: CalendarDate) -> Int {
        today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day) ? 1 : 0)
    }

    public mutating func layout(_ area: Rect, _ env: Env) { height = max(1, area.height) }

    public func draw(_ grid: inout Grid, _ area: Rect, _ env: Env) {
        if let problem { grid.write(problem, row: area.row, column: 1, style: .error, limit: area.width - 2) }
        let all = lines(env, width: area.width - 2)
        let highlighted = targets(env).dropFirst(selected).first
        let first = min(scroll, max(0, all.count - area.height))
        for (i, line) in all.dropFirst(first).prefix(area.height).enumerated() {
            let row = area.row + i + (problem == nil ? 0 : 1)
            let isSelected = line.2 != nil && line.2 == highlighted
            if isSelected { grid.fill(Rect(row: row, column: 1, width: area.width - 2, height: 1), style: .selected) }
            grid.write(line.0, row: row, column: 1, style: isSelected ? .selected : line.1, limit: area.width - 2)
        }
    }
}
