import Foundation
import GRDB

/// The demo's tables, each with the INSERT its rows go through.
enum DemoTable: Int, Sendable, CaseIterable {
    case patient, search, sounds, link, consultation, intervention, rule, reminder, log

    var sql: String {
        switch self {
        case .patient: """
            INSERT INTO patient (id, firstName, lastName, dateOfBirth, phone, email, address, bloodType, medicalNotes,
              notificationChannels, emergencyContactName, emergencyContactPhone, sortKey, searchKey, version, createdAt, updatedAt, updatedBy)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?,'demo')
            """
        case .search: PatientSearchIndex.insertSQL
        case .sounds: PatientSearchIndex.soundsSQL
        case .link: "INSERT INTO patientOrganization (id, patientId, organizationId, role, isActive, startAt) VALUES (?,?,?,'PATIENT',1,?)"
        case .consultation: """
            INSERT INTO consultation (id, patientId, doctorId, dateTime, reason, diagnosis, treatment, notes, attachments, status,
              version, createdAt, updatedAt, updatedBy) VALUES (?,?,?,?,?,?,?,?,'[]',?,1,?,?,'demo')
            """
        case .intervention: """
            INSERT INTO intervention (id, patientId, doctorId, organizationId, title, description, scheduledAt, priority, status,
              location, version, createdAt, updatedAt, updatedBy) VALUES (?,?,?,?,?,?,?,?,?,?,1,?,?,'demo')
            """
        case .rule: "INSERT INTO reminderRule (id, interventionId, offsetMinutes, channel, enabled) VALUES (?,?,?,?,1)"
        case .reminder: """
            INSERT INTO reminder (id, interventionId, channel, plannedSendAt, message, recipient, status, lastError,
              idempotencyKey, sentAt, attempts, version, createdAt, updatedAt) VALUES (?,?,?,?,?,?,?,?,?,?,?,1,?,?)
            """
        case .log: """
            INSERT INTO notificationLog (id, reminderId, channel, "to", payload, status, providerMsgId, error, createdAt)
            VALUES (?,?,?,?,?,?,?,?,?)
            """
        }
    }

    /// The tables the demo fills in bulk; their secondary indexes are built once at the end.
    static let bulkTables = ["patient", "patientOrganization", "consultation", "intervention", "reminderRule", "reminder",
                             "notificationLog"]
}

/// One row for one table.
struct DemoRow: Sendable {
    let table: DemoTable
    let values: [BulkInsert.Value]
}

struct DemoDoctor: Sendable {
    let id: String
    let name: String
}

/// Makes the rows on one thread while this one writes them: on two cores, generating and writing overlap.
enum DemoPipeline {
    static let batchSize = 1000

    static func run(generator: DemoGenerator, patients: Int, into db: Database,
                    progress: ((Int, Int) -> Void)?) throws -> DemoClinic.Summary {
        let channel = BatchChannel(capacity: 4)
        let producer = Thread {
            var generator = generator
            generator.drawNames(patients: patients)
            var made = 0
            do {
                while made < patients, !channel.isCancelled {
                    let count = min(batchSize, patients - made)
                    channel.put(.rows(try generator.batch(count: count), patients: made + count))
                    made += count
                }
                channel.put(.done(generator.summary))
            } catch {
                channel.put(.failed("\(error)"))
            }
        }
        producer.stackSize = 8 << 20
        producer.start()
        defer { channel.cancel() }
        let statements = try DemoTable.allCases.map {
            try BatchedInsert(db, sql: $0.sql, rowsPerStatement: $0 == .search || $0 == .sounds ? 1 : 64)
        }
        var reported = 0
        var byTable = [[[BulkInsert.Value]]](repeating: [], count: DemoTable.allCases.count)
        while true {
            switch channel.take() {
            case .rows(let rows, let done):
                // A batch holds whole patients with their history: table by table, parents first, keeps every
                // reference pointing to a row already written.
                for index in byTable.indices { byTable[index].removeAll(keepingCapacity: true) }
                for row in rows { byTable[row.table.rawValue].append(row.values) }
                for table in DemoTable.allCases { try statements[table.rawValue].insert(byTable[table.rawValue][...]) }
                if done - reported >= 10_000 || done == patients {
                    progress?(done, patients)
                    reported = done
                }
            case .done(let summary):
                return summary
            case .failed(let message):
                throw ClinicError.refused("the demo could not be made: \(message)")
            }
        }
    }
}

/// A bounded hand-over of batches between the generating thread and the writing one.
final class BatchChannel: @unchecked Sendable {
    enum Item: Sendable {
        case rows([DemoRow], patients: Int)
        case done(DemoClinic.Summary)
        case failed(String)
    }

    private let condition = NSCondition()
    private var items: [Item] = []
    private var cancelled = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// Waits while the channel is full (unless the reader gave up).
    func put(_ item: Item) {
        condition.lock()
        while items.count >= capacity && !cancelled { condition.wait() }
        if !cancelled { items.append(item) }
        condition.broadcast()
        condition.unlock()
    }

    func take() -> Item {
        condition.lock()
        while items.isEmpty { condition.wait() }
        let item = items.removeFirst()
        condition.broadcast()
        condition.unlock()
        return item
    }

    /// The reader stops: the writer's waits end and its puts are dropped.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
