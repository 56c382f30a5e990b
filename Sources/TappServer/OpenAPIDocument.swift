import Foundation

/// The OpenAPI 3 description served at `/api/docs-json`, written from the same list of routes the server has.
enum OpenAPIDocument {
    struct Operation {
        let method: String
        let path: String
        let tag: String
        let summary: String
        let roles: [String]?
        let body: [String: Any]?
        let success: Int
        var query: [String] = []
    }

    static func string(_ name: String? = nil, format: String? = nil, enumeration: [String]? = nil) -> [String: Any] {
        var schema: [String: Any] = ["type": "string"]
        if let format { schema["format"] = format }
        if let enumeration { schema["enum"] = enumeration }
        return schema
    }

    static func object(_ properties: [String: [String: Any]], required: [String]) -> [String: Any] {
        ["type": "object", "properties": properties, "required": required, "additionalProperties": false]
    }

    static var person: [String: Any] {
        object(["fullName": string(), "birthdate": string(format: "date-time"), "phone": string(),
                                "email": string(format: "email"), "address": string()], required: ["fullName"])
    }
    static var rule: [String: Any] {
        object(["offsetMinutes": ["type": "integer"], "channel": string(enumeration: ["EMAIL", "SMS", "PUSH"]),
                              "enabled": ["type": "boolean"]], required: ["offsetMinutes", "channel"])
    }
    static var intervention: [String: Any] {
        object(["personId": string(), "doctorId": string(), "title": string(), "description": string(),
                                      "scheduledAt": string(format: "date-time"), "priority": string(enumeration: ["NORMAL", "URGENT"]),
                                      "location": string(), "rules": ["type": "array", "items": rule]],
                                     required: ["personId", "doctorId", "title", "scheduledAt"])
    }
    static var consultation: [String: Any] {
        object(["personId": string(), "doctorId": string(), "dateTime": string(format: "date-time"),
                                      "notes": string(), "attachments": ["type": "array", "items": string()],
                                      "status": string(enumeration: ["SCHEDULED", "COMPLETED", "CANCELLED"])],
                                     required: ["personId", "doctorId", "dateTime"])
    }
    static var reminder: [String: Any] {
        object(["interventionId": string(), "type": string(enumeration: ["EMAIL", "SMS", "PUSH"]),
                                  "scheduledAt": string(format: "date-time"), "message": string(), "recipient": string(),
                                  "status": string(enumeration: ["PENDING", "SENT", "FAILED", "CANCELLED"])],
                                 required: ["interventionId", "type", "scheduledAt"])
    }

    static var operations: [Operation] { [
        .init(method: "post", path: "/auth/login", tag: "auth", summary: "Sign in", roles: nil,
              body: object(["email": string(format: "email"), "password": string()], required: ["email", "password"]), success: 201),
        .init(method: "post", path: "/auth/register", tag: "auth", summary: "Create an account", roles: nil,
              body: object(["email": string(format: "email"), "password": string(), "phone": string(),
                            "role": string(enumeration: ["ADMIN", "DOCTOR", "NURSE"]), "timezone": string(), "organizationId": string(),
                            "speciality": string(), "license": string()], required: ["email", "password"]), success: 201),
        .init(method: "post", path: "/auth/refresh", tag: "auth", summary: "New access token", roles: nil,
              body: object(["refresh_token": string()], required: ["refresh_token"]), success: 201),
        .init(method: "get", path: "/auth/profile", tag: "auth", summary: "The signed-in user", roles: [], body: nil, success: 200),
        .init(method: "get", path: "/organizations", tag: "organizations", summary: "List", roles: [], body: nil, success: 200),
        .init(method: "post", path: "/organizations", tag: "organizations", summary: "Create", roles: ["ADMIN"],
              body: object(["name": string()], required: ["name"]), success: 201),
        .init(method: "get", path: "/organizations/{id}", tag: "organizations", summary: "One", roles: [], body: nil, success: 200),
        .init(method: "patch", path: "/organizations/{id}", tag: "organizations", summary: "Change", roles: ["ADMIN"],
              body: object(["name": string()], required: []), success: 200),
        .init(method: "delete", path: "/organizations/{id}", tag: "organizations", summary: "Delete", roles: ["ADMIN"], body: nil, success: 200),
        .init(method: "get", path: "/organizations/{id}/stats", tag: "organizations", summary: "Counts", roles: [], body: nil, success: 200),
        .init(method: "get", path: "/people", tag: "people", summary: "List, by name", roles: [], body: nil, success: 200,
              query: ["search", "organizationId", "limit", "offset"]),
        .init(method: "post", path: "/people", tag: "people", summary: "Create", roles: ["DOCTOR", "ADMIN"], body: person, success: 201),
        .init(method: "get", path: "/people/{id}", tag: "people", summary: "One, with organizations, consultations, interventions",
              roles: [], body: nil, success: 200),
        .init(method: "patch", path: "/people/{id}", tag: "people", summary: "Change", roles: ["DOCTOR", "ADMIN"], body: person, success: 200),
        .init(method: "delete", path: "/people/{id}", tag: "people", summary: "Delete", roles: ["ADMIN"], body: nil, success: 200),
        .init(method: "post", path: "/people/{id}/organizations/{organizationId}", tag: "people", summary: "Attach", roles: ["ADMIN"],
              body: object(["role": string()], required: []), success: 201),
        .init(method: "delete", path: "/people/{id}/organizations/{organizationId}", tag: "people", summary: "Detach", roles: ["ADMIN"],
              body: nil, success: 200),
        .init(method: "get", path: "/consultations", tag: "consultations", summary: "List, newest first",
              roles: [], body: nil, success: 200, query: ["personId", "doctorId", "status", "from", "to"]),
        .init(method: "post", path: "/consultations", tag: "consultations", summary: "Create", roles: ["DOCTOR", "ADMIN"],
              body: consultation, success: 201),
        .init(method: "get", path: "/consultations/history/{personId}", tag: "consultations", summary: "A person's history",
              roles: [], body: nil, success: 200, query: ["doctorId"]),
        .init(method: "get", path: "/consultations/{id}", tag: "consultations", summary: "One", roles: [], body: nil, success: 200),
        .init(method: "patch", path: "/consultations/{id}", tag: "consultations", summary: "Change", roles: ["DOCTOR", "ADMIN"],
              body: consultation, success: 200),
        .init(method: "delete", path: "/consultations/{id}", tag: "consultations", summary: "Delete", roles: ["ADMIN"], body: nil, success: 200),
        .init(method: "get", path: "/interventions", tag: "interventions", summary: "List, soonest first",
              roles: [], body: nil, success: 200, query: ["doctorId", "status", "priority", "from", "to"]),
        .init(method: "post", path: "/interventions", tag: "interventions", summary: "Create, with rules and reminders",
              roles: ["DOCTOR", "ADMIN"], body: intervention, success: 201),
        .init(method: "get", path: "/interventions/upcoming", tag: "interventions", summary: "PLANNED and IN_PROGRESS in the next days",
              roles: [], body: nil, success: 200, query: ["days"]),
        .init(method: "get", path: "/interventions/{id}", tag: "interventions", summary: "One", roles: [], body: nil, success: 200),
        .init(method: "patch", path: "/interventions/{id}", tag: "interventions", summary: "Change, reschedule, cancel",
              roles: ["DOCTOR", "ADMIN"], body: intervention, success: 200),
        .init(method: "delete", path: "/interventions/{id}", tag: "interventions", summary: "Delete", roles: ["DOCTOR", "ADMIN"],
              body: nil, success: 200),
        .init(method: "get", path: "/reminders", tag: "reminders", summary: "List, latest send time first", roles: [],
              body: nil, success: 200, query: ["status", "interventionId", "from", "to"]),
        .init(method: "post", path: "/reminders", tag: "reminders", summary: "Create", roles: ["ADMIN", "DOCTOR"], body: reminder, success: 201),
        .init(method: "get", path: "/reminders/stats", tag: "reminders", summary: "Counts by status", roles: ["ADMIN", "DOCTOR"],
              body: nil, success: 200),
        .init(method: "get", path: "/reminders/{id}", tag: "reminders", summary: "One", roles: [], body: nil, success: 200),
        .init(method: "patch", path: "/reminders/{id}", tag: "reminders", summary: "Change", roles: ["ADMIN", "DOCTOR"], body: reminder, success: 200),
        .init(method: "delete", path: "/reminders/{id}", tag: "reminders", summary: "Delete", roles: ["ADMIN", "DOCTOR"], body: nil, success: 200),
        .init(method: "post", path: "/reminders/{id}/retry", tag: "reminders", summary: "Send a FAILED one again", roles: ["ADMIN", "DOCTOR"],
              body: nil, success: 201),
    ] }

    static var document: [String: Any] {
        var paths: [String: [String: Any]] = [:]
        for operation in operations {
            var entry: [String: Any] = ["tags": [operation.tag], "summary": operation.summary,
                                        "responses": ["\(operation.success)": ["description": "Success"],
                                                      "400": ["description": "Validation failed"]]]
            var responses = entry["responses"] as? [String: Any] ?? [:]
            if let roles = operation.roles {
                entry["security"] = [["bearer": [String]()]]
                responses["401"] = ["description": "No valid bearer token: {\"statusCode\":401,\"message\":\"Unauthorized\"}"]
                if !roles.isEmpty {
                    entry["description"] = "Roles: \(roles.joined(separator: ", "))"
                    responses["403"] = ["description": "Role refused: Forbidden resource"]
                }
            }
            if operation.path.contains("{") { responses["404"] = ["description": "Not found (French message)"] }
            entry["responses"] = responses
            if let body = operation.body {
                entry["requestBody"] = ["required": true, "content": ["application/json": ["schema": body]]]
            }
            let parameters = operation.path.split(separator: "/").filter { $0.hasPrefix("{") }.map { part -> [String: Any] in
                ["name": String(part.dropFirst().dropLast()), "in": "path", "required": true, "schema": ["type": "string"]]
            } + operation.query.map { name -> [String: Any] in
                ["name": name, "in": "query", "required": false, "schema": ["type": "string"]]
            }
            if !parameters.isEmpty { entry["parameters"] = parameters }
            paths["/api/v1" + operation.path, default: [:]][operation.method] = entry
        }
        paths["/health"] = ["get": ["summary": "Liveness and database", "responses": ["200": ["description": "Up"]]]]
        return [
            "openapi": "3.0.0",
            "info": ["title": "TappPlus API", "version": "1.0", "description": "tappplus-server: the TappPlus REST API v1"],
            "components": ["securitySchemes": ["bearer": ["type": "http", "scheme": "bearer", "bearerFormat": "JWT"]]],
            "paths": paths,
        ]
    }
}
