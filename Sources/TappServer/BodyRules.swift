import Foundation
import TappDomain

/// A JSON body checked as the real server's DTOs check it (class-validator with whitelist and
/// forbidNonWhitelisted): every failed constraint becomes one sentence, in the DTO's order, then one
/// "property X should not exist" per unknown field.
public struct BodyRules {
    let body: [String: Any]
    private(set) var messages: [String] = []
    private var known: [String] = []

    public init(_ body: [String: Any]) { self.body = body }

    /// A value, if present and not null (`@IsOptional()` skips both).
    func value(_ name: String) -> Any? {
        guard let value = body[name], !(value is NSNull) else { return nil }
        return value
    }

    /// `@IsString()` (and `@IsNotEmpty()` when `notEmpty`); returns the string when valid.
    @discardableResult
    public mutating func string(_ name: String, optional: Bool = false, notEmpty: Bool = false, minLength: Int? = nil) -> String? {
        known.append(name)
        guard let value = value(name) else {
            if optional { return nil }
            if let minLength { messages.append("\(name) must be longer than or equal to \(minLength) characters") }
            if notEmpty { messages.append("\(name) should not be empty") }
            messages.append("\(name) must be a string")
            return nil
        }
        guard let text = value as? String else {
            if let minLength { messages.append("\(name) must be longer than or equal to \(minLength) characters") }
            messages.append("\(name) must be a string")
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
        field(name, optional: optional, message: "\(name) must be an email") { ($0 as? String).flatMap { Contact.isEmail($0) ? $0 : nil } }
    }

    /// `@IsDateString()`: an ISO 8601 date or date-time.
    @discardableResult
    public mutating func isoDate(_ name: String, optional: Bool = false) -> Date? {
        field(name, optional: optional, message: "\(name) must be a valid ISO 8601 date string") { ($0 as? String).flatMap(ServerDates.parse) }
    }

    /// `@IsIn([...])` declared with a plain array: the message lists no values (as the real server prints it).
    @discardableResult
    public mutating func oneOf(_ name: String, _ allowed: [String], optional: Bool = true) -> String? {
        field(name, optional: optional, message: "\(name) must be one of the following values: ") { ($0 as? String).flatMap { allowed.contains($0) ? $0 : nil } }
    }

    /// `@IsArray() @IsString({ each: true })`.
    @discardableResult
    public mutating func stringArray(_ name: String, optional: Bool = true) -> [String]? {
        known.append(name)
        guard let value = value(name) else {
            if !optional { messages.append("\(name) must be an array") }
            return nil
        }
        guard let list = value as? [Any] else {
            messages.append("each value in \(name) must be a string")
            messages.append("\(name) must be an array")
            return nil
        }
        let strings = list.compactMap { $0 as? String }
        guard strings.count == list.count else {
            messages.append("each value in \(name) must be a string")
            return nil
        }
        return strings
    }

    /// `@IsEnum(...)` declared with a TypeScript enum: the message lists the values.
    @discardableResult
    public mutating func enumeration(_ name: String, _ allowed: [String], optional: Bool = false) -> String? {
        field(name, optional: optional, message: "\(name) must be one of the following values: \(allowed.joined(separator: ", "))") {
            ($0 as? String).flatMap { allowed.contains($0) ? $0 : nil }
        }
    }

    /// One constraint with one message: missing (unless optional) or unreadable values fail with it.
    private mutating func field<T>(_ name: String, optional: Bool, message: String, _ read: (Any) -> T?) -> T? {
        known.append(name)
        guard let value = value(name) else {
            if !optional { messages.append(message) }
            return nil
        }
        guard let parsed = read(value) else {
            messages.append(message)
            return nil
        }
        return parsed
    }

    /// A field checked elsewhere (a nested DTO) but part of this one.
    public mutating func expect(_ name: String) { known.append(name) }

    /// A sentence from a check made elsewhere.
    public mutating func fail(_ message: String) { messages.append(message) }

    /// Throws the 400 when anything failed or any field is not part of the DTO.
    public func check() throws {
        var all = messages
        for key in body.keys.sorted() where !known.contains(key) { all.append("property \(key) should not exist") }
        if !all.isEmpty { throw NestError.validation(all) }
    }

    /// Whether the body named a field (even as null), for PATCH.
    public func has(_ name: String) -> Bool { body[name] != nil }
}

/// Dates as the real server reads them: ISO 8601; without an offset, Africa/Douala time.
public enum ServerDates {
    public static func parse(_ text: String) -> Date? {
        if let instant = try? Instant.parse(text, field: "date") { return instant }
        if text.count == 10, let day = try? CalendarDate.parse(text) { return day.start(in: TimeZone(identifier: "UTC")!) }
        return nil
    }
}
