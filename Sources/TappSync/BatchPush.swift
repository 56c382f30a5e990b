import Foundation
import TappAPI
import TappDomain
import TappStore

/// Pushes plain changes (creates, PATCHes and deletes of records whose parent is on the server) a few hundred per
/// request, to a server with a batch route (ours). Each operation carries its idempotency key, so a batch whose
/// answer was lost is simply sent again: what the server had done is answered from its store, not done twice. The
/// answers of one batch are settled in one transaction. Batches go `concurrency` at a time.
struct BatchPush: Sendable {
    let push: RecordPush
    let limit: Int
    let concurrency: Int

    init(push: RecordPush, limit: Int, concurrency: Int) {
        self.push = push
        self.limit = max(1, min(limit, 500))
        self.concurrency = max(1, concurrency)
    }

    /// One operation and how to settle its answer.
    struct Operation: Sendable {
        let record: PendingRecord
        let operation: BatchOperation
    }

    /// The records a batch can carry, and the rest (merged or moved records, an intervention created with a status
    /// other than planned, a record whose parent is not on the server yet: they need steps of their own).
    func split(_ records: [PendingRecord]) -> (batched: [Operation], rest: [PendingRecord]) {
        var batched: [Operation] = []
        var rest: [PendingRecord] = []
        for record in records {
            if let operation = try? operation(for: record) { batched.append(Operation(record: record, operation: operation)) } else { rest.append(record) }
        }
        return (batched, rest)
    }

    func operation(for record: PendingRecord) throws -> BatchOperation? {
        let key = record.serverId == nil ? RecordPush.createKey(record) : "\(record.entityId):\(record.seqs.last ?? 0)"
        if record.deleted {
            guard let serverId = record.serverId, try push.database.movedCopy(record) == nil,
                  try push.database.mergedInto(patientId: record.entityId) == nil else { return nil }
            return BatchOperation(key: key, method: .delete, path: RecordPush.deletion(record.kind)(serverId).path)
        }
        switch record.snapshot {
        case .movedCopy, .unreadable:
            return nil
        case .patient(let patient):
            let body = ServerBodies.person(patient)
            if let serverId = record.serverId { return try BatchOperation(key: key, method: .patch, path: "people/\(serverId)", encoding: body) }
            return try BatchOperation(key: key, method: .post, path: "people", encoding: body)
        case .consultation(let consultation):
            let person = try push.parent(consultation.patientId), doctor = try push.serverDoctor(consultation.doctorId)
            if let serverId = record.serverId {
                return try BatchOperation(key: key, method: .patch, path: "consultations/\(serverId)",
                                          encoding: ServerBodies.consultation(consultation, personId: nil, doctorId: doctor))
            }
            return try BatchOperation(key: key, method: .post, path: "consultations",
                                      encoding: ServerBodies.consultation(consultation, personId: person, doctorId: doctor))
        case .intervention(let intervention, let rules):
            let person = try push.parent(intervention.patientId), doctor = try push.serverDoctor(intervention.doctorId)
            if let serverId = record.serverId {
                return try BatchOperation(key: key, method: .patch, path: "interventions/\(serverId)",
                                          encoding: ServerBodies.intervention(intervention, rules: rules, personId: person, doctorId: doctor,
                                                                              reminders: push.reminders, create: false))
            }
            guard intervention.status == .planned else { return nil }
            return try BatchOperation(key: key, method: .post, path: "interventions",
                                      encoding: ServerBodies.intervention(intervention, rules: rules, personId: person, doctorId: doctor,
                                                                          reminders: push.reminders, create: true))
        }
    }

    /// Sends the records in batches of `limit`, up to `concurrency` at once; each batch's operations are built just
    /// before it goes (its parents' server ids read then), so that building the next batches overlaps with the server's
    /// work on the ones in flight instead of coming before any of it. Records a batch cannot carry come back in `rest`,
    /// to be pushed one by one.
    func run(_ records: [PendingRecord], done: @escaping @Sendable (Int) -> Void) async throws(SyncError)
        -> (outcome: QueuePush.Outcome, rest: [PendingRecord]) {
        let chunks = stride(from: 0, to: records.count, by: limit).map { Array(records[$0..<min($0 + limit, records.count)]) }
        var outcome = QueuePush.Outcome()
        var rest: [PendingRecord] = []
        var finished = 0
        do {
            try await withThrowingTaskGroup(of: (QueuePush.Outcome, Int, [PendingRecord]).self) { group in
                var next = chunks.makeIterator()
                func start(_ chunk: [PendingRecord]) {
                    group.addTask {
                        let (batch, left) = split(chunk)
                        guard !batch.isEmpty else { return (QueuePush.Outcome(), 0, left) }
                        return (try await sendWithRetries(batch), batch.count, left)
                    }
                }
                for _ in 0..<concurrency {
                    guard let chunk = next.next() else { break }
                    start(chunk)
                }
                while let (result, count, left) = try await group.next() {
                    outcome.add(result)
                    rest += left
                    finished += count
                    done(finished)
                    if let chunk = next.next() { start(chunk) }
                }
            }
        } catch let error as SyncError {
            throw error
        } catch {
            throw SyncError.invalid("\(error)")
        }
        // In the order they were queued, whatever batch they came from.
        let order = Dictionary(records.enumerated().map { ($0.element.entityId, $0.offset) }, uniquingKeysWith: { first, _ in first })
        return (outcome, rest.sorted { (order[$0.entityId] ?? 0) < (order[$1.entityId] ?? 0) })
    }

    /// A batch, sent again with the same keys after a lost answer or a 5xx, within the run's time.
    func sendWithRetries(_ batch: [Operation]) async throws(SyncError) -> QueuePush.Outcome {
        for attempt in 0..<4 {
            do {
                return try await send(batch)
            } catch {
                if QueuePush.endsRun(error) { throw error }
                try? push.database.markAttempted(batch.map(\.record), error: error.description)
                let delay = Backoff.delay(attempt: attempt)
                guard QueuePush.isTransient(error), attempt < 3, push.server.hasTime(for: delay + 1) else {
                    var outcome = QueuePush.Outcome()
                    outcome.unfinished = batch.count
                    return outcome
                }
                try? await Task.sleep(for: .seconds(delay))
            }
        }
        var outcome = QueuePush.Outcome()
        outcome.unfinished = batch.count
        return outcome
    }

    func send(_ batch: [Operation]) async throws(SyncError) -> QueuePush.Outcome {
        do { try push.database.markAttempted(batch.map(\.record), error: "sent, no answer yet") } catch { throw SyncError.invalid("\(error)") }
        let answer = try await push.server.send(try WireRequest(.batch, encoding: BatchRequest(operations: batch.map(\.operation))))
        guard answer.status == 200 || answer.status == 201 else { throw SyncError.refused(status: answer.status, message: answer.message) }
        let results = try answer.decode(BatchAnswer.self).results
        let byKey = Dictionary(results.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var taken: [(PendingRecord, PushedCopy)] = []
        var refused: [(PendingRecord, String)] = []
        var outcome = QueuePush.Outcome()
        for item in batch {
            guard let result = byKey[item.operation.key] else {
                outcome.unfinished += 1
                continue
            }
            if item.record.deleted, [200, 204, 404].contains(result.status) {
                taken.append((item.record, PushedCopy(serverId: item.record.serverId, updatedAt: nil)))
                outcome.sent += 1
            } else if [200, 201].contains(result.status), let copy = BatchPush.copy(result.body, item.record.kind) {
                taken.append((item.record, copy))
                outcome.sent += 1
            } else if RecordPush.isRefusal(result.status) {
                let message = (try? result.body.decode(ErrorBody.self))?.message.text ?? "refused"
                refused.append((item.record, "\(result.status): \(message)"))
                outcome.refused += 1
            } else {
                outcome.unfinished += 1
            }
        }
        do { try push.database.settleBatch(taken: taken, refused: refused) } catch { throw SyncError.invalid("\(error)") }
        return outcome
    }

    /// The id and `updatedAt` of the record an operation answered.
    static func copy(_ body: WireValue, _ kind: EntityKind) -> PushedCopy? {
        let copy: (any ServerCopy)? = switch kind {
        case .patient: try? body.decode(Person.self)
        case .consultation: try? body.decode(TappAPI.Consultation.self)
        default: try? body.decode(TappAPI.Intervention.self)
        }
        return copy.map { PushedCopy(serverId: $0.id, updatedAt: $0.updatedAt.text) }
    }
}
