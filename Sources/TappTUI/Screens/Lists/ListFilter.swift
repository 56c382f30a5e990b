import Foundation
import TappDomain
import TappStore

/// The filters of the consultation and intervention lists: a period, a doctor, a status, a patient. Pure state:
/// the screen that owns it opens the pickers it asks for.
struct ListFilter {
    /// `coming`: today and the 30 days after it, what a clinic looks at first.
    enum Period: Equatable { case today, week, month, coming, all, range(CalendarDate, CalendarDate) }
    static let comingDays = 30

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
        case .coming: return (anchor, anchor.adding(days: ListFilter.comingDays + 1))
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
        case .coming: anchor = anchor.adding(days: ListFilter.comingDays * step)
        case .range(let a, let b):
            let length = Int((b.start(in: .gmt).timeIntervalSince(a.start(in: .gmt)) / 86_400).rounded()) + 1
            period = .range(a.adding(days: length * step), b.adding(days: length * step))
        case .all: break
        }
    }

    /// The next doctor in the list, the signed-in one first, then none.
    mutating func cycleDoctor(_ listed: [DoctorListing], own: String?) {
        let doctors = listed.filter { $0.userId == own } + listed.filter { $0.userId != own }
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
        case .coming:
            if let d = days { parts.append(lang[.coming] + clock.day(d.from) + " → " + clock.day(d.to.adding(days: -1))) }
        case .all: parts.append(lang[.allDates])
        }
        parts.append(doctor.map { "Dr " + $0.name } ?? lang[.allDoctors])
        parts.append(status.map(statusWord) ?? lang[.allStatuses])
        if let patient { parts.append(patient.name) }
        return parts.joined(separator: " · ")
    }

    enum Action { case today, week, month, coming, all, range, previous, next, doctor, status, patient, anyPatient }

    static let help: [(keys: [Key], action: Action, text: ScreenKey)] = [
        ([.char("t")], .today, .today),
        ([.char("w")], .week, .thisWeek),
        ([.char("m")], .month, .thisMonth),
        ([.char("u")], .coming, .coming30Days),
        ([.char("a")], .all, .allDates2),
        ([.char("g")], .range, .aRangeOfDates),
        ([.char("[")], .previous, .previousPeriod),
        ([.char("]")], .next, .nextPeriod),
        ([.char("d")], .doctor, .nextDoctorThenAll),
        ([.char("s")], .status, .nextStatusThenAll),
        ([.char("p")], .patient, .onlyOnePatient),
        ([.char("P")], .anyPatient, .everyPatient),
    ]

    /// What a filter key needs that the filter cannot do itself.
    enum Needs { case rangeForm, patientPicker }

    /// Applies a filter key; says when a picker must be opened for it.
    mutating func apply(_ action: Action, today: CalendarDate, doctors: [DoctorListing], ownUserId: String?,
                        statuses: [String]) -> Needs? {
        switch action {
        case .today: period = .today; anchor = today
        case .week: period = .week; anchor = today
        case .month: period = .month; anchor = today
        case .coming: period = .coming; anchor = today
        case .all: period = .all
        case .range: return .rangeForm
        case .previous: shift(-1)
        case .next: shift(1)
        case .doctor: cycleDoctor(doctors, own: ownUserId)
        case .status: cycleStatus(statuses)
        case .patient: return .patientPicker
        case .anyPatient: patient = nil
        }
        return nil
    }
}
