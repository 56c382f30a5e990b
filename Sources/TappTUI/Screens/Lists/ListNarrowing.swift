import Foundation

/// The words of a `/` narrowing, and the rows' text folded the same way (accents and case ignored).
enum ListNarrowing {
    static func fold(_ text: String) -> String {
        text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
    }

    static func words(_ text: String) -> [String] {
        fold(text).split(whereSeparator: { $0 == " " }).map(String.init)
    }
}
