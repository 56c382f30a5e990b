import GRDB
import TappDomain

/// The type-ahead search's forgiving steps, after the exact and prefix matches: names that sound the same in French
/// (`SoundKey`, in any order, compound names with or without their space), then words of four letters or more one
/// typing slip away. They run only when the exact search leaves room (fewer than `room` matches), so a search that
/// already fills the page costs what it cost before.
enum ForgivingSearch {
    /// Below this many exact matches, the forgiving steps add theirs after them.
    static let room = 20
    /// At most this many matches in all once the forgiving steps ran.
    static let most = 60
    /// At most this many index words tried in place of one typed word.
    static let alternativesPerWord = 8

    /// Whether the forgiving steps could add anything: letters were typed (digits are a phone search).
    static func mayAdd(_ typed: String) -> Bool {
        typed.contains(where: \.isLetter) && !typed.contains(where: \.isNumber) && !typed.contains("@")
    }

    /// The search keys of the matches, exact ones first (alphabetical), then sound-alikes, then slips; nil when the
    /// exact search alone has `room` matches or more (the caller pages through it as before).
    static func keys(_ db: Database, typed: String, query: PatientSearchQuery) throws -> [Int64]? {
        var keys = try rowids(db, match: query.match, extra: query.digitRuns, limit: room)
        guard keys.count < room else { return nil }
        var seen = Set(keys)
        func add(_ found: [Int64]) {
            for key in found where keys.count < most && seen.insert(key).inserted { keys.append(key) }
        }
        if let sounds = PatientSearchText.soundQuery(typed) {
            add(try Int64.fetchAll(db.cachedStatement(sql: "SELECT rowid FROM patientSounds WHERE patientSounds MATCH ? ORDER BY rowid LIMIT ?"),
                                   arguments: [sounds, most]))
        }
        if keys.count < most {
            let words = PatientSearchText.typedWords(typed)
            let alternatives = try words.map { try slipAlternatives(db, $0) }
            if let slips = PatientSearchText.slipQuery(words, alternatives: alternatives) {
                add(try rowids(db, match: slips, limit: most))
            }
        }
        return keys
    }

    static func rowids(_ db: Database, match: String, extra runs: [String] = [], limit: Int) throws -> [Int64] {
        let condition = (["patientSearch MATCH ?"] + runs.map { _ in "instr(phoneDigits, ?) > 0" }).joined(separator: " AND ")
        return try Int64.fetchAll(db.cachedStatement(sql: "SELECT rowid FROM patientSearch WHERE \(condition) ORDER BY rowid LIMIT ?"),
                                  arguments: StatementArguments([match] + runs) + [limit])
    }

    /// The index's name words one slip from a typed word (four letters or more). Only the words starting as the typed
    /// word could have started are read: its first two letters, its first and third, its second and first.
    static func slipAlternatives(_ db: Database, _ word: [UInt8]) throws -> [String] {
        guard word.count >= 4 else { return [] }
        var found: [String] = []
        var starts = Set<[UInt8]>()
        for start in [[word[0], word[1]], [word[0], word[2]], [word[1], word[0]]] where starts.insert(start).inserted {
            for term in try words(db, startingWith: start) {
                let letters = Array(term.utf8)
                if letters != word, PatientSearchText.isOneSlipAway(typed: word, from: letters) { found.append(term) }
                if found.count >= alternativesPerWord { return found }
            }
        }
        return found
    }

    /// The index's words of names starting with `start`, from its vocabulary.
    static func words(_ db: Database, startingWith start: [UInt8]) throws -> [String] {
        let low = String(decoding: start, as: UTF8.self)
        var high = start
        high[high.count - 1] += 1
        return try String.fetchAll(db.cachedStatement(sql: """
            SELECT term FROM patientSearchWords WHERE col = 'names' AND term >= ? AND term < ? AND doc > 0
            """), arguments: [low, String(decoding: high, as: UTF8.self)])
    }

    /// The patients of these search keys, in this order.
    static func patients(_ db: Database, keys: [Int64]) throws -> [Patient] {
        guard !keys.isEmpty else { return [] }
        let found = try Patient.fetchAll(db, sql: "SELECT * FROM patient WHERE searchKey IN (\(keys.map { _ in "?" }.joined(separator: ",")))",
                                         arguments: StatementArguments(keys))
        var byKey: [Int64: Patient] = [:]
        let rows = try Row.fetchAll(db, sql: "SELECT id, searchKey FROM patient WHERE searchKey IN (\(keys.map { _ in "?" }.joined(separator: ",")))",
                                    arguments: StatementArguments(keys))
        let ids = Dictionary(uniqueKeysWithValues: rows.map { ($0["id"] as String, $0["searchKey"] as Int64) })
        for patient in found { if let key = ids[patient.id] { byKey[key] = patient } }
        return keys.compactMap { byKey[$0] }
    }

    /// When nothing matches: the nearest names of the index to each typed word, as whole searches to offer
    /// ("did you mean"), best first.
    static func suggestions(_ db: Database, typed: String, limit: Int) throws -> [String] {
        let words = PatientSearchText.typedWords(typed)
        var scored: [(score: Double, text: String)] = []
        for (index, word) in words.enumerated() where word.count >= 3 {
            for term in try self.words(db, startingWith: [word[0]]) {
                let letters = Array(term.utf8)
                let twoSlips = NameLikeness.slips(word, letters, limit: 2) <= 2 ? 0.85 : 0
                let similarity = max(NameLikeness.jaroWinkler(word, letters), twoSlips,
                                     NameLikeness.jaroWinkler(SoundKey.of(letters: word), SoundKey.of(letters: letters)))
                guard similarity >= 0.8, letters != word else { continue }
                var replaced = words.map { String(decoding: $0, as: UTF8.self) }
                replaced[index] = term
                scored.append((similarity, replaced.joined(separator: " ")))
            }
        }
        var seen = Set<String>()
        return scored.sorted { $0.score != $1.score ? $0.score > $1.score : $0.text < $1.text }
            .map(\.text).filter { seen.insert($0).inserted }.prefix(limit).map { $0 }
    }
}

extension ClinicDatabase {
    /// When a search finds nobody: the nearest names in the clinic to what was typed, as searches to offer.
    public func didYouMean(_ typed: String, limit: Int = 3, by session: Session) throws -> [String] {
        try session.require(.readPatients)
        return try read { db in try ForgivingSearch.suggestions(db, typed: typed, limit: limit) }
    }
}
