import Foundation
import TappAPI
import TappDomain

/// A JSON body checked as the real server's DTOs check it (class-validator with whitelist and
/// forbidNonWhitelisted): one "property X should not exist" per unknown field, then every failed constraint as
/// one sentence, in the DTO's order.
public struct BodyRules {
    let body: JSONBody
    private(set) var messages: [String] = []
    private var known: [String] = []

    init(_ body: JSONBody) {
        self.body = body
    }

    /// Keys the real server neither refuses nor reads: class-transformer skips a key whose name is a function the
    /// new object already has (those of `Object.prototype`), so the whitelist never sees it.
    static let inherited: Set = ["constructor", "toString", "toLocaleString", "valueOf", "hasOwnProperty", "isPrototypeOf",
                                 "propertyIsEnumerable", "__defineGetter__", "__defineSetter__", "__lookupGetter__",
                                 "__lookupSetter__", "__proto__"]

    /// The keys of an object that the DTO will report as not allowed, in the order given.
    static func unknown(_ keys: [String], known: [String]) -> [String] {
        keys.filter { !known.contains($0) && !inherited.contains($0) }
    }

    /// A value, if present and not null (`@IsOptional()` skips both).
    func value(_ name: String) -> WireValue? {
        guard let value = body[name], value != .null else { return nil }
        return value
    }

    /// `@IsString()` (and `@IsNotEmpty()` when `notEmpty`); returns the string when valid. No control character
    /// (C0, DEL, C1) is taken, but for tab and line feed in a `multiline` field (notes, description, message).
    @discardableResult
    public mutating func string(_ name: String, optional: Bool = false, notEmpty: Bool = false, minLength: Int? = nil,
                                multiline: Bool = false) -> String? {
        known.append(name)
        guard let value = value(name) else {
            if optional { return nil }
            if let minLength { messages.append("\(name) must be longer than or equal to \(minLength) characters") }
            if notEmpty { messages.append("\(name) should not be empty") }
            messages.append("\(name) must be a string")
            return nil
        }
        guard let text = value.string else {
            if let minLength { messages.append("\(name) must be longer than or equal to \(minLength) characters") }
            messages.append("\(name) must be a string")
            return nil
        }
        if ControlCharacters.first(in: text, multiline: multiline) != nil {
            messages.append(BodyRules.controls(name))
            return nil
        }
        var ok = true
        if let minLength, text.count < minLength {
            messages.append("\(name) must be longer than or equal to \(minLength) characters")
            ok = false
        }
        if notEmpty, text.isEmpty {
            messages.append("\(name) should not be empty")
            ok = false
        }
        return ok ? text : nil
    }

    /// `@IsEmail()`.
    @discardableResult
    public mutating func email(_ name: String, optional: Bool = false) -> String? {
        field(name, optional: optional, message: "\(name) must be an email") { $0.string.flatMap { Contact.isEmail($0) ? $0 : nil } }
    }

    /// `@IsDateString()`: an ISO 8601 date or date-time; a date alone starts at midnight in `dayZone`.
    @discardableResult
    public mutating func isoDate(_ name: String, optional: Bool = false, dayZone: TimeZone = ServerDates.douala) -> Date? {
        field(name, optional: optional, message: "\(name) must be a valid ISO 8601 date string") {
            $0.string.flatMap { ServerDates.parse($0, dayZone: dayZone) }
        }
    }

    /// `@IsIn([...])` declared with a plain array: the message lists no values (as the real server prints it).
    @discardableResult
    public mutating func oneOf(_ name: String, _ allowed: [String], optional: Bool = true) -> String? {
        field(name, optional: optional, message: "\(name) must be one of the following values: ") { $0.string.flatMap { allowed.contains($0) ? $0 : nil } }
    }

    /// `@IsArray() @IsString({ each: true })`.
    @discardableResult
    public mutating func stringArray(_ name: String, optional: Bool = true) -> [String]? {
        known.append(name)
        guard let value = value(name) else {
            if !optional { messages.append("\(name) must be an array") }
            return nil
        }
        guard let list = value.items else {
            // class-validator checks `each` on the value itself when it is not an array: a lone string passes it.
            if value.string == nil { messages.append("each value in \(name) must be a string") }
            messages.append("\(name) must be an array")
            return nil
        }
        let strings = list.compactMap(\.string)
        guard strings.count == list.count else {
            messages.append("each value in \(name) must be a string")
            return nil
        }
        guard strings.allSatisfy({ ControlCharacters.first(in: $0) == nil }) else {
            messages.append("each value in " + BodyRules.controls(name))
            return nil
        }
        return strings
    }

    /// `@IsEnum(...)` declared with a TypeScript enum: the message lists the values.
    @discardableResult
    public mutating func enumeration(_ name: String, _ allowed: [String], optional: Bool = false) -> String? {
        field(name, optional: optional, message: "\(name) must be one of the following values: \(allowed.joined(separator: ", "))") {
            $0.string.flatMap { allowed.contains($0) ? $0 : nil }
        }
    }

    /// One constraint with one message: missing (unless optional) or unreadable values fail with it.
    private mutating func field<T>(_ name: String, optional: Bool, message: String, _ read: (WireValue) -> T?) -> T? {
        known.append(name)
        guard let value = value(name) else {
            if !optional { messages.append(message) }
            return nil
        }
        if let text = value.string, ControlCharacters.first(in: text) != nil {
            messages.append(BodyRules.controls(name))
            return nil
        }
        guard let parsed = read(value) else {
            messages.append(message)
            return nil
        }
        return parsed
    }

    /// The sentence for a value holding a control character, in class-validator's manner.
    public static func controls(_ name: String) -> String { "\(name) must not contain control characters" }

    /// A field checked elsewhere (a nested DTO) but part of this one.
    public mutating func expect(_ name: String) { known.append(name) }

    /// For a PATCH: `null` for a field the record cannot be without is refused (the real server passes it to Prisma
    /// and answers 500).
    public mutating func notNull(_ names: String...) {
        for name in names where body[name] == .null {
            if RealServerFaults.on { nullForPrisma = true } else { messages.append("\(name) should not be null or undefined") }
        }
    }

    /// Under the real server's faults, a `null` that validation lets through and Prisma refuses (500).
    private var nullForPrisma = false

    /// A sentence from a check made elsewhere.
    public mutating func fail(_ message: String) { messages.append(message) }

    /// Throws the 400 when anything failed or any field is not part of the DTO. As class-validator with
    /// `forbidNonWhitelisted`, the unknown fields come first, in the body's order, then the failed constraints.
    public func check() throws {
        // The real server validates a list as if it were the DTO (its indices as unknown fields, so `[]` passes a
        // PATCH); a body that is not an object is refused here.
        if body.isList, !RealServerFaults.on { throw NestError.validation([BodyRules.listBody]) }
        let all = BodyRules.unknown(body.keyOrder, known: known).map { "property \($0) should not exist" } + messages
        if !all.isEmpty { throw NestError.validation(all) }
        if nullForPrisma { throw NestError.internalError }
    }

    static let listBody = "the body must be a JSON object"

    /// A required value after `check()` passed (it would have thrown had the value been missing or invalid).
    public static func present<T>(_ value: T?) throws -> T {
        guard let value else { throw NestError.validation(["the body could not be read"]) }
        return value
    }

    /// Whether the body named a field (even as null), for PATCH.
    public func has(_ name: String) -> Bool { body[name] != nil }
}

/// Dates as the real server reads them: ISO 8601 (calendar, week or ordinal dates); without an offset, Africa/Douala
/// time (moment-timezone's `tz(text, 'Africa/Douala')`). A date alone starts at midnight in `dayZone`: Douala for an
/// intervention's or a consultation's date (moment), UTC where the real server uses `new Date(text)` (a birthdate,
/// a reminder's `scheduledAt`, the `from`/`to` of a query).
public enum ServerDates {
    public static func parse(_ text: String) -> Date? { parse(text, dayZone: utc) }

    public static func parse(_ text: String, dayZone: TimeZone) -> Date? {
        let text = ISOWeekDates.calendarForm(text) ?? text
        if let instant = try? Instant.parse(text, field: "date") { return instant }
        // A date alone, strictly `YYYY-MM-DD` (ISO 8601).
        let isoDay = text.utf8.count == 10
            && text.enumerated().allSatisfy { index, c in index == 4 || index == 7 ? c == "-" : c.isASCII && c.isNumber }
        if isoDay, let day = try? CalendarDate.parse(text) { return day.start(in: dayZone) }
        return nil
    }

    public static let utc = TimeZone(identifier: "UTC") ?? .gmt
    public static let douala = Instant.defaultZone
}
