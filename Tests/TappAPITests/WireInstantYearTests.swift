import Foundation
import Testing
import TappAPI
import TappDomain

/// An instant the server writes is read back whatever its year: days at the ends of the calendar the server takes
/// (1800 to 9999, in the clinic's time or with an offset) are instants of 1799 or 10000 in UTC.
@Suite struct WireInstantYearTests {
    struct Holder: Codable { let at: WireInstant }

    @Test func theServersInstantsOutsideTheDomainsCalendarAreRead() throws {
        for date in [Date(timeIntervalSince1970: -5_364_663_200 - 815), Date(timeIntervalSince1970: 253_402_300_799 + 61_200)] {
            let text = Instant.utcString(date)
            let read = try WireDecoder.decode(Holder.self, from: Data(#"{"at":"\#(text)"}"#.utf8))
            #expect(read.at.text == text)
            #expect(abs(read.at.date.timeIntervalSince(date)) < 0.001, "\(text)")
        }
        let ordinary = try WireDecoder.decode(Holder.self, from: Data(#"{"at":"2025-10-16T09:30:00.250Z"}"#.utf8))
        #expect(ordinary.at.date == Date(timeIntervalSince1970: 1_760_607_000.25))
        for bad in ["1799-13-31T23:00:00.000Z", "1799-02-30T23:00:00.000Z", "yesterday", "1799-12-31T24:00:00.000Z"] {
            #expect(throws: DecodingError.self) { _ = try WireDecoder.decode(Holder.self, from: Data(#"{"at":"\#(bad)"}"#.utf8)) }
        }
    }
}
