import Foundation
import GRDB
import HummingbirdBcrypt
import Testing
import TappDomain
import TappTestSupport
@testable import TappStore

/// Issue 12 in the store: sign-in tells no account apart, and one filter hands clinical content only to those who
/// read it.
@Suite struct TrustStoreTests {
    func message(_ body: () throws -> Void) -> String? {
        do { try body() } catch let ClinicError.signInFailed(message) { return message } catch { return "\(error)" }
        return nil
    }

    @Test func anUnknownEmailIsCheckedAgainstARealHashOfTheSameCost() {
        // The stand-in hash is a real bcrypt hash of the users' cost: checking a password against it costs what a
        // wrong password costs (a malformed one would be refused at once, and the time would tell).
        #expect(ClinicDatabase.noAccountHash.hasPrefix("$2b$\(ClinicDatabase.bcryptCost)$"))
        #expect(Bcrypt.verify("no account has this password", hash: ClinicDatabase.noAccountHash))
        #expect(!Bcrypt.verify("admin123", hash: ClinicDatabase.noAccountHash))
    }

    @Test func anUnknownEmailLocksAsAKnownOneDoes() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        var known: [String?] = [], unknown: [String?] = []
        for _ in 0..<13 {
            known.append(message { _ = try clinic.database.signIn(email: "nurse@test.cm", password: "wrong-one") })
            unknown.append(message { _ = try clinic.database.signIn(email: "Nobody@Test.cm", password: "wrong-one") })
        }
        // Word for word the same answers, the lock included, up to the time it ends.
        func shape(_ text: String?) -> String? { text?.replacingOccurrences(of: #"\d{4}-\d\d-\d\d \d\d:\d\d"#, with: "T", options: .regularExpression) }
        #expect(known.map(shape) == unknown.map(shape))
        #expect(unknown[10]?.contains("now locked") == true)
        #expect(unknown[12]?.contains("locked") == true)
        // Counted by the email, whatever its case.
        #expect(message { _ = try clinic.database.signIn(email: "nobody@test.cm", password: "x") }?.contains("locked") == true)
        let locks = try clinic.database.reader.read { db in try String.fetchAll(db, sql: "SELECT email FROM signInLock ORDER BY email") }
        #expect(locks == ["nobody@test.cm", "nurse@test.cm"])
        // An administrator's new password lifts the lock of that email.
        try clinic.database.setPassword(email: "nurse@test.cm", "another-secret", by: clinic.admin)
        _ = try clinic.database.signIn(email: "nurse@test.cm", password: "another-secret")
    }

    func patientWithNotes(_ clinic: TestClinic) throws -> Patient {
        var input = PatientInput()
        input.firstName = "Odile"
        input.lastName = "Zanga"
        input.bloodType = "AB-"
        input.medicalNotes = "Diabète de type 2"
        return try clinic.database.addPatient(input, by: clinic.doctor)
    }

    @Test func everyPatientHandedToTheDeskIsFiltered() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        let patient = try patientWithNotes(clinic)
        let desk = clinic.receptionist
        #expect(try clinic.database.patients(matching: "zanga", by: desk).map(\.medicalNotes) == [nil])
        #expect(try clinic.database.patients(matching: "", by: desk).allSatisfy { $0.bloodType == nil && $0.medicalNotes == nil })
        #expect(try clinic.database.patient(id: patient.id, by: desk).medicalNotes == nil)
        #expect(try clinic.database.patientRecord(id: patient.id, by: desk).patient.bloodType == nil)
        // What an edit hands back is filtered too, and the edit keeps what the desk was never shown.
        var input = PatientInput(try clinic.database.patient(id: patient.id, by: desk).fields)
        input.email = "odile@example.cm"
        let saved = try clinic.database.updatePatient(id: patient.id, expectedVersion: 1, input, by: desk)
        #expect(saved.medicalNotes == nil && saved.bloodType == nil)
        #expect(try clinic.database.patient(id: patient.id).medicalNotes == "Diabète de type 2")
        #expect(try clinic.database.patient(id: patient.id).bloodType == .abNegative)
        #expect(try clinic.database.patient(id: patient.id).email == "odile@example.cm")
        // A nurse and a doctor read it.
        #expect(try clinic.database.patient(id: patient.id, by: clinic.nurse).medicalNotes == "Diabète de type 2")
        #expect(try clinic.database.patients(matching: "zanga", by: clinic.doctor).first?.bloodType == .abNegative)
        // Setting them is still refused to the desk.
        input.medicalNotes = "autre"
        #expect(throws: ClinicError.self) { try clinic.database.updatePatient(id: patient.id, expectedVersion: 2, input, by: desk) }
    }

    @Test func everyRoleGetsWhatItsPermissionSays() {
        let doctorNotes = Patient(fields: PatientFields(firstName: "A", lastName: "B", dateOfBirth: nil, phone: nil, email: nil,
                                                        address: nil, bloodType: .oPositive, medicalNotes: "n",
                                                        notificationChannels: [.sms], emergencyContactName: nil,
                                                        emergencyContactPhone: nil), now: Date(), by: nil)
        for role in Role.allCases {
            let shown = role.shown(doctorNotes)
            #expect((shown.medicalNotes != nil) == role.allows(.readClinical), "\(role)")
            #expect((shown.bloodType != nil) == role.allows(.readClinical), "\(role)")
        }
    }

    @Test func aNewDemoFileIsBuiltAsideThenPutInPlace() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapp-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("demo.sqlite").path
        let (database, _) = try DemoClinic(patients: 50, seed: 1).create(at: path)
        #expect(try database.users(by: database.signIn(email: "admin@meditache.com", password: DemoClinic.password)).count >= 4)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { !$0.contains(".building-") })
        // A second demo on the same file is refused and leaves it as it was (the kill -9 case is in the CLI tests).
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
        #expect(throws: ClinicError.self) { try DemoClinic(patients: 50, seed: 2).create(at: path) }
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == size)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { !$0.contains(".building-") })
    }
}

/// The type-ahead search on a real file, fed what a keyboard and a paste can give: it answers, never fails.
@Suite struct SearchFuzzTests {
    @Test func anyTypedTextAnswersAPage() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        for (first, last, phone) in [("Hélène", "Étoundi", "+237 699 12 34 56"), ("Jean-Pierre", "N'Diaye", "677 00 00 00"),
                                     ("Marie", "Nguema", "")] {
            try clinic.patient(first, last, phone: phone)
        }
        let pieces = ["\"", "*", "(", ")", "^", ":", "-", "+", "NEAR", "AND", "OR", "NOT", "{", "}", "'", "é", "hel", "6", "99",
                      " ", "\u{0}", "\u{1B}", "%", "_", "\\", "ß", "𝟙", "names:", "phone:", "NEAR(", "\u{200B}", "0x", "ǅ"]
        var random = UInt64(12)
        func next() -> Int {
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: random >> 33)
        }
        for _ in 0..<3_000 {
            let typed = (0..<(next() % 7)).map { _ in pieces[next() % pieces.count] }.joined()
            let page = try clinic.database.patients(matching: typed, limit: 10, by: clinic.receptionist)
            #expect(page.count <= 3)
            _ = try clinic.database.patientCount(matching: typed)
        }
        #expect(try clinic.database.patients(matching: "hel", by: clinic.receptionist).count == 1)
    }
}
