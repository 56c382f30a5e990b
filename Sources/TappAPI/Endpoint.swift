import Foundation

/// The routes a client calls, under `/api/v1`: the method and the path with its query, built from typed parts
/// (query values percent-encoded).
public struct Endpoint: Sendable, Equatable, CustomStringConvertible {
    public enum Method: String, Sendable { case get = "GET", post = "POST", patch = "PATCH", delete = "DELETE" }

    public var method: Method
    /// Without the leading slash: `people`, `people/c…`.
    public var path: String
    public var query: [(String, String)]

    public init(_ method: Method, _ path: String, query: [(String, String)] = []) {
        self.method = method
        self.path = path
        self.query = query
    }

    public static func == (a: Endpoint, b: Endpoint) -> Bool {
        a.method == b.method && a.path == b.path && a.query.map { "\($0.0)=\($0.1)" } == b.query.map { "\($0.0)=\($0.1)" }
    }

    /// The path and its query, as written after `/api/v1/`.
    public var target: String {
        guard !query.isEmpty else { return path }
        return path + "?" + query.map { "\(Endpoint.escape($0.0))=\(Endpoint.escape($0.1))" }.joined(separator: "&")
    }

    public var description: String { "\(method.rawValue) /api/v1/\(target)" }

    static func escape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    // Auth
    public static let login = Endpoint(.post, "auth/login")
    public static let refresh = Endpoint(.post, "auth/refresh")
    public static let profile = Endpoint(.get, "auth/profile")

    // People
    public static func people(limit: Int, offset: Int, search: String? = nil) -> Endpoint {
        Endpoint(.get, "people", query: [("limit", "\(limit)"), ("offset", "\(offset)")] + (search.map { [("search", $0)] } ?? []))
    }
    public static let createPerson = Endpoint(.post, "people")
    public static func person(_ id: String) -> Endpoint { Endpoint(.get, "people/\(id)") }
    public static func updatePerson(_ id: String) -> Endpoint { Endpoint(.patch, "people/\(id)") }
    public static func deletePerson(_ id: String) -> Endpoint { Endpoint(.delete, "people/\(id)") }

    // Consultations
    public static func consultations(personId: String? = nil, doctorId: String? = nil) -> Endpoint {
        Endpoint(.get, "consultations", query: (personId.map { [("personId", $0)] } ?? []) + (doctorId.map { [("doctorId", $0)] } ?? []))
    }
    public static let createConsultation = Endpoint(.post, "consultations")
    public static func updateConsultation(_ id: String) -> Endpoint { Endpoint(.patch, "consultations/\(id)") }
    public static func deleteConsultation(_ id: String) -> Endpoint { Endpoint(.delete, "consultations/\(id)") }

    // Interventions
    public static func interventions(doctorId: String? = nil) -> Endpoint {
        Endpoint(.get, "interventions", query: doctorId.map { [("doctorId", $0)] } ?? [])
    }
    public static let createIntervention = Endpoint(.post, "interventions")
    public static func updateIntervention(_ id: String) -> Endpoint { Endpoint(.patch, "interventions/\(id)") }
    public static func deleteIntervention(_ id: String) -> Endpoint { Endpoint(.delete, "interventions/\(id)") }

    // Our server's extensions (404 on the real one)
    public static let features = Endpoint(.get, "sync/features")
    public static func changes(after cursor: String?, limit: Int) -> Endpoint {
        Endpoint(.get, "sync/changes", query: (cursor.map { [("after", $0)] } ?? []) + [("limit", "\(limit)")])
    }
    public static let batch = Endpoint(.post, "sync/batch")
}
