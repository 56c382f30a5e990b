import Foundation
import Testing
import TappTestSupport

/// Bodies read as `JSON.parse` and class-validator read them, through the server: a key written twice keeps its last
/// value, unknown fields are named in `Object.keys` order (integer-like keys first), and a rule's offset written
/// `-60.0` is the whole number -60 while `-60.5` is refused.
@Suite(.serialized) struct BodyReadingConformanceTests {
    static let future = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3 * 86_400))

    static func booking(_ rule: String, doctor: String) -> String {
        #"{"personId":"person_1","doctorId":"\#(doctor)","title":"Suivi","scheduledAt":"\#(future)","rules":[\#(rule)]}"#
    }

    @Test(arguments: ServerMode.allCases) func bodiesAreReadAsJavaScriptReadsThem(_ mode: ServerMode) async throws {
        let server = try await mode.start()
        defer { server.stop() }
        let token = try await server.login()
        let doctorId = try await server.seedDoctorId()
        let twice = try server.sendRawJSON("/api/v1/people", #"{"fullName":1,"phone":"1","fullName":"Awa Fotso"}"#, token: token)
        #expect(twice.status == 201, "\(String(decoding: twice.body, as: UTF8.self))")
        #expect(twice.object["fullName"] as? String == "Awa Fotso")
        let unknown = try server.sendRawJSON("/api/v1/people", #"{"zz":1,"fullName":"Awa","3":0,"aa":1,"1":0,"zz":2}"#, token: token)
        #expect(unknown.status == 400)
        #expect(unknown.object["message"] as? [String] == ["property 1 should not exist", "property 3 should not exist",
                                                           "property zz should not exist", "property aa should not exist"])
        let whole = try server.sendRawJSON("/api/v1/interventions", Self.booking(#"{"offsetMinutes":-60.0,"channel":"SMS"}"#, doctor: doctorId),
                                           token: token)
        #expect(whole.status == 201, "\(String(decoding: whole.body, as: UTF8.self))")
        #expect((whole.object["rules"] as? [[String: Any]])?.first?["offsetMinutes"] as? Int == -60)
        let fraction = try server.sendRawJSON("/api/v1/interventions", Self.booking(#"{"offsetMinutes":-60.5,"channel":"SMS"}"#, doctor: doctorId),
                                              token: token)
        #expect(fraction.object["message"] as? [String] == ["rules.0.offsetMinutes must be a number conforming to the specified constraints"])
        let nested = try server.sendRawJSON("/api/v1/interventions",
                                            Self.booking(#"{"b":1,"7":1,"offsetMinutes":-60,"channel":"SMS","a":1,"b":2}"#, doctor: doctorId),
                                            token: token)
        #expect(nested.object["message"] as? [String] == ["rules.0.property 7 should not exist", "rules.0.property b should not exist",
                                                          "rules.0.property a should not exist"])
    }
}
