import Foundation
import TappDomain
import TappStore

/// A patient's record: demographics, medical notes (not for receptionists), consultations, interventions and their
/// reminders.
public struct PatientRecordScreen: Screen {
    enum Action { case edit, consultation, intervention, link, scrollUp, scrollDown }
    let id: String
    var record: PatientRecord?
    var organizations: [Organization] = []
    var doctors: [String: String] = [:]
    var problem: String?
    var scroll = 0
    var opened = false

    static let keys: KeyTable<Action> = {
        var t = KeyTable<Action>()
        t.add([.char("e")], .edit, "Edit the patient", "Modifier le patient", footer: true)
        t.add([.char("c")], .consultation, "New consultation", "Nouvelle consultation", footer: true)
        t.add([.char("i")], .intervention, "New intervention", "Nouvelle intervention", footer: true)
        t.add([.char("o")], .link, "Link to the next organization", "Rattacher à l'organisation suivante", footer: true)
        t.add([.up, .char("k")], .scrollUp, "Scroll up", "Monter")
        t.add([.down, .char("j"), .pageDown], .scrollDown, "Scroll down", "Descendre")
        return t
    }()

    public init(id: String) { self.id = id }

    public func title(_ lang: Lang) -> String { lang("Patient record", "Dossier patient") }
    public func help(_ lang: Lang) -> [HelpLine] {
        Self.keys.help(lang) + [HelpLine([.escape], lang("Back", "Retour"), footer: true)]
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
        switch Self.keys.action(for: key) {
        case .edit: return .push(PatientFormScreen(editing: record.patient, env))
        case .consultation:
            return .push(ConsultationFormScreen(editing: nil, patient: (record.patient.id, record.patient.fullName), env))
        case .intervention:
            return .push(InterventionFormScreen(editing: nil, patient: (record.patient.id, record.patient.fullName), env))
        case .link:
            let linked = Set(record.organizations.filter(\.isActive).map(\.organizationId))
            guard let next = organizations.first(where: { !linked.contains($0.id) }) else {
                return .say(env.lang("Already linked to every organization.", "Déjà rattaché à toutes les organisations."))
            }
            do {
                _ = try env.database.linkPatient(record.patient.id, toOrganization: next.id, by: env.session)
                reload(env)
                return .say(env.lang("Linked to \(next.name).", "Rattaché à \(next.name)."))
            } catch {
                return .say(env.explain(error))
            }
        case .scrollUp: scroll = max(0, scroll - 1); return .handled
        case .scrollDown: scroll += 1; return .handled
        case nil: return .ignored
        }
    }

    /// The record as lines of text with their styles.
    func lines(_ env: Env, width: Int) -> [(String, Style)] {
        guard let r = record else { return [] }
        let lang = env.lang, clock = env.clock, p = r.patient
        var out: [(String, Style)] = []
        func field(_ label: String, _ value: String?) {
            out.append((TextWidth.pad(label, 20) + (value.flatMap { $0.isEmpty ? nil : $0 } ?? "—"), .normal))
        }
        out.append((p.lastName.uppercased() + " " + p.firstName, .title))
        field(lang("Born", "Né(e) le"), p.dateOfBirth.map { clock.day($0) + " (\(age($0, env.today)) " + lang("y", "ans") + ")" })
        field(lang("Phone", "Téléphone"), p.phone)
        field(lang("Email", "Email"), p.email)
        field(lang("Address", "Adresse"), p.address)
        field(lang("Reminders by", "Rappels par"), p.notificationChannels.map(\.rawValue).joined(separator: ", "))
        field(lang("Emergency contact", "Contact d'urgence"),
              [p.emergencyContactName, p.emergencyContactPhone].compactMap { $0 }.joined(separator: " "))
        let orgNames = r.organizations.filter(\.isActive).compactMap { link in organizations.first { $0.id == link.organizationId }?.name }
        field(lang("Organizations", "Organisations"), orgNames.joined(separator: ", "))
        if env.session.can(.readClinical) {
            field(lang("Blood type", "Groupe sanguin"), p.bloodType?.rawValue)
            out.append((lang("Medical notes", "Notes médicales"), .bold))
            for line in Wrap.lines(p.medicalNotes ?? "—", width: width - 2) { out.append(("  " + line, .normal)) }
        } else {
            out.append((lang("Medical notes: hidden for your role", "Notes médicales : masquées pour votre rôle"), .dim))
        }
        out.append(("", .normal))
        out.append((lang("Consultations", "Consultations") + " (\(r.consultations.count))", .title))
        for c in r.consultations {
            let what = [c.reason, c.diagnosis].compactMap { $0 }.joined(separator: " — ")
            out.append(("  " + clock.dateTime(c.dateTime) + "  " + lang.word(c.status) + "  " + (doctors[c.doctorId] ?? "")
                        + (what.isEmpty ? "" : "  " + what), .normal))
        }
        out.append(("", .normal))
        out.append((lang("Interventions", "Interventions") + " (\(r.interventions.count))", .title))
        for d in r.interventions {
            let i = d.intervention
            let past = i.serverWillRefuse(now: env.now) && !i.status.isClosed
            out.append(("  " + clock.dateTime(i.scheduledAt) + "  " + lang.title(i.title) + "  " + lang.word(i.status)
                        + (i.priority == .urgent ? "  URGENT" : "") + (past ? lang("  (past: server will refuse)", "  (passée : refusée par le serveur)") : ""),
                        i.priority == .urgent ? .error : .normal))
            for reminder in d.reminders {
                out.append(("      " + reminder.channel.rawValue + " " + clock.dateTime(reminder.plannedSendAt) + "  "
                            + lang.word(reminder.status) + (reminder.lastError.map { " — " + $0 } ?? ""), .dim))
            }
        }
        return out
    }

    private func age(_ birth: CalendarDate, _ today: CalendarDate) -> Int {
        today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day) ? 1 : 0)
    }

    public func draw(_ grid: inout Grid, _ area: Rect, _ env: Env) {
        if let problem { grid.write(problem, row: area.row, column: 1, style: .error, limit: area.width - 2) }
        let all = lines(env, width: area.width - 2)
        let first = min(scroll, max(0, all.count - area.height))
        for (i, line) in all.dropFirst(first).prefix(area.height).enumerated() {
            grid.write(line.0, row: area.row + i + (problem == nil ? 0 : 1), column: 1, style: line.1, limit: area.width - 2)
        }
    }
}
