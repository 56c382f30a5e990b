import Foundation
import GRDB
import Testing
import TappDomain
import TappTestSupport
@testable import TappStore

@Suite struct DuplicateStoreTests {
    func input(_ first: String, _ last: String, birth: String = "", phone: String = "") -> PatientInput {
        var input = PatientInput()
        input.firstName = first
        input.lastName = last
        input.dateOfBirth = birth
        input.phone = phone
        return input
    }

    @Test func theDeskFindsHonorineHoweverSheIsTyped() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        let honorine = try clinic.patient("Honorine", "DOUMBÉ", phone: "663924388", birth: "1990-04-12")
        try clinic.patient("Marie", "Doumbé", phone: "663924388", birth: "1962-01-30")
        for typed in [input("Honorine", "Doumbe", birth: "1990-04-12"), input("Honorinne", "Doumbé", phone: "+237663924388"),
                      input("Doumbé", "Honorine", birth: "1990-12-04"), input("Onorine", "Dumbe", birth: "1990-04-12", phone: "663 92 43 88")] {
            let found = try clinic.database.likelyDuplicates(of: typed, by: clinic.receptionist)
            #expect(found.map(\.patient.id) == [honorine.id], "\(typed)")
        }
        // Nothing yet with a name only, and nobody for someone else sharing the family phone
        #expect(try clinic.database.likelyDuplicates(of: input("Honorine", "Doumbé"), by: clinic.receptionist).isEmpty)
        #expect(try clinic.database.likelyDuplicates(of: input("Paul", "Doumbé", phone: "663924388"), by: clinic.receptionist).isEmpty)
    }

    @Test func aLikelyDuplicateIsRefusedUnlessAllowedAndThenAudited() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        let honorine = try clinic.patient("Honorine", "DOUMBÉ", phone: "663924388", birth: "1990-04-12")
        let queued = try clinic.database.queuedChanges().count
        do {
            try clinic.database.addPatient(input("Honorine", "Doumbe", birth: "1990-04-12", phone: "663924388"), by: clinic.receptionist)
            Issue.record("a likely duplicate was registered")
        } catch let refusal as LikelyDuplicate {
            #expect(refusal.matches.map(\.patient.id) == [honorine.id])
            #expect(refusal.description.contains(honorine.id))
        }
        #expect(try clinic.database.queuedChanges().count == queued)
        #expect(try clinic.database.patientCount() == 1)
        let second = try clinic.database.addPatient(input("Honorine", "Doumbe", birth: "1990-04-12", phone: "663924388"),
                                                    allowDuplicate: true, by: clinic.receptionist)
        let audit = try clinic.database.auditEntries(patientId: second.id, by: clinic.admin)
        #expect(audit.contains { $0.diff?.contains("registeredDespiteLikelyDuplicates") == true && $0.diff?.contains(honorine.id) == true })
        // Twins are not refused
        try clinic.patient("Paul", "Owona", phone: "699000001", birth: "2001-05-06")
        #expect(throws: Never.self) { try clinic.database.addPatient(input("Pierre", "Owona", birth: "2001-05-06", phone: "699000001"),
                                                                    by: clinic.receptionist) }
    }

    @Test func anImportReportsRowsMatchingAPatientOrAnEarlierRow() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        let honorine = try clinic.patient("Honorine", "DOUMBÉ", phone: "663924388", birth: "1990-04-12")
        let csv = """
            firstName,lastName,dateOfBirth,phone
            Jean,Mballa,1978-11-22,655443322
            Honorine,Doumbe,1990-04-12,
            Jean,MBALLA,1978-11-22,+237 655 44 33 22
            Fatou,Diallo,1992-07-08,677889900
            """
        let report = try clinic.database.importPatients(csv: csv, by: clinic.receptionist)
        #expect(report.imported == 2)
        #expect(report.problems.map(\.line) == [3, 4])
        #expect(report.problems[0].message.contains(honorine.id))
        #expect(report.problems[1].message.contains("line 2"))
        let allowed = try clinic.database.importPatients(csv: csv, allowDuplicates: true, by: clinic.receptionist)
        #expect(allowed.imported == 4 && allowed.problems.isEmpty)
    }

    @Test func anImportOfSeveralBatchesReportsEachCopyOfAnEarlierRow() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        // Given 2,400 different people (checked in batches of 1,000, each on both cores), then copies of three of them
        var lines = ["firstName,lastName,dateOfBirth,phone"]
        for i in 0..<2400 { lines.append("Awa\(i),Fotso,1990-01-01,\(690_000_000 + i)") }
        lines += ["Awa10,Fotso,1990-01-01,690000010", "Awa1500,FOTSO,1990-01-01,+237 690 001 500", "Awa2399,Fotso,1990-01-01,690002399"]
        // When they are imported
        let report = try clinic.database.importPatients(csv: lines.joined(separator: "\n"), by: clinic.receptionist)
        // Then each copy is reported with the line it copies, and every other row comes in
        #expect(report.imported == 2400)
        #expect(report.problems.map(\.line) == [2402, 2403, 2404])
        for (problem, copied) in zip(report.problems, [12, 1502, 2401]) {
            #expect(problem.message.contains("line \(copied) "), "\(problem)")
        }
    }

    @Test func theScanListsPairsBestFirstAndForgetsDismissedOnes() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        let a = try clinic.database.addPatient(input("Honorine", "Doumbé", birth: "1990-04-12", phone: "663924388"), by: clinic.doctor)
        let b = try clinic.database.addPatient(input("Onorine", "Doumbe", birth: "1990-04-12", phone: "663924388"),
                                               allowDuplicate: true, by: clinic.doctor)
        let c = try clinic.database.addPatient(input("Jean", "Mballa", birth: "1978-11-22"), by: clinic.doctor)
        let d = try clinic.database.addPatient(input("Jean", "Mbala", birth: "1978-11-22"), allowDuplicate: true, by: clinic.doctor)
        try clinic.patient("Jeanne", "Mballa", phone: "655443322", birth: "1978-11-22")
        #expect(throws: ClinicError.self) { try clinic.database.duplicatePairs(by: clinic.receptionist) }
        let pairs = try clinic.database.duplicatePairs(by: clinic.doctor)
        #expect(Set(pairs.map { Set($0.patientIds) }) == [Set([a.id, b.id]), Set([c.id, d.id])])
        #expect(pairs.map(\.score.score) == pairs.map(\.score.score).sorted(by: >))
        try clinic.database.dismissDuplicate(d.id, c.id, by: clinic.doctor)
        #expect(try clinic.database.duplicatePairs(by: clinic.doctor).map { Set($0.patientIds) } == [Set([a.id, b.id])])
    }

    @Test func aMergeMovesTheHistoryAndAnUnmergeRestoresBoth() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        let keep = try clinic.database.addPatient(input("Honorine", "Doumbé", birth: "1990-04-12"), by: clinic.doctor)
        var otherInput = input("Onorine", "Doumbe", birth: "1990-04-12", phone: "663924388")
        otherInput.email = "honorine@mail.cm"
        let other = try clinic.database.addPatient(otherInput, allowDuplicate: true, by: clinic.doctor)
        var consultation = ConsultationInput()
        consultation.patientId = other.id
        consultation.doctorId = clinic.doctorId
        consultation.dateTime = "2026-01-10T09:00:00Z"
        consultation.reason = "Paludisme"
        let visit = try clinic.database.addConsultation(consultation, by: clinic.doctor)
        let booked = try clinic.database.addIntervention(clinic.interventionInput(patientId: other.id, at: Date().addingTimeInterval(86_400 * 5)),
                                                         by: clinic.doctor)
        _ = try clinic.database.linkPatient(other.id, toOrganization: clinic.organizationId, by: clinic.doctor)
        let keptBefore = try clinic.database.patient(id: keep.id)
        let otherBefore = try clinic.database.patient(id: other.id)

        // Only an administrator merges
        #expect(throws: ClinicError.self) { try clinic.database.merge(keep: keep.id, other: other.id, by: clinic.doctor) }
        let kept = try clinic.database.merge(keep: keep.id, other: other.id, by: clinic.admin)
        #expect(kept.phone == "+237663924388" && kept.email == "honorine@mail.cm" && kept.firstName == "Honorine")
        let record = try clinic.database.patientRecord(id: other.id, by: clinic.admin)
        #expect(record.patient.id == keep.id)
        #expect(record.consultations.map(\.id) == [visit.id])
        #expect(record.interventions.map(\.intervention.id) == [booked.id])
        #expect(record.organizations.count == 1)
        #expect(try clinic.database.patients(matching: "doumb").map(\.id) == [keep.id])
        #expect(try clinic.database.patients(matching: "").map(\.id) == [keep.id])
        #expect(try clinic.database.patientCount() == 1)
        #expect(throws: ClinicError.self) { try clinic.database.merge(keep: keep.id, other: other.id, by: clinic.admin) }
        let audit = try clinic.database.auditEntries(patientId: other.id, by: clinic.admin)
        #expect(audit.contains { $0.diff?.contains("mergedInto") == true })
        #expect(try clinic.database.queuedChanges().contains { $0.entityId == other.id && $0.operation == .delete })

        // Something added to the kept record after the merge
        consultation.patientId = keep.id
        consultation.dateTime = "2026-02-10T09:00:00Z"
        let later = try clinic.database.addConsultation(consultation, by: clinic.doctor)

        try clinic.database.unmerge(keep: keep.id, other: other.id, by: clinic.admin)
        let keptAfter = try clinic.database.patient(id: keep.id)
        let otherAfter = try clinic.database.patient(id: other.id)
        #expect(keptAfter.fields == keptBefore.fields)
        #expect(otherAfter.fields == otherBefore.fields)
        #expect(otherAfter.id == other.id)
        #expect(try clinic.database.patientRecord(id: other.id, by: clinic.admin).consultations.map(\.id) == [visit.id])
        #expect(try clinic.database.patientRecord(id: other.id, by: clinic.admin).interventions.map(\.intervention.id) == [booked.id])
        #expect(try clinic.database.patientRecord(id: other.id, by: clinic.admin).organizations.count == 1)
        #expect(try clinic.database.patientRecord(id: keep.id, by: clinic.admin).consultations.map(\.id) == [later.id])
        #expect(Set(try clinic.database.patients(matching: "doumb").map(\.id)) == [keep.id, other.id])
        #expect(try clinic.database.patientCount() == 2)
        #expect(throws: ClinicError.self) { try clinic.database.unmerge(keep: keep.id, other: other.id, by: clinic.admin) }
        // The merge's deletion, not sent yet, is taken back
        let queue = try clinic.database.queuedChanges().filter { $0.entityId == other.id && $0.operation == .delete }
        #expect(!queue.isEmpty && queue.allSatisfy { $0.state == .discarded })
        #expect(try clinic.database.merges(of: other.id, by: clinic.admin).first?.undoneAt != nil)
    }
}
