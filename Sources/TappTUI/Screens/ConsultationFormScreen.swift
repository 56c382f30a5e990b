import Foundation
import TappDomain
import TappStore

/// Records or edits a consultation: the patient (picked with the same type-ahead), doctor, time, reason, diagnosis,
/// treatment, notes, status.
public struct ConsultationFormScreen: Screen {
    var form = Form()
    let editing: Consultation?
    var patientName: String

    public init(editing: Consultation?, patient: (id: String, name: String)?, _ env: Env) {
        self.editing = editing
        patientName = patient?.name ?? ""
        let lang = env.lang
        let doctors = (try? env.database.doctors()) ?? []
        let ownDoctor = env.session.userId.flatMap { uid in doctors.first { $0.userId == uid }?.id }
        var input = editing.map { ConsultationInput($0.fields, zone: env.session.zone) } ?? ConsultationInput()
        if editing == nil {
            input.patientId = patient?.id ?? ""
            input.doctorId = ownDoctor ?? doctors.first?.id ?? ""
            input.dateTime = env.clock.formValue(env.now)
        } else {
            input.dateTime = env.clock.formValue(editing?.dateTime ?? env.now)
        }
        form.add("patientId", lang[.patient], input.patientId, kind: .picker)
        form.add("doctorId", lang[.doctor], input.doctorId,
                 kind: .choice(doctors.map(\.id), labels: doctors.map { "Dr " + $0.name }))
        form.add("dateTime", lang[.dateAndTime], input.dateTime)
        form.checks = FormChecks.dateTime(env, field: "dateTime")
        form.add("reason", lang[.reason], input.reason)
        form.add("diagnosis", lang[.diagnosis], input.diagnosis)
        form.add("treatment", lang[.treatment], input.treatment)
        form.add("notes", lang[.notes], input.notes)
        let statuses = ConsultationStatus.allCases
        form.add("status", lang[.status], input.status,
                 kind: .choice(statuses.map(\.rawValue), labels: statuses.map(lang.word)))
    }

    public func title(_ lang: Lang) -> String {
        editing == nil ? lang[.newConsultation] : lang[.consultation]
    }
    public func help(_ lang: Lang) -> [HelpLine] { FormKeys.help(lang) }
    public var hasUnsavedChanges: Bool { form.isChanged }
    public var isTyping: Bool { form.isTyping }

    public mutating func handle(_ key: Key, _ env: inout Env) -> Outcome {
        switch form.handle(key) {
        case .save: return save(env)
        case .leave: return FormKeys.leave(form, env.lang)
        case .open:
            var picker = PatientListScreen(mode: .pick)
            picker.reload(env)
            return .push(picker)
        case .edited, .moved: return .handled
        case .none: return .ignored
        }
    }

    public mutating func receive(_ picked: Picked, _ env: inout Env) -> Outcome {
        if case .patient(let id, let name) = picked {
            form["patientId"] = id
            patientName = name
        }
        return .handled
    }

    public mutating func confirmed(_ question: Question, _ env: inout Env) -> Outcome { .pop }

    private mutating func save(_ env: Env) -> Outcome {
        var input = ConsultationInput()
        for id in ["patientId", "doctorId", "dateTime", "reason", "diagnosis", "treatment", "notes", "status"] {
            let value = form[id]
            switch id {
            case "patientId": input.patientId = value
            case "doctorId": input.doctorId = value
            case "dateTime": input.dateTime = value
            case "reason": input.reason = value
            case "diagnosis": input.diagnosis = value
            case "treatment": input.treatment = value
            case "notes": input.notes = value
            default: input.status = value
            }
        }
        if let editing { input.attachments = editing.attachments.joined(separator: "\n") }
        do {
            if let editing {
                _ = try env.database.updateConsultation(id: editing.id, expectedVersion: editing.version, input,
                                                        by: env.session, now: env.now)
            } else {
                _ = try env.database.addConsultation(input, by: env.session, now: env.now)
            }
            form.markSaved()
            return .popAndSay(env.lang[.consultationSaved])
        } catch {
            FormKeys.show(error, in: &form, env)
            return .handled
        }
    }

    public func draw(_ grid: inout Grid, _ area: Rect, _ env: Env) {
        grid.write(title(env.lang), row: area.row, column: 1, style: .title)
        let name = patientName
        form.draw(&grid, Rect(row: area.row + 2, column: 1, width: area.width - 2, height: area.height - 2), lang: env.lang) {
            $0 == "patientId" ? name : ""
        }
    }
}
