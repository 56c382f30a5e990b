import Foundation

/// Ids as the real server makes them (Prisma's `cuid()`): `c` and 24 lowercase base-36 characters —
/// a timestamp, a counter, a host fingerprint and random blocks.
public enum Cuid {
    nonisolated(unsafe) private static var counter: UInt32 = UInt32.random(in: 0..<1_679_616)
    private static let lock = NSLock()
    private static let fingerprint: String = {
        let pid = UInt32(ProcessInfo.processInfo.processIdentifier) % 1296
        let host = ProcessInfo.processInfo.hostName.unicodeScalars.reduce(UInt32(41)) { ($0 &* 31 &+ $1.value) % 1296 }
        return pad(pid, 2) + pad(host, 2)
    }()

    public static func make(now: Date = Date()) -> String {
        let time = UInt64(now.timeIntervalSince1970 * 1000)
        lock.lock()
        counter = (counter + 1) % 1_679_616
        let count = counter
        lock.unlock()
        let random = pad(UInt32.random(in: 0..<1_679_616), 4) + pad(UInt32.random(in: 0..<1_679_616), 4)
        return "c" + padded(String(time, radix: 36), 8) + pad(count, 4) + fingerprint + random
    }

    static func pad(_ value: UInt32, _ width: Int) -> String { padded(String(value, radix: 36), width) }

    static func padded(_ text: String, _ width: Int) -> String {
        let trimmed = String(text.suffix(width))
        return String(repeating: "0", count: max(0, width - trimmed.count)) + trimmed
    }
}
