import Foundation
import Testing
import TappAPI
import TappDomain

/// The exact JSON of each record type, as the real server writes it: its keys in the Prisma model's order, columns
/// without a value as `null`, relations a route does not include left out.
@Suite struct RecordJSONTests {
    let created = WireInstant(Date(timeIntervalSince1970: 1_760_000_000))
    let updated = WireInstant(Date(timeIntervalSince1970: 1_760_000_000.5))

    @Test func personWritesNullColumnsAndLeavesOutRelations() throws {
        let person = Person(id: "c1", fullName: "DOUMBÉ Honorine", phone: "+237699123456", createdAt: created, updatedAt: updated)
        #expect(try WireEncoder.string(person) == """
            {"id":"c1","fullName":"DOUMBÉ Honorine","birthdate":null,"phone":"+237699123456","email":null,"address":null,\
            "createdAt":"2025-10-09T08:53:20.000Z","updatedAt":"2025-10-09T08:53:20.500Z"}
            """)
    }

    @Test func personWithItsRelationsListsThemAfterItsColumns() throws {
        let link = OrganizationLink(personId: "c1", orgId: "org_default", startAt: created, role: "EMPLOYEE", createdAt: created,
                                    updatedAt: created)
        let person = Person(id: "c1", fullName: "A", createdAt: created, updatedAt: created, organizations: [link],
                            consultations: [], interventions: [])
        let text = try WireEncoder.string(person)
        #expect(text.hasSuffix("""
            "organizations":[{"personId":"c1","orgId":"org_default","startAt":"2025-10-09T08:53:20.000Z","endAt":null,\
            "role":"EMPLOYEE","isActive":true,"createdAt":"2025-10-09T08:53:20.000Z","updatedAt":"2025-10-09T08:53:20.000Z"}],\
            "consultations":[],"interventions":[]}
            """))
    }

    @Test func consultationKeepsTheServersSpellingsAndAttachments() throws {
        let consultation = TappAPI.Consultation(id: "k1", personId: "c1", doctorId: "d1", dateTimeUtc: created, notes: "Tension\nnormale",
                                        attachments: .list(["a/b.pdf"]), status: .cancelled, createdAt: created, updatedAt: created)
        #expect(try WireEncoder.string(consultation) == """
            {"id":"k1","personId":"c1","doctorId":"d1","dateTimeUtc":"2025-10-09T08:53:20.000Z","notes":"Tension\\nnormale",\
            "attachments":["a/b.pdf"],"status":"CANCELLED","createdAt":"2025-10-09T08:53:20.000Z","updatedAt":"2025-10-09T08:53:20.000Z"}
            """)
        let empty = TappAPI.Consultation(id: "k1", personId: "c1", doctorId: "d1", dateTimeUtc: created, attachments: .text(""),
                                 createdAt: created, updatedAt: created)
        #expect(try WireEncoder.string(empty).contains(#""notes":null,"attachments":"","status":"COMPLETED""#))
    }

    @Test func interventionWithRulesAndReminders() throws {
        let rule = TappAPI.ReminderRule(id: "r1", interventionId: "i1", offsetMinutes: -1440, channel: .sms, createdAt: created, updatedAt: created)
        let reminder = TappAPI.Reminder(id: "m1", interventionId: "i1", type: .sms, plannedSendUtc: created, idempotencyKey: "ab",
                                createdAt: created, updatedAt: created)
        let intervention = TappAPI.Intervention(id: "i1", personId: "c1", doctorId: "d1", title: "Vaccination", scheduledAtUtc: updated,
                                        priority: .urgent, status: .canceled, createdAt: created, updatedAt: created,
                                        reminders: [reminder], rules: [rule])
        #expect(try WireEncoder.string(intervention) == """
            {"id":"i1","personId":"c1","doctorId":"d1","title":"Vaccination","description":null,\
            "scheduledAtUtc":"2025-10-09T08:53:20.500Z","priority":"URGENT","status":"CANCELED","location":null,\
            "createdAt":"2025-10-09T08:53:20.000Z","updatedAt":"2025-10-09T08:53:20.000Z",\
            "reminders":[{"id":"m1","interventionId":"i1","type":"SMS","plannedSendUtc":"2025-10-09T08:53:20.000Z","message":null,\
            "recipient":null,"status":"PENDING","lastError":null,"idempotencyKey":"ab","sentAt":null,\
            "createdAt":"2025-10-09T08:53:20.000Z","updatedAt":"2025-10-09T08:53:20.000Z"}],\
            "rules":[{"id":"r1","interventionId":"i1","offsetMinutes":-1440,"channel":"SMS","enabled":true,\
            "createdAt":"2025-10-09T08:53:20.000Z","updatedAt":"2025-10-09T08:53:20.000Z"}]}
            """)
    }

    @Test func userLeavesOutThePasswordItDoesNotCarry() throws {
        let user = TappAPI.User(id: "u1", email: "admin@meditache.com", role: "ADMIN", createdAt: created, updatedAt: created)
        #expect(try WireEncoder.string(user) == """
            {"id":"u1","email":"admin@meditache.com","phone":null,"role":"ADMIN","timezone":"Africa/Douala","isActive":true,\
            "createdAt":"2025-10-09T08:53:20.000Z","updatedAt":"2025-10-09T08:53:20.000Z","organizationId":null}
            """)
    }

    @Test func notificationLogAndStats() throws {
        let log = TappAPI.NotificationLog(id: "n1", channel: .sms, to: "+237699123456", status: .sent, providerMsgId: "outbox-1",
                                  createdAt: created)
        #expect(try WireEncoder.string(log) == """
            {"id":"n1","reminderId":null,"channel":"SMS","to":"+237699123456","payload":null,"status":"SENT",\
            "providerMsgId":"outbox-1","error":null,"deliveredAt":null,"readAt":null,"createdAt":"2025-10-09T08:53:20.000Z"}
            """)
        #expect(try WireEncoder.string(ReminderStats(total: 3, sent: 1, failed: 0, pending: 2, cancelled: 0, successRate: "33.33"))
                == #"{"total":3,"sent":1,"failed":0,"pending":2,"cancelled":0,"successRate":"33.33"}"#)
        #expect(try WireEncoder.string(ReminderStats(total: 0, sent: 0, failed: 0, pending: 0, cancelled: 0, successRate: "0"))
                == #"{"total":0,"sent":0,"failed":0,"pending":0,"cancelled":0,"successRate":"0"}"#)
        #expect(try WireEncoder.string(NotificationStats(counts: ["SMS_SENT": 2, "EMAIL_FAILED": 1])) == #"{"EMAIL_FAILED":1,"SMS_SENT":2}"#)
        #expect(try WireEncoder.string(NotificationStats(counts: [:])) == "{}")
    }

    @Test func recordsReadBackAsWritten() throws {
        let reminder = TappAPI.Reminder(id: "m1", interventionId: "i1", type: .email, plannedSendUtc: created, message: "Rappel",
                                status: .failed, lastError: "timeout", idempotencyKey: "k", sentAt: updated, createdAt: created,
                                updatedAt: updated)
        let intervention = TappAPI.Intervention(id: "i1", personId: "c1", doctorId: "d1", title: "T", scheduledAtUtc: created,
                                        createdAt: created, updatedAt: created, reminders: [reminder])
        let person = Person(id: "c1", fullName: "A", birthdate: created, createdAt: created, updatedAt: updated,
                            interventions: [intervention])
        let bytes = try WireEncoder.encode(person)
        let read = try WireDecoder.decode(Person.self, from: bytes)
        #expect(read == person)
        #expect(try WireEncoder.encode(read) == bytes)
    }
}
