import TappAPI

/// The auth routes' bodies, read from a request's body as the real server's DTOs check them.
extension LoginBody {
    /// The login DTO: `email` an email, `password` a string of 6 characters at least, nothing else.
    init(checking body: JSONBody) throws {
        var rules = BodyRules(body)
        let email = rules.email("email")
        let password = rules.string("password", minLength: 6)
        try rules.check()
        self.init(email: try BodyRules.present(email), password: try BodyRules.present(password))
    }
}

extension RegisterBody {
    /// The register DTO: `email`, `password` (6 characters at least), then the optional fields, nothing else.
    init(checking body: JSONBody) throws {
        var rules = BodyRules(body)
        let email = rules.email("email")
        let password = rules.string("password", minLength: 6)
        let phone = rules.string("phone", optional: true)
        let role = rules.oneOf("role", Registration.roles)
        let timezone = rules.string("timezone", optional: true)
        let organizationId = rules.string("organizationId", optional: true)
        let speciality = rules.string("speciality", optional: true)
        let license = rules.string("license", optional: true)
        try rules.check()
        guard let email, let password else { throw NestError.validation(["email must be an email"]) }
        self.init(email: email, password: password, phone: phone, role: role, timezone: timezone, organizationId: organizationId,
                  speciality: speciality, license: license)
    }
}

extension RefreshBody {
    /// The refresh route has no DTO: nil when `refresh_token` is not a string (the token is then invalid, a 401).
    init?(reading body: JSONBody) {
        guard let token = body["refresh_token"]?.string else { return nil }
        self.init(refreshToken: token)
    }
}
