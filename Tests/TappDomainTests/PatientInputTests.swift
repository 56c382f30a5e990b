import Foundation
import Testing
@testable import TappDomain

@Suite struct PatientInputTests {
    let today = try! CalendarDate(year: 2026, month: 11, day: 25)

    @Test func aCompleteInputIsAccepted() throws {
        var input = PatientInput()
        input.firstName = " Hélène "
        input.lastName = "N'Diaye"
        input.dateOfBirth = "1985-03-15"
        input.phone = "+237 699 12 34 56"
        input.email = "Helene@Example.CM"
        input.bloodType = "ab+"
        input.notificationChannels = "sms, email"
        let fields = try input.validated(today: today)
        #expect(fields.firstName == "Hélène")
        #expect(fields.email == "helene@example.cm")
        #expect(fields.bloodType == .abPositive)
        #expect(fields.notificationChannels == [.sms, .email])
        #expect(fields.clinicalFields == ["bloodType"])
    }

    @Test func everyBadFieldIsReportedAtOnce() {
        var input = PatientInput()
        input.lastName = "Mballa"
        input.dateOfBirth = "2030-01-01"
        input.email = "not-an-email"
        input.phone = "call me"
        input.bloodType = "C+"
        input.notificationChannels = "SMS,FAX"
        do {
            _ = try input.validated(today: today)
            Issue.record("accepted a bad patient")
        } catch {
            #expect(error.message(for: "firstName") == "is required")
            #expect(error.message(for: "dateOfBirth") == "cannot be in the future")
            #expect(error.message(for: "email")?.hasPrefix("must be an email") == true)
            #expect(error.message(for: "phone") != nil)
            #expect(error.message(for: "bloodType")?.contains("A+, A-") == true)
            #expect(error.message(for: "notificationChannels")?.contains("FAX") == true)
        }
    }

    @Test func valuesAreTrimmedOfEveryKindOfSpace() {
        #expect("Marie".trimmed == "Marie")
        #expect(" Marie\t".trimmed == "Marie")
        #expect("\u{00A0}Awa Fotso\u{2003}".trimmed == "Awa Fotso")
        #expect("Zoé\n".trimmed == "Zoé")
        #expect("Éloi".trimmed == "Éloi")
        #expect(" \r\n ".trimmed == "")
    }

    @Test func phoneNumbersHoldDigitsAndTheUsualSeparatorsOnly() throws {
        #expect(try Contact.phone(" +237 (699) 12-34.56/7 ", field: "phone") == "+237 (699) 12-34.56/7")
        #expect(try Contact.phone("", field: "phone") == nil)
        for bad in ["699 12 34 5a", "６９９１２３４５６", "699+123456", "12345", "1234567890123456"] {
            #expect(throws: FieldError.self, "\(bad)") { try Contact.phone(bad, field: "phone") }
        }
    }

    @Test func emailsAreCheckedAsTheServerDoes() {
        #expect(Contact.isEmail("admin@meditache.com"))
        #expect(Contact.isEmail("marie.nguema+rdv@hopital.cm"))
        for bad in ["a@b", "@x.cm", "a@@x.cm", "a b@x.cm", "a@x..cm", "a@-x.cm", "a@x.c"] {
            #expect(!Contact.isEmail(bad), "\(bad)")
        }
    }

    @Test func rolesGrantWhatAClinicExpects() {
        #expect(!Role.receptionist.allows(.readClinical))
        #expect(Role.receptionist.allows(.registerPatients))
        #expect(Role.receptionist.allows(.bookInterventions))
        #expect(Role.nurse.allows(.readClinical))
        #expect(!Role.nurse.allows(.writeClinical))
        #expect(Role.doctor.allows(.writeClinical))
        #expect(!Role.doctor.allows(.manageUsers))
        #expect(Role.admin.allows(.manageUsers))
        do {
            try Role.nurse.require(.writeClinical)
            Issue.record("nurse wrote clinical data")
        } catch {
            #expect(error.description.contains("needs role ADMIN or DOCTOR (you are NURSE)"))
        }
    }
}
