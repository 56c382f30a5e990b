import Foundation
import TappAPI
import TappDomain

/// The API's records made from the server's rows, columns only: the routes add the relations they include
/// (`Included`). Instants go out as they were stored.
extension TappAPI.Person {
    init(row: SQLRow) throws {
        self.init(id: try row.text("id"), fullName: try row.text("fullName"), birthdate: try row.optionalInstant("birthdate"),
                  phone: try row.optionalText("phone"), email: try row.optionalText("email"), address: try row.optionalText("address"),
                  createdAt: try row.instant("createdAt"), updatedAt: try row.instant("updatedAt"))
    }
}

extension TappAPI.Organization {
    init(row: SQLRow) throws {
        self.init(id: try row.text("id"), name: try row.text("name"), createdAt: try row.instant("createdAt"),
                  updatedAt: try row.instant("updatedAt"))
    }
}

extension TappAPI.OrganizationLink {
    init(row: SQLRow) throws {
        self.init(personId: try row.text("personId"), orgId: try row.text("orgId"), startAt: try row.instant("startAt"),
                  endAt: try row.optionalInstant("endAt"), role: try row.optionalText("role"), isActive: try row.flag("isActive"),
                  createdAt: try row.instant("createdAt"), updatedAt: try row.instant("updatedAt"))
    }
}

extension TappAPI.User {
    /// A user as the API may show it: every column but the password hash, which only the real server's imitation
    /// hands out (it sends it wherever it includes a user).
    init(row: SQLRow) throws {
        self.init(id: try row.text("id"), email: try row.text("email"), phone: try row.optionalText("phone"),
                  role: try row.optionalText("role"), timezone: try row.text("timezone"),
                  password: RealServerFaults.on ? try row.optionalText("password") : nil, isActive: try row.flag("isActive"),
                  createdAt: try row.instant("createdAt"), updatedAt: try row.instant("updatedAt"),
                  organizationId: try row.optionalText("organizationId"))
    }
}

extension TappAPI.Doctor {
    init(row: SQLRow) throws {
        self.init(id: try row.text("id"), userId: try row.text("userId"), speciality: try row.optionalText("speciality"),
                  license: try row.optionalText("license"), isActive: try row.flag("isActive"), createdAt: try row.instant("createdAt"),
                  updatedAt: try row.instant("updatedAt"))
    }
}

extension TappAPI.Consultation {
    /// `rawAttachments`: the attachments as stored (JSON text), as the real server lists a person's consultations;
    /// otherwise read back as its `transformAttachments` reads them: an empty text stays as it is, one that is not
    /// a list of texts is no attachment.
    init(row: SQLRow, rawAttachments: Bool = false) throws {
        let stored = try row.optionalText("attachments")
        let attachments = stored.map { text -> Attachments in
            if rawAttachments || text.isEmpty { return .text(text) }
            return .list((try? WireDecoder.decode([String].self, from: Data(text.utf8))) ?? [])
        }
        self.init(id: try row.text("id"), personId: try row.text("personId"), doctorId: try row.text("doctorId"),
                  dateTimeUtc: try row.instant("dateTimeUtc"), notes: try row.optionalText("notes"), attachments: attachments,
                  status: try row.choice("status", ConsultationStatus.self), createdAt: try row.instant("createdAt"),
                  updatedAt: try row.instant("updatedAt"))
    }
}

extension TappAPI.Intervention {
    init(row: SQLRow) throws {
        self.init(id: try row.text("id"), personId: try row.text("personId"), doctorId: try row.text("doctorId"),
                  title: try row.text("title"), description: try row.optionalText("description"),
                  scheduledAtUtc: try row.instant("scheduledAtUtc"), priority: try row.choice("priority", InterventionPriority.self),
                  status: try row.choice("status", InterventionStatus.self), location: try row.optionalText("location"),
                  createdAt: try row.instant("createdAt"), updatedAt: try row.instant("updatedAt"))
    }
}

extension TappAPI.ReminderRule {
    init(row: SQLRow) throws {
        self.init(id: try row.text("id"), interventionId: try row.text("interventionId"), offsetMinutes: try row.integer("offsetMinutes"),
                  channel: try row.choice("channel", ReminderChannel.self), enabled: try row.flag("enabled"),
                  createdAt: try row.instant("createdAt"), updatedAt: try row.instant("updatedAt"))
    }
}

extension TappAPI.Reminder {
    init(row: SQLRow) throws {
        self.init(id: try row.text("id"), interventionId: try row.text("interventionId"), type: try row.choice("type", ReminderChannel.self),
                  plannedSendUtc: try row.instant("plannedSendUtc"), message: try row.optionalText("message"),
                  recipient: try row.optionalText("recipient"), status: try row.choice("status", ReminderStatus.self),
                  lastError: try row.optionalText("lastError"), idempotencyKey: try row.text("idempotencyKey"),
                  sentAt: try row.optionalInstant("sentAt"), createdAt: try row.instant("createdAt"), updatedAt: try row.instant("updatedAt"))
    }
}

extension TappAPI.NotificationLog {
    init(row: SQLRow) throws {
        self.init(id: try row.text("id"), reminderId: try row.optionalText("reminderId"), channel: try row.choice("channel", ReminderChannel.self),
                  to: try row.text("to"), payload: try row.optionalText("payload"), status: try row.choice("status", Status.self),
                  providerMsgId: try row.optionalText("providerMsgId"), error: try row.optionalText("error"),
                  deliveredAt: try row.optionalInstant("deliveredAt"), readAt: try row.optionalInstant("readAt"),
                  createdAt: try row.instant("createdAt"))
    }
}
