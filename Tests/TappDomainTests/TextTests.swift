import Foundation
import Testing
@testable import TappDomain

@Suite struct SearchTextTests {
    @Test func phoneNumbersAreIndexedByTheirRunsOfThreeDigits() {
        #expect(PatientSearchText.phoneColumns(["+237 699 12 34 56"]) == ("699 991 912 123 234 345 456", "699123456"))
        #expect(PatientSearchText.phoneColumns(["00237 699 12 34 56"]) == PatientSearchText.phoneColumns(["699 12 34 56"]))
        #expect(PatientSearchText.phoneColumns(["12", nil, "699 1"]) == ("12 699 991", "12 6991"))
        #expect(PatientSearchText.phoneColumns(["+237 699 12 34 56", nil, "6 77"]).digits == "699123456 677")
        #expect(PatientSearchText.phoneColumns([nil, "+"]) == ("", ""))
    }

    @Test func compoundNamesAreAlsoIndexedJoined() {
        #expect(PatientSearchText.names(first: "Jean-Pierre", last: "N'Diaye") == "Jean-Pierre N'Diaye JeanPierre NDiaye")
    }

    @Test func typedTextBecomesAPrefixQuery() {
        func match(_ typed: String) -> String? { PatientSearchText.query(typed)?.match }
        #expect(match("helene") == #"{names email} : "helene"*"#)
        #expect(match("+2376") == #"phone : "6"*"#)
        #expect(match("69") == #"phone : "69"*"#)
        #expect(match("699") == #"phone : "699""#)
        #expect(match("marie 699") == #"{names email} : "marie"* AND phone : "699""#)
        #expect(match("n'diaye") == #"{names email} : "ndiaye"*"#)
        #expect(PatientSearchText.query("  ") == nil)
        #expect(PatientSearchText.query("\"*") == nil)
    }

    @Test func longerRunsOfDigitsAreTheirRunsOfThreeThenCheckedWhole() {
        #expect(PatientSearchText.query("+237 699 12") ==
                PatientSearchQuery(terms: [#"phone : "699" AND phone : "991" AND phone : "912""#], digitRuns: ["69912"]))
        #expect(PatientSearchText.query("2376")?.digitRuns == ["2376"])
        #expect(PatientSearchText.query("237699123456")?.digitRuns == ["699123456"])
        #expect(PatientSearchText.query("9999")?.match == #"phone : "999""#)
        #expect(PatientSearchText.query("paul 1234 56")?.digitRuns == ["1234"])
        #expect(PatientSearchText.query("699")?.digitRuns == [])
    }

    @Test func sortKeysIgnoreCaseAndAccents() {
        #expect(PatientSearchText.sortKey(first: "Hélène", last: "Étoundi") == "etoundi helene")
    }
}

@Suite struct CSVTests {
    @Test func quotedFieldsDelimitersAndLineEndings() throws {
        let text = "\u{FEFF}prénom;nom;adresse\r\nHélène;Nguema;\"12; Rue Joss\r\nAkwa\"\r\n\"Jean \"\"JP\"\"\";Mballa;\r\n"
        let table = try CSVTable(text: text)
        #expect(table.delimiter == ";")
        #expect(table.header == ["prénom", "nom", "adresse"])
        #expect(table.rows.count == 2)
        #expect(table.rows[0].fields[2] == "12; Rue Joss\r\nAkwa")
        #expect(table.rows[1].fields[0] == "Jean \"JP\"")
        #expect(table.rows[1].line == 4)
    }

    @Test func frenchAndEnglishHeadersMapToFields() throws {
        let columns = try PatientCSV.columns(["Prénom", "NOM", "Date de naissance", "Téléphone", "courriel", "Groupe sanguin"])
        #expect(columns == [.firstName, .lastName, .dateOfBirth, .phone, .email, .bloodType])
        #expect(try PatientCSV.columns(["first_name", "last_name", "birthdate"]) == [.firstName, .lastName, .dateOfBirth])
        #expect(throws: FieldError.self) { try PatientCSV.columns(["firstName", "lastName", "shoeSize"]) }
        #expect(throws: FieldError.self) { try PatientCSV.columns(["firstName", "phone"]) }
    }

    @Test func anUnclosedQuoteIsReportedWithItsLine() {
        #expect(throws: FieldError.self) { try CSVTable(text: "a,b\n1,\"2\n") }
    }
}

@Suite struct LocalIDTests {
    @Test func idsAreVersion7UUIDsInTimeOrder() {
        let early = LocalID.make(now: Date(timeIntervalSince1970: 1_700_000_000))
        let late = LocalID.make(now: Date(timeIntervalSince1970: 1_700_000_001))
        #expect(early < late)
        #expect(UUID(uuidString: early) != nil)
        #expect(Array(early)[14] == "7")
        #expect("89ab".contains(Array(early)[19]))
        #expect(LocalID.make() != LocalID.make())
    }
}

/// Issue 14, item 4: every message a person reads comes from one catalogue per language.
@Suite struct CatalogueTests {
    @Test func everyKeyHasItsEnglishAndFrenchTextWithTheSamePlaces() {
        for key in PhraseKey.allCases {
            let english = Catalogue.english[key], french = Catalogue.french[key]
            #expect(english?.isEmpty == false, "\(key) lacks its English text")
            #expect(french?.isEmpty == false, "\(key) lacks its French text")
            func places(_ text: String?) -> [String] {
                (text ?? "").matches(of: /\{\d+\}/).map { String($0.output) }.sorted()
            }
            #expect(places(english) == places(french), "\(key): the two texts name different values")
        }
        #expect(Catalogue.english.count == PhraseKey.allCases.count)
        #expect(Catalogue.french.count == PhraseKey.allCases.count)
    }

    @Test func theRecordsRulesSpeakFrenchToAFrenchReader() throws {
        do throws(FieldError) { _ = try CalendarDate.parse("1990-31-05", field: "dateOfBirth") } catch {
            #expect(error.text(french: true) == "n'est pas une date qui existe (reçu « 1990-31-05 »)")
            #expect(error.message == "is not a real date (got \"1990-31-05\")")
        }
        do throws(FieldError) { _ = try ReminderChannel.parse("FAX", field: "channel") } catch {
            #expect(error.text(french: true).hasPrefix("doit être l'un de SMS"))
        }
        do throws(FieldError) { _ = try ReminderRuleSpec.parse("demain") } catch {
            #expect(error.text(french: true).contains("nombre entier de minutes"))
        }
    }

    @Test func aFrenchPatientReadsTheTypeInFrench() throws {
        let at = try Instant.parse("2027-01-25T09:00", field: "at")
        for (stored, shown) in [("Surgery", "Chirurgie"), ("Check-up", "Bilan de santé"), ("Examination", "Examen"), ("Suivi diabète", "Suivi diabète")] {
            let text = ReminderMessage(patientName: "Marie", title: stored, scheduledAt: at, zone: Instant.defaultZone, doctorName: nil,
                                       location: nil, priority: .normal).text
            #expect(text.contains("rappel : \(shown) le 25/01/2027"), "\(text)")
        }
        let english = ReminderMessage(patientName: "Marie", title: "Surgery", scheduledAt: at, zone: Instant.defaultZone, doctorName: nil,
                                      location: nil, priority: .normal, french: false).text
        #expect(english.contains("reminder: Surgery on"))
    }
}
