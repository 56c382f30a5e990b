import Foundation
import GRDB
import TappDomain

/// An existing patient who is likely the one being registered (or compared), with what the desk shows of them.
public struct DuplicateMatch: Sendable, Equatable {
    public var patient: Patient
    public var score: Double
    public var reasons: [String]
    /// The last consultation, if any.
    public var lastVisit: Date?
}

/// Registering someone who is likely already a patient: the likely records, best first. `tapp patient add` refuses,
/// the patient form asks; `allowDuplicate` registers anyway.
public struct LikelyDuplicate: Error, Sendable, Equatable, CustomStringConvertible {
    public var matches: [DuplicateMatch]

    public var description: String {
        let names = matches.map { "\($0.patient.id) (\($0.patient.lastName.uppercased()) \($0.patient.firstName), \($0.reasons.joined(separator: ", ")))" }
        return "likely already registered: \(names.joined(separator: "; ")); register anyway with --allow-duplicate"
    }
}

extension ClinicDatabase {
    /// The existing patients the typed record is likely to be, best first (at most `limit`), for the desk check.
    /// Asks the file only for patients born on a date the typed one could be (the same, day and month swapped, one
    /// digit apart) or sharing the phone or email, so it costs the same at 100,000 patients as at 100; with neither a
    /// birth date nor a phone nor an email typed, there is nothing to check yet.
    public func likelyDuplicates(of input: PatientInput, excluding id: String? = nil, limit: Int = 5,
                                 by session: Session) throws -> [DuplicateMatch] {
        try session.require(.readPatients)
        let country = try phoneCountry()
        let matches = try read { db in try Self.likelyDuplicates(db, of: PatientTraits(typed: input, country: country),
                                                                 excluding: id, limit: limit, country: country) }
        return matches.map { match in
            var shown = match
            shown.patient = session.shown(match.patient)
            return shown
        }
    }

    static func likelyDuplicates(_ db: Database, of typed: PatientTraits, excluding id: String?, limit: Int,
                                 country: PhoneCountry) throws -> [DuplicateMatch] {
        guard !typed.first.isEmpty || !typed.last.isEmpty else { return [] }
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let birth = typed.birth {
            let dates = DeskCheckDates.around(birth)
            conditions.append("dateOfBirth IN (\(dates.map { _ in "?" }.joined(separator: ",")))")
            arguments += dates.map { $0 as String? }
        }
        if let phone = typed.phone {
            conditions.append("phone = ?")
            arguments.append(phone)
        }
        if let email = typed.email {
            conditions.append("email = ?")
            arguments.append(email)
        }
        guard !conditions.isEmpty else { return [] }
        // Only what the score needs is read of the candidates; the whole record of the likely ones only.
        let sql = """
            SELECT id, firstName, lastName, dateOfBirth, phone, email FROM patient
            WHERE mergedInto IS NULL AND (\(conditions.joined(separator: " OR "))) LIMIT 2000
            """
        var likely: [(id: String, score: DuplicateScore)] = []
        for row in try Row.fetchAll(db.cachedStatement(sql: sql), arguments: StatementArguments(arguments)) {
            let candidateId: String = row[0]
            guard candidateId != id else { continue }
            let birth: String? = row[3]
            let candidate = PatientTraits(id: candidateId, firstName: row[1], lastName: row[2],
                                          birth: birth.flatMap { try? CalendarDate.parse($0) }, phone: row[4], email: row[5],
                                          country: country)
            if BirthDateMatch(typed.birth, candidate.birth) == .different { continue }
            let score = DuplicateScore(typed, candidate)
            if score.isLikely { likely.append((candidateId, score)) }
        }
        var found: [DuplicateMatch] = []
        for match in likely {
            guard let patient = try Patient.fetchOne(db, key: ["id": match.id]) else { continue }
            found.append(DuplicateMatch(patient: patient, score: match.score.score, reasons: match.score.reasons, lastVisit: nil))
        }
        found.sort { $0.score != $1.score ? $0.score > $1.score : $0.patient.id < $1.patient.id }
        found = Array(found.prefix(limit))
        for index in found.indices {
            found[index].lastVisit = try Date.fetchOne(db, sql: "SELECT max(dateTime) FROM consultation WHERE patientId = ?",
                                                       arguments: [found[index].patient.id])
        }
        return found
    }
}

/// The birth dates a typed one could be a mistake for: the same, day and month swapped, a day or month one digit
/// apart, the year's last digit.
enum DeskCheckDates {
    /// Every date `DuplicateScore` takes for the same birth date or a mistake of it.
    static func around(_ birth: CalendarDate) -> [String] {
        var dates = Set<String>()
        func add(_ year: Int, _ month: Int, _ day: Int) {
            if let date = try? CalendarDate(year: year, month: month, day: day) { dates.insert(date.description) }
        }
        add(birth.year, birth.month, birth.day)
        add(birth.year, birth.day, birth.month)
        for day in 1...31 where BirthDateMatch.oneDigitApart(day, birth.day) { add(birth.year, birth.month, day) }
        for month in 1...12 where BirthDateMatch.oneDigitApart(month, birth.month) { add(birth.year, month, birth.day) }
        for year in (birth.year / 10 * 10)...(birth.year / 10 * 10 + 9) { add(year, birth.month, birth.day) }
        return dates.sorted()
    }
}
