import Foundation
import TappDomain

/// One-line views of records, shared by the lists.
enum InterventionRow {
    static func text(_ i: Intervention, patient: String, env: Env, width: Int) -> String {
        let when = env.clock.dateTime(i.scheduledAt)
        let flag = i.priority == .urgent ? "!" : " "
        let status = TextWidth.pad(env.lang.word(i.status), 10)
        let rest = max(10, width - TextWidth.of(when) - 14)
        let who = TextWidth.pad(patient, rest / 2)
        let title = TextWidth.fit(env.lang.title(i.title) + (i.location.map { " · " + $0 } ?? ""), rest - rest / 2)
        return "\(when) \(flag)\(status) \(who) \(title)"
    }
}

enum PatientRow {
    static func text(_ p: Patient, env: Env, width: Int) -> String {
        let birth = p.dateOfBirth.map { env.clock.day($0) } ?? "—"
        let phone = p.phone.map { PhoneNumber.grouped($0) } ?? ""
        let nameWidth = max(10, width - 12 - 18)
        return TextWidth.pad(p.lastName.uppercased() + " " + p.firstName, nameWidth) + " " + TextWidth.pad(birth, 11) + " "
            + TextWidth.fit(phone, 17)
    }
}

enum ConsultationRow {
    static func text(_ c: Consultation, patient: String, doctor: String, env: Env, width: Int) -> String {
        let when = env.clock.dateTime(c.dateTime)
        let status = TextWidth.pad(env.lang.word(c.status), 9)
        let rest = max(10, width - TextWidth.of(when) - 12)
        return "\(when) \(status) " + TextWidth.pad(patient, rest / 2) + " "
            + TextWidth.fit(c.reason ?? doctor, rest - rest / 2)
    }
}
