import Foundation

/// A refused value: which field, and what is wrong with it, in words a receptionist understands.
public struct FieldError: Error, Sendable, Equatable, CustomStringConvertible {
    public let field: String
    /// In English, as the command line and the server say it.
    public let message: String
    /// The message by its catalogue key, so that a French screen reads it in French.
    public let phrase: Phrase?

    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
        phrase = nil
    }

    public init(_ field: String, _ phrase: Phrase) {
        self.field = field
        message = phrase.text(french: false)
        self.phrase = phrase
    }

    public init(_ field: String, _ key: PhraseKey, _ values: String...) {
        let phrase = Phrase(key: key, values: values)
        self.init(field, phrase)
    }

    /// The message in the reader's language.
    public func text(french: Bool) -> String { phrase?.text(french: french) ?? message }

    public var description: String { "\(field): \(message)" }
}

/// Several refused values at once, so a form can show each next to its field.
public struct ValidationFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public let errors: [FieldError]

    public init(_ errors: [FieldError]) { self.errors = errors }

    public var description: String { errors.map(\.description).joined(separator: "; ") }

    /// The message for one field, if it was refused.
    public func message(for field: String) -> String? {
        errors.first { $0.field == field }?.message
    }
}

/// Collects field errors while a draft is checked.
public struct FieldChecks {
    public private(set) var errors: [FieldError] = []

    public init() {}

    public mutating func check(_ condition: Bool, _ field: String, _ message: String) {
        if !condition { errors.append(FieldError(field, message)) }
    }

    public mutating func check(_ condition: Bool, _ field: String, _ key: PhraseKey, _ values: String...) {
        if !condition { errors.append(FieldError(field, Phrase(key: key, values: values))) }
    }

    public mutating func run<T>(_ body: () throws(FieldError) -> T) -> T? {
        do { return try body() } catch {
            errors.append(error)
            return nil
        }
    }

    /// Refuses terminal control characters in a text field (tab and line feed are allowed where `multiline`).
    public mutating func text(_ value: String, _ field: String, multiline: Bool = false) {
        if let scalar = ControlCharacters.first(in: value, multiline: multiline) {
            errors.append(FieldError(field, .controlCharacter, ControlCharacters.name(scalar)))
        }
    }

    public func finish() throws(ValidationFailure) {
        if !errors.isEmpty { throw ValidationFailure(errors) }
    }
}
