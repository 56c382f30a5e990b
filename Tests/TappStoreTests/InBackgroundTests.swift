import Foundation
import Testing
@testable import TappStore

@Suite struct InBackgroundTests {
    @Test func theValueIsWaitedFor() throws {
        let work = InBackground { () -> Int in
            Thread.sleep(forTimeInterval: 0.05)
            return 42
        }
        #expect(try work.value() == 42)
        #expect(try work.value() == 42)
    }

    @Test func whatTheWorkThrowsIsThrownToTheOneWhoWaits() {
        let work = InBackground { () throws -> Int in throw ClinicError.refused("cannot read x.csv") }
        #expect(throws: ClinicError.self) { try work.value() }
    }
}
