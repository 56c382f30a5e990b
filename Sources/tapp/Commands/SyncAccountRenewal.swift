import Foundation
import TappStore
import TappSync

/// Signs in to the server again with the same account, keeping the clinic's choices (who sends reminders).
enum SyncAccountRenewal {
    static func signInAgain(_ account: SyncAccount, password: String, database: ClinicDatabase, session: Session) async throws -> SyncAccount {
        let address = try ServerAddress(account.serverURL, insecure: account.insecure)
        let signIn = try await ServerClient(address: address).login(email: account.email, password: password)
        var renewed = account
        renewed.refreshToken = signIn.refreshToken
        renewed.refreshExpiresAt = signIn.refreshExpiresAt
        renewed.signedInAt = Date()
        renewed.userServerId = signIn.userId
        renewed.doctorServerId = signIn.doctorId
        renewed.role = signIn.role
        try database.saveSyncAccount(renewed, by: session)
        return renewed
    }
}
