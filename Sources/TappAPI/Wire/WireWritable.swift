import Foundation
import TappDomain

/// A value `WireEncoder` writes itself, without Swift's `Encoder` in between (a page of fifty people is some 1,200
/// fields: through `Encoder`, each cost a container, a boxed key and a dynamic cast, nearly half of the server's
/// time). What it writes is what its `Encodable` conformance writes: records list their fields once, in
/// `writeFields`, which serves both (`WireObject`).
public protocol WireWritable: Encodable {
    func write(to out: inout WireBytes) throws
}

/// An object written field by field. Its `encode(to:)` is `encodeFields(to:)`, so the same list of fields, in the
/// same order, is what any encoder gets.
public protocol WireObject: WireWritable {
    func writeFields<Fields: WireFields>(to fields: inout Fields) throws
}

/// Where an object's fields go: the answer's bytes, or an `Encoder`'s keyed container.
public protocol WireFields {
    /// Always written: a nil is `null`.
    mutating func field<Value: WireWritable>(_ key: StaticString, _ value: Value) throws
    /// Left out when nil (a relation the route does not include).
    mutating func field<Value: WireWritable>(_ key: StaticString, ifPresent value: Value?) throws
}

extension WireObject {
    public func write(to out: inout WireBytes) throws {
        let outer = out.open(UInt8(ascii: "{"))
        try writeFields(to: &out)
        out.close(UInt8(ascii: "}"), outer: outer)
    }

    /// The fields through any `Encoder`, in the order `writeFields` lists them.
    public func encodeFields(to encoder: any Encoder) throws {
        var fields = EncoderFields(container: encoder.container(keyedBy: WireFieldKey.self))
        try writeFields(to: &fields)
    }
}

extension WireBytes: WireFields {
    public mutating func field<Value: WireWritable>(_ key: StaticString, _ value: Value) throws {
        self.key(key)
        try value.write(to: &self)
    }

    public mutating func field<Value: WireWritable>(_ key: StaticString, ifPresent value: Value?) throws {
        guard let value else { return }
        self.key(key)
        try value.write(to: &self)
    }
}

/// A field's name as a coding key.
struct WireFieldKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
    init(_ key: StaticString) { stringValue = key.description }
}

struct EncoderFields: WireFields {
    var container: KeyedEncodingContainer<WireFieldKey>

    mutating func field<Value: WireWritable>(_ key: StaticString, _ value: Value) throws {
        try container.encode(value, forKey: WireFieldKey(key))
    }

    mutating func field<Value: WireWritable>(_ key: StaticString, ifPresent value: Value?) throws {
        try container.encodeIfPresent(value, forKey: WireFieldKey(key))
    }
}

extension String: WireWritable {
    public func write(to out: inout WireBytes) { out.string(self) }
}

extension Bool: WireWritable {
    public func write(to out: inout WireBytes) { out.bool(self) }
}

extension Int: WireWritable {
    public func write(to out: inout WireBytes) { out.integer(Int64(self)) }
}

extension Int64: WireWritable {
    public func write(to out: inout WireBytes) { out.integer(self) }
}

extension Double: WireWritable {
    public func write(to out: inout WireBytes) { out.number(self) }
}

extension Optional: WireWritable where Wrapped: WireWritable {
    public func write(to out: inout WireBytes) throws {
        if let value = self { try value.write(to: &out) } else { out.literal("null") }
    }
}

extension Array: WireWritable where Element: WireWritable {
    public func write(to out: inout WireBytes) throws {
        let outer = out.open(UInt8(ascii: "["))
        // Through the buffer: each element is written where it lies.
        try withUnsafeBufferPointer { elements in
            for index in elements.indices {
                out.separate()
                try elements[index].write(to: &out)
            }
        }
        out.close(UInt8(ascii: "]"), outer: outer)
    }
}

/// An enum of the contract written as its spelling.
public protocol WireSpelling: WireWritable, RawRepresentable where RawValue == String {}

extension WireSpelling {
    public func write(to out: inout WireBytes) { out.string(rawValue) }
}

extension ConsultationStatus: WireSpelling {}
extension InterventionPriority: WireSpelling {}
extension InterventionStatus: WireSpelling {}
extension ReminderChannel: WireSpelling {}
extension ReminderStatus: WireSpelling {}
extension Role: WireSpelling {}
