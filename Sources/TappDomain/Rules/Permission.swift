/// What a person may do in the clinic's record. Roles grant them as a clinic expects.
public enum Permission: String, Sendable, CaseIterable {
    case readPatients, registerPatients, deletePatients
    case readClinical, writeClinical
    case bookInterventions, deleteInterventions
    case readReminders, handleReminders
    case manageUsers, readAudit, exportData, importPatients, backup, connectServer
    case reviewDuplicates, mergePatients, changeSettings

    /// The roles that hold this permission.
    public var roles: [Role] { Role.allCases.filter { $0.permissions.contains(self) } }

    var frenchWords: String {
        switch self {
        case .readPatients: "lire les patients"
        case .registerPatients: "enregistrer ou modifier un patient"
        case .deletePatients: "supprimer un patient"
        case .readClinical: "lire les données cliniques (notes médicales, consultations)"
        case .writeClinical: "écrire des données cliniques (notes médicales, groupe sanguin, consultations)"
        case .bookInterventions: "programmer ou changer une intervention"
        case .deleteInterventions: "supprimer une intervention"
        case .readReminders: "lire les rappels"
        case .handleReminders: "relancer, confirmer ou envoyer les rappels"
        case .manageUsers: "gérer les utilisateurs"
        case .readAudit: "lire le journal d'audit"
        case .exportData: "exporter les données de la clinique"
        case .importPatients: "importer des patients"
        case .backup: "sauvegarder la base"
        case .connectServer: "connecter la clinique à un serveur TappPlus"
        case .reviewDuplicates: "examiner les doublons probables de patients"
        case .mergePatients: "fusionner ou séparer des dossiers patients"
        case .changeSettings: "changer les réglages de la clinique"
        }
    }

    var words: String {
        switch self {
        case .readPatients: "reading patients"
        case .registerPatients: "registering or editing patients"
        case .deletePatients: "deleting patients"
        case .readClinical: "reading clinical data (medical notes, consultations)"
        case .writeClinical: "writing clinical data (medical notes, blood type, consultations)"
        case .bookInterventions: "booking or changing interventions"
        case .deleteInterventions: "deleting interventions"
        case .readReminders: "reading reminders"
        case .handleReminders: "retrying, confirming or sending reminders"
        case .manageUsers: "managing users"
        case .readAudit: "reading the audit log"
        case .exportData: "exporting the clinic's data"
        case .importPatients: "importing patients"
        case .backup: "backing up the database"
        case .connectServer: "connecting the clinic to a TappPlus server (`tapp sync login`, `sync map-doctor`)"
        case .reviewDuplicates: "reviewing likely duplicate patients"
        case .mergePatients: "merging or unmerging patients"
        case .changeSettings: "changing the clinic's settings"
        }
    }
}

extension Role {
    public var permissions: Set<Permission> {
        switch self {
        case .admin:
            return Set(Permission.allCases)
        case .doctor:
            return [.readPatients, .registerPatients, .readClinical, .writeClinical, .bookInterventions,
                    .deleteInterventions, .readReminders, .handleReminders, .exportData, .importPatients, .reviewDuplicates]
        case .nurse:
            return [.readPatients, .registerPatients, .readClinical, .bookInterventions, .readReminders, .handleReminders]
        case .receptionist:
            return [.readPatients, .registerPatients, .bookInterventions, .readReminders, .handleReminders, .importPatients]
        }
    }

    public func allows(_ permission: Permission) -> Bool { permissions.contains(permission) }

    /// Throws a refusal that says which role is needed.
    public func require(_ permission: Permission) throws(PermissionDenied) {
        if !allows(permission) { throw PermissionDenied(permission: permission, role: self) }
    }
}

/// A refusal: what was attempted, who may do it, and who tried.
public struct PermissionDenied: Error, Sendable, Equatable, CustomStringConvertible {
    public let permission: Permission
    public let role: Role

    public var description: String { text(french: false) }

    /// The refusal in the reader's language.
    public func text(french: Bool) -> String {
        let needed = permission.roles.map(\.rawValue).joined(separator: french ? " ou " : " or ")
        return french ? "refusé : \(permission.frenchWords) demande le rôle \(needed) (vous êtes \(role.rawValue))"
                      : "refused: \(permission.words) needs role \(needed) (you are \(role.rawValue))"
    }
}
