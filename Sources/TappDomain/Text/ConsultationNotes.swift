/// A consultation's reason, diagnosis, treatment and notes in the server's one `notes` text: one labelled line each
/// (`Motif : …`, `Diagnostic : …`, `Traitement : …`, `Notes : …`), so that what is pushed can be split back.
public enum ConsultationNotes {
    static let labels = [("reason", "Motif"), ("diagnosis", "Diagnostic"), ("treatment", "Traitement"), ("notes", "Notes")]

    public static func compose(reason: String?, diagnosis: String?, treatment: String?, notes: String?) -> String? {
        let fields = ["reason": reason, "diagnosis": diagnosis, "treatment": treatment, "notes": notes]
        let lines = labels.compactMap { key, label in fields[key].flatMap { $0 }.map { "\(label) : \($0)" } }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    /// The four fields back from a `notes` text. Text without labels (written on the server by someone else) is all
    /// notes; a labelled line's continuation lines stay with it.
    public static func split(_ text: String?) -> (reason: String?, diagnosis: String?, treatment: String?, notes: String?) {
        guard let text, !text.isEmpty else { return (nil, nil, nil, nil) }
        var found: [String: String] = [:]
        var current: String?
        var unlabelled: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if let (key, label) = labels.first(where: { line.hasPrefix($0.1 + " : ") }) {
                current = key
                found[key] = String(line.dropFirst(label.count + 3))
            } else if let key = current {
                found[key, default: ""] += "\n" + line
            } else {
                unlabelled.append(line)
            }
        }
        if !unlabelled.isEmpty {
            found["notes"] = ([unlabelled.joined(separator: "\n")] + [found["notes"]].compactMap { $0 }).joined(separator: "\n")
        }
        return (found["reason"], found["diagnosis"], found["treatment"], found["notes"])
    }
}
