import Foundation
import GRDB
import GRDBSQLite
import TappDomain
import TappStore

/// Type-ahead search measured two ways on the same file, side by side: through the store (GRDB, decoding
/// patients) and straight through the SQLite C API with the same SQL and the same MATCH expression.
struct SearchBenchmark {
    let path: String
    let rounds: Int
    let pageSize = 20

    /// What a receptionist types, one keystroke at a time.
    static let typed: [String] = {
        let words = ["helene", "nguema", "jean pierre", "etoundi", "ndiaye", "mballa", "fatou diallo", "aissatou",
                     "kamga", "owona", "francois", "chloe", "tchoupo", "emilie abega", "marie ng", "christelle",
                     "6991", "699 12 3", "+237 65", "677", "8877", "joelle", "benoit", "ze", "din"]
        var queries: [String] = []
        for word in words {
            var prefix = ""
            for character in word {
                prefix.append(character)
                if character != " " { queries.append(prefix) }
            }
        }
        return queries
    }()

    /// What a receptionist types with slips, other spellings, compound names run together, names swapped: every
    /// keystroke of these goes through the forgiving steps (the exact search leaves room).
    static let forgiving: [String] = {
        let words = ["doubme honorine", "dumbe", "onorine", "ngobiyong", "ngo biyong", "tchoupo filip", "kenum iannik",
                     "etundi", "nguemma", "mbala jean", "owana", "diallo fatu", "ndiay", "kamgha", "helenne", "christel",
                     "emilie abegga", "benoa", "joel", "aissatu"]
        var queries: [String] = []
        for word in words {
            var prefix = ""
            for character in word {
                prefix.append(character)
                if character != " " { queries.append(prefix) }
            }
        }
        return queries
    }()

    struct Timings {
        var store: [Double] = []
        var direct: [Double] = []
        /// The whole search (exact, then sound-alikes and slips) on the forgiving queries.
        var forgiving: [Double] = []
    }

    func run() throws -> Timings {
        let database = try ClinicDatabase(path: path)
        // A receptionist: the search as the desk runs it, through the clinical filter.
        let reader = Session(userId: nil, email: "bench", role: .receptionist, organizationId: nil, zone: Instant.defaultZone,
                             terminal: nil, sshClient: nil)
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY, nil) == SQLITE_OK, let handle else {
            throw ClinicError.refused("cannot open \(path)")
        }
        defer { sqlite3_close(handle) }
        var timings = Timings()
        // Warm both paths once.
        for query in Self.typed {
            _ = try database.patients(matching: query, limit: pageSize, by: reader)
            _ = try direct(handle, typed: query)
        }
        for _ in 0..<rounds {
            for query in Self.typed {
                var start = DispatchTime.now().uptimeNanoseconds
                let page = try database.patients(matching: query, limit: pageSize, by: reader)
                timings.store.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                start = DispatchTime.now().uptimeNanoseconds
                let rows = try direct(handle, typed: query)
                timings.direct.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                // The store may add sound-alikes and slips after the exact matches when they leave room on the page.
                if page.count < rows { throw ClinicError.refused("the two paths disagree on \"\(query)\": \(page.count) vs \(rows)") }
            }
            for query in Self.forgiving {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = try database.patients(matching: query, limit: pageSize, by: reader)
                timings.forgiving.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
        }
        return timings
    }

    /// The same query through the C API, reading every column of every row as text.
    func direct(_ db: OpaquePointer, typed: String) throws -> Int {
        guard let query = PatientSearchText.query(typed) else { return 0 }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, PatientSearch.pageSQL(query), -1, &statement, nil) == SQLITE_OK, let statement else {
            throw ClinicError.refused(String(cString: sqlite3_errmsg(db)))
        }
        defer { sqlite3_finalize(statement) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        let texts = PatientSearch.arguments(query)
        for (index, text) in texts.enumerated() { sqlite3_bind_text(statement, Int32(index + 1), text, -1, transient) }
        sqlite3_bind_int(statement, Int32(texts.count + 1), Int32(pageSize))
        sqlite3_bind_int(statement, Int32(texts.count + 2), 0)
        var rows = 0
        var bytes = 0
        while sqlite3_step(statement) == SQLITE_ROW {
            for column in 0..<sqlite3_column_count(statement) {
                if let text = sqlite3_column_text(statement, column) { bytes += strlen(text) }
            }
            rows += 1
        }
        return rows
    }
}
