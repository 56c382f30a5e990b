import Foundation
import Testing
import TappAPI
import TappDomain
@testable import TappSync

/// What a server sends is refused at the door like any other input: a record with a control character in a text, or
/// a reminder rule past a year, is not taken (and is reported by the pull), never stored or half-taken (issue 12).
/// The records are read from JSON text through the contract, as the pull reads them.
@Suite struct ServerRecordsTests {
    /// A JSON object with some fields replaced (nil leaves the field out).
    static func json(_ fields: [(String, String?)]) -> Data {
        Data(("{" + fields.compactMap { key, value in value.map { "\"\(key)\":\($0)" } }.joined(separator: ",") + "}").utf8)
    }

    static func quoted(_ text: String) -> String { try! WireEncoder.string([text]).dropFirst().dropLast().description }

    static func read<T: Decodable>(_ type: T.Type, _ fields: [(String, String?)]) -> T? {
        (try? WireDecoder.decode(Lenient<T>.self, from: json(fields)))?.record
    }

    static let stamps: [(String, String?)] = [("createdAt", #""2026-11-30T10:00:00.000Z""#), ("updatedAt", #""2026-11-30T10:00:00.000Z""#)]

    func person(_ replace: [String: String] = [:]) -> Person? {
        let base: [(String, String?)] = [("id", #""cperson""#), ("fullName", #""Marie Nguema""#),
                                         ("birthdate", #""1985-03-15T00:00:00.000Z""#), ("phone", #""+237 698 76 54 32""#)]
        return Self.read(Person.self, (base + Self.stamps).map { ($0.0, replace[$0.0] ?? $0.1) } + replace.filter { key, _ in
            !(base + Self.stamps).contains { $0.0 == key } }.map { ($0.key, $0.value) })
    }

    func intervention(rules: String, title: String = "Vaccination", description: String? = nil, at: String = "2026-12-05T09:00:00.000Z") -> TappAPI.Intervention? {
        Self.read(TappAPI.Intervention.self, [("id", #""cint""#), ("personId", #""cperson""#), ("doctorId", #""cdoc""#),
                                              ("title", Self.quoted(title)), ("description", description.map(Self.quoted)),
                                              ("scheduledAtUtc", Self.quoted(at)), ("priority", #""NORMAL""#), ("status", #""PLANNED""#),
                                              ("rules", rules)] + Self.stamps)
    }

    @Test func aPersonWithAControlCharacterIsRefused() throws {
        let marie = try #require(person())
        #expect(ServerRecords.person(marie)?.fullName == "Marie Nguema")
        #expect(ServerRecords.person(marie)?.birthdate == (try CalendarDate.parse("1985-03-15")))
        for (key, value) in [("fullName", "Marie\u{1B}]0;x\u{07}"), ("address", "Akwa\u{9B}2J"), ("phone", "699\u{0}"),
                             ("fullName", "Marie\nNguema")] {
            let bad = try #require(person([key: Self.quoted(value)]))
            #expect(ServerRecords.person(bad) == nil, "\(key)")
        }
    }

    @Test func aRecordMissingWhatTheContractRequiresIsKeptAsItsIdAndWhy() throws {
        let lenient = try WireDecoder.decode([Lenient<Person>].self, from: Data(#"[{"id":"c1","updatedAt":"2026-11-30T10:00:00.000Z"}]"#.utf8))
        #expect(lenient.first?.record == nil)
        #expect(lenient.first?.id == "c1")
        #expect(lenient.first?.problem?.contains("fullName") == true)
    }

    @Test func notesMayHoldLinesButNoOtherControl() throws {
        func consultation(_ extra: [(String, String?)]) -> TappAPI.Consultation? {
            Self.read(TappAPI.Consultation.self, [("id", #""ccons""#), ("personId", #""cperson""#), ("doctorId", #""cdoc""#),
                                                  ("dateTimeUtc", #""2026-11-30T09:00:00.000Z""#), ("status", #""COMPLETED""#)]
                      + Self.stamps + extra)
        }
        let lines = try #require(consultation([("notes", Self.quoted("Motif : fièvre\nDiagnostic : paludisme"))]))
        #expect(ServerRecords.consultation(lines)?.notes == "Motif : fièvre\nDiagnostic : paludisme")
        let escape = try #require(consultation([("notes", Self.quoted("ok\u{1B}[2J"))]))
        #expect(ServerRecords.consultation(escape) == nil)
        let attachment = try #require(consultation([("attachments", "[" + Self.quoted("scan\u{7}.pdf") + "]")]))
        #expect(ServerRecords.consultation(attachment) == nil)
    }

    @Test func aRulePastAYearRefusesTheWholeIntervention() throws {
        let stamps = #""id":"r","interventionId":"cint","createdAt":"2026-11-30T10:00:00.000Z","updatedAt":"2026-11-30T10:00:00.000Z""#
        func rule(_ offset: String, _ channel: String = "SMS") -> String { #"{\#(stamps),"offsetMinutes":\#(offset),"channel":"\#(channel)","enabled":true}"# }
        #expect(ServerRecords.intervention(try #require(intervention(rules: "[\(rule("-1440"))]")))?.rules.count == 1)
        #expect(ServerRecords.intervention(try #require(intervention(rules: "[\(rule("-1440")),\(rule("-9223372036854775808"))]"))) == nil)
        #expect(ServerRecords.intervention(try #require(intervention(rules: "[\(rule("600000", "EMAIL"))]"))) == nil)
        #expect(ServerRecords.intervention(try #require(intervention(rules: "[]", title: "Vacc\u{1B}ination"))) == nil)
        #expect(ServerRecords.intervention(try #require(intervention(rules: "[]", description: "ligne 1\nligne 2")))?.description == "ligne 1\nligne 2")
    }

    @Test func datesWithImpossibleOffsetsAreMalformedNotFatal() {
        #expect((try? WireInstant(parsing: "2026-01-01T00:00:00+19:00")) == nil)
        #expect((try? WireInstant(parsing: "2026-01-01T00:00:00+01:00")) != nil)
        #expect(intervention(rules: "[]", at: "2026-12-05T09:00:00-23:59") == nil)
        #expect(intervention(rules: "[]") != nil)
    }
}
