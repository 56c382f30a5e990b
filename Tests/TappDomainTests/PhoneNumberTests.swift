import Testing
@testable import TappDomain

@Suite struct PhoneNumberTests {
    let cameroon = PhoneCountry.cameroon

    @Test func everyWayOfTypingACameroonianNumberIsTheSameNumber() throws {
        for typed in ["699123456", "699 12 34 56", "699.12.34.56", "699-12-34-56", "+237 699 12 34 56", "+237699123456",
                      "00237 699 12 34 56", "00237699123456", "237699123456", "237 699 123 456", "(699) 123 456", " 699/12/34/56 "] {
            #expect(try PhoneNumber.e164(typed, field: "phone", country: cameroon) == "+237699123456", "\(typed)")
        }
        #expect(try PhoneNumber.e164("   ", field: "phone", country: cameroon) == nil)
    }

    @Test func aNumberOfTheWrongLengthIsRefusedNamingTheField() {
        for typed in ["677 12 34 5", "6771234567", "+237 677 12 34 5", "+237 677 12 34 567", "00237 12345678", "12345"] {
            #expect(throws: FieldError.self, "\(typed)") { try PhoneNumber.e164(typed, field: "emergencyContactPhone", country: cameroon) }
            do { _ = try PhoneNumber.e164(typed, field: "emergencyContactPhone", country: cameroon) } catch {
                #expect(error.field == "emergencyContactPhone")
                #expect(error.message.contains("9 digits"))
            }
        }
        #expect(throws: FieldError.self) { try PhoneNumber.e164("699 12 34 56 abc", field: "phone", country: cameroon) }
        #expect(throws: FieldError.self) { try PhoneNumber.e164("699+123456", field: "phone", country: cameroon) }
    }

    @Test func otherCountriesKeepTheirCode() throws {
        #expect(try PhoneNumber.e164("+33 6 12 34 56 78", field: "phone", country: cameroon) == "+33612345678")
        #expect(try PhoneNumber.e164("0033 6 12 34 56 78", field: "phone", country: cameroon) == "+33612345678")
        let france = try PhoneCountry(callingCode: "+33", nationalDigits: 9)
        #expect(try PhoneNumber.e164("06 12 34 56 78", field: "phone", country: france) == "+33612345678")
        #expect(try PhoneNumber.e164("699 12 34 56", field: "phone", country: france) == "+33699123456")
        #expect(throws: FieldError.self) { try PhoneCountry(callingCode: "0237", nationalDigits: 9) }
        #expect(throws: FieldError.self) { try PhoneCountry(callingCode: "237", nationalDigits: 13) }
        #expect(throws: FieldError.self) { try PhoneCountry(callingCode: "x", nationalDigits: 9) }
    }

    @Test func numbersAreShownGrouped() {
        #expect(PhoneNumber.grouped("+237699123456") == "+237 699 12 34 56")
        #expect(PhoneNumber.grouped("+33612345678") == "+33 612 34 56 78")
        #expect(PhoneNumber.grouped("+12025550123") == "+1 20 25 55 01 23")
        #expect(PhoneNumber.grouped("670-11-22") == "670-11-22")
    }

    @Test func thePatientFormStoresE164() throws {
        var input = PatientInput()
        input.firstName = "Honorine"
        input.lastName = "Doumbé"
        input.phone = "663 92 43 88"
        input.emergencyContactPhone = "00237 670 11 22 33"
        let fields = try input.validated(today: CalendarDate(year: 2026, month: 11, day: 30))
        #expect(fields.phone == "+237663924388")
        #expect(fields.emergencyContactPhone == "+237670112233")
        input.phone = "677 12 34 5"
        #expect(throws: ValidationFailure.self) { try input.validated(today: CalendarDate(year: 2026, month: 11, day: 30)) }
    }

    @Test func theReaderNeverCrashesAndWhatItReturnsIsE164() throws {
        var random = SplitMix64(seed: 13)
        let pieces = ["+", "00", "237", "6", "9", "0", " ", ".", "-", "(", ")", "/", "1", "99999", "é", "\u{1B}", "+237", "x"]
        for _ in 0..<5000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...12, using: &random) { text += pieces[Int.random(in: 0..<pieces.count, using: &random)] }
            guard let value = (try? PhoneNumber.e164(text, field: "phone", country: cameroon)) ?? nil else { continue }
            #expect(PhoneNumber.isE164(value), "\(text) → \(value)")
            #expect(try PhoneNumber.e164(value, field: "phone", country: cameroon) == value)
            #expect(PhoneNumber.grouped(value).filter(\.isNumber) == value.filter(\.isNumber))
        }
    }
}
