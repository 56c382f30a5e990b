import Foundation

/// One transaction that the reads and writes of a whole batch join (`ServerDatabase.transaction`): set for the task
/// that runs the batch, so that its operations, each going through its route as if sent alone, write into it. Each
/// of their writes is a savepoint of it (a refused operation leaves nothing, the others stay); their reads see
/// what the operations before them wrote; the batch commits once.
enum SharedTransaction {
    struct Session: @unchecked Sendable {
        /// Used only by the task that opened the transaction and the operations it awaits, one at a time.
        let session: any SQLSession
    }

    @TaskLocal static var current: Session?

    /// `body` on the shared transaction, inside a savepoint of it when `savepoint`.
    static func run<T>(_ shared: Session, savepoint: Bool, _ body: (any SQLSession) async throws -> T) async throws -> T {
        guard savepoint else { return try await body(shared.session) }
        try await shared.session.execute("SAVEPOINT operation", [])
        do {
            let value = try await body(shared.session)
            try await shared.session.execute("RELEASE SAVEPOINT operation", [])
            return value
        } catch {
            try? await shared.session.execute("ROLLBACK TO SAVEPOINT operation", [])
            try? await shared.session.execute("RELEASE SAVEPOINT operation", [])
            throw error
        }
    }
}
