import Foundation
import Testing
import TappAPI
import TappDomain

/// The contract's types write themselves (`WireWritable`) exactly as they encode through any `Encoder`: the same
/// fields, the same order, and what is written reads back as the value.
@Suite struct WireWritableTests {
    let created = WireInstant(Date(timeIntervalSince1970: 1_760_000_000))

    /// The keys of every object in a JSON text, in the order written, depth first.
    func keyOrder(_ bytes: [UInt8]) -> [String] {
        // Strings are skipped whole, so that a key is a string followed by a colon.
        var keys: [String] = [], index = 0, text: [UInt8] = []
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\"") {
                text = []
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\") { text.append(bytes[index]); index += 1 }
                    if index < bytes.count { text.append(bytes[index]) }
                    index += 1
                }
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ":") { keys.append(String(decoding: text, as: UTF8.self)) }
            }
            index += 1
        }
        return keys
    }

    func samples() -> [any WireWritable] {
        let user = TappAPI.User(id: "u1", email: "a@b.cm", role: "DOCTOR", createdAt: created, updatedAt: created, organizationId: "o1")
        let doctor = TappAPI.Doctor(id: "d1", userId: "u1", speciality: "Généraliste", createdAt: created, updatedAt: created, user: user)
        let organization = TappAPI.Organization(id: "o1", name: "Clinique \"Espoir\"", createdAt: created, updatedAt: created)
        let link = TappAPI.OrganizationLink(personId: "p1", orgId: "o1", startAt: created, createdAt: created, updatedAt: created, org: organization)
        let person = TappAPI.Person(id: "p1", fullName: "Ngo Bassa\u{1}", createdAt: created, updatedAt: created, organizations: [link])
        let log = TappAPI.NotificationLog(id: "n1", reminderId: "m1", channel: .sms, to: "+237699", status: .sent, createdAt: created)
        let reminder = TappAPI.Reminder(id: "m1", interventionId: "i1", type: .sms, plannedSendUtc: created, idempotencyKey: "k",
                                createdAt: created, updatedAt: created, notificationLogs: [log])
        let rule = TappAPI.ReminderRule(id: "r1", interventionId: "i1", offsetMinutes: -1440, channel: .sms, createdAt: created, updatedAt: created)
        let intervention = TappAPI.Intervention(id: "i1", personId: "p1", doctorId: "d1", title: "Bilan", scheduledAtUtc: created,
                                        createdAt: created, updatedAt: created, person: person, doctor: doctor, reminders: [reminder],
                                        rules: [rule])
        let consultation = TappAPI.Consultation(id: "c1", personId: "p1", doctorId: "d1", dateTimeUtc: created, attachments: .list(["x"]),
                                        createdAt: created, updatedAt: created, person: person, doctor: doctor)
        return [
            Page(data: [person, person], total: 2, limit: 50, offset: 0), intervention, consultation, rule,
            ErrorBody(statusCode: 400, message: .sentences(["a", "b"]), error: "Bad Request"),
            ErrorBody(statusCode: 401, message: .sentence("Unauthorized")),
            UserProfile(user: user, organization: organization, doctor: nil),
            UserProfile(user: user, organization: nil, doctor: doctor, showsDoctor: false),
            SignInAnswer(accessToken: "a", refreshToken: "r", user: .init(id: "u1", email: "e", role: nil, timezone: nil,
                                                                          organization: nil, doctor: doctor)),
            MessageAnswer(message: "ok"), NotificationStats(counts: ["SMS_SENT": 2, "EMAIL_FAILED": 1]),
            Change(kind: .consultation, id: "c1", deleted: false, consultation: consultation),
            ["k": [1, .number(2.5), "t", .null, true]] as WireValue,
        ]
    }

    @Test func writtenAsEveryEncoderGetsIt() throws {
        for sample in samples() {
            let fast = try WireEncoder.encode(sample)
            // Foundation's encoder goes through `encode(to:)`: the same tree (its key order is its own on Linux).
            let foundation = try JSONEncoder().encode(sample)
            let fastTree = try JSONSerialization.jsonObject(with: Data(fast)) as? NSObject
            let foundationTree = try JSONSerialization.jsonObject(with: foundation) as? NSObject
            #expect(fastTree == foundationTree, "\(String(decoding: fast, as: UTF8.self))")
        }
    }

    @Test func whatIsWrittenReadsBack() throws {
        let samples = self.samples()
        let page = try #require(samples[0] as? Page<TappAPI.Person>)
        #expect(try WireDecoder.decode(Page<TappAPI.Person>.self, from: WireEncoder.encode(page)) == page)
        let intervention = try #require(samples[1] as? TappAPI.Intervention)
        #expect(try WireDecoder.decode(TappAPI.Intervention.self, from: WireEncoder.encode(intervention)) == intervention)
        let profile = try #require(samples[7] as? UserProfile)
        let back = try WireDecoder.decode(UserProfile.self, from: WireEncoder.encode(profile))
        #expect(back.showsDoctor == false && back.user.id == "u1" && back.organization == nil)
        #expect(keyOrder(try WireEncoder.encode(profile)).suffix(2) == ["organizationId", "organization"])
    }
}
