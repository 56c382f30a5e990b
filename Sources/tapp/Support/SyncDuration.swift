import Foundation

/// A duration as a person reads it: "40 s", "12 min", "3 h 20 min".
enum SyncDuration {
    static func words(_ seconds: TimeInterval) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "an unknown time" }
        if seconds < 60 { return "\(max(1, Int(seconds.rounded(.up)))) s" }
        let minutes = Int((seconds / 60).rounded(.up))
        if minutes < 60 { return "\(minutes) min" }
        return "\(minutes / 60) h" + (minutes % 60 == 0 ? "" : " \(minutes % 60) min")
    }
}
