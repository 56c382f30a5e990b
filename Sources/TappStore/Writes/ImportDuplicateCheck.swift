import Foundation
import GRDB
import TappDomain

/// The import's duplicate check: each row against the clinic's patients and the rows checked before it, compared only
/// with those sharing a blocking key (`BlockingKeys`), scored by `DuplicateScore`.
///
/// `check` is called by the one thread that checks an import's rows, in order (`BackgroundBatches` makes its batches
/// one after the other on its own thread), and by nobody else: hence `@unchecked Sendable`. What it compares of each row
/// (`Likeness`) is worked out beforehand, on both cores.
final class ImportDuplicateCheck: @unchecked Sendable {
    private var traits: [PatientTraits] = []
    /// Who each is, for a report: a patient of the clinic (its id) or a row of the file (its line), and the names.
    private var who: [(id: String?, line: Int, first: String, last: String)] = []
    private var blocks: [UInt64: [Int32]] = [:]
    let country: PhoneCountry

    init(_ db: Database, country: PhoneCountry) throws {
        self.country = country
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, firstName, lastName, dateOfBirth, phone, email FROM patient WHERE mergedInto IS NULL
            """)
        while let row = try rows.next() {
            let birth: String? = row[3]
            let first: String = row[1], last: String = row[2], id: String = row[0]
            add(Likeness(PatientTraits(id: id, firstName: first, lastName: last, birth: birth.flatMap { try? CalendarDate.parse($0) },
                                       phone: row[4], email: row[5], country: country)),
                who: (id, 0, first, last))
        }
    }

    /// What the check compares of a row: its traits and blocking keys, worked out on any thread beforehand.
    struct Likeness: Sendable {
        let traits: PatientTraits
        let keys: [UInt64]

        init(_ traits: PatientTraits) {
            self.traits = traits
            keys = BlockingKeys.of(traits)
        }
    }

    /// The best likely match of a row's patient among those before it, then the row itself added for the next rows.
    func check(_ row: Likeness, line: Int, first: String, last: String) -> (name: String, score: DuplicateScore)? {
        var best: (member: Int, score: DuplicateScore)?
        var compared = Set<Int32>()
        for key in row.keys {
            guard let members = blocks[key], members.count <= DuplicateScan.largestBlock else { continue }
            for member in members where compared.insert(member).inserted {
                if BirthDateMatch(row.traits.birth, traits[Int(member)].birth) == .different { continue }
                let score = DuplicateScore(row.traits, traits[Int(member)])
                if score.isLikely, score.score > best?.score.score ?? 0 { best = (Int(member), score) }
            }
        }
        add(row, who: (nil, line, first, last))
        guard let best else { return nil }
        let match = who[best.member]
        let name = "\(match.last.uppercased()) \(match.first)"
        return (match.id.map { "patient \($0) (\(name))" } ?? "line \(match.line) (\(name))", best.score)
    }

    private func add(_ patient: Likeness, who person: (id: String?, line: Int, first: String, last: String)) {
        let index = Int32(traits.count)
        traits.append(patient.traits)
        who.append(person)
        for key in patient.keys { blocks[key, default: []].append(index) }
    }
}
