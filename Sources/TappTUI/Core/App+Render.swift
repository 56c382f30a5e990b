import Foundation
import TappDomain

extension App {
    /// The smallest size that shows everything that matters; below it the app says so instead of drawing.
    public static let minimumSize = (rows: 10, columns: 40)

    /// Renders the whole screen: the tabs, the current screen, the footer and the status bar.
    public func render(rows: Int, columns: Int) -> Grid {
        var grid = Grid(rows: rows, columns: columns)
        guard rows >= App.minimumSize.rows, columns >= App.minimumSize.columns else {
            let text = lang.text(.windowTooSmallNeeds, "\(columns)", "\(rows)", "\(App.minimumSize.columns)", "\(App.minimumSize.rows)")
            for (i, line) in Wrap.lines(text, width: max(1, columns)).prefix(max(0, rows)).enumerated() {
                grid.write(line, row: i, column: 0, style: .warning)
            }
            return grid
        }
        // The footer's extra lines (its keys wrapped) are taken from the screen's area, so nothing is drawn over.
        let footerLines = env.map { footerPieces(columns: columns, env: $0).count } ?? 1
        let content = Rect(row: 1, column: 0, width: columns, height: max(1, rows - 3 - (footerLines - 1)))
        if let signIn {
            grid.write(" TappPlus Terminal", row: 0, column: 0, style: .title)
            signIn.draw(&grid, content, lang: lang, clinic: clinicName)
            grid.write(lang[.enterNextSignInCtrlC],
                       row: rows - 2, column: 1, style: .dim)
            return grid
        }
        guard let env else { return grid }
        drawTabs(&grid, columns: columns)
        if let lock {
            lock.draw(&grid, content, lang: lang, clinic: clinicName)
        } else if showingHelp {
            drawHelp(&grid, content)
        } else if let screen = screens.last {
            screen.draw(&grid, content, env)
            if let (asked, _) = question { drawQuestion(&grid, asked, content) }
        }
        drawFooter(&grid, row: rows - 2, columns: columns, env: env)
        drawStatus(&grid, env, row: rows - 1, columns: columns)
        if question != nil || showingHelp { grid.cursor = nil }
        return grid
    }

    private func drawTabs(_ grid: inout Grid, columns: Int) {
        grid.fill(Rect(row: 0, column: 0, width: columns, height: 1), style: .status)
        let current = screens.first.map { ObjectIdentifier(type(of: $0)) }
        var x = 0
        for destination in Destination.allCases {
            let isCurrent = current == ObjectIdentifier(destination.makeScreenType())
            // The current tab in brackets as well as highlighted: under NO_COLOR or a vt100 there is no highlight.
            let name = "\(destination.keys[0]) \(columns >= 100 ? destination.name(lang) : destination.short(lang))"
            let label = isCurrent ? "[\(name)]" : " \(name) "
            x += grid.write(label, row: 0, column: x, style: isCurrent ? .selected : .status)
        }
        let help = lang[.f1Help]
        if x + TextWidth.of(help) <= columns {
            grid.write(help, row: 0, column: columns - TextWidth.of(help), style: .status)
        }
    }

    /// The footer: a message, or the screen's main keys. Keys that do not fit on one line wrap onto the lines above
    /// (taken from the screen's area, at most five lines in all) rather than being hidden.
    private func drawFooter(_ grid: inout Grid, row: Int, columns: Int, env: Env) {
        if let message {
            let lines = Wrap.lines(" " + message, width: columns)
            if lines.count > 1 { grid.fill(Rect(row: row - 1, column: 0, width: columns, height: 1), style: .normal) }
            for (i, line) in lines.suffix(2).enumerated() {
                grid.write(line, row: row - min(1, lines.count - 1) + i, column: 0, style: .warning, limit: columns)
            }
            return
        }
        if lock != nil || showingHelp { return }
        let shown = footerPieces(columns: columns, env: env)
        let first = row - (shown.count - 1)
        if shown.count > 1 { grid.fill(Rect(row: first, column: 0, width: columns, height: shown.count - 1), style: .normal) }
        for (i, line) in shown.enumerated() {
            var at = 1
            for (text, style) in line { at += grid.write(text, row: first + i, column: at, style: style, limit: max(0, columns - at)) }
        }
    }

    /// The footer's lines: the screen's main keys (those the role may use), wrapped at the width, five lines at most.
    private func footerPieces(columns: Int, env: Env) -> ArraySlice<[(String, Style)]> {
        guard message == nil, lock == nil, !showingHelp else { return [[]] }
        var pieces: [[(String, Style)]] = [[]]
        var x = 1
        for line in (screens.last?.help(lang) ?? []) where line.inFooter && line.isOffered(to: env.session) {
            let keys = line.keys.prefix(1).map { $0.name(lang) }.joined(separator: "/")
            let width = TextWidth.of(keys + " " + line.text) + 2
            if x + width > columns, !(pieces.last?.isEmpty ?? true) {
                pieces.append([])
                x = 1
            }
            pieces[pieces.count - 1] += [(keys, .accent), (" " + line.text + "  ", .dim)]
            x += width
        }
        return pieces.prefix(5)
    }

    private func drawStatus(_ grid: inout Grid, _ env: Env, row: Int, columns: Int) {
        grid.fill(Rect(row: row, column: 0, width: columns, height: 1), style: .status)
        let who = " \(env.session.email) · \(lang.word(env.session.role)) · \(clinicName)"
        let queue = queueCount == 0 ? lang[.synced] : lang.text(.toSync, "\(queueCount)")
        let right = "\(queue) · \(env.clock.dateTime(env.now)) "
        let rightWidth = TextWidth.of(right)
        grid.write(who, row: row, column: 0, style: .status, limit: max(0, columns - rightWidth - 1))
        if rightWidth < columns { grid.write(right, row: row, column: columns - rightWidth, style: .status) }
    }

    private func drawQuestion(_ grid: inout Grid, _ asked: Question, _ area: Rect) {
        let width = min(area.width - 4, 60)
        let lines = Wrap.lines(asked.text, width: width - 4)
        let height = lines.count + 5
        let box = Rect(row: area.row + max(0, (area.height - height) / 2), column: area.column + (area.width - width) / 2,
                       width: width, height: height)
        Box.draw(&grid, box, style: .warning)
        for (i, line) in lines.enumerated() {
            grid.write(line, row: box.row + 1 + i, column: box.column + 2, style: .bold, limit: width - 4)
        }
        // The two answers, "no" first and highlighted until the person moves: shown with brackets, so that the
        // highlighted one reads without colour too (NO_COLOR, vt100).
        let no = lang[.no], yes = lang[.yes]
        let noText = questionYes ? "  \(no)  " : "[ \(no) ]", yesText = questionYes ? "[ \(yes) ]" : "  \(yes)  "
        let row = box.row + 2 + lines.count
        var x = box.column + 2
        x += grid.write(noText, row: row, column: x, style: questionYes ? .normal : .selected)
        x += grid.write("   ", row: row, column: x)
        x += grid.write(yesText, row: row, column: x, style: questionYes ? .selected : .normal)
        grid.write(lang[.chooseEnterAnswersEscNo], row: row + 1,
                   column: box.column + 2, style: .dim, limit: width - 4)
    }

    private func drawHelp(_ grid: inout Grid, _ area: Rect) {
        var lines: [(String, String)] = []
        let title = screens.last?.title(lang) ?? ""
        for line in screens.last?.help(lang) ?? [] where env.map({ line.isOffered(to: $0.session) }) ?? true {
            lines.append((line.keys.map { $0.name(lang) }.joined(separator: " "), line.text))
        }
        lines.append(("", ""))
        for destination in Destination.allCases {
            lines.append((destination.keys.map { $0.name(lang) }.joined(separator: " "), destination.name(lang)))
        }
        let can = { (permission: Permission) in env?.session.can(permission) ?? false }
        if can(.registerPatients) { lines.append(("Ctrl+N", lang[.newPatient])) }
        lines.append(("Ctrl+F", lang[.findAPatient]))
        if can(.bookInterventions) { lines.append(("Ctrl+K", lang[.newIntervention])) }
        lines += [
            ("Ctrl+P", lang[.findAnyActionOrScreen]),
            ("F12", lang[.lockTheScreenNow]),
            ("Ctrl+L", lang[.redrawTheScreen]),
            (Key.escape.name(lang), lang[.backClose]),
            ("q  Ctrl+Q", lang[.quitQFromTheFirstScreen]),
        ]
        grid.write(lang[.keys] + title, row: area.row, column: 1, style: .title, limit: area.width - 2)
        // Two columns when one would not hold them all; a description too long for its column wraps under itself.
        let perColumn = max(1, area.height - 3)
        let twoColumns = lines.count > perColumn
        let columnWidth = twoColumns ? area.width / 2 : area.width
        let keyWidth = min(columnWidth / 3, (lines.map { TextWidth.of($0.0) }.max() ?? 8) + 2)
        var col = 0, used = 0
        for line in lines {
            let wrapped = Wrap.lines(line.1, width: max(8, columnWidth - keyWidth - 2))
            if used + wrapped.count > perColumn {
                col += 1
                used = 0
            }
            guard col < 2 else { break }
            let x = 1 + col * columnWidth
            grid.write(line.0, row: area.row + 2 + used, column: x, style: .accent, limit: keyWidth - 1)
            for (n, text) in wrapped.enumerated() {
                grid.write(text, row: area.row + 2 + used + n, column: x + keyWidth, limit: columnWidth - keyWidth - 2)
            }
            used += max(1, wrapped.count)
        }
        grid.write(lang[.anyKeyClosesTheHelp], row: area.row + area.height - 1, column: 1,
                   style: .dim)
    }
}

extension Destination {
    /// A value of the screen type this destination opens, for telling which tab is current.
    func makeScreenType() -> any Screen.Type {
        switch self {
        case .dashboard: DashboardScreen.self
        case .patients: PatientListScreen.self
        case .consultations: ConsultationListScreen.self
        case .interventions: InterventionListScreen.self
        case .reminders: ReminderListScreen.self
        case .sync: SyncScreen.self
        }
    }
}
