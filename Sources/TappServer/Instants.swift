import Foundation
import TappDomain

/// Instants as the API writes and the database stores them (`2025-10-16T09:30:00.000Z`): they sort as text and come
/// back unchanged, on both back-ends.
enum Instants {
    /// Now, or `date`, as the API writes instants.
    static func stamp(_ date: Date = Date()) -> String { Instant.utcString(date) }
}
