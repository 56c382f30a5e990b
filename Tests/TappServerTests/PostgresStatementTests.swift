import Testing
@testable import TappServer

/// Statements are written once with `?`; PostgreSQL gets `$1`, `$2`… in their place, never inside quotes.
@Suite struct PostgresStatementTests {
    @Test func placeholdersAreNumberedOutsideQuotes() {
        #expect(PostgresDatabase.numbered("SELECT * FROM people WHERE id = ? AND note = '?' AND \"a?b\" = ?")
                == "SELECT * FROM people WHERE id = $1 AND note = '?' AND \"a?b\" = $2")
        let eleven = "SELECT 1 WHERE x IN (" + Array(repeating: "?", count: 11).joined(separator: ",") + ")"
        #expect(PostgresDatabase.numbered(eleven).hasSuffix("$9,$10,$11)"))
        // Text beyond ASCII goes through unchanged, and a second call gives the same text.
        let accented = "SELECT 'Étoundi ?' WHERE y = ?"
        #expect(PostgresDatabase.numbered(accented) == "SELECT 'Étoundi ?' WHERE y = $1")
        #expect(PostgresDatabase.numbered(accented) == PostgresDatabase.numbered(accented))
    }
}
