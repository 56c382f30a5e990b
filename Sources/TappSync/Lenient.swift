import Foundation

/// One record of a list the server sent, read on its own: a record that is not what the contract says (a field
/// missing, an unknown status) does not spoil the others; it is kept as its id (when it has one) and why.
struct Lenient<Record: Decodable>: Decodable {
    let record: Record?
    let id: String?
    let problem: String?

    private struct Identified: Decodable { let id: String? }

    init(from decoder: any Decoder) throws {
        do {
            record = try Record(from: decoder)
            id = nil
            problem = nil
        } catch {
            record = nil
            id = (try? Identified(from: decoder))?.id
            problem = WireAnswer.shortly(error)
        }
    }
}

/// A page of records read one by one.
struct LenientPage<Record: Decodable>: Decodable {
    let data: [Lenient<Record>]
    let total: Int
}
