import Foundation
import Testing
import TappDomain
@testable import TappSync

/// What a server sends is refused at the door like any other input: a record with a control character in a text, or
/// a reminder rule past a year, is not taken (and is reported by the pull), never stored or half-taken (issue 12).
@Suite struct ServerRecordsTests {
    let person: [String: Any] = ["id": "cperson", "fullName": "Marie Nguema", "updatedAt": "2026-11-30T10:00:00.000Z",
                                 "birthdate": "1985-03-15T00:00:00.000Z", "phone": "+237 698 76 54 32"]

    func intervention(rules: [[String: Any]], title: String = "Vaccination", description: String? = nil) -> [String: Any] {
        var o: [String: Any] = ["id": "cint", "updatedAt": "2026-11-30T10:00:00.000Z", "personId": "cperson", "doctorId": "cdoc",
                                "title": title, "scheduledAtUtc": "2026-12-05T09:00:00.000Z", "rules": rules]
        o["description"] = description
        return o
    }

    @Test func aPersonWithAControlCharacterIsRefused() {
        #expect(ServerRecords.person(person)?.fullName == "Marie Nguema")
        for (key, value) in [("fullName", "Marie\u{1B}]0;x\u{07}"), ("address", "Akwa\u{9B}2J"), ("phone", "699\u{0}"),
                             ("fullName", "Marie\nNguema")] {
            var bad = person
            bad[key] = value
            #expect(ServerRecords.person(bad) == nil, "\(key)")
        }
    }

    @Test func notesMayHoldLinesButNoOtherControl() {
        let base: [String: Any] = ["id": "ccons", "updatedAt": "2026-11-30T10:00:00.000Z", "personId": "cperson", "doctorId": "cdoc",
                                   "dateTimeUtc": "2026-11-30T09:00:00.000Z"]
        var lines = base
        lines["notes"] = "Motif : fièvre\nDiagnostic : paludisme"
        #expect(ServerRecords.consultation(lines)?.notes == "Motif : fièvre\nDiagnostic : paludisme")
        var escape = base
        escape["notes"] = "ok\u{1B}[2J"
        #expect(ServerRecords.consultation(escape) == nil)
        var attachment = base
        attachment["attachments"] = ["scan\u{7}.pdf"]
        #expect(ServerRecords.consultation(attachment) == nil)
    }

    @Test func aRulePastAYearRefusesTheWholeIntervention() {
        #expect(ServerRecords.intervention(intervention(rules: [["offsetMinutes": -1440, "channel": "SMS", "enabled": true]]))?.rules.count == 1)
        #expect(ServerRecords.intervention(intervention(rules: [["offsetMinutes": -1440, "channel": "SMS"],
                                                                ["offsetMinutes": Int.min, "channel": "SMS"]])) == nil)
        #expect(ServerRecords.intervention(intervention(rules: [["offsetMinutes": 600_000, "channel": "EMAIL"]])) == nil)
        #expect(ServerRecords.intervention(intervention(rules: [], title: "Vacc\u{1B}ination")) == nil)
        #expect(ServerRecords.intervention(intervention(rules: [], description: "ligne 1\nligne 2"))?.description == "ligne 1\nligne 2")
    }

    @Test func datesWithImpossibleOffsetsAreMissingNotFatal() {
        #expect(ServerRecords.date("2026-01-01T00:00:00+19:00") == nil)
        #expect(ServerRecords.date("2026-01-01T00:00:00+01:00") != nil)
        var bad = intervention(rules: [])
        bad["scheduledAtUtc"] = "2026-12-05T09:00:00-23:59"
        #expect(ServerRecords.intervention(bad) == nil)
    }
}
