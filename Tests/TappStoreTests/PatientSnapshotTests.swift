import Foundation
import Testing
import TappDomain
@testable import TappStore

/// The import's hand-written patient snapshot is the same text the journal's `JSONEncoder` writes.
@Suite struct PatientSnapshotTests {
    func encoded(_ patient: Patient) throws -> String { try Journal.json(patient) }

    @Test func aFullPatientIsWrittenByteForByteAsTheEncoderWritesIt() throws {
        let full = Patient(id: "01a2137a-29de-741e-9e47-ed9ae6d5c1df", serverId: "cabc123", firstName: "Hélène", lastName: "N'Diaye \"Awa\"",
                           dateOfBirth: try CalendarDate(year: 1985, month: 3, day: 15), phone: "+237 699 12 34 56", email: "helene/nd@example.cm",
                           address: "Rue 1\nDeïdo\t\\ Douala 😀", bloodType: .oNegative, medicalNotes: "ligne\r\u{01}\u{1F}\u{08}\u{0C}fin",
                           notificationChannels: [.sms, .email, .push], emergencyContactName: "Jean", emergencyContactPhone: "+237 677 00 00 00",
                           version: 12, createdAt: Date(timeIntervalSince1970: 1_764_000_000.123),
                           updatedAt: Date(timeIntervalSince1970: 1_764_000_100.5), updatedBy: "admin@meditache.com")
        #expect(PatientSnapshot.json(full) == (try encoded(full)))
        // An instant already written out is used where it fits, and only there.
        let created = (instant: full.createdAt, text: Instant.utcString(full.createdAt))
        #expect(PatientSnapshot.json(full, known: created) == (try encoded(full)))
    }

    @Test func absentValuesAreLeftOutAsTheEncoderLeavesThemOut() throws {
        let bare = Patient(id: "p1", serverId: nil, firstName: "Awa", lastName: "Fotso", dateOfBirth: nil, phone: nil, email: nil, address: nil,
                           bloodType: nil, medicalNotes: nil, notificationChannels: [], emergencyContactName: nil, emergencyContactPhone: nil,
                           version: 1, createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0), updatedBy: nil)
        #expect(PatientSnapshot.json(bare) == (try encoded(bare)))
    }
}
