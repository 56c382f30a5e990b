import Foundation
import TappStore

/// The sign-in form (and the lock screen's, where the email is fixed): email, password, and a growing wait after
/// repeated failures, on top of the store's lock after ten.
public struct SignIn {
    public var form = Form()
    public var failures = 0
    public var waitUntil: Date?
    /// The only account that may sign in (the lock screen).
    public let lockedTo: String?

    public init(lang: Lang, email: String = "", lockedTo: String? = nil) {
        self.lockedTo = lockedTo
        if lockedTo == nil { form.add("email", lang[.email], email) }
        form.add("password", lang[.password], kind: .secret)
    }

    /// Seconds to wait after this many failures: none for the first two, then 1, 2, 4… up to 30.
    public static func delay(afterFailures n: Int) -> TimeInterval {
        n < 3 ? 0 : min(30, pow(2, Double(n - 3)))
    }

    public enum Result { case typing, signedIn(Session) }

    public mutating func handle(_ key: Key, database: ClinicDatabase, lang: Lang, now: Date) -> Result {
        let onPassword = form.focusedId == "password"
        if key == .enter, onPassword { return submit(database: database, lang: lang, now: now) }
        if form.handle(key) == .save { return submit(database: database, lang: lang, now: now) }
        return .typing
    }

    private mutating func submit(database: ClinicDatabase, lang: Lang, now: Date) -> Result {
        if let waitUntil, waitUntil > now {
            form.problem = lang.text(.waitRoundedUpSBeforeTrying, "\(Int(waitUntil.timeIntervalSince(now).rounded(.up)))")
            return .typing
        }
        let email = lockedTo ?? form["email"].trimmingCharacters(in: .whitespaces)
        do {
            let session = try database.signIn(email: email, password: form["password"], now: now)
            return .signedIn(session)
        } catch {
            failures += 1
            form["password"] = ""
            form.focus = form.fields.firstIndex { $0.id == "password" } ?? 0
            let wait = SignIn.delay(afterFailures: failures)
            waitUntil = wait > 0 ? now.addingTimeInterval(wait) : nil
            var text: String
            if case ClinicError.signInFailed(let why) = error, why.contains("locked") {
                text = lang[.thisAccountIsLockedAfterToo]
            } else {
                text = lang[.wrongEmailOrPassword]
            }
            if wait > 0 { text += lang.text(.waitS, "\(Int(wait))") }
            form.problem = text
            return .typing
        }
    }

    public func draw(_ grid: inout Grid, _ area: Rect, lang: Lang, clinic: String) {
        let width = min(64, area.width)
        let x = area.column + max(0, (area.width - width) / 2)
        let top = area.row + max(0, (area.height - 9) / 2)
        grid.write("TappPlus Terminal", row: top, column: x, style: .title, limit: width)
        grid.write(clinic, row: top + 1, column: x, style: .dim, limit: width)
        let heading = lockedTo.map { lang.text(.lockedTypeYourPassword, "\($0)") }
            ?? lang[.signIn]
        grid.write(heading, row: top + 3, column: x, style: .bold, limit: width)
        form.draw(&grid, Rect(row: top + 5, column: x, width: width, height: max(0, area.row + area.height - top - 5)), lang: lang)
        if lockedTo != nil {
            // What to do, for whoever finds the screen locked: the open forms are kept until the same person is back.
            let hint = lang[.typeThePasswordThenEnterTo]
            for (i, line) in Wrap.lines(hint, width: width).prefix(2).enumerated() {
                grid.write(line, row: top + 8 + i, column: x, style: .dim, limit: width)
            }
        }
    }
}
