import Foundation

/// A JSON text read with each object's keys in the order written, to check the order of answers' keys.
indirect enum OrderedJSON {
    case object([(key: String, value: OrderedJSON)])
    case array([OrderedJSON])
    case scalar

    static func read(_ data: Data) -> OrderedJSON? {
        var reader = Reader(bytes: [UInt8](data))
        return reader.value()
    }

    /// Every object in the value, depth first.
    var objects: [[String]] {
        switch self {
        case .object(let pairs): return [pairs.map(\.key)] + pairs.flatMap(\.value.objects)
        case .array(let items): return items.flatMap(\.objects)
        case .scalar: return []
        }
    }

    struct Reader {
        let bytes: [UInt8]
        var index = 0

        mutating func space() { while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 } }

        mutating func value() -> OrderedJSON? {
            space()
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var pairs: [(key: String, value: OrderedJSON)] = []
                space()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(pairs) }
                while index < bytes.count {
                    space()
                    guard let key = string() else { return nil }
                    space()
                    index += 1  // :
                    guard let item = value() else { return nil }
                    pairs.append((key, item))
                    space()
                    guard index < bytes.count else { return nil }
                    let separator = bytes[index]
                    index += 1
                    if separator == UInt8(ascii: "}") { return .object(pairs) }
                }
                return nil
            case UInt8(ascii: "["):
                index += 1
                var items: [OrderedJSON] = []
                space()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                while index < bytes.count {
                    guard let item = value() else { return nil }
                    items.append(item)
                    space()
                    guard index < bytes.count else { return nil }
                    let separator = bytes[index]
                    index += 1
                    if separator == UInt8(ascii: "]") { return .array(items) }
                }
                return nil
            case UInt8(ascii: "\""):
                return string().map { _ in .scalar }
            default:
                while index < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]")].contains(bytes[index]) { index += 1 }
                return .scalar
            }
        }

        mutating func string() -> String? {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
            let start = index
            index += 1
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") { index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1 }
            index += 1
            guard index <= bytes.count else { return nil }
            return try? JSONSerialization.jsonObject(with: Data(bytes[start..<index]), options: .fragmentsAllowed) as? String
        }
    }
}
