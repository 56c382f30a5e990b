import Foundation
import TappDomain
import TappStore

/// What a screen works with: the clinic's database, who is signed in, the language and the time now.
/// The runtime gives the time, so that tests run on a fixed clock.
public struct Env {
    public let database: ClinicDatabase
    public var session: Session
    public let lang: Lang
    public var now: Date
    public var clinicName: String
    /// Each list's last search and filters, kept for the session: a screen opened again shows what it showed.
    var kept = KeptViews()

    public init(database: ClinicDatabase, session: Session, lang: Lang, now: Date, clinicName: String) {
        self.database = database
        self.session = session
        self.lang = lang
        self.now = now
        self.clinicName = clinicName
    }

    public var clock: Clock { Clock(zone: session.zone, lang: lang) }
    public var today: CalendarDate { CalendarDate(now, in: session.zone) }

    /// A store error as one line in the user's language (the store's own sentence, which names the cause).
    public func explain(_ error: any Error) -> String {
        if let clinic = error as? ClinicError {
            switch clinic {
            case .staleEdit(_, _, let by, let at, _):
                return lang.text(.notSavedChangedThisRecordAt, by ?? lang[.someoneElse], clock.dateTime(at))
            case .denied(let denial):
                return lang[.notAllowed] + denial.text(french: lang.isFrench)
            case .rule(let phrase):
                return phrase.text(french: lang.isFrench)
            case .invalid(let failure):
                return failure.errors.map { "\($0.field) : \($0.text(french: lang.isFrench))" }.joined(separator: " ; ")
            default:
                return clinic.description
            }
        }
        return String(describing: error)
    }
}
