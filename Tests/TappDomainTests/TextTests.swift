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
