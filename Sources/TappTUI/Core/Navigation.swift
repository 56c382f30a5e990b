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
        case .dashboard: lang("Dashboard", "Tableau de bord")
        case .patients: lang("Patients", "Patients")
        case .consultations: lang("Consultations", "Consultations")
        case .interventions: lang("Interventions", "Interventions")
        case .reminders: lang("Reminders", "Rappels")
        case .sync: lang("Sync", "Synchro")
        }
    }

    public func short(_ lang: Lang) -> String {
        switch self {
        case .dashboard: lang("Home", "Accueil")
        case .patients: lang("Patients", "Patients")
        case .consultations: lang("Consult.", "Consult.")
        case .interventions: lang("Interv.", "Interv.")
        case .reminders: lang("Reminders", "Rappels")
        case .sync: lang("Sync", "Synchro")
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
