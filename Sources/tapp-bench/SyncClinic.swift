import Foundation
import TappDomain
import TappStore

/// `tapp-bench sync-clinic DB PATIENTS CONSULTATIONS`: a new clinic whose patients and consultations all wait to be
/// pushed (each with its audit and queue entries, as the desk makes them), for the sync benchmark
/// (scripts/bench-sync). Its administrator is `admin@bench.cm` / `bench-secret`, also its doctor.
enum SyncClinic {
    static func make(path: String, patients: Int, consultations: Int) throws {
        let database = try ClinicDatabase(path: path)
        _ = try database.setUp(clinicName: "Clinique Banc d'essai",
                               admin: UserInput(email: "admin@bench.cm", firstName: "Ada", lastName: "Admin", role: "ADMIN",
                                                password: "bench-secret"))
        let admin = try database.signIn(email: "admin@bench.cm", password: "bench-secret")
        _ = try database.addUser(UserInput(email: "dr@bench.cm", firstName: "Rose", lastName: "Mballa", role: "DOCTOR",
                                           password: "bench-secret", speciality: "Médecine Générale"), by: admin)
        let doctor = try database.signIn(email: "dr@bench.cm", password: "bench-secret")
        guard let userId = doctor.userId, let doctorId = try database.doctor(userId: userId)?.id else {
            throw ClinicError.refused("the bench clinic has no doctor")
        }
        var random = SplitMix64(seed: 15)
        var ids: [String] = []
        ids.reserveCapacity(patients)
        for n in 0..<patients {
            var input = PatientInput()
            input.firstName = "Patient\(n)"
            input.lastName = "BANC\(random.next() % 1_000_000)"
            input.phone = "6" + String(format: "%08d", Int(random.next() % 100_000_000))
            input.dateOfBirth = String(format: "%04d-%02d-%02d", 1940 + Int(random.next() % 80), 1 + Int(random.next() % 12),
                                       1 + Int(random.next() % 28))
            ids.append(try database.addPatient(input, allowDuplicate: true, by: doctor).id)
        }
        for n in 0..<consultations where !ids.isEmpty {
            var visit = ConsultationInput()
            visit.patientId = ids[n % ids.count]
            visit.doctorId = doctorId
            visit.dateTime = Instant.utcString(Date().addingTimeInterval(-Double(n) * 3_600))
            visit.reason = "Contrôle \(n)"
            _ = try database.addConsultation(visit, by: doctor)
        }
    }
}
