import Foundation

/// Reads the API's JSON into its types: the text parsed once (`JSONParser`, any value at the top), the type read from
/// the tree (`WireTreeDecoder`). A text that is not JSON is a `DecodingError.dataCorrupted` naming where it stops.
public enum WireDecoder {
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        let tree: WireValue
        do { tree = try JSONParser.parse(bytes, strict: false) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "The given data was not valid JSON: \(error.message)"))
        }
        return try WireTreeDecoder.decode(type, tree, [])
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try decode(type, from: [UInt8](data))
    }
}
