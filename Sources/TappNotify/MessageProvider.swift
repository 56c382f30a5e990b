import Foundation

/// One message to hand to a provider.
public struct OutgoingMessage: Sendable, Equatable {
    public var reminderId: String
    public var channel: String
    public var recipient: String
    public var text: String
    /// The reminder's idempotency key, passed on so that a provider (or the program behind it) can refuse a repeat.
    public var idempotencyKey: String
    /// Handed over before by a sender that died before recording it (the provider may already have it).
    public var isRetry: Bool

    public init(reminderId: String, channel: String, recipient: String, text: String, idempotencyKey: String, isRetry: Bool = false) {
        self.reminderId = reminderId
        self.channel = channel
        self.recipient = recipient
        self.text = text
        self.idempotencyKey = idempotencyKey
        self.isRetry = isRetry
    }
}

/// What a provider knows of a message it may have been given before (a sender died between handing it over and
/// recording it).
public enum DeliveryRecord: Sendable, Equatable {
    /// It has it: the message went out, with this id.
    case delivered(messageId: String?)
    /// It has not: sending it now sends it once.
    case notDelivered
    /// It cannot tell: sending it again might send it twice.
    case unknown
}

/// Something that delivers messages: an outbox file, a program (sendmail, gammu-smsd-inject)…
public protocol MessageProvider: Sendable {
    /// Sends one message; returns the provider's message id if it gives one; throws with the reason it failed.
    func send(_ message: OutgoingMessage) throws -> String?
    /// Whether the message with this idempotency key was already handed over.
    func record(of idempotencyKey: String) -> DeliveryRecord
}

extension MessageProvider {
    public func record(of idempotencyKey: String) -> DeliveryRecord { .unknown }
}

public struct ProviderFailure: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Appends one JSON line per message to a file (created 0600): for tests, and for a gateway that reads the file.
public struct OutboxProvider: MessageProvider {
    public let path: String

    public init(path: String) { self.path = path }

    public func send(_ message: OutgoingMessage) throws -> String? {
        let line: [String: Any] = ["reminderId": message.reminderId, "channel": message.channel, "to": message.recipient,
                                   "text": message.text, "idempotencyKey": message.idempotencyKey,
                                   "at": ISO8601DateFormatter().string(from: Date())]
        var data = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys, .withoutEscapingSlashes])
        data.append(0x0A)
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ProviderFailure("cannot open the outbox \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == data.count, fsync(fd) == 0 else { throw ProviderFailure("cannot write the outbox \(path)") }
        return OutboxProvider.messageId(message.idempotencyKey)
    }

    static func messageId(_ key: String) -> String { "outbox:\(key.prefix(16))" }

    /// The outbox holds every message handed over, each line with its key: a line with this key is the proof.
    public func record(of idempotencyKey: String) -> DeliveryRecord {
        guard let data = FileManager.default.contents(atPath: path) else {
            return FileManager.default.fileExists(atPath: path) ? .unknown : .notDelivered
        }
        for line in data.split(separator: 0x0A) {
            if let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
               object["idempotencyKey"] as? String == idempotencyKey {
                return .delivered(messageId: OutboxProvider.messageId(idempotencyKey))
            }
        }
        return .notDelivered
    }
}

/// Call once at start-up in a process that runs `CommandProvider`: writing to a program that already exited
/// raises SIGPIPE, whose default action ends the process.
public func ignoreBrokenPipes() {
    signal(SIGPIPE, SIG_IGN)
}

/// Runs a program per message: `PROGRAM [ARGS…] CHANNEL RECIPIENT`, the text on standard input, the idempotency key
/// in `TAPP_IDEMPOTENCY_KEY`. Exit 0 is sent (the first line of its output, if any, is the message id); anything
/// else failed, with its error output as the reason.
public struct CommandProvider: MessageProvider {
    public let program: String
    public let arguments: [String]
    public let timeout: TimeInterval

    /// Ignores SIGPIPE for the whole process (see `ignoreBrokenPipes`): a program that exits without reading the
    /// text would otherwise end the process that wrote it.
    public init(program: String, arguments: [String] = [], timeout: TimeInterval = 60) {
        ignoreBrokenPipes()
        self.program = program
        self.arguments = arguments
        self.timeout = timeout
    }

    public func send(_ message: OutgoingMessage) throws -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments + [message.channel, message.recipient]
        var env = ProcessInfo.processInfo.environment
        env["TAPP_IDEMPOTENCY_KEY"] = message.idempotencyKey
        env["TAPP_REMINDER_ID"] = message.reminderId
        if message.isRetry { env["TAPP_RETRY"] = "1" }
        process.environment = env
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch { throw ProviderFailure("cannot run \(program): \(error)") }
        // A program that exits without reading its input must not take us down with it: SIGPIPE is ignored
        // (see `ignoreBrokenPipes`) and the write's error is dropped; its exit status says what happened.
        try? input.fileHandleForWriting.write(contentsOf: Data(message.text.utf8))
        try? input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning {
            process.terminate()
            throw ProviderFailure("\(program) took more than \(Int(timeout)) s")
        }
        let out = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let err = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard process.terminationStatus == 0 else {
            let reason = err.trimmingCharacters(in: .whitespacesAndNewlines)
            throw ProviderFailure("\(program) exited with \(process.terminationStatus)\(reason.isEmpty ? "" : ": \(reason)")")
        }
        return out.split(separator: "\n").first.map(String.init)
    }

    /// The program is the one that knows: it is given the same `TAPP_IDEMPOTENCY_KEY` again, with `TAPP_RETRY=1`,
    /// and a program that already sent that key answers 0 with the first message id instead of sending again.
    public func record(of idempotencyKey: String) -> DeliveryRecord { .notDelivered }
}
