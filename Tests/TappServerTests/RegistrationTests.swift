import Foundation
import Testing
import TappTestSupport

/// `POST /auth/register` needs an ADMIN's token (the real server lets anyone make themselves ADMIN);
/// `--open-registration` lets anyone make a role-less or NURSE account, never an ADMIN or DOCTOR one.
@Suite(.serialized) struct RegistrationTests {
    static var unauthorized: [String: Any] { ["statusCode": 401, "message": "Unauthorized"] }
    static var forbidden: [String: Any] { ["statusCode": 403, "message": "Forbidden resource", "error": "Forbidden"] }

    static func account(_ email: String, role: String? = nil) -> [String: Any] {
        var body: [String: Any] = ["email": email, "password": "Secret123!"]
        if let role { body["role"] = role }
        return body
    }

    @Test func noOneRegistersWithoutAnAdminsToken() async throws {
        let server = try await ServerProcess.owned([])
        defer { server.stop() }
        // The reproduction: an anonymous ADMIN.
        let anonymous = try await server.send("POST", "/api/v1/auth/register", body: Self.account("intrus@x.cm", role: "ADMIN"))
        #expect(anonymous.status == 401)
        #expect(AnswerShapes.same(anonymous.object, Self.unauthorized))
        for role in [nil, "NURSE", "DOCTOR"] {
            #expect(try await server.send("POST", "/api/v1/auth/register", body: Self.account("x@x.cm", role: role)).status == 401)
        }
        #expect(try await server.send("POST", "/api/v1/auth/login", body: ["email": "intrus@x.cm", "password": "Secret123!"]).status == 401)
        // A signed-in user who is not an ADMIN: 403, whatever the role asked.
        let admin = try await server.login()
        #expect(try await server.send("POST", "/api/v1/auth/register", body: Self.account("nurse@x.cm", role: "NURSE"), token: admin).status == 201)
        let nurse = try await server.login("nurse@x.cm", "Secret123!")
        for role in ["ADMIN", "NURSE"] {
            let refused = try await server.send("POST", "/api/v1/auth/register", body: Self.account("y@x.cm", role: role), token: nurse)
            #expect(refused.status == 403)
            #expect(AnswerShapes.same(refused.object, Self.forbidden))
        }
    }

    @Test(arguments: ServerMode.allCases) func anAdminRegistersAsBeforeADoctorOrNoRoleWithADoctorProfile(_ mode: ServerMode) async throws {
        let server = try await mode.start()
        defer { server.stop() }
        let admin = try await server.login()
        for (email, role) in [("docteur@x.cm", "DOCTOR"), ("sans-role@x.cm", nil)] as [(String, String?)] {
            let made = try await server.send("POST", "/api/v1/auth/register", body: Self.account(email, role: role), token: admin)
            #expect(made.status == 201)
            #expect(made.object["role"] as? String == "DOCTOR")
            let signedIn = try await server.send("POST", "/api/v1/auth/login", body: ["email": email, "password": "Secret123!"])
            #expect((signedIn.object["user"] as? [String: Any])?["doctor"] is [String: Any], "\(email)")
        }
        let other = try await server.send("POST", "/api/v1/auth/register", body: Self.account("admin2@x.cm", role: "ADMIN"), token: admin)
        #expect(other.status == 201)
        #expect(other.object["role"] as? String == "ADMIN")
    }

    @Test func openRegistrationTakesOnlyNoRoleOrANurse() async throws {
        let server = try await ServerProcess.owned(["--open-registration"])
        defer { server.stop() }
        let roleless = try await server.send("POST", "/api/v1/auth/register", body: Self.account("demo@x.cm"))
        #expect(roleless.status == 201)
        #expect(roleless.object["role"] is NSNull)
        let signedIn = try await server.send("POST", "/api/v1/auth/login", body: ["email": "demo@x.cm", "password": "Secret123!"])
        #expect((signedIn.object["user"] as? [String: Any])?["doctor"] is NSNull)
        let nurse = try await server.send("POST", "/api/v1/auth/register", body: Self.account("nurse@x.cm", role: "NURSE"))
        #expect(nurse.status == 201)
        #expect(nurse.object["role"] as? String == "NURSE")
        for role in ["ADMIN", "DOCTOR"] {
            let refused = try await server.send("POST", "/api/v1/auth/register", body: Self.account("\(role)@x.cm", role: role))
            #expect(refused.status == 403, "\(role)")
            #expect(AnswerShapes.same(refused.object, Self.forbidden), "\(role)")
        }
        // The body is still checked (400), and a role-less account writes nothing.
        let bad = try await server.send("POST", "/api/v1/auth/register", body: ["email": "no", "password": "1"])
        #expect(bad.status == 400)
        let token = try await server.login("demo@x.cm", "Secret123!")
        #expect(try await server.send("POST", "/api/v1/people", body: ["fullName": "Awa"], token: token).status == 403)
        // An ADMIN's token still makes any role; any other token is held to the ADMIN rule.
        let admin = try await server.login()
        #expect(try await server.send("POST", "/api/v1/auth/register", body: Self.account("doc@x.cm", role: "DOCTOR"), token: admin).status == 201)
        let nurseToken = try await server.login("nurse@x.cm", "Secret123!")
        #expect(try await server.send("POST", "/api/v1/auth/register", body: Self.account("z@x.cm"), token: nurseToken).status == 403)
        #expect(try await server.send("POST", "/api/v1/auth/register", body: Self.account("z@x.cm"), token: "forged").status == 401)
    }
}
