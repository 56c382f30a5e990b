/// The screens a global key opens.
public enum Destination: Equatable, CaseIterable, Sendable {
    case dashboard, patients, consultations, interventions, reminders, sync

    /// F2…F7, and Alt+1…Alt+6 for terminals whose F-keys are taken.
    public var keys: [Key] {
        let index = Destination.allCases.firstIndex(of: self) ?? 0
        return [.function(index + 2), .alt(Character(String(index + 1)))]
    }

    public func name(_ lang: Lang) -> String {
        switch self {
        case .dashboard: lang[.dashboard]
        case .patients: lang[.patients]
        case .consultations: lang[.consultations]
        case .interventions: lang[.interventions]
        case .reminders: lang[.reminders]
        case .sync: lang[.sync]
        }
    }

    public func short(_ lang: Lang) -> String {
        switch self {
        case .dashboard: lang[.home]
        case .patients: lang[.patients]
        case .consultations: lang[.consult]
        case .interventions: lang[.interv]
        case .reminders: lang[.reminders]
        case .sync: lang[.sync]
        }
    }

    func makeScreen(_ env: Env) -> any Screen {
        var screen: any Screen
        switch self {
        case .dashboard: screen = DashboardScreen()
        case .patients: screen = PatientListScreen(mode: .browse, env)
        case .consultations: screen = ConsultationListScreen(env)
        case .interventions: screen = InterventionListScreen(env)
        case .reminders: screen = ReminderListScreen(env)
        case .sync: screen = SyncScreen()
        }
        screen.reload(env)
        return screen
    }
}
