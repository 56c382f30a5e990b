import Foundation

// The contract's values that are not objects of fields, written as their `Encodable` conformances write them.

extension WireInstant: WireWritable {
    public func write(to out: inout WireBytes) { out.string(text) }
}

extension Change.Kind: WireSpelling {}
extension BatchOperation.Method: WireSpelling {}
extension NotificationLog.Status: WireSpelling {}

extension Attachments: WireWritable {
    public func write(to out: inout WireBytes) throws {
        switch self {
        case .list(let items): try items.write(to: &out)
        case .text(let text): out.string(text)
        }
    }
}

extension ErrorBody.Message: WireWritable {
    public func write(to out: inout WireBytes) throws {
        switch self {
        case .sentence(let text): out.string(text)
        case .sentences(let list): try list.write(to: &out)
        }
    }
}

extension WireValue: WireWritable {
    public func write(to out: inout WireBytes) throws {
        switch self {
        case .null: out.literal("null")
        case .bool(let flag): out.bool(flag)
        case .integer(let whole): out.integer(whole)
        case .number(let number): out.number(number)
        case .string(let text): out.string(text)
        case .array(let items): try items.write(to: &out)
        case .object(let fields):
            let outer = out.open(UInt8(ascii: "{"))
            for field in fields {
                out.key(field.key)
                try field.value.write(to: &out)
            }
            out.close(UInt8(ascii: "}"), outer: outer)
        }
    }
}

extension NotificationStats: WireWritable {
    public func write(to out: inout WireBytes) {
        let outer = out.open(UInt8(ascii: "{"))
        for key in counts.keys.sorted() {
            out.key(key)
            out.integer(Int64(counts[key] ?? 0))
        }
        out.close(UInt8(ascii: "}"), outer: outer)
    }
}
