import Foundation
import TappDomain

/// Who is acting, and from where: what every audit entry and every permission check needs.
public struct Session: Sendable, Equatable {
    public var userId: String?
    public var email: String
    public var role: Role
    public var organizationId: String?
    public var zone: TimeZone
    /// The terminal the person sits at (`/dev/pts/3`), if any.
    public var terminal: String?
    /// `SSH_CLIENT` when the person came in over SSH.
    public var sshClient: String?

    public init(user: User, terminal: String? = Terminal.current, sshClient: String? = Terminal.sshClient) {
        userId = user.id
        email = user.email
        role = user.role
        organizationId = user.organizationId
        zone = user.zone
        self.terminal = terminal
        self.sshClient = sshClient
    }

    /// The system itself, for set-up and migrations; holds every permission.
    public static func system(zone: TimeZone = Instant.defaultZone) -> Session {
        Session(userId: nil, email: "system", role: .admin, organizationId: nil, zone: zone,
                terminal: Terminal.current, sshClient: Terminal.sshClient)
    }

    public init(userId: String?, email: String, role: Role, organizationId: String?, zone: TimeZone,
                terminal: String?, sshClient: String?) {
        self.userId = userId
        self.email = email
        self.role = role
        self.organizationId = organizationId
        self.zone = zone
        self.terminal = terminal
        self.sshClient = sshClient
    }

    /// Throws when the role does not allow it, saying which role would.
    public func require(_ permission: Permission) throws(ClinicError) {
        do { try role.require(permission) } catch { throw ClinicError.denied(error) }
    }

    public func can(_ permission: Permission) -> Bool { role.allows(permission) }

    /// The record as this person may read it (`Role.shown`: the one clinical filter).
    public func shown<Record: HoldsClinicalContent>(_ record: Record) -> Record { role.shown(record) }
    public func shown<Record: HoldsClinicalContent>(_ records: [Record]) -> [Record] { role.shown(records) }
}

/// Where the person is: the terminal device and the SSH client, from the process environment.
public enum Terminal {
    public static var current: String? {
        if isatty(0) != 0, let name = ttyname(0) { return String(cString: name) }
        return ProcessInfo.processInfo.environment["SSH_TTY"]
    }

    public static var sshClient: String? { ProcessInfo.processInfo.environment["SSH_CLIENT"] }
}
