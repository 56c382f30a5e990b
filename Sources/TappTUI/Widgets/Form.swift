/// A form: labelled fields, the one being typed in, and what is wrong with each, next to it.
public struct Form {
    public enum Kind: Equatable {
        case text
        case secret
        /// One value among several: ←/→ or Space change it. Values and their labels.
        case choice([String], labels: [String])
        /// Enter opens a picker (a patient, the reminder rules); the field shows `text`.
        case picker
    }

    public struct Field {
        public var id: String
        public var label: String
        public var kind: Kind
        public var input: TextField
        public var error: String?
        public var hidden = false

        public var value: String { input.text }
    }

    public var fields: [Field] = []
    public var focus = 0
    /// Why the last save was refused, when it is not one field's fault.
    public var problem: String?
    /// Something to know before saving (a date the server will refuse).
    public var warning: String?
    private var original: [String: String] = [:]
    /// Checks a field's value as the person leaves it (a date, an email): the error shows at once, not only on save.
    /// Nil when the value is fine (an empty value is left to the save).
    public var checks: [String: (String) -> String?] = [:]

    public init() {}

    public mutating func add(_ id: String, _ label: String, _ value: String = "", kind: Kind = .text) {
        fields.append(Field(id: id, label: label, kind: kind, input: TextField(value)))
        original[id] = value
    }

    public subscript(id: String) -> String {
        get { fields.first { $0.id == id }?.value ?? "" }
        set {
            guard let i = fields.firstIndex(where: { $0.id == id }) else { return }
            fields[i].input.text = newValue
        }
    }

    public mutating func setHidden(_ id: String, _ hidden: Bool) {
        if let i = fields.firstIndex(where: { $0.id == id }) { fields[i].hidden = hidden }
    }

    /// Typed changes since the form opened (or since `markSaved`).
    public var isChanged: Bool { fields.contains { original[$0.id] != $0.value } }

    public mutating func markSaved() {
        for f in fields { original[f.id] = f.value }
    }

    public var focusedId: String? { fields.indices.contains(focus) ? fields[focus].id : nil }
    public var isTyping: Bool {
        guard fields.indices.contains(focus) else { return false }
        return [.text, .secret].contains(fields[focus].kind)
    }

    /// Sets each field's error from a refusal; the first wrong field takes the focus. Unknown fields go to `problem`.
    public mutating func show(errors: [(field: String, message: String)]) {
        for i in fields.indices { fields[i].error = nil }
        problem = nil
        var others: [String] = []
        for e in errors {
            if let i = fields.firstIndex(where: { $0.id == e.field && !$0.hidden }) {
                fields[i].error = fields[i].error.map { $0 + "; " + e.message } ?? e.message
            } else {
                others.append("\(e.field) \(e.message)")
            }
        }
        if !others.isEmpty { problem = others.joined(separator: "; ") }
        if let first = fields.firstIndex(where: { $0.error != nil }) { focus = first }
    }

    public enum Event: Equatable { case edited, moved, open(String), save, leave, none }

    public mutating func handle(_ key: Key) -> Event {
        guard fields.indices.contains(focus) else { return .none }
        switch key {
        case .tab, .down: checkFocused(); moveFocus(1); return .moved
        case .backTab, .up: checkFocused(); moveFocus(-1); return .moved
        case .ctrl("s"), .function(10): return .save
        case .escape: return .leave
        default: break
        }
        let field = fields[focus]
        switch field.kind {
        case .text, .secret:
            if key == .enter { checkFocused(); moveFocus(1); return .moved }
            if fields[focus].input.edit(key) {
                fields[focus].error = nil
                return .edited
            }
        case .choice(let values, _):
            let current = values.firstIndex(of: field.value) ?? 0
            switch key {
            case .right, .char(" "): fields[focus].input.text = values[(current + 1) % values.count]; return .edited
            case .left: fields[focus].input.text = values[(current + values.count - 1) % values.count]; return .edited
            case .enter: moveFocus(1); return .moved
            default: break
            }
        case .picker:
            if key == .enter || key == .char(" ") { return .open(field.id) }
        }
        return .none
    }

    /// Runs the focused field's check, if it has one and a value.
    public mutating func checkFocused() {
        guard fields.indices.contains(focus), let check = checks[fields[focus].id] else { return }
        let value = fields[focus].value
        fields[focus].error = value.trimmingCharacters(in: .whitespaces).isEmpty ? nil : check(value)
    }

    private mutating func moveFocus(_ step: Int) {
        var i = focus
        for _ in fields.indices {
            i = (i + step + fields.count) % fields.count
            if !fields[i].hidden { break }
        }
        focus = i
    }

    /// Draws the fields (scrolled so that the focused one shows), the warning and the problem.
    public func draw(_ grid: inout Grid, _ area: Rect, lang: Lang, pickerText: (String) -> String = { _ in "" }) {
        let shown = fields.indices.filter { !fields[$0].hidden }
        let labelWidth = min(24, max(10, (shown.map { TextWidth.of(fields[$0].label) }.max() ?? 10) + 2))
        let valueWidth = max(8, min(area.width >= 100 ? 40 : 30, area.width - labelWidth - 2))
        var footerRows = 0
        if warning != nil { footerRows += 1 }
        if problem != nil { footerRows += 2 }
        let rowsForFields = max(1, area.height - footerRows)
        let focusPosition = shown.firstIndex(of: focus) ?? 0
        let first = max(0, focusPosition - rowsForFields + 1)
        for (line, index) in shown.dropFirst(first).prefix(rowsForFields).enumerated() {
            let field = fields[index]
            let row = area.row + line
            let focused = index == focus
            grid.write(field.label, row: row, column: area.column, style: focused ? .bold : .normal, limit: labelWidth - 1)
            let x = area.column + labelWidth
            // A choice or a picker may use the whole row when no error needs its end.
            let wide = field.error == nil ? area.column + area.width - x : valueWidth
            switch field.kind {
            case .text, .secret:
                field.input.draw(&grid, row: row, column: x, width: valueWidth, secret: field.kind == .secret,
                                 focused: focused, style: focused ? .input : .normal)
            case .choice(let values, let labels):
                let label = values.firstIndex(of: field.value).map { labels[$0] } ?? field.value
                grid.write("‹ " + label + " ›", row: row, column: x, style: focused ? .selected : .normal, limit: wide)
            case .picker:
                let text = pickerText(field.id)
                let shownText = text.isEmpty ? lang[.enterToChoose] : text
                grid.write(TextWidth.fit(shownText, wide - 2) + " ▸", row: row, column: x, style: focused ? .selected : .normal, limit: wide)
            }
            if let error = field.error {
                let errorX = x + valueWidth + 1
                grid.write("✗ " + error, row: row, column: errorX, style: .error, limit: area.column + area.width - errorX)
            }
        }
        var row = area.row + min(rowsForFields, shown.count)
        if let warning, row < area.row + area.height {
            grid.write("⚠ " + warning, row: row, column: area.column, style: .warning, limit: area.width)
            row += 1
        }
        if let problem, row < area.row + area.height {
            for (i, line) in Wrap.lines(problem, width: area.width - 2).prefix(2).enumerated() {
                grid.write((i == 0 ? "✗ " : "  ") + line, row: row + i, column: area.column, style: .error, limit: area.width)
            }
        }
        // A field's whole error (the focused one's, else the first), in case it was cut on its row.
        let shownError = fields.indices.contains(focus) && fields[focus].error != nil ? focus : fields.firstIndex { $0.error != nil && !$0.hidden }
        if let index = shownError, let error = fields[index].error, area.height > 0 {
            let text = fields[index].label + " : " + error
            let lines = Wrap.lines(text, width: max(1, area.width))
            let top = area.row + area.height - min(2, lines.count)
            if problem == nil, top >= row {
                for (i, line) in lines.prefix(2).enumerated() {
                    grid.write(line, row: top + i, column: area.column, style: .error, limit: area.width)
                }
            }
        }
    }
}
