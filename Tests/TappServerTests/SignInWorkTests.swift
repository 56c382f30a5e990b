import Foundation
import Testing
@testable import TappServer

/// An unknown email costs the same bcrypt work as a wrong password, so that timing does not tell accounts apart.
/// Counted, not timed: the tests never read a clock.
@Suite struct SignInWorkTests {
    /// Counts the bcrypt checks and the hashes they were made against.
    final class Verifications: @unchecked Sendable {
        private let lock = NSLock()
        private var hashes: [String] = []
        func record(_ hash: String) { lock.lock(); hashes.append(hash); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return hashes }
    }

    @Test func theStandInHashIsARealCostTenBcryptHash() {
        #expect(PasswordCheck.standInHash.hasPrefix("$2b$10$"))
        #expect(PasswordCheck.bcrypt.verify(PasswordCheck.standInPassword, PasswordCheck.standInHash))
        #expect(!PasswordCheck.bcrypt.verify("admin123", PasswordCheck.standInHash))
    }

    @Test func anUnknownEmailAndAWrongPasswordEachRunOneBcryptCheck() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapp-signin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("server.sqlite").path
        let database = try SQLiteDatabase(path: path)
        try await Seed.run(database: database)
        let counted = Verifications()
        var auth = Authenticator(database: database, access: await TokenKey(secret: "short"), refresh: await TokenKey(secret: "another"),
                                 accessLifetime: 60, refreshLifetime: 60)
        auth.passwords = PasswordCheck { password, hash in
            counted.record(hash)
            return PasswordCheck.bcrypt.verify(password, hash)
        }
        #expect(try await auth.account(email: "nobody@nowhere.cm", password: "admin123") == nil)
        #expect(counted.all == [PasswordCheck.standInHash])
        #expect(try await auth.account(email: "admin@meditache.com", password: "wrong-password") == nil)
        #expect(counted.all.count == 2)
        #expect(counted.all.last?.hasPrefix("$2") == true && counted.all.last != PasswordCheck.standInHash)
        #expect(try await auth.account(email: "admin@meditache.com", password: "admin123")?.isActive == true)
        #expect(counted.all.count == 3)
    }
}
