import Foundation
import TappDomain
import TappStore

/// Books or edits an intervention: patient, doctor, organization, type, time, priority, place, description and its
/// reminder rules. Warns when the time has passed (the server will refuse it).
public struct InterventionFormScreen: Screen {
    var form = Form()
    let editing: InterventionDetail?
    var patientName: String
    /// The rules chosen; nil keeps the defaults (new) or the current ones (edit).
    var rules: [ReminderRuleSpec]?
    var rulesChanged = false
    /// The person said to book it although the same patient already has this doctor at this time.
    var bookTwiceConfirmed = false

    public init(editing: InterventionDetail?, patient: (id: String, name: String)?, _ env: Env) {
        self.editing = editing
        patientName = patient?.name ?? ""
        let lang = env.lang
        let doctors = (try? env.database.doctors()) ?? []
        let organizations = (try? env.database.organizations()) ?? []
        let ownDoctor = env.session.userId.flatMap { uid in doctors.first { $0.userId == uid }?.id }
        var input = editing.map { InterventionInput($0.intervention.fields, zone: env.session.zone) } ?? InterventionInput()
        var when = ""
        if let i = editing?.intervention {
            when = env.clock.formValue(i.scheduledAt)
            rules = editing?.rules.map(\.spec) ?? []
        } else {
            input.patientId = patient?.id ?? ""
            input.doctorId = ownDoctor ?? doctors.first?.id ?? ""
            input.organizationId = env.session.organizationId ?? organizations.first?.id ?? ""
            when = env.clock.formValue(env.today.adding(days: 1).start(in: env.session.zone).addingTimeInterval(9 * 3600))
        }
        let kinds = InterventionKind.allCases
        let kind = kinds.first { $0.rawValue == input.title || $0.french == input.title }
        form.add("patientId", lang[.patient], input.patientId, kind: .picker)
        form.add("doctorId", lang[.doctor], input.doctorId,
                 kind: .choice(doctors.map(\.id), labels: doctors.map { "Dr " + $0.name }))
        form.add("organizationId", lang[.organization], input.organizationId,
                 kind: .choice(organizations.map(\.id), labels: organizations.map(\.name)))
        form.add("kind", lang[.type], (kind ?? (input.title.isEmpty ? .checkUp : .other)).rawValue,
                 kind: .choice(kinds.map(\.rawValue), labels: kinds.map(lang.word)))
        form.add("title", lang[.titleOtherType], kind == nil ? input.title : "")
        form.add("scheduledAt", lang[.dateAndTime], when)
        form.add("priority", lang[.priority], input.priority,
                 kind: .choice(InterventionPriority.allCases.map(\.rawValue), labels: InterventionPriority.allCases.map(lang.word)))
        form.add("location", lang[.location], input.location)
        form.add("description", lang[.description], input.description)
        form.add("rules", lang[.reminderRules], "", kind: .picker)
        form.setHidden("title", form["kind"] != InterventionKind.other.rawValue)
        form.checks = FormChecks.dateTime(env, field: "scheduledAt")
        form.markSaved()
        checkDate(env)
    }

    public func title(_ lang: Lang) -> String {
        editing == nil ? lang[.newIntervention] : lang[.editIntervention]
    }
    public func help(_ lang: Lang) -> [HelpLine] { FormKeys.help(lang) }
    public var hasUnsavedChanges: Bool { form.isChanged || rulesChanged }
    public var isTyping: Bool { form.isTyping }

    /// The title the intervention gets: the type's name, or the text typed for "other".
    var typedTitle: String {
        let kind = InterventionKind(rawValue: form["kind"]) ?? .other
        return kind == .other ? form["title"] : kind.rawValue
    }

    var input: InterventionInput {
        var i = InterventionInput()
        i.patientId = form["patientId"]
        i.doctorId = form["doctorId"]
        i.organizationId = form["organizationId"]
        i.title = typedTitle
        i.scheduledAt = form["scheduledAt"]
        i.priority = form["priority"]
        i.location = form["location"]
        i.description = form["description"]
        return i
    }

    /// The past-date warning, and which reminder rules fall in the past, kept up to date as the time is typed.
    mutating func checkDate(_ env: Env) {
        form.warning = nil
        guard let when = try? env.clock.read(form["scheduledAt"], field: "scheduledAt", now: env.now) else { return }
        if when <= env.now, editing?.intervention.serverId == nil {
            form.warning = env.lang[.thisTimeHasPassedKeptHere]
        } else if let missed = Self.rulesInThePast(rules ?? ReminderPlan.defaultRules, at: when, now: env.now, env.lang) {
            form.warning = missed
        }
    }

    /// "J-7 SMS will not be sent: its time has passed." for the enabled rules whose send time is already gone.
    static func rulesInThePast(_ rules: [ReminderRuleSpec], at when: Date, now: Date, _ lang: Lang) -> String? {
        let missed = rules.filter { $0.enabled && when.addingTimeInterval(Double($0.offsetMinutes) * 60) <= now }
        guard !missed.isEmpty else { return nil }
        let names = missed.map(lang.word).joined(separator: ", ")
        return missed.count == 1
            ? lang.text(.willNotBeSentItsTime, "\(names)")
            : lang.text(.willNotBeSentTheirTime, "\(names)")
    }

    /// Another intervention of the same patient with the same doctor at the same minute (not cancelled).
    func sameBooking(_ env: Env) -> Intervention? {
        guard let when = try? env.clock.read(form["scheduledAt"], field: "scheduledAt", now: env.now), !form["patientId"].isEmpty
        else { return nil }
        var filter = InterventionFilter()
        filter.patientId = form["patientId"]
        filter.doctorId = form["doctorId"]
        filter.from = when.addingTimeInterval(-59)
        filter.to = when.addingTimeInterval(59)
        let found = (try? env.database.interventions(filter, by: env.session)) ?? []
        return found.first { $0.id != editing?.intervention.id && $0.status != .canceled }
    }

    public mutating func handle(_ key: Key, _ env: inout Env) -> Outcome {
        let event = form.handle(key)
        switch event {
        case .save: return save(env)
        case .leave:
            if rulesChanged && !form.isChanged {
                return .ask(Question(env.lang[.closeTheFormTheRulesYou], tag: "leave"))
            }
            return FormKeys.leave(form, env.lang)
        case .open("patientId"):
            var picker = PatientListScreen(mode: .pick)
            picker.reload(env)
            return .push(picker)
        case .open:
            return .push(RuleEditorScreen(rules: rules ?? [], isNew: editing == nil))
        case .edited:
            form.setHidden("title", form["kind"] != InterventionKind.other.rawValue)
            checkDate(env)
            return .handled
        case .moved: return .handled
        case .none: return .ignored
        }
    }

    public mutating func receive(_ picked: Picked, _ env: inout Env) -> Outcome {
        switch picked {
        case .patient(let id, let name):
            form["patientId"] = id
            patientName = name
        case .rules(let chosen):
            if chosen != (rules ?? []) { rulesChanged = true }
            rules = chosen
            checkDate(env)
        case .dateRange, .organization: break
        }
        return .handled
    }

    public mutating func confirmed(_ question: Question, _ env: inout Env) -> Outcome {
        if question.tag == "book-twice" {
            bookTwiceConfirmed = true
            return save(env)
        }
        return .pop
    }

    private mutating func save(_ env: Env) -> Outcome {
        if !bookTwiceConfirmed, let same = sameBooking(env) {
            return .ask(Question(env.lang.text(.alreadyHasWithThisDoctorAt, "\(patientName)", "\(env.lang.title(same.title))", "\(env.clock.dateTime(same.scheduledAt))"),
                                 tag: "book-twice"))
        }
        let missed = (try? env.clock.read(form["scheduledAt"], field: "scheduledAt", now: env.now))
            .flatMap { Self.rulesInThePast(rules ?? ReminderPlan.defaultRules, at: $0, now: env.now, env.lang) }
        do {
            if let editing {
                try env.database.updateIntervention(id: editing.intervention.id, expectedVersion: editing.intervention.version,
                                                    input, rules: rulesChanged ? rules : nil, by: env.session, now: env.now)
            } else {
                try env.database.addIntervention(input, rules: rules ?? [], by: env.session, now: env.now)
            }
            form.markSaved()
            rulesChanged = false
            return .popAndSay(env.lang[.interventionSavedWithItsReminders]
                              + (missed.map { " " + $0 } ?? ""))
        } catch {
            FormKeys.show(error, in: &form, env)
            // The store names the type "title"; on this form it is chosen in "kind" unless it is free text.
            if form.fields.contains(where: { $0.id == "title" && $0.hidden }), form.problem?.contains("title") == true {
                form.problem = nil
            }
            return .handled
        }
    }

    public func draw(_ grid: inout Grid, _ area: Rect, _ env: Env) {
        let lang = env.lang
        grid.write(title(lang), row: area.row, column: 1, style: .title)
        let name = patientName
        let ruleText: String
        if let rules, !rules.isEmpty {
            ruleText = rules.map(lang.word).joined(separator: ", ")
        } else {
            ruleText = editing == nil ? lang[.defaultJ1SmsH1] : lang[.noneText2]
        }
        form.draw(&grid, Rect(row: area.row + 2, column: 1, width: area.width - 2, height: area.height - 2), lang: lang) {
            $0 == "patientId" ? name : ruleText
        }
    }
}
