import Foundation
import TappTUI

/// Runs the app on the terminal: keys in, grids out, a tick a few times a second for the idle lock and for
/// changes made by other processes.
public enum TerminalRuntime {
    /// How often, without a key, the app looks at the clock and at `PRAGMA data_version`.
    static let tickMilliseconds = 250

    public static func run(_ app: inout App, monochrome: Bool) {
        let terminal = CursesTerminal(monochrome: monochrome)
        defer { terminal.stop() }
        var size = terminal.size
        app.resize(rows: size.rows, columns: size.columns)
        terminal.draw(app.render(rows: size.rows, columns: size.columns))
        while true {
            let effects: [Effect]
            switch terminal.read(milliseconds: tickMilliseconds) {
            case .key(let key):
                effects = app.handle(key, now: Date())
            case .resize:
                size = terminal.size
                app.resize(rows: size.rows, columns: size.columns)
                effects = [.repaint]
            case .none:
                effects = app.tick(now: Date())
            }
            if effects.contains(.quit) { return }
            if effects.contains(.repaint) { terminal.invalidate() }
            terminal.draw(app.render(rows: size.rows, columns: size.columns))
        }
    }

    /// Monochrome when the user asks (`NO_COLOR`, https://no-color.org) or the terminal is a plain one.
    public static func isMonochrome(_ env: [String: String]) -> Bool {
        if let value = env["NO_COLOR"], !value.isEmpty { return true }
        let term = env["TERM"] ?? ""
        return term.isEmpty || term == "dumb" || term.hasPrefix("vt100") || term.hasPrefix("vt102") || term.hasPrefix("vt220")
    }
}
