import Foundation
import TappDomain
import TappStore

/// Adds or edits a patient. Each field is checked as the store checks it and the reason is shown next to it; a
/// refused save (role, someone else's change) keeps the form open with what was typed.
public struct PatientFormScreen: Screen {
    var form = Form()
    let editing: Patient?

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

    public func help(_ lang: Lang) -> [HelpLine] { FormKeys.help(lang) }
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
        switch form.handle(key) {
        case .save: return save(env)
        case .leave: return FormKeys.leave(form, env.lang)
        case .edited, .moved, .open: return .handled
        case .none: return .ignored
        }
    }

    public mutating func confirmed(_ question: Question, _ env: inout Env) -> Outcome { .pop }

    private mutating func save(_ env: Env) -> Outcome {
        do {
            if let editing {
                _ = try env.database.updatePatient(id: editing.id, expectedVersion: editing.version, input, by: env.session, now: env.now)
                form.markSaved()
                return .popAndSay(env.lang[.patientSaved])
            }
            let patient = try env.database.addPatient(input, by: env.session, now: env.now)
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
        grid.write(title(env.lang), row: area.row, column: 1, style: .title)
        form.draw(&grid, Rect(row: area.row + 2, column: 1, width: area.width - 2, height: area.height - 2), lang: env.lang)
    }
}

/// What every form shares: its keys, the question before throwing typed text away, showing a refusal.
enum FormKeys {
    static func help(_ lang: Lang) -> [HelpLine] {
        [
            HelpLine([.ctrl("s"), .function(10)], lang[.save], footer: true),
            HelpLine([.tab, .down, .enter], lang[.nextField], footer: true),
            HelpLine([.backTab, .up], lang[.previousField]),
            HelpLine([.left, .right, .char(" ")], lang[.changeAChoice]),
            HelpLine([.escape], lang[.closeAsksFirstIfYouTyped], footer: true),
            HelpLine([.ctrl("u")], lang[.clearToTheStartOfThe]),
        ]
    }

    static func leave(_ form: Form, _ lang: Lang) -> Outcome {
        guard form.isChanged else { return .pop }
        return .ask(Question(lang[.closeTheFormWhatYouTyped], tag: "leave"))
    }

    /// Puts a refusal on the form: each field's error next to it, anything else under the fields.
    static func show(_ error: any Error, in form: inout Form, _ env: Env) {
        if case ClinicError.invalid(let failure) = error {
            form.show(errors: failure.errors.map { ($0.field, $0.text(french: env.lang.isFrench)) })
        } else if let failure = error as? ValidationFailure {
            form.show(errors: failure.errors.map { ($0.field, $0.text(french: env.lang.isFrench)) })
        } else {
            form.show(errors: [])
            form.problem = env.explain(error)
        }
    }
}
