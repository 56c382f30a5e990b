import Foundation
import GRDB
import HummingbirdBcrypt
import TappDomain

/// Fills a database with a realistic clinic in Douala for trying `tapp` out: the same clinic for the same seed.
///
/// Its records are history, not changes made here: they get no audit or change-queue entries (the audit log
/// records what people did), and `tapp sync` sends only what is changed afterwards.
public struct DemoClinic: Sendable {
    public var patients: Int
    public var seed: UInt64
    /// The instant the demo is built around: two years of past consultations, interventions ahead.
    public var now: Date

    public static let password = "admin123"
    public static let accounts: [(email: String, role: Role, first: String, last: String)] = [
        ("admin@meditache.com", .admin, "Admin", "Système"),
        ("doctor@meditache.com", .doctor, "Paul", "Ékambi"),
        ("nurse@meditache.com", .nurse, "Solange", "Ngo Mbock"),
        ("reception@meditache.com", .receptionist, "Carine", "Tchana"),
    ]

    public init(patients: Int, seed: UInt64 = 42, now: Date = Date()) {
        self.patients = patients
        self.seed = seed
        self.now = now
    }

    /// Counts of what was written, for the summary line.
    public struct Summary: Sendable, Equatable {
        public var patients = 0, consultations = 0, interventions = 0, reminders = 0
    }

    /// Fills an open database that holds no clinic yet.
    @discardableResult
    public func write(into database: ClinicDatabase, progress: ((Int, Int) -> Void)? = nil) throws -> Summary {
        try checkSize()
        let hash = Bcrypt.hash(DemoClinic.password, cost: ClinicDatabase.bcryptCost)
        return try database.bulkWrite { db in try fill(db, hash: hash, progress: progress) }
    }

    /// Makes a new database file holding the demo clinic, then opens it.
    ///
    /// A new file has no page that a crash could leave half-changed, so it is built with a rollback journal
    /// (one write of each page) instead of the WAL (each page written twice: to the log, then to the file);
    /// it is in WAL mode, like every clinic file, once opened. An existing file is refused.
    public func create(at path: String, progress: ((Int, Int) -> Void)? = nil) throws -> (ClinicDatabase, Summary) {
        try checkSize()
        if let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int, size > 0 {
            throw ClinicError.refused("\(path) already exists: a demo clinic needs a new file (use --db)")
        }
        let hash = Bcrypt.hash(DemoClinic.password, cost: ClinicDatabase.bcryptCost)
        try ClinicDatabase.prepareFile(at: path)
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.journalMode = .default
        let queue = try DatabaseQueue(path: path, configuration: config)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = DELETE")
            try db.execute(sql: "PRAGMA cache_size = -262144")
        }
        try ClinicMigrations.migrator.migrate(queue)
        let summary = try queue.write { db in try fill(db, hash: hash, progress: progress) }
        try queue.close()
        return (try ClinicDatabase(path: path), summary)
    }

    func checkSize() throws {
        guard (50...1_000_000).contains(patients) else {
            throw ClinicError.invalid(ValidationFailure([FieldError("patients", "must be between 50 and 1000000 (got \(patients))")]))
        }
    }

    func fill(_ db: Database, hash: String, progress: ((Int, Int) -> Void)?) throws -> Summary {
        guard try User.fetchCount(db) == 0, try Patient.fetchCount(db) == 0 else {
            throw ClinicError.refused("this database already holds a clinic: a demo needs a new file (use --db)")
        }
        var writer = DemoWriter(db: db, random: SeededRandom(seed: seed), now: now, hash: hash)
        return try DeferredIndexes.around(db, tables: DemoWriter.bulkTables) {
            try writer.run(patients: patients, progress: progress)
        }
    }
}

/// Writes the demo's rows with prepared statements inside one transaction.
struct DemoWriter {
    let db: Database
    var random: SeededRandom
    let now: Date
    let hash: String
    let zone = Instant.defaultZone
    var summary = DemoClinic.Summary()
    var doctors: [(id: String, name: String)] = []
    var organizationId = ""

    init(db: Database, random: SeededRandom, now: Date, hash: String) {
        self.db = db
        self.random = random
        self.now = now
        self.hash = hash
    }

    mutating func run(patients: Int, progress: ((Int, Int) -> Void)?) throws -> DemoClinic.Summary {
        try staff()
        let insertPatient = try BulkInsert(db, sql: """
            INSERT INTO patient (id, firstName, lastName, dateOfBirth, phone, email, address, bloodType, medicalNotes,
              notificationChannels, emergencyContactName, emergencyContactPhone, sortKey, searchKey, version, createdAt, updatedAt, updatedBy)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?,'demo')
            """)
        let insertLink = try BulkInsert(db, sql: """
            INSERT INTO patientOrganization (id, patientId, organizationId, role, isActive, startAt) VALUES (?,?,?,'PATIENT',1,?)
            """)
        for index in 0..<patients {
            let first = random.pick(DemoNames.firstNames), last = random.pick(DemoNames.lastNames)
            let id = random.id()
            let birth = try CalendarDate(year: random.int(1940...2024), month: random.int(1...12), day: random.int(1...28))
            let phone = "+237 6\(random.int(50...99)) \(random.int(10...99)) \(random.int(10...99)) \(random.int(10...99))"
            let email: String? = random.chance(0.5)
                ? "\(nameKeys(first, last).emailStem)\(random.int(1...999))@example.cm" : nil
            let address = "\(random.int(1...250)) \(random.pick(DemoNames.streets)), \(random.pick(DemoNames.quarters)), Douala"
            let blood: String? = random.chance(0.7) ? random.pick(DemoNames.bloodTypes) : nil
            let notes: String? = random.chance(0.4) ? random.pick(DemoNames.medicalNotes) : nil
            let channels = email != nil && random.chance(0.3) ? #"["SMS","EMAIL"]"# : #"["SMS"]"#
            let contact: String? = random.chance(0.5) ? "\(random.pick(DemoNames.firstNames)) \(last)" : nil
            let contactPhone: String? = contact == nil ? nil : "+237 6\(random.int(50...99)) \(random.int(10...99)) \(random.int(10...99)) \(random.int(10...99))"
            let created = now.addingTimeInterval(-Double(random.int(730...1100)) * 86_400)
            let (sortKey, names, _) = nameKeys(first, last)
            let searchKey = nextSearchKey(sortKey)
            let createdText = stamp(created)
            try insertPatient.insert(.text(id), .text(first), .text(last), .text(birth.description), .text(phone), .text(email),
                                     .text(address), .text(blood), .text(notes), .text(channels), .text(contact), .text(contactPhone),
                                     .text(sortKey), .int(searchKey), .text(createdText), .text(createdText))
            try PatientSearchIndex.indexRow(db, key: searchKey, names: names, phone: phone, email: email)
            try insertLink.insert(.text(random.id()), .text(id), .text(organizationId), .text(createdText))
            try history(patientId: id, name: "\(first) \(last)", phone: phone, email: email)
            summary.patients += 1
            if index % 10_000 == 9_999 { progress?(index + 1, patients) }
        }
        progress?(patients, patients)
        return summary
    }

    /// The tables the demo fills in bulk; their secondary indexes are built once at the end.
    static let bulkTables = ["patient", "patientOrganization", "consultation", "intervention", "reminderRule", "reminder",
                             "notificationLog"]

    /// Sort key and indexed names of a first and last name, worked out once per pair: the demo draws its names
    /// from short lists, and folding accents is slow.
    var nameCache: [String: (sortKey: String, names: String, emailStem: String)] = [:]

    mutating func nameKeys(_ first: String, _ last: String) -> (sortKey: String, names: String, emailStem: String) {
        let pair = first + "\u{0}" + last
        if let known = nameCache[pair] { return known }
        let stem = "\(PatientSearchText.fold(first)).\(PatientSearchText.fold(last))".filter { $0.isLetter || $0.isNumber || $0 == "." }
        let keys = (PatientSearchText.sortKey(first: first, last: last), PatientSearchText.names(first: first, last: last), stem)
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

    /// The clinic, its four demo accounts and a few more doctors.
    mutating func staff() throws {
        let organization = Organization(id: random.id(), name: "Clinique Saint-Luc de Douala", address: "12 Rue Joss, Bonanjo, Douala",
                                        phone: "+237 233 42 10 10", email: "contact@saintluc.cm", now: now)
        try organization.insert(db)
        organizationId = organization.id
        var accounts = DemoClinic.accounts
        accounts += [("mballa@meditache.com", .doctor, "Rose", "Mballa"), ("diallo@meditache.com", .doctor, "Amadou", "Diallo")]
        for account in accounts {
            let user = User(id: random.id(), email: account.email, firstName: account.first, lastName: account.last,
                            phone: "+237 699 00 \(random.int(10...99)) \(random.int(10...99))", role: account.role,
                            passwordHash: hash, organizationId: organizationId, now: now)
            try user.insert(db)
            if account.role == .doctor || account.role == .admin {
                let doctor = Doctor(id: random.id(), userId: user.id, speciality: account.role == .admin ? "Médecine Générale" : random.pick(["Pédiatrie", "Gynécologie", "Chirurgie", "Médecine Générale"]),
                                    license: "CM-\(random.int(10_000...99_999))", now: now)
                try doctor.insert(db)
                doctors.append((doctor.id, "\(account.first) \(account.last)"))
            }
        }
    }

    /// Two years of consultations, past and future interventions, and their reminders in every status.
    mutating func history(patientId: String, name: String, phone: String, email: String?) throws {
        let insertConsultation = try BulkInsert(db, sql: """
            INSERT INTO consultation (id, patientId, doctorId, dateTime, reason, diagnosis, treatment, notes, attachments, status,
              version, createdAt, updatedAt, updatedBy) VALUES (?,?,?,?,?,?,?,?,'[]',?,1,?,?,'demo')
            """)
        for _ in 0..<random.int(0...3) {
            let doctor = random.pick(doctors)
            let future = random.chance(0.05)
            let days = future ? Double(random.int(0...14)) : -Double(random.int(0...729))
            let minutes = Double(random.int(8 * 4...17 * 4) * 15)
            let when = CalendarDate(now.addingTimeInterval(days * 86_400), in: zone).start(in: zone).addingTimeInterval(minutes * 60)
            let status = when > now ? "SCHEDULED" : (random.chance(0.06) ? "CANCELLED" : "COMPLETED")
            let done = status == "COMPLETED"
            let whenText = stamp(when)
            try insertConsultation.insert(.text(random.id()), .text(patientId), .text(doctor.id), .text(whenText),
                                          .text(random.pick(DemoNames.reasons)), .text(done ? random.pick(DemoNames.diagnoses) : nil),
                                          .text(done ? random.pick(DemoNames.treatments) : nil), .null, .text(status),
                                          .text(whenText), .text(whenText))
            summary.consultations += 1
        }
        guard random.chance(0.35) else { return }
        try intervention(patientId: patientId, name: name, phone: phone, email: email)
    }

    mutating func intervention(patientId: String, name: String, phone: String, email: String?) throws {
        let insertIntervention = try BulkInsert(db, sql: """
            INSERT INTO intervention (id, patientId, doctorId, organizationId, title, description, scheduledAt, priority, status,
              location, version, createdAt, updatedAt, updatedBy) VALUES (?,?,?,?,?,?,?,?,?,?,1,?,?,'demo')
            """)
        let insertRule = try BulkInsert(db, sql: """
            INSERT INTO reminderRule (id, interventionId, offsetMinutes, channel, enabled) VALUES (?,?,?,?,1)
            """)
        let insertReminder = try BulkInsert(db, sql: """
            INSERT INTO reminder (id, interventionId, channel, plannedSendAt, message, recipient, status, lastError,
              idempotencyKey, sentAt, attempts, version, createdAt, updatedAt) VALUES (?,?,?,?,?,?,?,?,?,?,?,1,?,?)
            """)
        let insertLog = try BulkInsert(db, sql: """
            INSERT INTO notificationLog (id, reminderId, channel, "to", payload, status, providerMsgId, error, createdAt)
            VALUES (?,?,?,?,?,?,?,?,?)
            """)
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
        try insertIntervention.insert(.text(id), .text(patientId), .text(doctor.id), .text(organizationId), .text(title), .null,
                                      .text(stamp(when)), .text(priority.rawValue), .text(status.rawValue), .text(location),
                                      .text(createdText), .text(createdText))
        summary.interventions += 1
        var rules = ReminderPlan.defaultRules
        if email != nil, random.chance(0.3) { rules.append(ReminderRuleSpec(offsetMinutes: -7 * 1440, channel: .email)) }
        let message = ReminderMessage(patientName: name, title: title, scheduledAt: when, zone: zone, doctorName: doctor.name,
                                      location: location, priority: priority).text
        for rule in rules {
            try insertRule.insert(.text(random.id()), .text(id), .int(rule.offsetMinutes), .text(rule.channel.rawValue))
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
            try insertReminder.insert(.text(reminderId), .text(id), .text(rule.channel.rawValue), .text(sendText), .text(message),
                                      .text(recipient), .text(reminderStatus.rawValue), .text(error),
                                      .text(ReminderPlan.idempotencyKey(interventionId: id, plannedSendAt: send, channel: rule.channel)),
                                      .text(sent ? sendText : nil), .int(sent || error != nil ? 1 : 0), .text(createdText),
                                      .text(sent ? sendText : createdText))
            summary.reminders += 1
            if sent || error != nil {
                try insertLog.insert(.text(random.id()), .text(reminderId), .text(rule.channel.rawValue), .text(recipient ?? ""),
                                     .text(message), .text(error == nil ? "SENT" : "FAILED"),
                                     .text(error == nil ? "demo-\(random.int(100_000...999_999))" : nil), .text(error), .text(sendText))
            }
        }
    }
}
