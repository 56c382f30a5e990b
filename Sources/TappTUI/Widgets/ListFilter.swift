import Foundation
import TappDomain
import TappStore

/// The filters of the consultation and intervention lists: a period, a doctor, a status, a patient.
struct ListFilter {
    enum Period: Equatable { case today, week, month, all, range(CalendarDate, CalendarDate) }

    var period: Period
    /// The first day of the period shown ([ and ] move it).
    var anchor: CalendarDate
    var doctor: DoctorListing?
    var status: String?
    var patient: (id: String, name: String)?

    init(period: Period, today: CalendarDate) {
        self.period = period
        anchor = today
    }

    /// The days covered, end excluded; nil for all dates.
    var days: (from: CalendarDate, to: CalendarDate)? {
        switch period {
        case .today: return (anchor, anchor.adding(days: 1))
        case .week:
            let monday = anchor.adding(days: -anchor.weekdayFromMonday)
            return (monday, monday.adding(days: 7))
        case .month: return (anchor.firstOfMonth, anchor.firstOfMonth.adding(months: 1))
        case .range(let a, let b): return (a, b.adding(days: 1))
        case .all: return nil
        }
    }

    func interval(_ zone: TimeZone) -> (from: Date?, to: Date?) {
        guard let d = days else { return (nil, nil) }
        return (d.from.start(in: zone), d.to.start(in: zone))
    }

    /// Moves to the previous or next period of the same length.
    mutating func shift(_ step: Int) {
        switch period {
        case .today: anchor = anchor.adding(days: step)
        case .week: anchor = anchor.adding(days: 7 * step)
        case .month: anchor = anchor.adding(months: step)
        case .range(let a, let b):
            let length = Int((b.start(in: .gmt).timeIntervalSince(a.start(in: .gmt)) / 86_400).rounded()) + 1
            period = .range(a.adding(days: length * step), b.adding(days: length * step))
        case .all: break
        }
    }

    /// The next doctor in the list, then none.
    mutating func cycleDoctor(_ doctors: [DoctorListing]) {
        guard !doctors.isEmpty else { return }
        if let current = doctor, let i = doctors.firstIndex(where: { $0.id == current.id }) {
            doctor = i + 1 < doctors.count ? doctors[i + 1] : nil
        } else {
            doctor = doctors[0]
        }
    }

    mutating func cycleStatus(_ values: [String]) {
        if let status, let i = values.firstIndex(of: status) {
            self.status = i + 1 < values.count ? values[i + 1] : nil
        } else {
            status = values.first
        }
    }

    /// One line saying what is shown.
    func summary(_ env: Env, statusWord: (String) -> String) -> String {
        let lang = env.lang, clock = env.clock
        var parts: [String] = []
        switch period {
        case .today: parts.append(clock.day(anchor))
        case .week, .range:
            if let d = days { parts.append(clock.day(d.from) + " → " + clock.day(d.to.adding(days: -1))) }
        case .month: parts.append(clock.monthName(anchor.month) + " \(anchor.year)")
        case .all: parts.append(lang("all dates", "toutes dates"))
        }
        parts.append(doctor.map { "Dr " + $0.name } ?? lang("all doctors", "tous médecins"))
        parts.append(status.map(statusWord) ?? lang("all statuses", "tous statuts"))
        if let patient { parts.append(patient.name) }
        return parts.joined(separator: " · ")
    }

    enum Action { case today, week, month, all, range, previous, next, doctor, status, patient, anyPatient }

    static let help: [(keys: [Key], action: Action, en: String, fr: String)] = [
        ([.char("t")], .today, "Today", "Aujourd'hui"),
        ([.char("w")], .week, "This week", "Cette semaine"),
        ([.char("m")], .month, "This month", "Ce mois"),
        ([.char("a")], .all, "All dates", "Toutes les dates"),
        ([.char("g")], .range, "A range of dates", "Une période"),
        ([.char("[")], .previous, "Previous period", "Période précédente"),
        ([.char("]")], .next, "Next period", "Période suivante"),
        ([.char("d")], .doctor, "Next doctor (then all)", "Médecin suivant (puis tous)"),
        ([.char("s")], .status, "Next status (then all)", "Statut suivant (puis tous)"),
        ([.char("p")], .patient, "Only one patient", "Un seul patient"),
        ([.char("P")], .anyPatient, "Every patient", "Tous les patients"),
    ]

    /// Applies a filter key; returns the screen to push (the patient picker, the range form) or nil.
    mutating func apply(_ action: Action, today: CalendarDate, doctors: [DoctorListing], statuses: [String], env: Env) -> (any Screen)? {
        switch action {
        case .today: period = .today; anchor = today
        case .week: period = .week; anchor = today
        case .month: period = .month; anchor = today
        case .all: period = .all
        case .range: return RangeFormScreen(days, env)
        case .previous: shift(-1)
        case .next: shift(1)
        case .doctor: cycleDoctor(doctors)
        case .status: cycleStatus(statuses)
        case .patient:
            var picker = PatientListScreen(mode: .pick)
            picker.reload(env)
            return picker
        case .anyPatient: patient = nil
        }
        return nil
    }
}

/// Asks for a range of dates: from, to.
struct RangeFormScreen: Screen {
    var form = Form()

    init(_ days: (from: CalendarDate, to: CalendarDate)?, _ env: Env) {
        let from = days?.from ?? env.today
        let to = days.map { $0.to.adding(days: -1) } ?? env.today.adding(days: 6)
        form.add("from", env.lang("From (YYYY-MM-DD)", "Du (AAAA-MM-JJ)"), from.description)
        form.add("to", env.lang("To (YYYY-MM-DD)", "Au (AAAA-MM-JJ)"), to.description)
    }

    func title(_ lang: Lang) -> String { lang("Dates", "Période") }
    func help(_ lang: Lang) -> [HelpLine] { FormKeys.help(lang) }
    var isTyping: Bool { form.isTyping }

    mutating func handle(_ key: Key, _ env: inout Env) -> Outcome {
        let event = form.handle(key)
        switch event {
        case .leave: return .pop
        case .save: break
        default: return event == .none ? .ignored : .handled
        }
        var errors: [(String, String)] = []
        var from: CalendarDate?, to: CalendarDate?
        do { from = try CalendarDate.parse(form["from"], field: "from") } catch { errors.append(("from", error.text(french: env.lang.isFrench))) }
        do { to = try CalendarDate.parse(form["to"], field: "to") } catch { errors.append(("to", error.text(french: env.lang.isFrench))) }
        if let from, let to, to < from { errors.append(("to", env.lang("is before the start", "est avant le début"))) }
        guard errors.isEmpty, let from, let to else {
            form.show(errors: errors)
            return .handled
        }
        return .popWith(.dateRange(from: from, to: to))
    }

    func draw(_ grid: inout Grid, _ area: Rect, _ env: Env) {
        grid.write(title(env.lang), row: area.row, column: 1, style: .title)
        form.draw(&grid, Rect(row: area.row + 2, column: 1, width: area.width - 2, height: area.height - 2), lang: env.lang)
        grid.write(env.lang("Ctrl+S or F10 shows the range.", "Ctrl+S ou F10 affiche la période."), row: area.row + 6,
                   column: 1, style: .dim)
    }
}
