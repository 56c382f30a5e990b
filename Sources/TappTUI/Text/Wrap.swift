/// Text broken into lines of at most a width, at spaces where it can.
public enum Wrap {
    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var out: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
                let candidate = line.isEmpty ? String(word) : line + " " + word
                if TextWidth.of(candidate) <= width {
                    line = candidate
                    continue
                }
                if !line.isEmpty { out.append(line) }
                var rest = String(word)
                while TextWidth.of(rest) > width {
                    var cut = "", used = 0
                    for c in rest {
                        if used + TextWidth.of(c) > width { break }
                        cut.append(c)
                        used += TextWidth.of(c)
                    }
                    out.append(cut)
                    rest = String(rest.dropFirst(cut.count))
                }
                line = rest
            }
            out.append(line)
        }
        return out
    }
}
