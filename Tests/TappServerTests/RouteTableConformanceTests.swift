import Foundation
import GRDB
import Testing
import TappTestSupport

/// Every row of the API document's route and role tables, against the real `tappplus-server` process: the route is
/// served and described, the token is checked first (401), then the role (403), then the body (400), then the record
/// (404 with the French message) — each with the real server's body.
@Suite(.serialized) struct RouteTableConformanceTests {
    static var unauthorized: [String: Any] { ["statusCode": 401, "message": "Unauthorized"] }
    static var forbidden: [String: Any] { ["statusCode": 403, "message": "Forbidden resource", "error": "Forbidden"] }

    /// The three kinds of signed-in user: the seed's admin, a doctor and a nurse registered through the API.
    struct Tokens {
        let byRole: [String: String]
        init(_ server: ServerProcess) async throws {
            let admin = try await server.login()
            _ = try await server.send("POST", "/api/v1/auth/register", body: ["email": "docteur@tappplus.com", "password": "Doctor123!",
                                                                              "role": "DOCTOR"], token: admin)
            _ = try await server.send("POST", "/api/v1/auth/register", body: ["email": "nurse@tappplus.com", "password": "Nurse123!",
                                                                              "role": "NURSE"], token: admin)
            byRole = ["ADMIN": admin, "DOCTOR": try await server.login("docteur@tappplus.com", "Doctor123!"),
                      "NURSE": try await server.login("nurse@tappplus.com", "Nurse123!")]
        }
    }

    static func same(_ answer: ServerProcess.Answer, _ body: [String: Any]) -> Bool {
        AnswerShapes.same(answer.object, body)
    }

    @Test(arguments: ServerMode.allCases) func theOpenAPIDocumentDescribesExactlyTheDocumentedRoutes(_ mode: ServerMode) async throws {
        let server = try await mode.start()
        defer { server.stop() }
        let document = try await server.get("/api/docs-json")
        let paths = try #require(document.object["paths"] as? [String: [String: Any]])
        var described: Set<String> = []
        for (path, methods) in paths where path.hasPrefix("/api/v1") {
            for method in methods.keys { described.insert("\(method.uppercased()) \(path.dropFirst("/api/v1".count))") }
        }
        #expect(described == Set(DocumentedRoute.served(mode).map(\.description)))
        // Each described route's roles are the document's.
        for route in DocumentedRoute.served(mode) {
            let entry = paths["/api/v1" + route.path]?[route.method.lowercased()] as? [String: Any]
            let roles = (entry?["description"] as? String)?.replacingOccurrences(of: "Roles: ", with: "")
            #expect(roles == (route.roles?.isEmpty == false ? route.roles!.joined(separator: ", ") : nil), "\(route)")
            #expect((entry?["security"] != nil) == (route.roles != nil), "\(route)")
        }
    }

    @Test(arguments: ServerMode.allCases) func everyRouteIsServedAndAnUnknownOneIsNamed(_ mode: ServerMode) async throws {
        let server = try await mode.start()
        defer { server.stop() }
        // No documented route answers "Cannot …": each one exists for its method.
        for route in DocumentedRoute.served(mode) {
            let answer = try await server.send(route.method, route.unknownPath, body: route.takesDTO ? [:] : nil)
            #expect(!((answer.object["message"] as? String)?.hasPrefix("Cannot ") ?? false), "\(route)")
        }
        for method in ["GET", "POST", "PATCH", "DELETE"] {
            let answer = try await server.send(method, "/api/v1/people/person_1/notes")
            #expect(answer.status == 404)
            #expect(Self.same(answer, ["message": "Cannot \(method) /api/v1/people/person_1/notes", "error": "Not Found", "statusCode": 404]))
        }
    }

    @Test func everySignedInRouteAnswers401WithoutAValidToken() async throws {
        let server = try await ServerProcess.owned([])
        defer { server.stop() }
        let token = try await server.login()
        let tampered = String(token.dropLast(2)) + (token.hasSuffix("AA") ? "BB" : "AA")
        for route in DocumentedRoute.served(.fixed) where route.roles != nil {
            for bad in [nil, "not-a-token", tampered] {
                // A body that fails validation: the token is checked first.
                let answer = try await server.send(route.method, route.unknownPath, body: route.takesDTO ? ["zz": 1] : nil, token: bad)
                #expect(answer.status == 401, "\(route) with \(bad ?? "no token")")
                #expect(Self.same(answer, Self.unauthorized), "\(route)")
            }
        }
        // The three public routes need none.
        #expect(try await server.send("POST", "/api/v1/auth/login", body: ["email": "admin@meditache.com", "password": "admin123"]).status == 201)
    }

    @Test func anExpiredTokenIsRefusedAndTheLifetimeComesFromTheEnvironment() async throws {
        // Five seconds: long enough for a loaded test machine to use the token once while it is fresh.
        let server = try await ServerProcess.owned([], environment: ["JWT_EXPIRES_IN": "5s"])
        defer { server.stop() }
        let signedIn = try await server.send("POST", "/api/v1/auth/login", body: ["email": "admin@meditache.com", "password": "admin123"])
        let token = try #require(signedIn.object["access_token"] as? String)
        #expect(try await server.get("/api/v1/people", token: token).status == 200)
        // Then it is refused once its lifetime is over (waited for with a deadline, not a fixed sleep).
        var expired = try await server.get("/api/v1/people", token: token)
        let deadline = Date().addingTimeInterval(20)
        while expired.status == 200, Date() < deadline {
            try await Task.sleep(for: .milliseconds(250))
            expired = try await server.get("/api/v1/people", token: token)
        }
        #expect(expired.status == 401)
        #expect(Self.same(expired, Self.unauthorized))
        // The refresh token (7 days) still gives a new access token.
        let refreshed = try await server.send("POST", "/api/v1/auth/refresh", body: ["refresh_token": signedIn.object["refresh_token"] ?? ""])
        let fresh = try #require(refreshed.object["access_token"] as? String)
        #expect(try await server.get("/api/v1/people", token: fresh).status == 200)
    }

    @Test func everyRoleRowIsEnforcedBeforeTheBody() async throws {
        let server = try await ServerProcess.owned([])
        defer { server.stop() }
        let tokens = try await Tokens(server)
        for route in DocumentedRoute.served(.fixed) {
            guard let roles = route.roles else { continue }
            for (role, token) in tokens.byRole {
                let answer = try await server.send(route.method, route.unknownPath, body: route.takesDTO ? ["zz": 1] : nil, token: token)
                if roles.isEmpty || roles.contains(role) {
                    // Through the guard: the body is checked (400) or the record looked for (404); never 401/403.
                    #expect(![401, 403].contains(answer.status), "\(route) as \(role)")
                    if route.takesDTO {
                        #expect(answer.status == 400, "\(route) as \(role)")
                        #expect((answer.object["message"] as? [String])?.first == "property zz should not exist", "\(route) as \(role)")
                    }
                } else {
                    #expect(answer.status == 403, "\(route) as \(role)")
                    #expect(Self.same(answer, Self.forbidden), "\(route) as \(role)")
                }
            }
        }
    }

    @Test func rolesAreComparedExactlyAndANullRoleReadsOnly() async throws {
        let server = try await ServerProcess.owned([])
        defer { server.stop() }
        let tokens = try await Tokens(server)
        // Roles the API cannot make, written in the file: the real guard tests substrings, so SUPERADMIN passes ADMIN.
        try server.execute("UPDATE users SET role = 'SUPERADMIN' WHERE email = 'docteur@tappplus.com'")
        try server.execute("UPDATE users SET role = NULL WHERE email = 'nurse@tappplus.com'")
        for token in [tokens.byRole["DOCTOR"]!, tokens.byRole["NURSE"]!] {
            #expect(Self.same(try await server.send("POST", "/api/v1/organizations", body: ["name": "X"], token: token), Self.forbidden))
            #expect(try await server.send("DELETE", "/api/v1/people/person_1", token: token).status == 403)
            #expect(try await server.get("/api/v1/people", token: token).status == 200)
        }
    }

    @Test func everyRouteOnARecordThatDoesNotExistAnswers404InFrench() async throws {
        let server = try await ServerProcess.owned([])
        defer { server.stop() }
        let token = try await server.login()
        for route in DocumentedRoute.all {
            guard let missing = route.missing else { continue }
            let answer = try await server.send(route.method, route.unknownPath, body: route.validBody, token: token)
            #expect(answer.status == 404, "\(route)")
            #expect(Self.same(answer, ["statusCode": 404, "message": missing, "error": "Not Found"]), "\(route): \(answer.object)")
        }
        // Records named in a body: the person, the doctor, the intervention.
        let future = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3 * 86_400))
        let bodies: [(String, [String: Any], String)] = [
            ("/api/v1/consultations", ["personId": "nobody", "doctorId": "doctor_1", "dateTime": future], "Personne non trouvée"),
            ("/api/v1/consultations", ["personId": "person_1", "doctorId": "nobody", "dateTime": future], "Médecin non trouvé"),
            ("/api/v1/interventions", ["personId": "nobody", "doctorId": "doctor_1", "title": "Suivi", "scheduledAt": future],
             "Personne non trouvée"),
            ("/api/v1/interventions", ["personId": "person_1", "doctorId": "nobody", "title": "Suivi", "scheduledAt": future],
             "Médecin non trouvé"),
            ("/api/v1/reminders", ["interventionId": "nobody", "type": "SMS", "scheduledAt": future], "Intervention non trouvée"),
            ("/api/v1/people/person_1/organizations/nowhere", [:], "Organisation non trouvée"),
        ]
        for (path, body, message) in bodies {
            let answer = try await server.send("POST", path, body: body, token: token)
            #expect(answer.status == 404, "\(path) \(body)")
            #expect(Self.same(answer, ["statusCode": 404, "message": message, "error": "Not Found"]), "\(path) \(body)")
        }
    }
}
