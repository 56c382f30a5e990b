import Foundation
import TappDomain
import TappStore

/// Adds or edits a patient. Each field is checked as the store checks it and the reason is shown next to it; a
/// refused save (role, someone else's change) keeps the form open with what was typed.
public struct PatientFormScreen: Screen {
    var form = Form()
    let editing: Patient?
    /// The desk check: existing patients the one being typed likely is (name plus birth date or phone), best first.
    var likely: [DuplicateMatch] = []
    /// The person chose to register the new patient although it looks like an existing one.
    var registerAnyway = false

    public init(editing: Patient?, _ env: Env) {
        self.editing = editing
        let lang = env.lang
        let input = editing.map { PatientInput($0.fields) } ?? PatientInput()
        form.add("lastName", lang[.lastName], input.lastName)
        form.add("firstName", lang[.firstName], input.firstName)
        form.add("dateOfBirth", lang[.bornDdMmYyyy],
                 editing?.dateOfBirth.map { env.clock.day($0, always: true) } ?? input.dateOfBirth)
        form.add("phone", lang[.phone], input.phone.isEmpty ? "" : PhoneNumber.grouped(input.phone))
        form.add("email", lang[.email], input.email)
        form.add("address", lang[.address], input.address)
        form.add("notificationChannels", lang[.remindersBy], input.notificationChannels.isEmpty ? "SMS" : input.notificationChannels)
        form.add("emergencyContactName", lang[.emergencyContact], input.emergencyContactName)
        form.add("emergencyContactPhone", lang[.emergencyPhone],
                 input.emergencyContactPhone.isEmpty ? "" : PhoneNumber.grouped(input.emergencyContactPhone))
        if env.session.can(.writeClinical) {
            let bloods = [""] + BloodType.allCases.map(\.rawValue)
            form.add("bloodType", lang[.bloodType], input.bloodType,
                     kind: .choice(bloods, labels: [lang[.unknown]] + BloodType.allCases.map(\.rawValue)))
            form.add("medicalNotes", lang[.medicalNotes], input.medicalNotes)
        }
        form.checks = FormChecks.patient(env)
    }

    public func title(_ lang: Lang) -> String {
        editing == nil ? lang[.newPatient] : lang[.editPatient]
    }

    public func help(_ lang: Lang) -> [HelpLine] { FormKeys.help(lang) + [HelpLine([.ctrl("o")], lang[.ctrlOOpenExisting])] }
    public var hasUnsavedChanges: Bool { form.isChanged }
    public var isTyping: Bool { form.isTyping }

    var input: PatientInput {
        var i = PatientInput()
        i.firstName = form["firstName"]
        i.lastName = form["lastName"]
        i.dateOfBirth = form["dateOfBirth"]
        i.phone = form["phone"]
        i.email = form["email"]
        i.address = form["address"]
        i.notificationChannels = form["notificationChannels"]
        i.emergencyContactName = form["emergencyContactName"]
        i.emergencyContactPhone = form["emergencyContactPhone"]
        if let editing, form.fields.first(where: { $0.id == "bloodType" }) == nil {
            // Roles that may not write clinical data keep what is there.
            i.bloodType = editing.bloodType?.rawValue ?? ""
            i.medicalNotes = editing.medicalNotes ?? ""
        } else {
            i.bloodType = form["bloodType"]
            i.medicalNotes = form["medicalNotes"]
        }
        return i
    }

    public mutating func handle(_ key: Key, _ env: inout Env) -> Outcome {
        // Ctrl+O opens the likeliest existing record instead of registering the patient again.
        if key == .ctrl("o"), let first = likely.first {
            var record = PatientRecordScreen(id: first.patient.id)
            record.reload(env)
            return .replace(record)
        }
        switch form.handle(key) {
        case .save: return save(env)
        case .leave: return FormKeys.leave(form, env.lang)
        case .edited, .moved:
            checkAtTheDesk(env)
            return .handled
        case .open: return .handled
        case .none: return .ignored
        }
    }

    /// Looks for the patient being registered among those already there, as soon as a name and a birth date or a
    /// phone are typed (a new patient only).
    mutating func checkAtTheDesk(_ env: Env) {
        guard editing == nil else { return }
        let typed = input
        let named = !typed.lastName.trimmingCharacters(in: .whitespaces).isEmpty || !typed.firstName.trimmingCharacters(in: .whitespaces).isEmpty
        let identified = !typed.dateOfBirth.trimmingCharacters(in: .whitespaces).isEmpty || !typed.phone.trimmingCharacters(in: .whitespaces).isEmpty
        likely = named && identified ? ((try? env.database.likelyDuplicates(of: typed, limit: 3, by: env.session)) ?? []) : []
    }

    public mutating func confirmed(_ question: Question, _ env: inout Env) -> Outcome {
        if question.tag == "register-anyway" {
            registerAnyway = true
            return save(env)
        }
        return .pop
    }

    private mutating func save(_ env: Env) -> Outcome {
        do {
            if let editing {
                _ = try env.database.updatePatient(id: editing.id, expectedVersion: editing.version, input, by: env.session, now: env.now)
                form.markSaved()
                return .popAndSay(env.lang[.patientSaved])
            }
            if !registerAnyway, let first = likely.first {
                // Saving anyway asks once, "no" highlighted.
                return .ask(Question(env.lang.text(.registerAnywayLooksLike, first.patient.lastName.uppercased() + " " + first.patient.firstName),
                                     tag: "register-anyway"))
            }
            let patient = try env.database.addPatient(input, allowDuplicate: registerAnyway, by: env.session, now: env.now)
            form.markSaved()
            // A patient registered at the desk belongs to the clinic of whoever registers them.
            if let clinic = env.session.organizationId ?? (try? env.database.organizations().first?.id) {
                _ = try? env.database.linkPatient(patient.id, toOrganization: clinic, by: env.session, now: env.now)
            }
            var record = PatientRecordScreen(id: patient.id)
            record.reload(env)
            return .replace(record)
        } catch {
            FormKeys.show(error, in: &form, env)
            return .handled
        }
    }

    public func draw(_ grid: inout Grid, _ area: Rect, _ env: Env) {
        let lang = env.lang
        grid.write(title(lang), row: area.row, column: 1, style: .title)
        // The likely existing records under the form: name, birth date, phone, last visit; Ctrl+O opens the first.
        let panel = likely.isEmpty ? 0 : likely.count + 1
        form.draw(&grid, Rect(row: area.row + 2, column: 1, width: area.width - 2, height: max(1, area.height - 2 - panel)), lang: lang)
        guard !likely.isEmpty else { return }
        let top = area.row + area.height - panel
        grid.write(lang[.alreadyRegisteredCtrlOOpens], row: top, column: 1, style: .warning, limit: area.width - 2)
        for (i, match) in likely.enumerated() {
            let p = match.patient
            let text = TextWidth.pad(p.lastName.uppercased() + " " + p.firstName, 28) + " "
                + TextWidth.pad(p.dateOfBirth.map { env.clock.day($0) } ?? "—", 11) + " "
                + TextWidth.pad(p.phone.map { PhoneNumber.grouped($0) } ?? "—", 18) + " "
                + (match.lastVisit.map { lang.text(.lastVisit, env.clock.day(env.clock.calendarDay($0))) } ?? "")
            grid.write((i == 0 ? "▸ " : "  ") + text, row: top + 1 + i, column: 1, style: i == 0 ? .bold : .normal, limit: area.width - 2)
        }
    }
}
