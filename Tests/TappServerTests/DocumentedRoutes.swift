import Foundation

/// One row of the API document's route and role tables (`shared/tappplus-api.md`).
struct DocumentedRoute: CustomStringConvertible, Sendable {
    let method: String
    /// As the OpenAPI document writes it, under `/api/v1`, with `{id}`-style parameters.
    let path: String
    /// nil: no token needed; empty: any signed-in user; else the roles the guard lets through.
    let roles: [String]?
    /// The French 404 message when the path's record does not exist.
    let missing: String?
    /// A body the route accepts (for the 404 check of an unknown id, which comes after validation).
    let validBody: [String: any Sendable]?

    init(_ method: String, _ path: String, _ roles: [String]?, missing: String? = nil, validBody: [String: any Sendable]? = nil) {
        self.method = method
        self.path = path
        self.roles = roles
        self.missing = missing
        self.validBody = validBody
    }

    var description: String { "\(method) \(path)" }

    /// The path with every parameter an id nothing has (the organization of an attachment is the seed's).
    var unknownPath: String {
        "/api/v1" + path.replacingOccurrences(of: "{organizationId}", with: "org_default")
            .replacingOccurrences(of: "{personId}", with: "nobody").replacingOccurrences(of: "{id}", with: "nobody")
    }

    /// Whether the route takes a DTO body (checked after the role, so an unknown field is a 400 for an allowed role).
    var takesDTO: Bool {
        (method == "POST" || method == "PATCH") && !path.hasSuffix("/retry") && !path.contains("{organizationId}")
            && !path.hasPrefix("/notifications/")
    }

    static let any: [String] = []
    static let doctorOrAdmin = ["DOCTOR", "ADMIN"]

    static let all: [DocumentedRoute] = [
        .init("POST", "/auth/login", nil),
        // Only an ADMIN gives roles (the real server lets anyone register, as any role).
        .init("POST", "/auth/register", ["ADMIN"]),
        .init("POST", "/auth/refresh", nil),
        .init("GET", "/auth/profile", any),
        .init("GET", "/organizations", any),
        .init("POST", "/organizations", ["ADMIN"]),
        .init("GET", "/organizations/{id}", any, missing: "Organisation non trouvée"),
        .init("PATCH", "/organizations/{id}", ["ADMIN"], missing: "Organisation non trouvée", validBody: ["name": "Clinique"]),
        .init("DELETE", "/organizations/{id}", ["ADMIN"], missing: "Organisation non trouvée"),
        .init("GET", "/organizations/{id}/stats", any, missing: "Organisation non trouvée"),
        .init("GET", "/people", any),
        .init("POST", "/people", doctorOrAdmin),
        .init("GET", "/people/{id}", any, missing: "Personne non trouvée"),
        .init("PATCH", "/people/{id}", doctorOrAdmin, missing: "Personne non trouvée", validBody: ["address": "Akwa"]),
        .init("DELETE", "/people/{id}", ["ADMIN"], missing: "Personne non trouvée"),
        .init("POST", "/people/{id}/organizations/{organizationId}", ["ADMIN"], missing: "Personne non trouvée", validBody: [:]),
        .init("DELETE", "/people/{id}/organizations/{organizationId}", ["ADMIN"],
              missing: "Cette personne n'est pas rattachée à cette organisation"),
        .init("GET", "/consultations", any),
        .init("POST", "/consultations", doctorOrAdmin),
        .init("GET", "/consultations/history/{personId}", any),
        .init("GET", "/consultations/{id}", any, missing: "Consultation non trouvée"),
        .init("PATCH", "/consultations/{id}", doctorOrAdmin, missing: "Consultation non trouvée", validBody: ["notes": "x"]),
        .init("DELETE", "/consultations/{id}", ["ADMIN"], missing: "Consultation non trouvée"),
        .init("GET", "/interventions", any),
        .init("POST", "/interventions", doctorOrAdmin),
        .init("GET", "/interventions/upcoming", any),
        .init("GET", "/interventions/{id}", any, missing: "Intervention non trouvée"),
        .init("PATCH", "/interventions/{id}", doctorOrAdmin, missing: "Intervention non trouvée", validBody: ["title": "x"]),
        .init("DELETE", "/interventions/{id}", doctorOrAdmin, missing: "Intervention non trouvée"),
        .init("GET", "/reminders", any),
        .init("POST", "/reminders", ["ADMIN", "DOCTOR"]),
        .init("GET", "/reminders/stats", ["ADMIN", "DOCTOR"]),
        .init("GET", "/reminders/{id}", any, missing: "Rappel non trouvé"),
        .init("PATCH", "/reminders/{id}", ["ADMIN", "DOCTOR"], missing: "Rappel non trouvé", validBody: ["message": "x"]),
        .init("DELETE", "/reminders/{id}", ["ADMIN", "DOCTOR"], missing: "Rappel non trouvé"),
        .init("POST", "/reminders/{id}/retry", ["ADMIN", "DOCTOR"], missing: "Rappel non trouvé"),
        .init("GET", "/notifications/stats", ["ADMIN", "DOCTOR"]),
        .init("POST", "/notifications/test/sms", ["ADMIN"]),
        .init("POST", "/notifications/test/push", ["ADMIN"]),
        .init("POST", "/notifications/test/email", ["ADMIN"]),
    ]

    /// Our server's extensions (issue 15): not in the real API, nor served under `--real-server-faults`.
    static let extensions: [DocumentedRoute] = [
        .init("GET", "/sync/features", any),
        .init("GET", "/sync/changes", any),
        .init("POST", "/sync/batch", any),
    ]

    /// The routes a server in this mode serves and describes.
    static func served(_ mode: ServerMode) -> [DocumentedRoute] { mode == .fixed ? all + extensions : all }
}
