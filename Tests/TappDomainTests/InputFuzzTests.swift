import Foundation
import Testing
@testable import TappDomain

/// What parses input, fed with a fixed seed and a bounded count: it refuses or accepts, and never traps (issue 12).
/// Inputs that once crashed a program are kept by name.
@Suite struct InputFuzzTests {
    static let count = 20_000

    // MARK: - Instants

    @Test func offsetsFrom19To23HoursAreRefusedNotTrapped() throws {
        for text in ["2026-12-01T10:00+20:00", "2026-01-01T00:00:00+19:00", "2026-01-01T00:00:00-23:59", "2026-12-01T10:00+2359",
                     "2026-12-01T10:00-19:00"] {
            #expect(throws: FieldError.self, "\(text)") { try Instant.parse(text, field: "at") }
        }
        #expect(throws: FieldError.self) { try Instant.parse("2026-12-01T10:00+10:60", field: "at") }
        #expect(try Instant.parse("2026-12-01T10:00+18:00", field: "at") == Instant.parse("2026-11-30T16:00Z", field: "at"))
        #expect(try Instant.parse("2026-12-01T10:00-18:00", field: "at") == Instant.parse("2026-12-02T04:00Z", field: "at"))
        #expect(try Instant.parse("2026-12-01T10:00+0530", field: "at") == Instant.parse("2026-12-01T04:30Z", field: "at"))
        do throws(FieldError) {
            _ = try Instant.parse("2026-12-01T10:00+20:00", field: "scheduledAt")
        } catch {
            #expect(error.field == "scheduledAt")
            #expect(error.message.contains("18:00"))
        }
    }

    @Test func aTimeWithoutOffsetIsTheClinicsAcrossTheYearsOfAPatient() throws {
        // Douala is UTC+1 all year; a zone with summer time moves with it.
        #expect(try Instant.parse("2026-07-01T10:00", field: "at") == Instant.parse("2026-07-01T09:00Z", field: "at"))
        let paris = try #require(TimeZone(identifier: "Europe/Paris"))
        #expect(try Instant.parse("2026-07-01T10:00", field: "at", zone: paris) == Instant.parse("2026-07-01T08:00Z", field: "at"))
        #expect(try Instant.parse("2026-01-01T10:00", field: "at", zone: paris) == Instant.parse("2026-01-01T09:00Z", field: "at"))
        #expect(try Instant.parse("1800-01-01T00:00Z", field: "at").timeIntervalSince1970 == -5_364_662_400)
        #expect(try Instant.parse("9999-12-31T23:59:59.999-18:00", field: "at") > Date(timeIntervalSince1970: 2.5e11))
    }

    @Test func instantsFuzzed() {
        var fuzz = FuzzText(random: SplitMix64(seed: 12))
        var accepted = 0
        for round in 0..<Self.count {
            let text = round % 2 == 0 ? fuzz.next() : fuzz.instant()
            guard let date = try? Instant.parse(text, field: "at") else { continue }
            accepted += 1
            // What is accepted reads back the same through every writer.
            #expect((try? Instant.parse(Instant.utcString(date), field: "at")).map { abs($0.timeIntervalSince(date)) < 0.001 } == true, "\(text)")
            _ = Instant.display(date, zone: Instant.defaultZone, french: true)
            _ = CalendarDate(date, in: Instant.defaultZone)
        }
        #expect(accepted > 0)
    }

    @Test func calendarArithmeticStaysWithinItsYears() throws {
        let first = try CalendarDate(year: 1800, month: 1, day: 1), last = try CalendarDate(year: 9999, month: 12, day: 31)
        #expect(first.adding(days: -1) == first)
        #expect(last.adding(days: Int.max) == last)
        #expect(first.adding(days: Int.min) == first)
        #expect(last.adding(months: Int.max) == (try CalendarDate(year: 9999, month: 12, day: 31)))
        #expect(first.adding(months: -1) == first)
        #expect(try CalendarDate(year: 2024, month: 1, day: 31).adding(months: 1) == CalendarDate(year: 2024, month: 2, day: 29))
        #expect(CalendarDate(Date(timeIntervalSince1970: .infinity), in: Instant.defaultZone) == last)
        #expect(CalendarDate(Date(timeIntervalSince1970: -1e15), in: Instant.defaultZone) == first)
        var random = SplitMix64(seed: 3)
        for _ in 0..<Self.count {
            let day = first.adding(days: Int.random(in: 0...3_000_000, using: &random))
            _ = day.adding(days: Int.random(in: Int.min...Int.max, using: &random))
            _ = day.adding(months: Int.random(in: Int.min...Int.max, using: &random))
            _ = day.firstOfMonth
        }
    }

    // MARK: - Rule offsets

    @Test func ruleOffsetsThatOverflowedAreRefused() throws {
        for text in ["J-9223372036854775807", "-9223372036854775808:SMS", "H-153722867280912931", "D-6405119470038038",
                     "9223372036854775808", "J-366", "-525601", "H+8761", "J--1", "J", "H-", "-"] {
            #expect(throws: FieldError.self, "\(text)") { try ReminderRuleSpec.parse(text) }
        }
        #expect(try ReminderRuleSpec.parse("J-365").offsetMinutes == -525_600)
        #expect(try ReminderRuleSpec.parse("+30:EMAIL").offsetMinutes == 30)
        #expect(throws: FieldError.self) { try ReminderRuleSpec(offsetMinutes: Int.min, channel: .sms) }
        #expect(ReminderOffset(clamping: Int.min).minutes == -ReminderOffset.limit)
    }

    @Test func ruleOffsetsFuzzed() {
        var fuzz = FuzzText(random: SplitMix64(seed: 7))
        for _ in 0..<Self.count {
            let text = fuzz.next(maxPieces: 4)
            if let rule = try? ReminderRuleSpec.parse(text) {
                #expect(abs(rule.offsetMinutes) <= ReminderOffset.limit, "\(text)")
                _ = rule.label
                _ = ReminderPlan.reminders(interventionId: "i", scheduledAt: Date(), rules: [rule], now: .distantPast)
            }
        }
    }

    // MARK: - Control characters and echoes

    @Test func controlCharactersAreRefusedByEveryFormAndShownHarmlessly() throws {
        var patient = PatientInput()
        patient.firstName = "\u{1B}]0;pwned\u{07}\u{1B}[2J"
        patient.lastName = "Nguema"
        #expect(throws: ValidationFailure.self) { try patient.validated(today: CalendarDate(year: 2026, month: 1, day: 1)) }
        patient.firstName = "Marie"
        patient.address = "Akwa\u{85}"  // C1 NEL
        #expect(throws: ValidationFailure.self) { try patient.validated(today: CalendarDate(year: 2026, month: 1, day: 1)) }
        patient.address = "Akwa"
        patient.medicalNotes = "Ligne 1\nLigne 2\tfin"
        #expect(try patient.validated(today: CalendarDate(year: 2026, month: 1, day: 1)).medicalNotes == "Ligne 1\nLigne 2\tfin")
        patient.medicalNotes = "a\u{0}b"
        #expect(throws: ValidationFailure.self) { try patient.validated(today: CalendarDate(year: 2026, month: 1, day: 1)) }

        var intervention = InterventionInput()
        intervention.title = "Vaccination\u{9B}31m"
        #expect((try? intervention.validated(zone: Instant.defaultZone)) == nil)
        var consultation = ConsultationInput()
        consultation.reason = "Fièvre\u{7F}"
        #expect((try? consultation.validated(zone: Instant.defaultZone)) == nil)

        #expect(ControlCharacters.visible("a\u{1B}[2Jb\u{9B}c\nd") == "a\u{FFFD}[2Jb\u{FFFD}c\u{FFFD}d")
        #expect(ControlCharacters.visible("a\nb\tc", multiline: true) == "a\nb\tc")
        #expect(ControlCharacters.first(in: "Hélène Ékambi Ñ ß 𝟙") == nil)
    }

    @Test func anEchoedValueIsCut() {
        let long = String(repeating: "x", count: 100_000) + "@example.cm"
        #expect(throws: FieldError.self) { try Contact.email(long, field: "email") }
        do throws(FieldError) { _ = try Contact.email(long, field: "email") } catch {
            #expect(error.message.utf8.count < 200)
            #expect(error.message.contains("100011 bytes"))
        }
        #expect(Echo.of("\u{1B}[2J") == "\u{FFFD}[2J")
    }

    // MARK: - CSV

    @Test func csvCellsThatASpreadsheetWouldRunAreNeutralised() {
        for (value, written) in [("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""), ("+cmd", "'+cmd"),
                                 ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "\"'\rx\""),
                                 ("+237 699 12 34 56", "'+237 699 12 34 56"), ("-1440", "-1440"), ("+5", "+5"), ("3.5", "3.5"),
                                 ("Nguema", "Nguema"), ("a,b", "\"a,b\""), ("", "")] {
            #expect(CSVCell.written(value) == written, "\(value)")
            #expect(CSVCell.read(CSVCell.neutralised(value)) == value, "\(value)")
        }
        #expect(CSVCell.read("'plain") == "'plain")
    }

    @Test func wideEncodingsAreNamed() throws {
        let header = "firstName,lastName\nMarie,Nguema\n"
        let leBare: [UInt8] = header.utf16.flatMap { unit -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let beBare: [UInt8] = header.utf16.flatMap { unit -> [UInt8] in [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        let le: [UInt8] = [0xFF, 0xFE] + leBare
        let cases: [([UInt8], String)] = [(le, "UTF-16 (little-endian)"), (leBare, "UTF-16 (little-endian)"), (beBare, "UTF-16 (big-endian)")]
        for (bytes, name) in cases {
            do throws(FieldError) {
                _ = try CSVEncoding.text(bytes)
                Issue.record("\(name) was read as text")
            } catch {
                #expect(error.message.contains(name))
                #expect(error.message.contains("UTF-8"))
                #expect(!error.message.contains("\u{0}"))
            }
        }
        #expect(try CSVEncoding.text(Array("prénom\n".utf8)) == "prénom\n")
        #expect(try CSVEncoding.text([0x70, 0x72, 0xE9, 0x6E, 0x6F, 0x6D]) == "prénom")  // Latin-1
        // One NUL in a cell is not an encoding: the row is refused later, with its line.
        #expect(try CSVEncoding.text(Array("firstName,lastName\nMa\u{0}rie,Nguema\n".utf8)).contains("\u{0}"))
    }

    @Test func csvRowsFuzzed() throws {
        var fuzz = FuzzText(random: SplitMix64(seed: 99))
        let today = try CalendarDate(year: 2026, month: 11, day: 30)
        for round in 0..<2_000 {
            let text: String
            if round % 4 == 0 {
                text = (try? CSVEncoding.text(fuzz.bytes(count: Int.random(in: 0...200, using: &fuzz.random)))) ?? ""
            } else {
                text = "prénom;nom;téléphone;date de naissance;notes\n" + (0..<5).map { _ in
                    (0..<5).map { _ in fuzz.next(maxPieces: 3) }.joined(separator: ";")
                }.joined(separator: "\n")
            }
            guard let table = try? CSVTable(text: text), let columns = try? PatientCSV.columns(table.header) else { continue }
            for row in table.rows {
                guard let input = try? PatientCSV.input(row.fields, columns: columns),
                      let fields = try? input.validated(today: today) else { continue }
                for value in [fields.firstName, fields.lastName, fields.address ?? ""] {
                    #expect(ControlCharacters.first(in: value) == nil, "\(row.fields)")
                }
            }
        }
    }

    @Test func searchTextFuzzed() {
        var fuzz = FuzzText(random: SplitMix64(seed: 5))
        for _ in 0..<Self.count {
            let text = fuzz.next()
            _ = PatientSearchText.query(text)
            _ = PatientSearchText.sortKey(first: text, last: text)
            _ = PatientSearchText.nationalDigits(text)
        }
    }
}
