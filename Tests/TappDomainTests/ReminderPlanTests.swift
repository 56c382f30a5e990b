import Foundation
import Testing
@testable import TappDomain

@Suite struct ReminderPlanTests {
    let at = try! Instant.parse("2025-10-17T08:30:00.000Z", field: "at")

    @Test func noRulesMeansTheServersTwoDefaults() throws {
        let rules = try ReminderPlan.rules([])
        #expect(rules == [try ReminderRuleSpec(offsetMinutes: -1440, channel: .sms), try ReminderRuleSpec(offsetMinutes: -60, channel: .sms)])
        let now = at.addingTimeInterval(-3 * 86_400)
        let planned = ReminderPlan.reminders(interventionId: "i1", scheduledAt: at, rules: rules, now: now)
        #expect(planned.map(\.plannedSendAt) == [at.addingTimeInterval(-86_400), at.addingTimeInterval(-3600)])
    }

    @Test func onlyFutureSendTimesAndEnabledRulesMakeReminders() throws {
        let rules = [try ReminderRuleSpec(offsetMinutes: -1440, channel: .sms), try ReminderRuleSpec(offsetMinutes: -60, channel: .email),
                     try ReminderRuleSpec(offsetMinutes: -30, channel: .push, enabled: false)]
        let now = at.addingTimeInterval(-2 * 3600) // J-1 has passed, H-1 has not
        let planned = ReminderPlan.reminders(interventionId: "i1", scheduledAt: at, rules: rules, now: now)
        #expect(planned.map(\.channel) == [.email])
    }

    @Test func theIdempotencyKeyIsTheServers() {
        // sha256("cabc:2025-10-16T08:30:00.000Z:SMS"), computed independently.
        let send = at.addingTimeInterval(-86_400)
        #expect(ReminderPlan.idempotencyKey(interventionId: "cabc", plannedSendAt: send, channel: .sms)
                == "a96334d810a1275675d78194dfe478411e0f9bb6fcf529176ae743dbad43f408")
    }

    @Test func rulesAreReadFromTheCommandLine() throws {
        #expect(try ReminderRuleSpec.parse("-1440:SMS") == ReminderRuleSpec(offsetMinutes: -1440, channel: .sms))
        #expect(try ReminderRuleSpec.parse("J-7:email") == ReminderRuleSpec(offsetMinutes: -10080, channel: .email))
        #expect(try ReminderRuleSpec.parse("H-2") == ReminderRuleSpec(offsetMinutes: -120, channel: .sms))
        #expect(try ReminderRuleSpec.parse("-60:SMS:off").enabled == false)
        for bad in ["", "soon:SMS", "-60:FAX", "-60:SMS:maybe", "-9999999:SMS"] {
            #expect(throws: FieldError.self) { try ReminderRuleSpec.parse(bad) }
        }
    }

    @Test func twoRulesWithTheSameOffsetAndChannelAreRefused() throws {
        let rule = try ReminderRuleSpec(offsetMinutes: -60, channel: .sms)
        #expect(throws: FieldError.self) { try ReminderPlan.rules([rule, rule]) }
    }

    @Test func theMessageIsFrenchByDefault() {
        let text = ReminderMessage(patientName: "Marie Nguema", title: "Vaccination", scheduledAt: at, zone: Instant.defaultZone,
                                   doctorName: "Paul Ékambi", location: "Salle 2", priority: .urgent).text
        #expect(text == "Bonjour Marie Nguema, rappel : Vaccination le 17/10/2025 à 09:30, avec Dr Paul Ékambi, lieu : Salle 2. URGENT. Merci de confirmer votre présence.")
    }
}
