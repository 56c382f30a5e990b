import Foundation
import Testing

/// Whole-screen text snapshots, reviewed and kept in `Snapshots/`. They are written only on purpose:
/// `TAPP_RECORD_SNAPSHOTS=1 swift test --filter TappTUITests` records them, then a person reads the diff.
enum Snapshot {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    static func check(_ screen: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = folder.appendingPathComponent(name + ".txt")
        // Trailing spaces are not part of what a reviewer reads.
        let text = screen.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["TAPP_RECORD_SNAPSHOTS"] == "1" {
            try text.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("no snapshot \(name).txt: record it with TAPP_RECORD_SNAPSHOTS=1 and review it", sourceLocation: sourceLocation)
            return
        }
        #expect(text == expected, "screen \(name) differs from its snapshot:\n\(text)", sourceLocation: sourceLocation)
    }
}
