/// A message a person reads, by its key and the values it names: the text comes from the catalogue of the reader's
/// language (`Catalogue`), so a French screen never shows an English sentence.
public struct Phrase: Sendable, Equatable, CustomStringConvertible {
    public let key: PhraseKey
    public let values: [String]
    /// The values as a French sentence names them, where they differ (a status: `PENDING` is `EN ATTENTE`).
    public private(set) var frenchValues: [String]?

    public init(_ key: PhraseKey, _ values: String...) {
        self.key = key
        self.values = values
    }

    public init(key: PhraseKey, values: [String]) {
        self.key = key
        self.values = values
    }

    public func text(french: Bool) -> String { Catalogue.text(self, french: french) }

    /// The same phrase with its values named otherwise in French.
    public func french(_ values: String...) -> Phrase {
        var phrase = self
        phrase.frenchValues = values
        return phrase
    }

    /// English, as the command line and the logs write it.
    public var description: String { text(french: false) }
}

/// Every message of the record's rules. A new message is a new key here and a sentence in each catalogue; a test
/// fails when either lacks it or when their `{n}` places differ.
public enum PhraseKey: String, CaseIterable, Sendable {
    case required, tooLong, controlCharacter, futureBirth
    case dateFormat, realDate, dateTimeFormat, timeNeeded, offsetNotATime, offsetTooFar
    case ruleFormat, ruleOnOff, ruleTwice, ruleWithinAYear, ruleOffsetNumber
    case phoneCharacters, phoneDigits, phonePlus, email, oneOf
    case reminderRetryOnlyFailed, reminderConfirmOnlySent, reminderNotSentNothingDue
    case consultationIsHistory, interventionReminderReceived, patientHasHistory
    case passwordTooShort, unknownTimeZone
}

/// The two catalogues: English and French. `{1}`, `{2}`… are the phrase's values, in order.
public enum Catalogue {
    public static let english: [PhraseKey: String] = [
        .required: "is required",
        .tooLong: "must be at most {1} characters",
        .controlCharacter: "must not contain the control character {1}",
        .futureBirth: "cannot be in the future",
        .dateFormat: "must be a date as DD/MM/YYYY or YYYY-MM-DD (got \"{1}\")",
        .realDate: "is not a real date (got \"{1}\")",
        .dateTimeFormat: "must be a date and time: DD/MM/YYYY HH:MM, HH:MM for today, tomorrow 9:30, or YYYY-MM-DDTHH:MM (got \"{1}\")",
        .timeNeeded: "needs a time as well as the day, e.g. \"{1} 09:30\"",
        .offsetNotATime: "has an offset that is not a time of day",
        .offsetTooFar: "has a UTC offset beyond ±18:00 (no place on Earth is that far from UTC)",
        .ruleFormat: "must be written OFFSET:CHANNEL, e.g. -1440:SMS (got \"{1}\")",
        .ruleOnOff: "third part must be on or off (got \"{1}\")",
        .ruleTwice: "two rules have the same offset and channel ({1})",
        .ruleWithinAYear: "offset must be within a year, ±{1} minutes (got \"{2}\")",
        .ruleOffsetNumber: "offset must be a whole number of minutes or J-n / H-n (got \"{1}\")",
        .phoneCharacters: "must be a phone number: digits, spaces and + only (got \"{1}\")",
        .phoneDigits: "must have between 6 and 15 digits (got {1})",
        .phonePlus: "may have + only at the start",
        .email: "must be an email (got \"{1}\")",
        .oneOf: "must be one of {1} (got \"{2}\")",
        .reminderRetryOnlyFailed: "only a FAILED reminder can be retried (this one is {1})",
        .reminderConfirmOnlySent: "only a SENT reminder can be confirmed (this one is {1})",
        .reminderNotSentNothingDue: "this {1} reminder's intervention has already taken place: nothing would be sent",
        .consultationIsHistory: "consultation {1} is COMPLETED, part of the patient's history: set it CANCELLED first if it never took place",
        .interventionReminderReceived: "intervention {1} has {2} reminder(s) the patient already received: cancel it instead",
        .patientHasHistory: "patient {1} has {2} consultation(s) and {3} intervention(s): a patient with clinical history cannot be deleted",
        .passwordTooShort: "must be at least 6 characters",
        .unknownTimeZone: "is not a known time zone (e.g. Africa/Douala)",
    ]

    public static let french: [PhraseKey: String] = [
        .required: "est obligatoire",
        .tooLong: "doit faire au plus {1} caractères",
        .controlCharacter: "ne doit pas contenir le caractère de contrôle {1}",
        .futureBirth: "ne peut pas être dans le futur",
        .dateFormat: "doit être une date JJ/MM/AAAA ou AAAA-MM-JJ (reçu « {1} »)",
        .realDate: "n'est pas une date qui existe (reçu « {1} »)",
        .dateTimeFormat: "doit être une date et une heure : JJ/MM/AAAA HH:MM, HH:MM pour aujourd'hui, demain 9h30, ou AAAA-MM-JJTHH:MM (reçu « {1} »)",
        .timeNeeded: "il faut l'heure en plus du jour, par ex. « {1} 09:30 »",
        .offsetNotATime: "a un décalage horaire qui n'est pas une heure",
        .offsetTooFar: "a un décalage UTC au-delà de ±18:00 (aucun lieu au monde n'est si loin d'UTC)",
        .ruleFormat: "s'écrit DÉLAI:CANAL, par ex. -1440:SMS (reçu « {1} »)",
        .ruleOnOff: "la troisième partie doit être on ou off (reçu « {1} »)",
        .ruleTwice: "deux règles ont le même délai et le même canal ({1})",
        .ruleWithinAYear: "le délai doit tenir dans un an, ±{1} minutes (reçu « {2} »)",
        .ruleOffsetNumber: "le délai doit être un nombre entier de minutes ou J-n / H-n (reçu « {1} »)",
        .phoneCharacters: "doit être un numéro de téléphone : chiffres, espaces et + seulement (reçu « {1} »)",
        .phoneDigits: "doit avoir entre 6 et 15 chiffres (reçu {1})",
        .phonePlus: "ne peut avoir un + qu'au début",
        .email: "doit être une adresse e-mail (reçu « {1} »)",
        .oneOf: "doit être l'un de {1} (reçu « {2} »)",
        .reminderRetryOnlyFailed: "seul un rappel ÉCHOUÉ peut être relancé (celui-ci est {1})",
        .reminderConfirmOnlySent: "seul un rappel ENVOYÉ peut être confirmé (celui-ci est {1})",
        .reminderNotSentNothingDue: "l'intervention de ce rappel {1} a déjà eu lieu : rien ne serait envoyé",
        .consultationIsHistory: "la consultation {1} est FAITE, elle appartient à l'histoire du patient : passez-la d'abord en ANNULÉE si elle n'a pas eu lieu",
        .interventionReminderReceived: "l'intervention {1} a {2} rappel(s) déjà reçu(s) par le patient : annulez-la plutôt",
        .patientHasHistory: "le patient {1} a {2} consultation(s) et {3} intervention(s) : un patient avec un historique clinique ne peut pas être supprimé",
        .passwordTooShort: "doit faire au moins 6 caractères",
        .unknownTimeZone: "n'est pas un fuseau horaire connu (par ex. Africa/Douala)",
    ]

    /// The phrase in the reader's language, its values in their places.
    public static func text(_ phrase: Phrase, french: Bool) -> String {
        var text = (french ? Catalogue.french : Catalogue.english)[phrase.key] ?? phrase.key.rawValue
        let values = french ? phrase.frenchValues ?? phrase.values : phrase.values
        for (i, value) in values.enumerated().reversed() {
            text = text.replacingOccurrences(of: "{\(i + 1)}", with: value)
        }
        return text
    }
}
