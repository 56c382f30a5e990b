import Foundation
import Testing
@testable import TappDomain

@Suite struct TimeTests {
    @Test func calendarDatesMustExist() throws {
        #expect(try CalendarDate.parse("1985-03-15").description == "1985-03-15")
        #expect(try CalendarDate.parse("15/03/1985").description == "1985-03-15")
        #expect(try CalendarDate.parse("2024-02-29").day == 29)
        #expect(throws: FieldError.self) { try CalendarDate.parse("2023-02-29") }
        #expect(throws: FieldError.self) { try CalendarDate.parse("1985-13-01") }
        #expect(throws: FieldError.self) { try CalendarDate.parse("yesterday") }
        #expect(throws: FieldError.self) { try CalendarDate.parse("1985-3-") }
    }

    @Test func instantsReadOffsetsAndTheClinicZone() throws {
        let utc = try Instant.parse("2025-10-16T09:30:00.000Z", field: "at")
        #expect(Instant.utcString(utc) == "2025-10-16T09:30:00.000Z")
        // Douala is UTC+1: a time without an offset is the clinic's.
        let local = try Instant.parse("2025-10-16T10:30", field: "at")
        #expect(local == utc)
        let offset = try Instant.parse("2025-10-16T11:30:00+02:00", field: "at")
        #expect(offset == utc)
        #expect(Instant.zonedString(utc, zone: Instant.defaultZone) == "2025-10-16T10:30:00+01:00")
        let fraction = try Instant.parse("2025-10-16T09:30:00.123456Z", field: "at")
        #expect(Instant.utcString(fraction) == "2025-10-16T09:30:00.123Z")
    }

    @Test func badInstantsNameTheField() {
        for text in ["2025-10-16", "2025-02-30T10:00", "2025-10-16T25:00", "16/10/2025 10:00", "2025-10-16T10:00+1", "soon"] {
            #expect(throws: FieldError.self) { try Instant.parse(text, field: "scheduledAt") }
            do { _ = try Instant.parse(text, field: "scheduledAt") } catch { #expect(error.field == "scheduledAt") }
        }
    }
}
