import Foundation
import GRDB
import HummingbirdBcrypt
import TappDomain

/// A new user's details as typed.
public struct UserInput: Sendable {
    public var email: String
    public var firstName: String
    public var lastName: String
    public var phone: String
    public var role: String
    public var timezone: String
    public var password: String
    public var speciality: String
    public var license: String

    public init(email: String, firstName: String, lastName: String, phone: String = "", role: String,
                timezone: String = "Africa/Douala", password: String, speciality: String = "", license: String = "") {
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.phone = phone
        self.role = role
        self.timezone = timezone
        self.password = password
        self.speciality = speciality
        self.license = license
    }
}

extension ClinicDatabase {
    /// bcrypt cost for stored passwords (the server's, and the floor the issue sets).
    public static let bcryptCost: UInt8 = 10

    /// Creates the clinic and its first administrator on an empty file.
    @discardableResult
    public func setUp(clinicName: String, admin: UserInput, now: Date = Date()) throws -> (Organization, User) {
        guard !clinicName.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ClinicError.invalid(ValidationFailure([FieldError("clinicName", .required)]))
        }
        let organization = Organization(name: clinicName, now: now)
        let system = Session.system()
        try write { db in
            guard try User.fetchCount(db) == 0 else {
                throw ClinicError.refused("this database already has users: sign in as an administrator and use `tapp user add`")
            }
            try organization.insert(db)
            try Journal.created(db, .organization, organization, by: system)
        }
        let user = try addUser(admin, organizationId: organization.id, by: system, now: now)
        return (organization, user)
    }

    /// Adds a user; a DOCTOR also gets a Doctor profile. Only administrators manage users.
    @discardableResult
    public func addUser(_ input: UserInput, organizationId: String? = nil, by session: Session, now: Date = Date()) throws -> User {
        try session.require(.manageUsers)
        var checks = FieldChecks()
        let email = checks.run { () throws(FieldError) in try Contact.email(input.email, field: "email") } ?? nil
        checks.check(!input.email.trimmingCharacters(in: .whitespaces).isEmpty, "email", .required)
        checks.check(!input.firstName.trimmingCharacters(in: .whitespaces).isEmpty, "firstName", .required)
        checks.check(!input.lastName.trimmingCharacters(in: .whitespaces).isEmpty, "lastName", .required)
        let role = checks.run { () throws(FieldError) in try Role.parse(input.role, field: "role") }
        let phone = checks.run { () throws(FieldError) in try Contact.phone(input.phone, field: "phone") } ?? nil
        checks.check(TimeZone(identifier: input.timezone) != nil, "timezone", .unknownTimeZone)
        checks.check(input.password.count >= 6, "password", .passwordTooShort)
        checks.text(input.firstName, "firstName")
        checks.text(input.lastName, "lastName")
        checks.text(input.speciality, "speciality")
        checks.text(input.license, "license")
        do { try checks.finish() } catch { throw ClinicError.invalid(error) }
        guard let email, let role else { throw ClinicError.invalid(ValidationFailure(checks.errors)) }
        let hash = Bcrypt.hash(input.password, cost: ClinicDatabase.bcryptCost)
        return try write { db in
            guard let organizationId = try organizationId ?? session.organizationId
                ?? (String.fetchOne(db, sql: "SELECT id FROM organization ORDER BY createdAt LIMIT 1")) else {
                throw ClinicError.refused("no organization: run `tapp init` first")
            }
            if try User.filter(sql: "email = ? COLLATE NOCASE", arguments: [email]).fetchCount(db) > 0 {
                throw ClinicError.duplicate("a user with email \(email) already exists")
            }
            var user = User(email: email, firstName: input.firstName.trimmingCharacters(in: .whitespaces),
                            lastName: input.lastName.trimmingCharacters(in: .whitespaces), phone: phone, role: role,
                            timezone: input.timezone, passwordHash: hash, organizationId: organizationId, now: now)
            user.isActive = true
            try user.insert(db)
            try Journal.created(db, .user, user.redacted, by: session)
            if role == .doctor {
                let doctor = Doctor(userId: user.id, speciality: input.speciality.nilIfBlank, license: input.license.nilIfBlank, now: now)
                try doctor.insert(db)
                try Journal.created(db, .doctor, doctor, by: session)
            }
            return user
        }
    }

    /// Gives an existing user a Doctor profile (an administrator who also sees patients, as in the server's seed).
    @discardableResult
    public func addDoctorProfile(userId: String, speciality: String?, license: String?, by session: Session,
                                 now: Date = Date()) throws -> Doctor {
        try session.require(.manageUsers)
        return try write { db in
            _ = try existing(db, User.self, .user, id: userId)
            if let doctor = try Doctor.filter(Column("userId") == userId).fetchOne(db) { return doctor }
            let doctor = Doctor(userId: userId, speciality: speciality, license: license, now: now)
            try doctor.insert(db)
            try Journal.created(db, .doctor, doctor, by: session)
            return doctor
        }
    }

    /// Disables (or re-enables) an account; a disabled user cannot sign in.
    @discardableResult
    public func setUserActive(email: String, _ active: Bool, by session: Session, now: Date = Date()) throws -> User {
        try changeUser(email: email, by: session, now: now) { $0.isActive = active }
    }

    /// Sets a new password (cost 10 bcrypt) and lifts any lock.
    @discardableResult
    public func setPassword(email: String, _ password: String, by session: Session, now: Date = Date()) throws -> User {
        guard password.count >= 6 else {
            throw ClinicError.invalid(ValidationFailure([FieldError("password", .passwordTooShort)]))
        }
        let hash = Bcrypt.hash(password, cost: ClinicDatabase.bcryptCost)
        return try changeUser(email: email, by: session, now: now, also: { db, user in
            try db.execute(sql: "DELETE FROM signInLock WHERE email = ?", arguments: [user.email.lowercased()])
        }) {
            $0.passwordHash = hash
            $0.lockedUntil = nil
        }
    }

    /// Links a Unix account so that its owner is signed in without a password.
    @discardableResult
    public func linkOSUser(email: String, osUser: String?, by session: Session, now: Date = Date()) throws -> User {
        try changeUser(email: email, by: session, now: now) { $0.osUser = osUser?.nilIfBlank }
    }

    func changeUser(email: String, by session: Session, now: Date, also: ((Database, User) throws -> Void)? = nil,
                    _ change: (inout User) -> Void) throws -> User {
        try session.require(.manageUsers)
        return try write { db in
            guard let before = try User.filter(sql: "email = ? COLLATE NOCASE", arguments: [email]).fetchOne(db) else {
                throw ClinicError.notFound(.user, email)
            }
            var after = before
            change(&after)
            after.version += 1
            after.updatedAt = now
            try after.update(db)
            try Journal.updated(db, .user, before: before.redacted, after: after.redacted, by: session)
            try also?(db, after)
            return after
        }
    }
}

extension User {
    /// The user as the journal may keep it: the password hash never leaves the users table.
    var redacted: User {
        var copy = self
        copy.passwordHash = "(hidden)"
        return copy
    }
}

extension String {
    var nilIfBlank: String? {
        let value = trimmingCharacters(in: .whitespacesAndNewlines)
        return value.isEmpty ? nil : value
    }
}
