import Foundation
import TappDomain

/// Makes the demo's rows, in the order they must be inserted (parents first), without touching the database:
/// it runs on its own thread while the rows it made before are being written.
struct DemoGenerator: Sendable {
    var random: SeededRandom
    let now: Date
    let hash: String
    let zone = Instant.defaultZone
    var summary = DemoClinic.Summary()
    var doctors: [DemoDoctor] = []
    var organizationId = ""

    /// Rows made and not yet handed over.
    var rows: [DemoRow] = []
    /// Every patient's first and last name (indexes into `DemoNames`), drawn first and sorted alphabetically:
    /// patients are then made in that order, so their search keys only grow and the full-text index is
    /// written in one pass while the rows are made.
    var names: [(first: Int, last: Int)] = []
    var nextName = 0

    init(random: SeededRandom, now: Date, hash: String) {
        self.random = random
        self.now = now
        self.hash = hash
    }

    /// Draws the names of all the patients, in alphabetical order of their sort keys.
    mutating func drawNames(patients: Int) {
        var drawn: [(first: Int, last: Int, key: String)] = []
        drawn.reserveCapacity(patients)
        for _ in 0..<patients {
            let first = random.int(0...DemoNames.firstNames.count - 1), last = random.int(0...DemoNames.lastNames.count - 1)
            drawn.append((first, last, nameKeys(DemoNames.firstNames[first], DemoNames.lastNames[last]).sortKey))
        }
        // Stable: namesakes keep the order they were drawn in.
        names = drawn.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }
            .map { (first: $0.element.first, last: $0.element.last) }
    }

    /// The rows of the next `count` patients and their history.
    mutating func batch(count: Int) throws -> [DemoRow] {
        rows.removeAll(keepingCapacity: true)
        for _ in 0..<count {
            let pair = names[nextName]
            nextName += 1
            let first = DemoNames.firstNames[pair.first], last = DemoNames.lastNames[pair.last]
            let id = random.id()
            let birth = try CalendarDate(year: random.int(1940...2024), month: random.int(1...12), day: random.int(1...28))
            let phone = "+2376\(random.int(50...99))\(random.int(10...99))\(random.int(10...99))\(random.int(10...99))"
            let email: String? = random.chance(0.5)
                ? "\(nameKeys(first, last).emailStem)\(random.int(1...999))@example.cm" : nil
            let address = "\(random.int(1...250)) \(random.pick(DemoNames.streets)), \(random.pick(DemoNames.quarters)), Douala"
            let blood: String? = random.chance(0.7) ? random.pick(DemoNames.bloodTypes) : nil
            let notes: String? = random.chance(0.4) ? random.pick(DemoNames.medicalNotes) : nil
            let channels = email != nil && random.chance(0.3) ? #"["SMS","EMAIL"]"# : #"["SMS"]"#
            let contact: String? = random.chance(0.5) ? "\(random.pick(DemoNames.firstNames)) \(last)" : nil
            let contactPhone: String? = contact == nil ? nil : "+2376\(random.int(50...99))\(random.int(10...99))\(random.int(10...99))\(random.int(10...99))"
            let created = now.addingTimeInterval(-Double(random.int(730...1100)) * 86_400)
            let (sortKey, indexedNames, _, sounds) = nameKeys(first, last)
            let searchKey = nextSearchKey(sortKey)
            let createdText = stamp(created)
            emit(.patient, .text(id), .text(first), .text(last), .text(birth.description), .text(phone), .text(email),
                                     .text(address), .text(blood), .text(notes), .text(channels), .text(contact), .text(contactPhone),
                                     .text(sortKey), .int(searchKey), .text(createdText), .text(createdText))
            let search = PatientSearchRow(names: indexedNames, phone: phone, email: email, sortKey: sortKey, sounds: sounds)
            emit(.search, search.values(key: searchKey))
            emit(.sounds, search.soundValues(key: searchKey))
            emit(.link, .text(random.id()), .text(id), .text(organizationId), .text(createdText))
            history(patientId: id, name: "\(first) \(last)", phone: phone, email: email)
            summary.patients += 1
        }
        return rows
    }

    /// Sort key and indexed names of a first and last name, worked out once per pair: the demo draws its names
    /// from short lists, and folding accents is slow.
    var nameCache: [String: (sortKey: String, names: String, emailStem: String, sounds: String)] = [:]

    mutating func nameKeys(_ first: String, _ last: String) -> (sortKey: String, names: String, emailStem: String, sounds: String) {
        let pair = first + "\u{0}" + last
        if let known = nameCache[pair] { return known }
        let stem = "\(PatientSearchText.fold(first)).\(PatientSearchText.fold(last))".filter { $0.isLetter || $0.isNumber || $0 == "." }
        let keys = (PatientSearchText.sortKey(first: first, last: last), PatientSearchText.names(first: first, last: last), stem,
                    PatientSearchText.sounds(first: first, last: last))
        nameCache[pair] = keys
        return keys
    }

    /// Instants as the store keeps them, written without a DateFormatter (a million of them here).
    func stamp(_ date: Date) -> String { Instant.storageString(date) }

    /// The demo starts from an empty index, so free search keys are tracked here instead of asked of the index.
    var nextKeys: [Int64: Int64] = [:]
    var usedKeys = Set<Int64>()

    mutating func nextSearchKey(_ sortKey: String) -> Int64 {
        let base = PatientSearchText.orderKey(sortKey)
        var key = nextKeys[base] ?? base
        while usedKeys.contains(key) { key += 1 }
        usedKeys.insert(key)
        nextKeys[base] = key + 1
        return key
    }

    /// The clinic, its four demo accounts and a few more doctors, for the caller to insert first.
    mutating func staff() -> (Organization, [User], [Doctor]) {
        var users: [User] = []
        var profiles: [Doctor] = []
        let organization = Organization(id: random.id(), name: "Clinique Saint-Luc de Douala", address: "12 Rue Joss, Bonanjo, Douala",
                                        phone: "+237 233 42 10 10", email: "contact@saintluc.cm", now: now)
        organizationId = organization.id
        var accounts = DemoClinic.accounts
        accounts += [("mballa@meditache.com", .doctor, "Rose", "Mballa"), ("diallo@meditache.com", .doctor, "Amadou", "Diallo")]
        for account in accounts {
            let user = User(id: random.id(), email: account.email, firstName: account.first, lastName: account.last,
                            phone: "+237 699 00 \(random.int(10...99)) \(random.int(10...99))", role: account.role,
                            passwordHash: hash, organizationId: organizationId, now: now)
            users.append(user)
            if account.role == .doctor || account.role == .admin {
                let doctor = Doctor(id: random.id(), userId: user.id, speciality: account.role == .admin ? "Médecine Générale" : random.pick(["Pédiatrie", "Gynécologie", "Chirurgie", "Médecine Générale"]),
                                    license: "CM-\(random.int(10_000...99_999))", now: now)
                profiles.append(doctor)
                doctors.append(DemoDoctor(id: doctor.id, name: "\(account.first) \(account.last)"))
            }
        }
        return (organization, users, profiles)
    }

    mutating func emit(_ table: DemoTable, _ values: BulkInsert.Value...) {
        emit(table, values)
    }

    mutating func emit(_ table: DemoTable, _ values: [BulkInsert.Value]) {
        rows.append(DemoRow(table: table, values: values))
    }

    /// Two years of consultations, past and future interventions, and their reminders in every status.
    mutating func history(patientId: String, name: String, phone: String, email: String?) {
        for _ in 0..<random.int(0...3) {
            let doctor = random.pick(doctors)
            let future = random.chance(0.05)
            let days = future ? Double(random.int(0...14)) : -Double(random.int(0...729))
            let minutes = Double(random.int(8 * 4...17 * 4) * 15)
            let when = CalendarDate(now.addingTimeInterval(days * 86_400), in: zone).start(in: zone).addingTimeInterval(minutes * 60)
            let status = when > now ? "SCHEDULED" : (random.chance(0.06) ? "CANCELLED" : "COMPLETED")
            let done = status == "COMPLETED"
            let whenText = stamp(when)
            emit(.consultation, .text(random.id()), .text(patientId), .text(doctor.id), .text(whenText),
                                          .text(random.pick(DemoNames.reasons)), .text(done ? random.pick(DemoNames.diagnoses) : nil),
                                          .text(done ? random.pick(DemoNames.treatments) : nil), .null, .text(status),
                                          .text(whenText), .text(whenText))
            summary.consultations += 1
        }
        guard random.chance(0.35) else { return }
        intervention(patientId: patientId, name: name, phone: phone, email: email)
    }

    mutating func intervention(patientId: String, name: String, phone: String, email: String?) {
        let doctor = random.pick(doctors)
        let future = random.chance(0.45)
        let days = future ? Double(random.int(0...60)) : -Double(random.int(1...700))
        let when = CalendarDate(now.addingTimeInterval(days * 86_400), in: zone).start(in: zone)
            .addingTimeInterval(Double(random.int(7 * 4...16 * 4) * 15) * 60)
        let status: InterventionStatus = when > now ? (random.chance(0.05) ? .canceled : .planned)
            : (when > now.addingTimeInterval(-3 * 3600) ? .inProgress : (random.chance(0.85) ? .done : .canceled))
        let priority: InterventionPriority = random.chance(0.15) ? .urgent : .normal
        let title = random.pick(DemoNames.interventionTitles)
        let location = random.pick(DemoNames.locations)
        let id = random.id()
        let created = min(now, when.addingTimeInterval(-Double(random.int(3...30)) * 86_400))
        let createdText = stamp(created)
        emit(.intervention, .text(id), .text(patientId), .text(doctor.id), .text(organizationId), .text(title), .null,
                                      .text(stamp(when)), .text(priority.rawValue), .text(status.rawValue), .text(location),
                                      .text(createdText), .text(createdText))
        summary.interventions += 1
        var rules = ReminderPlan.defaultRules
        if email != nil, random.chance(0.3) { rules.append(ReminderRuleSpec(offset: ReminderOffset(clamping: -7 * 1440), channel: .email)) }
        let message = ReminderMessage(patientName: name, title: title, scheduledAt: when, zone: zone, doctorName: doctor.name,
                                      location: location, priority: priority).text
        for rule in rules {
            emit(.rule, .text(random.id()), .text(id), .int(rule.offsetMinutes), .text(rule.channel.rawValue))
            let send = when.addingTimeInterval(Double(rule.offsetMinutes) * 60)
            guard send > created else { continue }
            let reminderStatus: ReminderStatus
            var error: String?
            switch status {
            case .canceled: reminderStatus = send > now || random.chance(0.5) ? .cancelled : .sent
            case .planned, .inProgress, .done:
                if send > now { reminderStatus = .pending }
                else if send > now.addingTimeInterval(-2 * 3600) && random.chance(0.5) { reminderStatus = .pending }
                else if random.chance(0.08) {
                    reminderStatus = .failed
                    error = random.pick(["Numéro injoignable", "Crédit SMS épuisé", "Boîte mail pleine", "Timeout du fournisseur"])
                } else { reminderStatus = random.chance(0.2) ? .confirmed : .sent }
            }
            let recipient = rule.channel == .email ? email : phone
            let reminderId = random.id()
            let sent = reminderStatus == .sent || reminderStatus == .confirmed
            let sendText = stamp(send)
            emit(.reminder, .text(reminderId), .text(id), .text(rule.channel.rawValue), .text(sendText), .text(message),
                                      .text(recipient), .text(reminderStatus.rawValue), .text(error),
                                      .text(ReminderPlan.idempotencyKey(interventionId: id, plannedSendAt: send, channel: rule.channel)),
                                      .text(sent ? sendText : nil), .int(sent || error != nil ? 1 : 0), .text(createdText),
                                      .text(sent ? sendText : createdText))
            summary.reminders += 1
            if sent || error != nil {
                emit(.log, .text(random.id()), .text(reminderId), .text(rule.channel.rawValue), .text(recipient ?? ""),
                                     .text(message), .text(error == nil ? "SENT" : "FAILED"),
                                     .text(error == nil ? "demo-\(random.int(100_000...999_999))" : nil), .text(error), .text(sendText))
            }
        }
    }
}
