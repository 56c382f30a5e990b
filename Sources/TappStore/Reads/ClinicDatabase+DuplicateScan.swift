import Foundation
import GRDB
import TappDomain

extension ClinicDatabase {
    /// Likely duplicate pairs among all the clinic's patients (merged ones left out, pairs dismissed as "not the same
    /// person" too), best first, at most `limit`. Compares only patients sharing a blocking key (`DuplicateScan`).
    public func duplicatePairs(minScore: Double = DuplicateScore.threshold, limit: Int = 100, by session: Session,
                               progress: ((Int, Int) -> Void)? = nil) throws -> [DuplicatePair] {
        try session.require(.reviewDuplicates)
        let country = try phoneCountry()
        let (traits, dismissed) = try read { db -> ([PatientTraits], Set<String>) in
            var traits: [PatientTraits] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT id, firstName, lastName, dateOfBirth, phone, email FROM patient WHERE mergedInto IS NULL
                """)
            while let row = try rows.next() {
                let birth: String? = row[3]
                traits.append(PatientTraits(id: row[0], firstName: row[1], lastName: row[2],
                                            birth: birth.flatMap { try? CalendarDate.parse($0) }, phone: row[4], email: row[5],
                                            country: country))
            }
            let dismissed = try Row.fetchAll(db, sql: "SELECT firstId, secondId FROM duplicateDismissal")
                .map { "\($0[0] as String) \($0[1] as String)" }
            return (traits, Set(dismissed))
        }
        let pairs = DuplicateScan.pairs(traits, minScore: minScore, skip: { dismissed.contains("\($0) \($1)") }, progress: progress)
        return Array(pairs.prefix(limit))
    }

    /// Records that two patients are not the same person, so the scan does not offer the pair again. Audited.
    public func dismissDuplicate(_ a: String, _ b: String, by session: Session, now: Date = Date()) throws {
        try session.require(.reviewDuplicates)
        guard a != b else { throw ClinicError.refused("a patient cannot be a duplicate of itself") }
        let (first, second) = a < b ? (a, b) : (b, a)
        try write { db in
            _ = try existing(db, Patient.self, .patient, id: first)
            _ = try existing(db, Patient.self, .patient, id: second)
            try db.execute(sql: """
                INSERT OR IGNORE INTO duplicateDismissal (firstId, secondId, dismissedAt, dismissedBy) VALUES (?, ?, ?, ?)
                """, arguments: [first, second, Instant.storageString(now), session.email])
            try Journal.audit(db, .update, .patient, first, diff: #"{"notTheSamePersonAs":"\#(second)"}"#, by: session)
        }
    }
}
