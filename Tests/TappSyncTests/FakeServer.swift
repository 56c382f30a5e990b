import Foundation
import TappAPI
import TappDomain
import TappStore
@testable import TappSync

/// An in-memory TappPlus server behind the transport protocol, for the sync client's unit tests: it keeps people,
/// consultations and interventions, answers as the contract says, and can lose answers (after doing the work),
/// throttle, keep idempotency keys, and offer the changes feed and the batch route, each as a test asks.
actor FakeServer: WireTransport {
    var people: [String: Person] = [:]
    var consultations: [String: TappAPI.Consultation] = [:]
    var interventions: [String: TappAPI.Intervention] = [:]
    /// Every request, as `METHOD target`, in the order received.
    private(set) var log: [String] = []
    /// Changes in order, for the feed: kind, id, deleted.
    private var feed: [(kind: Change.Kind, id: String, deleted: Bool)] = []
    private var answered: [String: WireAnswer] = [:]
    private var counter = 0

    var features = ServerFeatures.none
    /// Whether the work of this request is done but its answer lost (the connection drops).
    var losesAnswer: @Sendable (WireRequest, Int) -> Bool = { _, _ in false }
    /// A 429 instead of the answer, with these headers.
    var throttles: @Sendable (WireRequest, Int) -> [String: String]? = { _, _ in nil }
    /// How long each answer takes.
    var latency: Duration = .zero
    /// A refusal for a create whose body says this name.
    var refusedName: String?

    func configure(_ change: @Sendable (isolated FakeServer) -> Void) { change(self) }

    func close() async {}

    static let token = "x." + Data(#"{"exp":9999999999}"#.utf8).base64EncodedString() + ".y"
    static let stamp = WireInstant(Date(timeIntervalSince1970: 1_780_000_000))

    func send(_ request: WireRequest, deadline: Date) async throws(SyncError) -> WireAnswer {
        let index = log.count
        log.append("\(request.endpoint.method.rawValue) \(request.endpoint.target)")
        if latency > .zero { try? await Task.sleep(for: latency) }
        if Date() > deadline { throw SyncError.outOfTime("deadline") }
        if let headers = throttles(request, index) {
            return WireAnswer(status: 429, headers: headers, body: Array(#"{"statusCode":429,"message":"ThrottlerException: Too Many Requests"}"#.utf8))
        }
        let answer = handle(request)
        if losesAnswer(request, index) { throw SyncError.unreachable("connection reset (fake)") }
        return answer
    }

    func handle(_ request: WireRequest) -> WireAnswer {
        let path = request.endpoint.path
        let method = request.endpoint.method
        if path == "auth/refresh" { return json(201, RefreshAnswer(accessToken: FakeServer.token, user: nil)) }
        if path == "sync/features" {
            return features == .none ? error(404, "Cannot GET /api/v1/sync/features") : json(200, features)
        }
        if method == .post, let key = request.headers[WireHeader.idempotencyKey], features.idempotencyKeys, let replay = answered[key] {
            return replay
        }
        let answer = route(request)
        if method == .post, let key = request.headers[WireHeader.idempotencyKey], features.idempotencyKeys, answer.status < 500 {
            answered[key] = answer
        }
        return answer
    }

    func route(_ request: WireRequest) -> WireAnswer {
        let parts = request.endpoint.path.split(separator: "/").map(String.init)
        let query = Dictionary(request.endpoint.query, uniquingKeysWith: { _, last in last })
        switch (request.endpoint.method, parts.first ?? "", parts.count) {
        case (.post, "sync", 2) where parts[1] == "batch" && features.batchLimit != nil:
            guard let batch = try? WireDecoder.decode(BatchRequest.self, from: request.body ?? []) else { return error(400, "bad batch") }
            var results: [BatchResult] = []
            for operation in batch.operations {
                let inner = WireRequest(Endpoint(Endpoint.Method(rawValue: operation.method.rawValue) ?? .post, operation.path),
                                        body: operation.body.flatMap { try? WireEncoder.encode($0) },
                                        headers: [WireHeader.idempotencyKey: operation.key])
                let answer = handle(inner)
                results.append(BatchResult(key: operation.key, status: answer.status,
                                           body: (try? WireDecoder.decode(WireValue.self, from: answer.body)) ?? .null))
            }
            return json(200, BatchAnswer(results: results))
        case (.get, "sync", 2) where parts[1] == "changes" && features.changes:
            let after = Int(query["after"] ?? "0") ?? 0
            let limit = Int(query["limit"] ?? "500") ?? 500
            var latest: [String: Int] = [:]
            for (index, change) in feed.enumerated() where index >= after { latest[change.id] = index }
            let picked = latest.values.sorted().prefix(limit)
            let changes = picked.map { index -> Change in
                let change = feed[index]
                if change.deleted { return .tombstone(change.kind, id: change.id) }
                switch change.kind {
                case .person: return Change(kind: .person, id: change.id, deleted: false, person: people[change.id])
                case .consultation: return Change(kind: .consultation, id: change.id, deleted: false, consultation: consultations[change.id])
                case .intervention: return Change(kind: .intervention, id: change.id, deleted: false, intervention: interventions[change.id])
                }
            }
            let cursor = (picked.last.map { $0 + 1 }) ?? max(after, feed.count)
            return json(200, ChangesPage(changes: changes, cursor: "\(cursor)", more: latest.count > picked.count))
        case (.post, "people", 1):
            guard let body = try? WireDecoder.decode(PersonBody.self, from: request.body ?? []) else { return error(400, "bad body") }
            if body.fullName == refusedName { return error(400, "fullName refused (fake)") }
            let id = nextId("p")
            people[id] = Person(id: id, fullName: body.fullName, birthdate: body.birthdate?.canonical, phone: body.phone, email: body.email,
                                address: body.address, createdAt: FakeServer.stamp, updatedAt: FakeServer.stamp)
            feed.append((.person, id, false))
            return json(201, people[id])
        case (.patch, "people", 2):
            guard var person = people[parts[1]] else { return error(404, "Personne non trouvée") }
            guard let body = try? WireDecoder.decode(PersonBody.self, from: request.body ?? []) else { return error(400, "bad body") }
            person.fullName = body.fullName
            person.phone = body.phone
            person.updatedAt = WireInstant(FakeServer.stamp.date.addingTimeInterval(Double(counter)))
            people[person.id] = person
            feed.append((.person, person.id, false))
            return json(200, person)
        case (.delete, "people", 2):
            guard people.removeValue(forKey: parts[1]) != nil else { return error(404, "Personne non trouvée") }
            feed.append((.person, parts[1], true))
            return json(200, MessageAnswer(message: "Personne supprimée avec succès"))
        case (.get, "people", 1):
            let all = people.values.sorted { ($0.fullName, $0.id) < ($1.fullName, $1.id) }
            let offset = Int(query["offset"] ?? "0") ?? 0, limit = Int(query["limit"] ?? "50") ?? 50
            return json(200, Page(data: Array(all.dropFirst(offset).prefix(limit)), total: all.count, limit: limit, offset: offset))
        case (.post, "consultations", 1):
            guard let body = try? WireDecoder.decode(ConsultationBody.self, from: request.body ?? []), let personId = body.personId else {
                return error(400, "bad body")
            }
            guard people[personId] != nil else { return error(404, "Personne non trouvée") }
            let id = nextId("c")
            consultations[id] = TappAPI.Consultation(id: id, personId: personId, doctorId: body.doctorId, dateTimeUtc: body.dateTime.canonical,
                                                     notes: body.notes, attachments: body.attachments.map { .list($0) },
                                                     status: body.status ?? .completed, createdAt: FakeServer.stamp, updatedAt: FakeServer.stamp)
            feed.append((.consultation, id, false))
            return json(201, consultations[id])
        case (.delete, "consultations", 2):
            guard consultations.removeValue(forKey: parts[1]) != nil else { return error(404, "Consultation non trouvée") }
            feed.append((.consultation, parts[1], true))
            return json(200, MessageAnswer(message: "Consultation supprimée avec succès"))
        case (.get, "consultations", 1):
            return json(200, consultations.values.filter { c in query["personId"].map { $0 == c.personId } ?? true }.sorted { $0.id < $1.id })
        case (.get, "interventions", 1):
            return json(200, interventions.values.sorted { $0.id < $1.id })
        default:
            return error(404, "Cannot \(request.endpoint.method.rawValue) /api/v1/\(request.endpoint.path)")
        }
    }

    /// A consultation made on the server by someone else (for the feed).
    func addConsultation(personId: String, doctorId: String, notes: String) -> String {
        let id = nextId("c")
        consultations[id] = TappAPI.Consultation(id: id, personId: personId, doctorId: doctorId, dateTimeUtc: FakeServer.stamp,
                                                 notes: notes, createdAt: FakeServer.stamp, updatedAt: FakeServer.stamp)
        feed.append((.consultation, id, false))
        return id
    }

    func deleteConsultation(_ id: String) {
        consultations.removeValue(forKey: id)
        feed.append((.consultation, id, true))
    }

    private func nextId(_ prefix: String) -> String {
        counter += 1
        return "\(prefix)\(counter)"
    }

    private func json<T: Encodable>(_ status: Int, _ value: T) -> WireAnswer {
        WireAnswer(status: status, body: (try? WireEncoder.encode(value)) ?? [])
    }

    private func error(_ status: Int, _ message: String) -> WireAnswer {
        json(status, ErrorBody(statusCode: status, message: .sentence(message), error: status == 404 ? "Not Found" : "Bad Request"))
    }
}
