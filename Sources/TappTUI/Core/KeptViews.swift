/// What each list screen was showing when it was left, kept while the person stays signed in.
struct KeptViews {
    var filters: [String: ListFilter] = [:]
    /// Typed text: a list's narrowing (`/`) or the patients' search.
    var texts: [String: String] = [:]
}
