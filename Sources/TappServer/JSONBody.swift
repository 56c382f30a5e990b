import Foundation

/// A request's JSON object with its keys in the order JavaScript's `Object.keys` gives them (the order the real
/// server reports unknown fields in): integer-like keys first, ascending, then the others as they were written.
struct JSONBody {
    let object: [String: Any]
    let keyOrder: [String]

    init(_ object: [String: Any], keyOrder: [String]? = nil) {
        self.object = object
        self.keyOrder = keyOrder ?? object.keys.sorted()
    }

    subscript(key: String) -> Any? { object[key] }

    /// The object's own keys as written, read from the raw JSON text (values are skipped, nested objects too).
    static func keyOrder(of data: Data) -> [String] {
        let bytes = [UInt8](data)
        var keys: [String] = []
        var depth = 0
        var index = 0
        var expectingKey = false
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"):
                depth += 1
                expectingKey = depth == 1
            case UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
            case UInt8(ascii: ","):
                expectingKey = depth == 1
            case UInt8(ascii: "\""):
                let start = index
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                if expectingKey, depth == 1, index < bytes.count,
                   let key = try? JSONSerialization.jsonObject(with: Data(bytes[start...index]), options: .fragmentsAllowed) as? String {
                    if !keys.contains(key) { keys.append(key) }
                    expectingKey = false
                }
            default:
                break
            }
            index += 1
        }
        let integers = keys.filter { $0 == "0" || ($0.first != "0" && !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber)
                                                  && $0.count < 10) }
        // Under 10 digits: each fits an Int.
        return integers.sorted { (Int($0) ?? 0) < (Int($1) ?? 0) } + keys.filter { !integers.contains($0) }
    }
}
