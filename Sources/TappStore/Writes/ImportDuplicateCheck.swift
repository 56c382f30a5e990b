import Foundation
import GRDB
import TappDomain

/// The import's duplicate check: each row against the clinic's patients and the rows checked before it, compared only
/// with those sharing a blocking key (`BlockingKeys`), scored by `DuplicateScore`.
///
/// Used by the one thread that checks an import's rows, in order (`BackgroundBatches` makes its batches one after the
/// other on its own thread), and by nobody else: hence `@unchecked Sendable`.
final class ImportDuplicateCheck: @unchecked Sendable {
    private var traits: [PatientTraits] = []
    /// How each is named in a report: `patient ID (NAME First)` or `line N (NAME First)`.
    private var names: [String] = []
    private var blocks: [String: [Int32]] = [:]
    let country: PhoneCountry

    init(_ db: Database, country: PhoneCountry) throws {
        self.country = country
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, firstName, lastName, dateOfBirth, phone, email FROM patient WHERE mergedInto IS NULL
            """)
        while let row = try rows.next() {
            let birth: String? = row[3]
            let first: String = row[1], last: String = row[2], id: String = row[0]
            add(PatientTraits(id: id, firstName: first, lastName: last, birth: birth.flatMap { try? CalendarDate.parse($0) },
                              phone: row[4], email: row[5], country: country),
                named: "patient \(id) (\(last.uppercased()) \(first))")
        }
    }

    /// The best likely match of a row's patient among those before it, then the row itself added for the next rows.
    func check(_ patient: Patient, line: Int) -> (name: String, score: DuplicateScore)? {
        let row = PatientTraits(patient, country: country)
        var best: (name: String, score: DuplicateScore)?
        var compared = Set<Int32>()
        for key in BlockingKeys.of(row) {
            guard let members = blocks[key], members.count <= DuplicateScan.largestBlock else { continue }
            for member in members where compared.insert(member).inserted {
                if BirthDateMatch(row.birth, traits[Int(member)].birth) == .different { continue }
                let score = DuplicateScore(row, traits[Int(member)])
                if score.isLikely, score.score > best?.score.score ?? 0 { best = (names[Int(member)], score) }
            }
        }
        add(row, named: "line \(line) (\(patient.lastName.uppercased()) \(patient.firstName))")
        return best
    }

    private func add(_ patient: PatientTraits, named name: String) {
        let index = Int32(traits.count)
        traits.append(patient)
        names.append(name)
        for key in BlockingKeys.of(patient) { blocks[key, default: []].append(index) }
    }
}
