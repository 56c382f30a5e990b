import Foundation
import TappAPI

/// The OpenAPI 3 description served at `/api/docs-json`, written from the same list of routes the server has: each
/// route's body with the rules the server enforces (`OpenAPISchemas`), its query and path parameters, its roles, and
/// every answer it can give, errors included, in NestJS's error shape.
enum OpenAPIDocument {
    typealias S = OpenAPISchemas

    struct Operation {
        let method: String
        let path: String
        let tag: String
        let summary: String
        let roles: [String]?
        let body: WireValue?
        let success: Int
        var query: [String: WireValue] = [:]
        /// Answers beyond the ones every route of its kind can give (404 for a record named in the body, 409…).
        var more: [Int: String] = [:]
        /// The body may be left out (a route that reads one field of it, without a DTO).
        var bodyOptional = false
    }

    static var text: WireValue { ["type": "string"] }
    /// A date in a query (`from`, `to`): not a date is a 400; empty is not given.
    static var queryDate: WireValue {
        ["type": "string", "pattern": .string("^$|" + S.dateTime), "x-date": true, "description": "A date, as in the bodies; empty is not given"]
    }
    static let unknownRecord = "A record named in the body does not exist (French message)"

    static var operations: [Operation] { [
        .init(method: "post", path: "/auth/login", tag: "auth", summary: "Sign in", roles: nil, body: S.login, success: 201,
              more: [401: "Identifiants invalides, or Compte désactivé"]),
        .init(method: "post", path: "/auth/register", tag: "auth",
              summary: "Create an account: an ADMIN's token is needed (with serve --open-registration, anyone may make one "
                  + "without a role or a NURSE one)", roles: ["ADMIN"], body: S.register, success: 201,
              more: [401: "No valid token, or the email is taken", 404: unknownRecord]),
        .init(method: "post", path: "/auth/refresh", tag: "auth", summary: "New access token", roles: nil, body: S.refresh, success: 201,
              more: [401: "Token de rafraîchissement invalide"]),
        .init(method: "get", path: "/auth/profile", tag: "auth", summary: "The signed-in user", roles: [], body: nil, success: 200),
        .init(method: "get", path: "/organizations", tag: "organizations", summary: "List", roles: [], body: nil, success: 200),
        .init(method: "post", path: "/organizations", tag: "organizations", summary: "Create", roles: ["ADMIN"],
              body: S.organization(required: true), success: 201),
        .init(method: "get", path: "/organizations/{id}", tag: "organizations", summary: "One", roles: [], body: nil, success: 200),
        .init(method: "patch", path: "/organizations/{id}", tag: "organizations", summary: "Change", roles: ["ADMIN"],
              body: S.organization(required: false), success: 200),
        .init(method: "delete", path: "/organizations/{id}", tag: "organizations", summary: "Delete", roles: ["ADMIN"], body: nil, success: 200),
        .init(method: "get", path: "/organizations/{id}/stats", tag: "organizations", summary: "Counts", roles: [], body: nil, success: 200),
        .init(method: "get", path: "/people", tag: "people", summary: "List, by name", roles: [], body: nil, success: 200,
              query: ["search": text, "organizationId": text, "limit": text, "offset": text]),
        .init(method: "post", path: "/people", tag: "people", summary: "Create", roles: ["DOCTOR", "ADMIN"], body: S.person(required: true),
              success: 201),
        .init(method: "get", path: "/people/{id}", tag: "people", summary: "One, with organizations, consultations, interventions",
              roles: [], body: nil, success: 200),
        .init(method: "patch", path: "/people/{id}", tag: "people", summary: "Change", roles: ["DOCTOR", "ADMIN"],
              body: S.person(required: false), success: 200),
        .init(method: "delete", path: "/people/{id}", tag: "people", summary: "Delete", roles: ["ADMIN"], body: nil, success: 200,
              more: [409: "The person has consultations or interventions"]),
        .init(method: "post", path: "/people/{id}/organizations/{organizationId}", tag: "people", summary: "Attach", roles: ["ADMIN"],
              body: S.attach, success: 201),
        .init(method: "delete", path: "/people/{id}/organizations/{organizationId}", tag: "people", summary: "Detach", roles: ["ADMIN"],
              body: nil, success: 200),
        .init(method: "get", path: "/consultations", tag: "consultations", summary: "List, newest first",
              roles: [], body: nil, success: 200,
              query: ["personId": text, "doctorId": text, "status": text, "from": queryDate, "to": queryDate]),
        .init(method: "post", path: "/consultations", tag: "consultations", summary: "Create", roles: ["DOCTOR", "ADMIN"],
              body: S.consultation(required: true), success: 201, more: [404: unknownRecord]),
        .init(method: "get", path: "/consultations/history/{personId}", tag: "consultations", summary: "A person's history",
              roles: [], body: nil, success: 200, query: ["doctorId": text]),
        .init(method: "get", path: "/consultations/{id}", tag: "consultations", summary: "One", roles: [], body: nil, success: 200),
        .init(method: "patch", path: "/consultations/{id}", tag: "consultations", summary: "Change", roles: ["DOCTOR", "ADMIN"],
              body: S.consultation(required: false), success: 200),
        .init(method: "delete", path: "/consultations/{id}", tag: "consultations", summary: "Delete", roles: ["ADMIN"], body: nil, success: 200),
        .init(method: "get", path: "/interventions", tag: "interventions", summary: "List, soonest first",
              roles: [], body: nil, success: 200,
              query: ["doctorId": text, "status": text, "priority": text, "from": queryDate, "to": queryDate]),
        .init(method: "post", path: "/interventions", tag: "interventions", summary: "Create, with rules and reminders",
              roles: ["DOCTOR", "ADMIN"], body: S.intervention(required: true), success: 201, more: [404: unknownRecord]),
        .init(method: "get", path: "/interventions/upcoming", tag: "interventions", summary: "PLANNED and IN_PROGRESS in the next days",
              roles: [], body: nil, success: 200, query: ["days": text]),
        .init(method: "get", path: "/interventions/{id}", tag: "interventions", summary: "One", roles: [], body: nil, success: 200),
        .init(method: "patch", path: "/interventions/{id}", tag: "interventions", summary: "Change, reschedule, cancel",
              roles: ["DOCTOR", "ADMIN"], body: S.intervention(required: false), success: 200),
        .init(method: "delete", path: "/interventions/{id}", tag: "interventions", summary: "Delete", roles: ["DOCTOR", "ADMIN"],
              body: nil, success: 200),
        .init(method: "get", path: "/reminders", tag: "reminders", summary: "List, latest send time first", roles: [],
              body: nil, success: 200, query: ["status": text, "interventionId": text, "from": queryDate, "to": queryDate]),
        .init(method: "post", path: "/reminders", tag: "reminders", summary: "Create", roles: ["ADMIN", "DOCTOR"],
              body: S.reminder(required: true), success: 201, more: [404: unknownRecord]),
        .init(method: "get", path: "/reminders/stats", tag: "reminders", summary: "Counts by status", roles: ["ADMIN", "DOCTOR"],
              body: nil, success: 200),
        .init(method: "get", path: "/reminders/{id}", tag: "reminders", summary: "One", roles: [], body: nil, success: 200),
        .init(method: "patch", path: "/reminders/{id}", tag: "reminders", summary: "Change", roles: ["ADMIN", "DOCTOR"],
              body: S.reminder(required: false), success: 200),
        .init(method: "delete", path: "/reminders/{id}", tag: "reminders", summary: "Delete", roles: ["ADMIN", "DOCTOR"], body: nil, success: 200),
        .init(method: "post", path: "/reminders/{id}/retry", tag: "reminders", summary: "Send a FAILED one again", roles: ["ADMIN", "DOCTOR"],
              body: nil, success: 201, more: [400: "The reminder is not FAILED"]),
        .init(method: "get", path: "/notifications/stats", tag: "notifications",
              summary: "Notification logs counted by channel and status ({\"SMS_SENT\": 3}); one intervention's with interventionId",
              roles: ["ADMIN", "DOCTOR"], body: nil, success: 200, query: ["interventionId": text]),
        .init(method: "post", path: "/notifications/test/sms", tag: "notifications",
              summary: "Try the SMS channel: {to}; answers a simulated success ({sid, success}), as the real server without an SMS provider",
              roles: ["ADMIN"], body: unchecked("to"), success: 201, bodyOptional: true),
        .init(method: "post", path: "/notifications/test/push", tag: "notifications",
              summary: "Try the push channel: {token}; answers a simulated success ({id, success}), as the real server without a push provider",
              roles: ["ADMIN"], body: unchecked("token"), success: 201, bodyOptional: true),
        .init(method: "post", path: "/notifications/test/email", tag: "notifications",
              summary: "Try the email channel: {to}; answers 500, as the real server without mail credentials (its mailer fails)",
              roles: ["ADMIN"], body: unchecked("to"), success: 201, more: [500: "No mail server is configured (as on the real server)"],
              bodyOptional: true),
    ] + (RealServerFaults.on ? [] : syncOperations) }

    /// A body the route reads one field of, without validating anything (`@Body('to')`): any JSON object or array
    /// (body-parser's strict mode refuses anything else).
    static func unchecked(_ field: String) -> WireValue {
        ["description": "Not validated: the route reads `\(field)` alone (a string)",
         "oneOf": [["type": "object", "properties": .object([.init(field, ["description": "Where to send the test"])])], ["type": "array"]]]
    }

    /// Every answer the operation can give, by status.
    static func answers(_ operation: Operation) -> [Int: String] {
        var answers: [Int: String] = [429: "Too many requests from this address (Retry-After says when to try again)"]
        if operation.body != nil {
            answers[400] = "Validation failed (class-validator sentences), or the body is not JSON"
            answers[413] = "The body is over 1 MiB"
        }
        if operation.path.contains("{") {
            answers[400] = answers[400] ?? "An id in the path holds a control character"
            answers[404] = "Not found (French message)"
        }
        if operation.query.values.contains(where: { $0[field: "pattern"] != nil }) {
            answers[400] = answers[400] ?? "from or to is not a date"
        }
        if let roles = operation.roles {
            answers[401] = "No valid bearer token: {\"statusCode\":401,\"message\":\"Unauthorized\"}"
            if !roles.isEmpty { answers[403] = "Role refused: Forbidden resource" }
        }
        answers.merge(operation.more) { _, more in more }
        answers.merge(idempotencyAnswers(operation)) { mine, _ in mine }
        return answers
    }

    static var document: WireValue {
        var paths: [String: [String: WireValue]] = [:]
        for operation in operations {
            var responses: [String: WireValue] = ["\(operation.success)": ["description": "Success",
                                                                         "headers": headers(status: operation.success, method: operation.method)]]
            for (status, description) in answers(operation) {
                responses["\(status)"] = ["description": .string(description), "headers": headers(status: status, method: operation.method),
                                          "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]]
            }
            var entry: WireValue = ["tags": [.string(operation.tag)], "summary": .string(operation.summary), "responses": .sorted(responses)]
            if let roles = operation.roles {
                entry[field: "security"] = [["bearer": []]]
                if !roles.isEmpty { entry[field: "description"] = .string("Roles: \(roles.joined(separator: ", "))") }
            }
            if let body = operation.body {
                entry[field: "requestBody"] = ["required": .bool(!operation.bodyOptional), "content": ["application/json": ["schema": body]]]
            }
            let parameters = operation.path.split(separator: "/").filter { $0.hasPrefix("{") }.map { part -> WireValue in
                ["name": .string(String(part.dropFirst().dropLast())), "in": "path", "required": true,
                 "schema": ["type": "string", "pattern": .string(S.singleLine)]]
            } + operation.query.keys.sorted().map { name -> WireValue in
                ["name": .string(name), "in": "query", "required": false, "schema": operation.query[name] ?? text]
            }
            if !parameters.isEmpty { entry[field: "parameters"] = .array(parameters) }
            paths["/api/v1" + operation.path, default: [:]][operation.method] = entry
        }
        paths["/health"] = ["get": ["summary": "Liveness and database",
                                    "responses": ["200": ["description": "Up"], "503": ["description": "The database does not answer"]]]]
        return [
            "openapi": "3.0.0",
            "info": ["title": "TappPlus API", "version": "1.0", "description": .string("""
                tappplus-server: the TappPlus REST API v1. Every error answer is NestJS's {statusCode, message, error?}. \
                A method a path does not list (TRACE, PUT, …) answers 404 "Cannot METHOD /path", as the real server does. \
                Text fields refuse control characters (tab and line feed are allowed in notes, description and message). \
                Bodies are limited to 1 MiB (413).
                """ + syncDescription)],
            "components": ["securitySchemes": ["bearer": ["type": "http", "scheme": "bearer", "bearerFormat": "JWT"]],
                           "schemas": ["Error": S.error]],
            "paths": .sorted(paths.mapValues { WireValue.sorted($0) }),
        ]
    }
}
