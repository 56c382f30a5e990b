import Foundation
import TappAPI

/// A request's body as the DTOs read it: an object's fields (each key once, as `JSONParser` keeps them), with its
/// keys in the order JavaScript's `Object.keys` gives them (the order the real server reports unknown fields in):
/// integer-like keys first, ascending, then the others as they were written.
struct JSONBody {
    let fields: [WireValue.Field]
    let keyOrder: [String]
    /// The body was a JSON list (its fields are its indices): `BodyRules` refuses it; a route without a DTO finds none
    /// of its fields in it.
    let isList: Bool

    init(_ fields: [WireValue.Field] = [], isList: Bool = false) {
        self.fields = fields
        self.isList = isList
        keyOrder = JSONBody.javaScriptOrder(fields.map(\.key))
    }

    /// The value of a field, `.null` included; nil when the body does not name it.
    subscript(key: String) -> WireValue? { fields.first { $0.key == key }?.value }

    /// `Object.keys` order: array-index keys (canonical integers below 2^32 - 1) ascending, then the rest as written.
    static func javaScriptOrder(_ keys: [String]) -> [String] {
        func index(_ key: String) -> Int? {
            guard !key.isEmpty, key.count < 11, key.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  key == "0" || key.first != "0", let value = Int(key), value < 4_294_967_295 else { return nil }
            return value
        }
        let integers = keys.compactMap { key in index(key).map { (key, $0) } }.sorted { $0.1 < $1.1 }.map(\.0)
        return integers + keys.filter { index($0) == nil }
    }
}
