import Foundation
import Testing
import TappTestSupport

/// JSON `0` and `1` are numbers, never booleans (on Linux Foundation hands both over as an `NSNumber` that `is Bool`
/// matches): a rule's offset of 0 or 1 minute was refused, and `enabled: 0` taken for `false`.
@Suite(.serialized) struct JSONNumberKindTests {
    static let future = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3 * 86_400))

    static func booking(_ rule: String, doctor: String) -> Data {
        Data(#"{"personId":"person_1","doctorId":"\#(doctor)","title":"Suivi","scheduledAt":"\#(future)","rules":[\#(rule)]}"#.utf8)
    }

    @Test(arguments: ServerMode.allCases) func zeroAndOneAreNumbersAndTrueIsNot(_ mode: ServerMode) async throws {
        let server = try await mode.start()
        defer { server.stop() }
        let token = try await server.login()
        let doctorId = try await server.seedDoctorId()
        for offset in ["0", "1"] {
            let made = try await server.sendRaw("POST", "/api/v1/interventions", body: Self.booking(#"{"offsetMinutes":\#(offset),"channel":"SMS"}"#, doctor: doctorId),
                                                token: token)
            #expect(made.status == 201, "\(offset): \(made.text)")
            let rules = made.object["rules"] as? [[String: Any]]
            #expect(rules?.first?["offsetMinutes"] as? Int == Int(offset), "\(offset)")
        }
        let cases = [
            (#"{"offsetMinutes":-60,"channel":"SMS","enabled":0}"#, "rules.0.enabled must be a boolean value"),
            (#"{"offsetMinutes":-60,"channel":"SMS","enabled":1}"#, "rules.0.enabled must be a boolean value"),
            (#"{"offsetMinutes":true,"channel":"SMS"}"#, "rules.0.offsetMinutes must be a number conforming to the specified constraints"),
            (#"{"offsetMinutes":false,"channel":"SMS"}"#, "rules.0.offsetMinutes must be a number conforming to the specified constraints"),
        ]
        for (rule, message) in cases {
            let refused = try await server.sendRaw("POST", "/api/v1/interventions", body: Self.booking(rule, doctor: doctorId), token: token)
            #expect(refused.status == 400, "\(rule)")
            #expect(refused.object["message"] as? [String] == [message], "\(rule): \(refused.text)")
        }
        let off = try await server.sendRaw("POST", "/api/v1/interventions",
                                           body: Self.booking(#"{"offsetMinutes":-60,"channel":"SMS","enabled":false}"#, doctor: doctorId), token: token)
        #expect(off.status == 201)
        #expect((off.object["reminders"] as? [Any])?.isEmpty == true)
    }
}
