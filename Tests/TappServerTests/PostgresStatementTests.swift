import Foundation
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

/// An instance's pool is sized to its machine unless the address says otherwise.
@Suite struct PostgresPoolSizeTests {
    @Test func thePoolFollowsTheCoresUpToTwenty() throws {
        #expect(PostgresAddress.defaultPoolSize(cores: 1) == 6)
        #expect(PostgresAddress.defaultPoolSize(cores: 2) == 8)
        #expect(PostgresAddress.defaultPoolSize(cores: 16) == 20)
        #expect(PostgresAddress.defaultPoolSize(cores: 0) == 6)
        #expect(try PostgresAddress("postgres://u@127.0.0.1:5432/db?pool_max=3").configuration.options.maximumConnections == 3)
        #expect(try PostgresAddress("postgres://u@127.0.0.1:5432/db?pool_max=0").configuration.options.maximumConnections
                == PostgresAddress.defaultPoolSize(cores: ProcessInfo.processInfo.activeProcessorCount))
    }
}
