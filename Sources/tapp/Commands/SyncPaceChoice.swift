import Foundation
import TappStore
import TappSync

/// The pace a run starts at: the one given with `--rate-limit`, else the one the server taught an earlier run
/// (it throttled without saying so), else none until the server says something.
enum SyncPaceChoice {
    static func pace(rateLimit: Int, rateWindow: Double, learned: SyncProgress) -> ServerPace {
        if rateLimit > 0 { return ServerPace(limit: rateLimit, window: rateWindow) }
        if let limit = learned.paceLimit, let window = learned.paceWindow { return ServerPace(limit: limit, window: window) }
        return ServerPace()
    }
}
