import Foundation
import TappDomain

/// Asks for a range of dates: from, to.
struct RangeFormScreen: Screen {
    var form = Form()

    init(_ days: (from: CalendarDate, to: CalendarDate)?, _ env: Env) {
        let from = days?.from ?? env.today
        let to = days.map { $0.to.adding(days: -1) } ?? env.today.adding(days: 6)
        form.add("from", env.lang[.fromDdMmYyyy], env.clock.day(from, always: true))
        form.add("to", env.lang[.toDdMmYyyy], env.clock.day(to, always: true))
        form.checks = FormChecks.days(env, fields: ["from", "to"])
    }

    func title(_ lang: Lang) -> String { lang[.dates] }
    func help(_ lang: Lang) -> [HelpLine] { FormKeys.help(lang) }
    var isTyping: Bool { form.isTyping }

    mutating func handle(_ key: Key, _ env: inout Env) -> Outcome {
        let event = form.handle(key)
        switch event {
        case .leave: return .pop
        case .save: break
        default: return event == .none ? .ignored : .handled
        }
        var errors: [(String, String)] = []
        var from: CalendarDate?, to: CalendarDate?
        do { from = try CalendarDate.parse(form["from"], field: "from") } catch { errors.append(("from", error.text(french: env.lang.isFrench))) }
        do { to = try CalendarDate.parse(form["to"], field: "to") } catch { errors.append(("to", error.text(french: env.lang.isFrench))) }
        if let from, let to, to < from { errors.append(("to", env.lang[.isBeforeTheStart])) }
        guard errors.isEmpty, let from, let to else {
            form.show(errors: errors)
            return .handled
        }
        return .popWith(.dateRange(from: from, to: to))
    }

    func draw(_ grid: inout Grid, _ area: Rect, _ env: Env) {
        grid.write(title(env.lang), row: area.row, column: 1, style: .title)
        form.draw(&grid, Rect(row: area.row + 2, column: 1, width: area.width - 2, height: area.height - 2), lang: env.lang)
        grid.write(env.lang[.ctrlSOrF10ShowsThe], row: area.row + 6,
                   column: 1, style: .dim)
    }
}
