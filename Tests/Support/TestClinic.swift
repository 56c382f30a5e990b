import Foundation
import TappDomain
import TappStore

/// A clinic on a real SQLite file in a fresh temporary folder, with one user of each role.
public struct TestClinic: Sendable {
    public let folder: URL
    public let database: ClinicDatabase
    public let admin: Session
    public let doctor: Session
    public let nurse: Session
    public let receptionist: Session
    public let doctorId: String
    public let organizationId: String

    public static let password = "secret123"

    public var path: String { database.path }

    public init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapp-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = try ClinicDatabase(path: folder.appendingPathComponent("clinic.sqlite").path)
        let (organization, _) = try database.setUp(
            clinicName: "Clinique Test",
            admin: UserInput(email: "admin@test.cm", firstName: "Ada", lastName: "Admin", role: "ADMIN", password: Self.password))
        organizationId = organization.id
        admin = try database.signIn(email: "admin@test.cm", password: Self.password)
        for (email, role) in [("doctor@test.cm", "DOCTOR"), ("nurse@test.cm", "NURSE"), ("desk@test.cm", "RECEPTIONIST")] {
            try database.addUser(UserInput(email: email, firstName: "Test", lastName: role.capitalized, role: role,
                                           password: Self.password, speciality: "Médecine Générale"), by: admin)
        }
        doctor = try database.signIn(email: "doctor@test.cm", password: Self.password)
        nurse = try database.signIn(email: "nurse@test.cm", password: Self.password)
        receptionist = try database.signIn(email: "desk@test.cm", password: Self.password)
        doctorId = try database.doctor(userId: doctor.userId!)!.id
    }

    /// Registers a patient with the given names (and phone), as the doctor.
    @discardableResult
    public func patient(_ first: String, _ last: String, phone: String = "", email: String = "", birth: String = "") throws -> Patient {
        var input = PatientInput()
        input.firstName = first
        input.lastName = last
        input.phone = phone
        input.email = email
        input.dateOfBirth = birth
        return try database.addPatient(input, by: doctor)
    }

    /// An intervention input for a patient at a time.
    public func interventionInput(patientId: String, at: Date, title: String = "Vaccination") -> InterventionInput {
        var input = InterventionInput()
        input.patientId = patientId
        input.doctorId = doctorId
        input.organizationId = organizationId
        input.title = title
        input.scheduledAt = Instant.utcString(at)
        return input
    }

    public func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}
