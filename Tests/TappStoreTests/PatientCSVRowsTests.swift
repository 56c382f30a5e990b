import Foundation
import Testing
import TappDomain
@testable import TappStore

@Suite struct PatientCSVRowsTests {
    @Test func rowsComeInAlphabeticalOrderThenTheFilesOrder() throws {
        // Given a file long enough to be read in two halves, in no order, with namesakes in both halves
        let last = ["Zambo", "Étoundi", "Mballa", "Owona", "Abéga", "Nguema", "Fotso"]
        let first = ["Paul", "Hélène", "Jean", "Awa", "Zoé"]
        var lines = ["prénom;nom"]
        for i in 0..<3000 { lines.append("\(first[(i * 7) % first.count]);\(last[(i * 3) % last.count])") }
        // When it is read
        let file = try PatientCSVRows(csv: lines.joined(separator: "\n"))
        // Then every row is there once, in the order of its sort key, namesakes in the file's order
        #expect(file.count == 3000)
        let order = file.rows.map { ($0.sortKey, $0.line) }
        #expect(order.map(\.1).sorted() == Array(2...3001))
        #expect(zip(order, order.dropFirst()).allSatisfy { $0 < $1 })
        #expect(file.rows.first?.sortKey == "abega awa")
    }

    @Test func aBadHeaderRefusesTheFile() {
        #expect(throws: ClinicError.self) { try PatientCSVRows(csv: "colour;size\nred;4") }
    }
}
