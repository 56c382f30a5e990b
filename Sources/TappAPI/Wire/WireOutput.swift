import Foundation

/// The JSON text being written by `WireEncoder`, and the objects and lists still open in it (innermost last).
final class WireOutput {
    var out = WireBytes()
    var bytes: [UInt8] { out.bytes }
    /// For each open container: its closing byte, and whether it has an element yet (the next needs a comma).
    private var open: [(closer: UInt8, started: Bool)] = []

    var depth: Int { open.count }

    /// Closes the containers opened at `depth` and deeper: something is written to one above them.
    func close(to depth: Int) {
        while open.count > depth, let last = open.popLast() { out.append(last.closer) }
    }

    /// Opens an object or a list for an encoder at `depth`, unless that encoder opened it already (a value may ask
    /// for its container twice).
    func openContainer(_ opener: UInt8, _ closer: UInt8, depth: Int) {
        guard open.count <= depth else { return }
        out.append(opener)
        open.append((closer, false))
    }

    /// Before an element of the container at `depth`: what was opened inside the previous one is closed, a comma.
    func element(in depth: Int) {
        close(to: depth + 1)
        guard depth < open.count else { return }
        if open[depth].started { out.append(UInt8(ascii: ",")) } else { open[depth].started = true }
    }

    func key(_ key: String, in depth: Int) {
        element(in: depth)
        string(key)
        out.append(UInt8(ascii: ":"))
    }

    /// Any value: one that writes itself (`WireWritable`: every type of the contract) does; the others through
    /// `Encoder`, a value that writes nothing being an empty object.
    func value<T: Encodable>(_ value: T, depth: Int, codingPath: [any CodingKey]) throws {
        if let writable = value as? any WireWritable { return try writable.write(to: &out) }
        switch value {
        case let number as Int32: integer(Int64(number))
        case let number as UInt64: out.unsigned(number)
        default:
            let before = out.bytes.count
            try value.encode(to: WireStreamEncoder(out: self, depth: depth, codingPath: codingPath))
            if out.bytes.count == before { literal("{}") }
        }
    }

    func literal(_ text: StaticString) { out.literal(text) }

    func integer(_ number: Int64) { out.integer(number) }

    func number(_ number: Double) { out.number(number) }

    func string(_ text: String) { out.string(text) }
}
