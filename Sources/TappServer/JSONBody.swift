import Foundation

/// A request's body as the DTOs read it: an object, with the keys of each object in the order JavaScript's
/// `Object.keys` gives them (the order the real server reports unknown fields in): integer-like keys first,
/// ascending, then the others as they were written.
struct JSONBody {
    let object: [String: Any]
    let keyOrder: [String]
    /// The key order of every object in the body, by JSON pointer (`"/rules/0"`), as written.
    private let nestedOrders: [String: [String]]

    init(_ object: [String: Any], keyOrders: [String: [String]] = [:]) {
        self.object = object
        nestedOrders = keyOrders
        keyOrder = JSONBody.javaScriptOrder(keyOrders[""] ?? object.keys.sorted())
    }

    subscript(key: String) -> Any? { object[key] }

    /// The keys of the object at `pointer` (`"/rules/0"`) in JavaScript's order; alphabetical when unknown.
    func keyOrder(at pointer: String, of object: [String: Any]) -> [String] {
        JSONBody.javaScriptOrder(nestedOrders[pointer] ?? object.keys.sorted())
    }

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
