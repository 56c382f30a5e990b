import Foundation
import TappStore
import TappSync

/// The pace a run starts at: the one given with `--rate-limit`, else the one the server taught an earlier run
/// (it throttled without saying so: the run then waits for the window the last run may have used up), else none
/// until the server says something. `--rate-window` alone says what window a silent throttle counts in.
enum SyncPaceChoice {
    static func pace(rateLimit: Int, rateWindow: Double?, learned: SyncProgress, now: Date = Date()) -> ServerPace {
        if rateLimit > 0 { return ServerPace(limit: rateLimit, window: rateWindow ?? 60) }
        if let limit = learned.paceLimit, let window = learned.paceWindow {
            var pace = ServerPace(limit: limit, window: rateWindow ?? window)
            if let last = learned.measuredAt, last.addingTimeInterval(pace.window) > now { pace.resumeAt = last.addingTimeInterval(pace.window) }
            return pace
        }
        return ServerPace(window: rateWindow ?? 60)
    }
}
