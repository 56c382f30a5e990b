import TappAPI
import TappDomain

/// The organization routes' bodies, read from a request's body as the real server's DTOs check them.
extension OrganizationBody {
    /// The create DTO: `name` a string, not empty, nothing else.
    init(checking body: JSONBody) throws {
        var rules = BodyRules(body)
        let name = rules.string("name", notEmpty: true)
        try rules.check()
        self.init(name: try BodyRules.present(name))
    }

    /// The update DTO: `name` optional but not null, not empty, nothing else; nil when the body changes nothing.
    static func change(checking body: JSONBody) throws -> OrganizationBody? {
        var rules = BodyRules(body)
        let name = rules.string("name", optional: true, notEmpty: true)
        rules.notNull("name")
        try rules.check()
        return name.map { OrganizationBody(name: $0) }
    }
}

extension LinkBody {
    /// The real route reads `role` alone from the body (no DTO): other fields are not refused.
    init(reading body: JSONBody) throws {
        var role: String?
        if let value = body["role"], value != .null {
            guard let text = value.string else { throw NestError.validation(["role must be a string"]) }
            guard ControlCharacters.first(in: text) == nil else { throw NestError.validation([BodyRules.controls("role")]) }
            role = text
        }
        self.init(role: role)
    }
}
