import Foundation
import TappTestSupport

extension ServerProcess {
    /// The seed's only doctor profile: a generated cuid, as on the real server, read from the sign-in answer
    /// (`user.doctor.id`), the way a client learns it.
    func seedDoctorId() async throws -> String {
        let answer = try await send("POST", "/api/v1/auth/login", body: ["email": "admin@meditache.com", "password": "admin123"])
        return ((answer.object["user"] as? [String: Any])?["doctor"] as? [String: Any])?["id"] as? String ?? ""
    }

    /// The seed's admin user's id (a generated cuid).
    func seedAdminId() async throws -> String {
        let answer = try await send("POST", "/api/v1/auth/login", body: ["email": "admin@meditache.com", "password": "admin123"])
        return (answer.object["user"] as? [String: Any])?["id"] as? String ?? ""
    }
}
