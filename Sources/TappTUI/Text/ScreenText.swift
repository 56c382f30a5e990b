import Foundation

/// Every text the screens show, by key, in English and in French: one catalogue per language. A new text is a new
/// key here and a sentence in each; a test fails when either lacks it or when their `{n}` places differ.
/// (Written from the screens' former inline pairs; the record's own messages are in `TappDomain`'s `Catalogue`.)
public enum ScreenKey: String, CaseIterable, Sendable {
    case compareAndMerge
    case notTheSamePerson
    case likelyDuplicates
    case notTheSamePersonAsk
    case noLikelyDuplicate
    case mergeTwoRecords
    case pickTheValueKept
    case swapWhichRecordIsKept
    case mergeThem
    case mergeIntoAsk
    case mergedUndoWithUnmerge
    case kept
    case mergedIntoIt
    case findLikelyDuplicates
    case registerAnywayLooksLike
    case alreadyRegisteredCtrlOOpens
    case lastVisit
    case ctrlOOpenExisting
    case notSavedChangedThisRecordAt
    case someoneElse
    case nextMonthWeekDay
    case aRangeOfDates
    case addACustomOffsetJ2
    case addOrRemoveH2
    case addOrRemoveJ1
    case addOrRemoveJ3
    case addOrRemoveJ7A
    case address
    case administrator
    case allDates
    case allDates2
    case allDoctors
    case allStatuses
    case alreadyHasWithThisDoctorAt
    case alreadyLinkedToEveryOrganization
    case anyKeyClosesTheHelp
    case attachments
    case attempts
    case back
    case backClose
    case backWithoutChange
    case backWithoutLinking
    case beginMarkInProgress
    case bloodType
    case born
    case bornDdMmYyyy
    case calendar
    case calendarMonthWeekDay
    case calendarOfInterventions
    case cancelOfItsPendingRemindersAre
    case cancelTheIntervention
    case cancelled
    case cancelled2
    case cancelled3
    case changeAChoice
    case changeTheChannelSmsEmailPush
    case changedHereAndOnTheServer
    case choose
    case chooseAPatient
    case chooseAnUpcomingIntervention
    case chooseEnterAnswersEscNo
    case chooseThisPatient
    case clearToTheStartOfThe
    case close
    case closeAsksFirstIfYouTyped
    case closeTheFormTheRulesYou
    case closeTheFormWhatYouTyped
    case coming
    case coming30Days
    case comingUpUrgentFirst
    case completed
    case confirmed
    case confirmed2
    case conflictKeepTheServerSVersion
    case conflictKeepThisClinicSVersion
    case consult
    case consultation
    case consultationDeleted
    case consultationSaved
    case consultations
    case consultationsPerDayLast30Days
    case consultationsToday
    case ctrlSOrF10ShowsThe
    case dashboard
    case dateAndTime
    case dates
    case dayView
    case defaultJ1SmsH1
    case deleteBookedByMistake
    case deleteEnteredByMistake
    case deleteOfItWasBookedBy
    case deleteThisConsultationOfOnlyOne
    case description
    case diagnosis
    case doIt
    case doctor
    case doctor2
    case done
    case dueNow
    case editIntervention
    case editPatient
    case editTheConsultation
    case editThePatient
    case editTimeRules
    case email
    case emergencyContact
    case emergencyPhone
    case enterNextSignInCtrlC
    case enterToChoose
    case everyPatient
    case f1Help
    case failed
    case failed2
    case findAPatient
    case findAnAction
    case findAnyActionOrScreen
    case finishMarkDone
    case firstName
    case forgetTheRuleChanges
    case fromDdMmYyyy
    case goTo
    case highlightThePreviousNextItem
    case home
    case inConflict
    case inProgress
    case interv
    case intervention
    case intervention2
    case interventionDeleted
    case interventionSavedWithItsReminders
    case interventions
    case interventions24H
    case interventions30Days
    case interventions7Days
    case isBeforeTheStart
    case itsTimeHasPassedTheServer
    case j2H690Or
    case keepTheServerSVersionOf
    case keepTheseRules
    case keepThisClinicSVersionOf
    case keys
    case keysOfThisScreenHelp
    case lastName
    case lastSuccess
    case leaveTheSearchThenGoBack
    case linkToAnOrganization
    case linkToThisOne
    case linkedTo
    case location
    case lockTheScreen
    case lockTheScreenNow
    case lockedTypeYourPassword
    case markConfirmedByThePatient
    case markOfAsDoneItsPending
    case markOfAsInProgress
    case markedConfirmed
    case medicalNotes
    case medicalNotesHiddenForYourRole
    case monthView
    case moveByADayOrA
    case moveInTheList
    case nameFirstName
    case narrowTheListByTyping
    case never
    case newConsultation
    case newIntervention
    case newInterventionBook
    case newPatient
    case nextDoctorThenAll
    case nextField
    case nextPeriod
    case nextStatusThenAll
    case nextTab
    case no
    case noConflictToSettle
    case noConsultationInThisPeriodN
    case noInterventionInThisPeriodN
    case noPatientMatches
    case noPatientYetNAddsOne
    case noReminderHere
    case noRuleNoReminderWillBe
    case noRuleTheServerSDefaults
    case noneText
    case noneText2
    case normal
    case notAllowed
    case notConnectedToAServerRun
    case notOfferedToYourRole
    case notes
    case nothingBooked
    case nothingBookedInTheNext30
    case nothingBookedThisDayNBooks
    case nothingMatches
    case nothingMatchesEscEmptiesTheNarrowing
    case nurse
    case off
    case offset
    case onlyAFailedReminderCanBe
    case onlyOnePatient
    case openTheConsultation
    case openTheDayThenTheIntervention
    case openTheHighlightedConsultationOrIntervention
    case openTheIntervention
    case openThePatientSRecord
    case openTheSelectedIntervention
    case organization
    case organizations
    case password
    case pastServerWillRefuse
    case patient
    case patientRecord
    case patientS
    case patientSaved
    case patients
    case pending
    case phone
    case planned
    case previousField
    case previousMonthWeekDay
    case previousPeriod
    case previousTab
    case priority
    case quit
    case quitQFromTheFirstScreen
    case quitWhatYouTypedInThe
    case reason
    case receptionist
    case redrawTheScreen
    case refresh
    case refused
    case refusedByTheServer
    case reminderRules
    case reminderSuccess
    case reminders
    case remindersBy
    case remindersDue
    case remindersFailed
    case remindersPending
    case remindersSentBy
    case removeTheRule
    case retryAFailedReminder
    case rules
    case save
    case scheduled
    case scroll
    case search
    case searchNameFirstNamePhone
    case sent
    case sent2
    case sent3
    case server
    case serverSVersion
    case setAside
    case settled
    case signIn
    case signInValidUntil
    case status
    case sync
    case sync2
    case synced
    case tappSyncSendsAndReceivesCron
    case theReminderWillBeSentAgain
    case theServer
    case thisAccountIsLockedAfterToo
    case thisClinic
    case thisMonth
    case thisTimeHasPassedKeptHere
    case thisWeek
    case titleOtherType
    case to
    case toDdMmYyyy
    case toSend
    case toSync
    case today
    case treatment
    case turnTheRuleOnOrOff
    case type
    case typeThePasswordThenEnterTo
    case unknown
    case urgent
    case waitRoundedUpSBeforeTrying
    case waitS
    case waitingToBeSent
    case weekView
    case when
    case willNotBeSentItsTime
    case willNotBeSentTheirTime
    case windowTooSmallNeeds
    case wrongEmailOrPassword
    case y
    case yes
    case yourRoleSeesWhenAndWith
}

public enum ScreenText {
    public static let english: [ScreenKey: String] = [
        .compareAndMerge: "Compare the two and merge them",
        .notTheSamePerson: "Not the same person",
        .likelyDuplicates: "Likely duplicates",
        .notTheSamePersonAsk: "Are {1} and {2} two different people? The pair will not be offered again.",
        .noLikelyDuplicate: "No likely duplicate.",
        .mergeTwoRecords: "Merge two records of one patient",
        .pickTheValueKept: "Pick the value kept",
        .swapWhichRecordIsKept: "Swap which record is kept",
        .mergeThem: "Merge",
        .mergeIntoAsk: "Merge {1} into {2}? Its consultations, interventions and reminders move; tapp patient unmerge undoes it.",
        .mergedUndoWithUnmerge: "Merged. `tapp patient unmerge` undoes it.",
        .kept: "Kept",
        .mergedIntoIt: "Merged into it",
        .findLikelyDuplicates: "Likely duplicate patients (scan)",
        .registerAnywayLooksLike: "This looks like {1}, already registered. Register a new patient anyway?",
        .alreadyRegisteredCtrlOOpens: "Likely already registered (Ctrl+O opens the first):",
        .lastVisit: "last visit {1}",
        .ctrlOOpenExisting: "Open the likely existing record",
        .notSavedChangedThisRecordAt: "Not saved: {1} changed this record at {2}. Esc, reopen it and apply your change again.",
        .someoneElse: "someone else",
        .nextMonthWeekDay: "Next month / week / day",
        .aRangeOfDates: "A range of dates",
        .addACustomOffsetJ2: "Add a custom offset (J-2, H-6, -90)",
        .addOrRemoveH2: "Add or remove H-2",
        .addOrRemoveJ1: "Add or remove J-1",
        .addOrRemoveJ3: "Add or remove J-3",
        .addOrRemoveJ7A: "Add or remove J-7 (a week before)",
        .address: "Address",
        .administrator: "administrator",
        .allDates: "all dates",
        .allDates2: "All dates",
        .allDoctors: "all doctors",
        .allStatuses: "all statuses",
        .alreadyHasWithThisDoctorAt: "{1} already has “{2}” with this doctor at {3}. Book it again?",
        .alreadyLinkedToEveryOrganization: "Already linked to every organization.",
        .anyKeyClosesTheHelp: "Any key closes the help.",
        .attachments: "Attachments",
        .attempts: "   attempts: ",
        .back: "Back",
        .backClose: "Back / close",
        .backWithoutChange: "Back without change",
        .backWithoutLinking: "Back without linking",
        .beginMarkInProgress: "Begin: mark in progress",
        .bloodType: "Blood type",
        .born: "Born",
        .bornDdMmYyyy: "Born (DD/MM/YYYY)",
        .calendar: "Calendar",
        .calendarMonthWeekDay: "Calendar (month, week, day)",
        .calendarOfInterventions: "Calendar of interventions",
        .cancelOfItsPendingRemindersAre: "Cancel “{1}” of {2}? Its pending reminders are cancelled.",
        .cancelTheIntervention: "Cancel the intervention",
        .cancelled: "Cancelled",
        .cancelled2: "Cancelled",
        .cancelled3: "Cancelled",
        .changeAChoice: "Change a choice",
        .changeTheChannelSmsEmailPush: "Change the channel (SMS, EMAIL, PUSH)",
        .changedHereAndOnTheServer: "Changed here and on the server: {1}",
        .choose: "Choose",
        .chooseAPatient: "Choose a patient",
        .chooseAnUpcomingIntervention: "Choose an upcoming intervention",
        .chooseEnterAnswersEscNo: "←/→ choose, Enter answers, Esc: no",
        .chooseThisPatient: "Choose this patient",
        .clearToTheStartOfThe: "Clear to the start of the field",
        .close: "Close",
        .closeAsksFirstIfYouTyped: "Close (asks first if you typed something)",
        .closeTheFormTheRulesYou: "Close the form? The rules you changed will be lost.",
        .closeTheFormWhatYouTyped: "Close the form? What you typed will be lost.",
        .coming: "coming: ",
        .coming30Days: "Coming 30 days",
        .comingUpUrgentFirst: "Coming up (URGENT first)",
        .completed: "Completed",
        .confirmed: "Confirmed",
        .confirmed2: "Confirmed",
        .conflictKeepTheServerSVersion: "Conflict: keep the server's version",
        .conflictKeepThisClinicSVersion: "Conflict: keep this clinic's version",
        .consult: "Consult.",
        .consultation: "Consultation",
        .consultationDeleted: "Consultation deleted.",
        .consultationSaved: "Consultation saved.",
        .consultations: "Consultations",
        .consultationsPerDayLast30Days: "Consultations per day, last 30 days (max {1})",
        .consultationsToday: "Consultations today",
        .ctrlSOrF10ShowsThe: "Ctrl+S or F10 shows the range.",
        .dashboard: "Dashboard",
        .dateAndTime: "Date and time",
        .dates: "Dates",
        .dayView: "Day view",
        .defaultJ1SmsH1: "default: J-1 SMS, H-1 SMS",
        .deleteBookedByMistake: "Delete (booked by mistake)",
        .deleteEnteredByMistake: "Delete (entered by mistake)",
        .deleteOfItWasBookedBy: "Delete “{1}” of {2}? It was booked by mistake and leaves no trace but the audit log.",
        .deleteThisConsultationOfOnlyOne: "Delete this consultation of {1}? Only one entered by mistake (scheduled or cancelled) can be.",
        .description: "Description",
        .diagnosis: "Diagnosis",
        .doIt: "Do it",
        .doctor: "Doctor",
        .doctor2: "doctor",
        .done: "Done",
        .dueNow: "Due now",
        .editIntervention: "Edit intervention",
        .editPatient: "Edit patient",
        .editTheConsultation: "Edit the consultation",
        .editThePatient: "Edit the patient",
        .editTimeRules: "Edit (time, rules…)",
        .email: "Email",
        .emergencyContact: "Emergency contact",
        .emergencyPhone: "Emergency phone",
        .enterNextSignInCtrlC: "Enter: next / sign in   Ctrl+C: quit",
        .enterToChoose: "(Enter to choose)",
        .everyPatient: "Every patient",
        .f1Help: " F1/? help ",
        .failed: "Failed",
        .failed2: "Failed",
        .findAPatient: "Find a patient",
        .findAnAction: "Find an action",
        .findAnyActionOrScreen: "Find any action or screen",
        .finishMarkDone: "Finish: mark done",
        .firstName: "First name",
        .forgetTheRuleChanges: "Forget the rule changes?",
        .fromDdMmYyyy: "From (DD/MM/YYYY)",
        .goTo: "Go to {1}",
        .highlightThePreviousNextItem: "Highlight the previous / next item",
        .home: "Home",
        .inConflict: "in conflict",
        .inProgress: "In progress",
        .interv: "Interv.",
        .intervention: "Intervention",
        .intervention2: "Intervention: ",
        .interventionDeleted: "Intervention deleted.",
        .interventionSavedWithItsReminders: "Intervention saved with its reminders.",
        .interventions: "Interventions",
        .interventions24H: "Interventions 24 h",
        .interventions30Days: "Interventions 30 days",
        .interventions7Days: "Interventions 7 days",
        .isBeforeTheStart: "is before the start",
        .itsTimeHasPassedTheServer: "⚠ Its time has passed: the server will refuse it when the clinic syncs.",
        .j2H690Or: "  J-2, H-6, -90 or -90:EMAIL",
        .keepTheServerSVersionOf: "Keep the server's version of {1}? This clinic's changes are set aside.",
        .keepTheseRules: "Keep these rules",
        .keepThisClinicSVersionOf: "Keep this clinic's version of {1}? It replaces the server's at the next sync.",
        .keys: "Keys: ",
        .keysOfThisScreenHelp: "Keys of this screen (help)",
        .lastName: "Last name",
        .lastSuccess: "Last success: ",
        .leaveTheSearchThenGoBack: "Leave the search, then go back",
        .linkToAnOrganization: "Link to an organization",
        .linkToThisOne: "Link to this one",
        .linkedTo: "Linked to {1}.",
        .location: "Location",
        .lockTheScreen: "Lock the screen",
        .lockTheScreenNow: "Lock the screen now",
        .lockedTypeYourPassword: "Locked: {1}, type your password",
        .markConfirmedByThePatient: "Mark confirmed by the patient",
        .markOfAsDoneItsPending: "Mark “{1}” of {2} as done? Its pending reminders are cancelled.",
        .markOfAsInProgress: "Mark “{1}” of {2} as in progress?",
        .markedConfirmed: "Marked confirmed.",
        .medicalNotes: "Medical notes",
        .medicalNotesHiddenForYourRole: "Medical notes: hidden for your role",
        .monthView: "Month view",
        .moveByADayOrA: "Move by a day or a week",
        .moveInTheList: "Move in the list",
        .nameFirstName: "NAME First name",
        .narrowTheListByTyping: "Narrow the list by typing",
        .never: "never",
        .newConsultation: "New consultation",
        .newIntervention: "New intervention",
        .newInterventionBook: "New intervention (book)",
        .newPatient: "New patient",
        .nextDoctorThenAll: "Next doctor (then all)",
        .nextField: "Next field",
        .nextPeriod: "Next period",
        .nextStatusThenAll: "Next status (then all)",
        .nextTab: "Next tab",
        .no: "No",
        .noConflictToSettle: "No conflict to settle.",
        .noConsultationInThisPeriodN: "No consultation in this period: n records one.",
        .noInterventionInThisPeriodN: "No intervention in this period: n books one.",
        .noPatientMatches: "No patient matches.",
        .noPatientYetNAddsOne: "No patient yet: n adds one.",
        .noReminderHere: "No reminder here.",
        .noRuleNoReminderWillBe: "No rule: no reminder will be sent.",
        .noRuleTheServerSDefaults: "No rule: the server's defaults apply (J-1 SMS and H-1 SMS).",
        .noneText: "none",
        .noneText2: "none",
        .normal: "normal",
        .notAllowed: "Not allowed: ",
        .notConnectedToAServerRun: "Not connected to a server: run `tapp sync login --server URL --email E`.",
        .notOfferedToYourRole: "Not offered to your role ({1}).",
        .notes: "Notes",
        .nothingBooked: "nothing booked",
        .nothingBookedInTheNext30: "Nothing booked in the next 30 days.",
        .nothingBookedThisDayNBooks: "Nothing booked this day: n books an intervention.",
        .nothingMatches: "Nothing matches.",
        .nothingMatchesEscEmptiesTheNarrowing: "Nothing matches: Esc empties the narrowing.",
        .nurse: "nurse",
        .off: " (off)",
        .offset: "Offset: ",
        .onlyAFailedReminderCanBe: "Only a failed reminder can be retried.",
        .onlyOnePatient: "Only one patient",
        .openTheConsultation: "Open the consultation",
        .openTheDayThenTheIntervention: "Open the day, then the intervention",
        .openTheHighlightedConsultationOrIntervention: "Open the highlighted consultation or intervention",
        .openTheIntervention: "Open the intervention",
        .openThePatientSRecord: "Open the patient's record",
        .openTheSelectedIntervention: "Open the selected intervention",
        .organization: "Organization",
        .organizations: "Organizations",
        .password: "Password",
        .pastServerWillRefuse: "  (past: server will refuse)",
        .patient: "Patient",
        .patientRecord: "Patient record",
        .patientS: "{1} patient(s)",
        .patientSaved: "Patient saved.",
        .patients: "Patients",
        .pending: "Pending",
        .phone: "Phone",
        .planned: "Planned",
        .previousField: "Previous field",
        .previousMonthWeekDay: "Previous month / week / day",
        .previousPeriod: "Previous period",
        .previousTab: "Previous tab",
        .priority: "Priority",
        .quit: "Quit",
        .quitQFromTheFirstScreen: "Quit (q from the first screen)",
        .quitWhatYouTypedInThe: "Quit? What you typed in the open form will be lost.",
        .reason: "Reason",
        .receptionist: "receptionist",
        .redrawTheScreen: "Redraw the screen",
        .refresh: "Refresh",
        .refused: "refused",
        .refusedByTheServer: "Refused by the server: {1}",
        .reminderRules: "Reminder rules",
        .reminderSuccess: "Reminder success",
        .reminders: "Reminders",
        .remindersBy: "Reminders by",
        .remindersDue: "Reminders due",
        .remindersFailed: "Reminders failed",
        .remindersPending: "Reminders pending",
        .remindersSentBy: "Reminders sent by: ",
        .removeTheRule: "Remove the rule",
        .retryAFailedReminder: "Retry a failed reminder",
        .rules: "Rules",
        .save: "Save",
        .scheduled: "Scheduled",
        .scroll: "Scroll",
        .search: "Search: ",
        .searchNameFirstNamePhone: "Search (name, first name, phone)",
        .sent: "Sent",
        .sent2: "sent",
        .sent3: "Sent",
        .server: "Server: ",
        .serverSVersion: "server's version: ",
        .setAside: "set aside",
        .settled: "Settled.",
        .signIn: "Sign in",
        .signInValidUntil: "Sign-in valid until ",
        .status: "Status",
        .sync: "Sync",
        .sync2: "Sync",
        .synced: "synced",
        .tappSyncSendsAndReceivesCron: "`tapp sync` sends and receives; cron can run it (see docs/sync.md).",
        .theReminderWillBeSentAgain: "The reminder will be sent again at the next sending.",
        .theServer: "the server",
        .thisAccountIsLockedAfterToo: "This account is locked after too many failed attempts; an administrator can unlock it.",
        .thisClinic: "this clinic",
        .thisMonth: "This month",
        .thisTimeHasPassedKeptHere: "This time has passed: kept here, but the server will refuse it when the clinic syncs.",
        .thisWeek: "This week",
        .titleOtherType: "Title (other type)",
        .to: "To: ",
        .toDdMmYyyy: "To (DD/MM/YYYY)",
        .toSend: "to send",
        .toSync: "{1} to sync",
        .today: "Today",
        .treatment: "Treatment",
        .turnTheRuleOnOrOff: "Turn the rule on or off",
        .type: "Type",
        .typeThePasswordThenEnterTo: "Type the password, then Enter, to unlock: what was being typed is kept as it was.",
        .unknown: "unknown",
        .urgent: "URGENT",
        .waitRoundedUpSBeforeTrying: "Wait {1} s before trying again.",
        .waitS: " Wait {1} s.",
        .waitingToBeSent: "Waiting to be sent: {1}",
        .weekView: "Week view",
        .when: "When",
        .willNotBeSentItsTime: "{1} will not be sent: its time has already passed.",
        .willNotBeSentTheirTime: "{1} will not be sent: their time has already passed.",
        .windowTooSmallNeeds: "Window too small: {1}×{2}, needs {3}×{4}",
        .wrongEmailOrPassword: "Wrong email or password.",
        .y: "y",
        .yes: "Yes",
        .yourRoleSeesWhenAndWith: "Your role sees when and with whom, not what was said.",
    ]

    public static let french: [ScreenKey: String] = [
        .compareAndMerge: "Comparer les deux et les fusionner",
        .notTheSamePerson: "Pas la même personne",
        .likelyDuplicates: "Doublons probables",
        .notTheSamePersonAsk: "{1} et {2} sont-ils deux personnes différentes ? La paire ne sera plus proposée.",
        .noLikelyDuplicate: "Aucun doublon probable.",
        .mergeTwoRecords: "Fusionner deux dossiers d'un même patient",
        .pickTheValueKept: "Choisir la valeur gardée",
        .swapWhichRecordIsKept: "Échanger le dossier gardé",
        .mergeThem: "Fusionner",
        .mergeIntoAsk: "Fusionner {1} dans {2} ? Ses consultations, interventions et rappels sont déplacés ; tapp patient unmerge l'annule.",
        .mergedUndoWithUnmerge: "Fusionnés. `tapp patient unmerge` l'annule.",
        .kept: "Gardé",
        .mergedIntoIt: "Fusionné dedans",
        .findLikelyDuplicates: "Doublons probables de patients (recherche)",
        .registerAnywayLooksLike: "Ce patient ressemble à {1}, déjà enregistré. Enregistrer quand même un nouveau patient ?",
        .alreadyRegisteredCtrlOOpens: "Probablement déjà enregistré (Ctrl+O ouvre le premier) :",
        .lastVisit: "dernière visite {1}",
        .ctrlOOpenExisting: "Ouvrir le dossier existant probable",
        .notSavedChangedThisRecordAt: "Non enregistré : {1} a modifié cette fiche à {2}. Échap, rouvrez-la et refaites votre modification.",
        .someoneElse: "quelqu'un d'autre",
        .nextMonthWeekDay: "Mois / semaine / jour suivant",
        .aRangeOfDates: "Une période",
        .addACustomOffsetJ2: "Ajouter un délai (J-2, H-6, -90)",
        .addOrRemoveH2: "Ajouter ou retirer H-2",
        .addOrRemoveJ1: "Ajouter ou retirer J-1",
        .addOrRemoveJ3: "Ajouter ou retirer J-3",
        .addOrRemoveJ7A: "Ajouter ou retirer J-7 (une semaine avant)",
        .address: "Adresse",
        .administrator: "administrateur",
        .allDates: "toutes dates",
        .allDates2: "Toutes les dates",
        .allDoctors: "tous médecins",
        .allStatuses: "tous statuts",
        .alreadyHasWithThisDoctorAt: "{1} a déjà « {2} » avec ce médecin le {3}. La programmer encore ?",
        .alreadyLinkedToEveryOrganization: "Déjà rattaché à toutes les organisations.",
        .anyKeyClosesTheHelp: "Une touche ferme l'aide.",
        .attachments: "Pièces jointes",
        .attempts: "   essais : ",
        .back: "Retour",
        .backClose: "Retour / fermer",
        .backWithoutChange: "Retour sans changer",
        .backWithoutLinking: "Retour sans rattacher",
        .beginMarkInProgress: "Commencer : en cours",
        .bloodType: "Groupe sanguin",
        .born: "Né(e) le",
        .bornDdMmYyyy: "Né(e) le (JJ/MM/AAAA)",
        .calendar: "Calendrier",
        .calendarMonthWeekDay: "Calendrier (mois, semaine, jour)",
        .calendarOfInterventions: "Calendrier des interventions",
        .cancelOfItsPendingRemindersAre: "Annuler « {1} » de {2} ? Ses rappels en attente sont annulés.",
        .cancelTheIntervention: "Annuler l'intervention",
        .cancelled: "Annulés",
        .cancelled2: "Annulée",
        .cancelled3: "Annulé",
        .changeAChoice: "Changer un choix",
        .changeTheChannelSmsEmailPush: "Changer le canal (SMS, EMAIL, PUSH)",
        .changedHereAndOnTheServer: "Modifiés ici et sur le serveur : {1}",
        .choose: "Choisir",
        .chooseAPatient: "Choisir un patient",
        .chooseAnUpcomingIntervention: "Choisir une intervention à venir",
        .chooseEnterAnswersEscNo: "←/→ choisir, Entrée répond, Échap : non",
        .chooseThisPatient: "Choisir ce patient",
        .clearToTheStartOfThe: "Effacer jusqu'au début du champ",
        .close: "Fermer",
        .closeAsksFirstIfYouTyped: "Fermer (demande si vous avez tapé)",
        .closeTheFormTheRulesYou: "Fermer le formulaire ? Les règles modifiées seront perdues.",
        .closeTheFormWhatYouTyped: "Fermer le formulaire ? Ce que vous avez tapé sera perdu.",
        .coming: "à venir : ",
        .coming30Days: "Les 30 jours à venir",
        .comingUpUrgentFirst: "À venir (URGENT d'abord)",
        .completed: "Faite",
        .confirmed: "Confirmés",
        .confirmed2: "Confirmé",
        .conflictKeepTheServerSVersion: "Conflit : garder la version du serveur",
        .conflictKeepThisClinicSVersion: "Conflit : garder la version de la clinique",
        .consult: "Consult.",
        .consultation: "Consultation",
        .consultationDeleted: "Consultation supprimée.",
        .consultationSaved: "Consultation enregistrée.",
        .consultations: "Consultations",
        .consultationsPerDayLast30Days: "Consultations par jour, 30 derniers jours (max {1})",
        .consultationsToday: "Consultations du jour",
        .ctrlSOrF10ShowsThe: "Ctrl+S ou F10 affiche la période.",
        .dashboard: "Tableau de bord",
        .dateAndTime: "Date et heure",
        .dates: "Période",
        .dayView: "Vue jour",
        .defaultJ1SmsH1: "par défaut : J-1 SMS, H-1 SMS",
        .deleteBookedByMistake: "Supprimer (prise par erreur)",
        .deleteEnteredByMistake: "Supprimer (saisie par erreur)",
        .deleteOfItWasBookedBy: "Supprimer « {1} » de {2} ? Prise par erreur, elle ne laisse que le journal d'audit.",
        .deleteThisConsultationOfOnlyOne: "Supprimer cette consultation de {1} ? Seule une saisie par erreur (prévue ou annulée) peut l'être.",
        .description: "Description",
        .diagnosis: "Diagnostic",
        .doIt: "Exécuter",
        .doctor: "Médecin",
        .doctor2: "médecin",
        .done: "Terminée",
        .dueNow: "À envoyer",
        .editIntervention: "Modifier l'intervention",
        .editPatient: "Modifier le patient",
        .editTheConsultation: "Modifier la consultation",
        .editThePatient: "Modifier le patient",
        .editTimeRules: "Modifier (heure, règles…)",
        .email: "Email",
        .emergencyContact: "Contact d'urgence",
        .emergencyPhone: "Tél. d'urgence",
        .enterNextSignInCtrlC: "Entrée : suivant / connexion   Ctrl+C : quitter",
        .enterToChoose: "(Entrée pour choisir)",
        .everyPatient: "Tous les patients",
        .f1Help: " F1/? aide ",
        .failed: "Échoués",
        .failed2: "Échoué",
        .findAPatient: "Chercher un patient",
        .findAnAction: "Trouver une action",
        .findAnyActionOrScreen: "Trouver une action ou un écran",
        .finishMarkDone: "Terminer",
        .firstName: "Prénom",
        .forgetTheRuleChanges: "Oublier les changements de règles ?",
        .fromDdMmYyyy: "Du (JJ/MM/AAAA)",
        .goTo: "Aller à {1}",
        .highlightThePreviousNextItem: "Élément précédent / suivant",
        .home: "Accueil",
        .inConflict: "en conflit",
        .inProgress: "En cours",
        .interv: "Interv.",
        .intervention: "Intervention",
        .intervention2: "Intervention : ",
        .interventionDeleted: "Intervention supprimée.",
        .interventionSavedWithItsReminders: "Intervention enregistrée avec ses rappels.",
        .interventions: "Interventions",
        .interventions24H: "Interventions 24 h",
        .interventions30Days: "Interventions 30 jours",
        .interventions7Days: "Interventions 7 jours",
        .isBeforeTheStart: "est avant le début",
        .itsTimeHasPassedTheServer: "⚠ Son heure est passée : le serveur la refusera à la synchronisation.",
        .j2H690Or: "  J-2, H-6, -90 ou -90:EMAIL",
        .keepTheServerSVersionOf: "Garder la version du serveur pour {1} ? Les changements de la clinique sont écartés.",
        .keepTheseRules: "Garder ces règles",
        .keepThisClinicSVersionOf: "Garder la version de la clinique pour {1} ? Elle remplacera celle du serveur.",
        .keys: "Touches : ",
        .keysOfThisScreenHelp: "Touches de cet écran (aide)",
        .lastName: "Nom",
        .lastSuccess: "Dernier succès : ",
        .leaveTheSearchThenGoBack: "Quitter la recherche, puis revenir",
        .linkToAnOrganization: "Rattacher à une organisation",
        .linkToThisOne: "Rattacher à celle-ci",
        .linkedTo: "Rattaché à {1}.",
        .location: "Lieu",
        .lockTheScreen: "Verrouiller l'écran",
        .lockTheScreenNow: "Verrouiller l'écran",
        .lockedTypeYourPassword: "Verrouillé : {1}, tapez votre mot de passe",
        .markConfirmedByThePatient: "Marquer confirmé par le patient",
        .markOfAsDoneItsPending: "Terminer « {1} » de {2} ? Ses rappels en attente sont annulés.",
        .markOfAsInProgress: "Passer « {1} » de {2} en cours ?",
        .markedConfirmed: "Marqué confirmé.",
        .medicalNotes: "Notes médicales",
        .medicalNotesHiddenForYourRole: "Notes médicales : masquées pour votre rôle",
        .monthView: "Vue mois",
        .moveByADayOrA: "Changer de jour ou de semaine",
        .moveInTheList: "Se déplacer",
        .nameFirstName: "NOM Prénom",
        .narrowTheListByTyping: "Filtrer la liste en tapant",
        .never: "jamais",
        .newConsultation: "Nouvelle consultation",
        .newIntervention: "Nouvelle intervention",
        .newInterventionBook: "Nouvelle intervention (rendez-vous)",
        .newPatient: "Nouveau patient",
        .nextDoctorThenAll: "Médecin suivant (puis tous)",
        .nextField: "Champ suivant",
        .nextPeriod: "Période suivante",
        .nextStatusThenAll: "Statut suivant (puis tous)",
        .nextTab: "Onglet suivant",
        .no: "Non",
        .noConflictToSettle: "Aucun conflit à régler.",
        .noConsultationInThisPeriodN: "Aucune consultation sur cette période : n en ajoute une.",
        .noInterventionInThisPeriodN: "Aucune intervention sur cette période : n en prévoit une.",
        .noPatientMatches: "Aucun patient ne correspond.",
        .noPatientYetNAddsOne: "Aucun patient : n en ajoute un.",
        .noReminderHere: "Aucun rappel ici.",
        .noRuleNoReminderWillBe: "Aucune règle : aucun rappel ne sera envoyé.",
        .noRuleTheServerSDefaults: "Aucune règle : les règles par défaut s'appliquent (J-1 SMS et H-1 SMS).",
        .noneText: "aucun",
        .noneText2: "aucune",
        .normal: "normale",
        .notAllowed: "Non autorisé : ",
        .notConnectedToAServerRun: "Pas de serveur : lancez `tapp sync login --server URL --email E`.",
        .notOfferedToYourRole: "Non proposé à votre rôle ({1}).",
        .notes: "Notes",
        .nothingBooked: "rien de prévu",
        .nothingBookedInTheNext30: "Rien de prévu dans les 30 jours.",
        .nothingBookedThisDayNBooks: "Rien de prévu ce jour : n prévoit une intervention.",
        .nothingMatches: "Rien ne correspond.",
        .nothingMatchesEscEmptiesTheNarrowing: "Rien ne correspond : Échap vide le filtre.",
        .nurse: "infirmier·e",
        .off: " (désactivé)",
        .offset: "Délai : ",
        .onlyAFailedReminderCanBe: "Seul un rappel échoué peut être renvoyé.",
        .onlyOnePatient: "Un seul patient",
        .openTheConsultation: "Ouvrir la consultation",
        .openTheDayThenTheIntervention: "Ouvrir le jour, puis l'intervention",
        .openTheHighlightedConsultationOrIntervention: "Ouvrir la consultation ou l'intervention en surbrillance",
        .openTheIntervention: "Ouvrir l'intervention",
        .openThePatientSRecord: "Ouvrir le dossier du patient",
        .openTheSelectedIntervention: "Ouvrir l'intervention choisie",
        .organization: "Organisation",
        .organizations: "Organisations",
        .password: "Mot de passe",
        .pastServerWillRefuse: "  (passée : refusée par le serveur)",
        .patient: "Patient",
        .patientRecord: "Dossier patient",
        .patientS: "{1} patient(s)",
        .patientSaved: "Patient enregistré.",
        .patients: "Patients",
        .pending: "En attente",
        .phone: "Téléphone",
        .planned: "Prévue",
        .previousField: "Champ précédent",
        .previousMonthWeekDay: "Mois / semaine / jour précédent",
        .previousPeriod: "Période précédente",
        .previousTab: "Onglet précédent",
        .priority: "Priorité",
        .quit: "Quitter",
        .quitQFromTheFirstScreen: "Quitter (q depuis le premier écran)",
        .quitWhatYouTypedInThe: "Quitter ? Ce que vous avez tapé dans le formulaire ouvert sera perdu.",
        .reason: "Motif",
        .receptionist: "accueil",
        .redrawTheScreen: "Redessiner l'écran",
        .refresh: "Actualiser",
        .refused: "refusés",
        .refusedByTheServer: "Refusés par le serveur : {1}",
        .reminderRules: "Règles de rappel",
        .reminderSuccess: "Rappels réussis",
        .reminders: "Rappels",
        .remindersBy: "Rappels par",
        .remindersDue: "Rappels à envoyer",
        .remindersFailed: "Rappels échoués",
        .remindersPending: "Rappels en attente",
        .remindersSentBy: "Rappels envoyés par : ",
        .removeTheRule: "Retirer la règle",
        .retryAFailedReminder: "Renvoyer un rappel échoué",
        .rules: "Règles",
        .save: "Enregistrer",
        .scheduled: "Prévue",
        .scroll: "Défiler",
        .search: "Recherche : ",
        .searchNameFirstNamePhone: "Chercher (nom, prénom, téléphone)",
        .sent: "Envoyés",
        .sent2: "envoyés",
        .sent3: "Envoyé",
        .server: "Serveur : ",
        .serverSVersion: "version du serveur : ",
        .setAside: "écartés",
        .settled: "Réglé.",
        .signIn: "Connexion",
        .signInValidUntil: "Connexion valable jusqu'au ",
        .status: "Statut",
        .sync: "Synchro",
        .sync2: "Synchronisation",
        .synced: "à jour",
        .tappSyncSendsAndReceivesCron: "`tapp sync` envoie et reçoit ; cron peut le lancer (voir docs/sync.md).",
        .theReminderWillBeSentAgain: "Le rappel repartira au prochain envoi.",
        .theServer: "le serveur",
        .thisAccountIsLockedAfterToo: "Ce compte est verrouillé après trop d'échecs ; un administrateur peut le débloquer.",
        .thisClinic: "cette clinique",
        .thisMonth: "Ce mois",
        .thisTimeHasPassedKeptHere: "Heure passée : gardée ici, mais le serveur la refusera à la synchronisation.",
        .thisWeek: "Cette semaine",
        .titleOtherType: "Intitulé (autre type)",
        .to: "À : ",
        .toDdMmYyyy: "Au (JJ/MM/AAAA)",
        .toSend: "à envoyer",
        .toSync: "{1} à envoyer",
        .today: "Aujourd'hui",
        .treatment: "Traitement",
        .turnTheRuleOnOrOff: "Activer ou désactiver la règle",
        .type: "Type",
        .typeThePasswordThenEnterTo: "Tapez le mot de passe, puis Entrée, pour déverrouiller : la saisie en cours est gardée telle quelle.",
        .unknown: "inconnu",
        .urgent: "URGENT",
        .waitRoundedUpSBeforeTrying: "Attendez {1} s avant de réessayer.",
        .waitS: " Attendez {1} s.",
        .waitingToBeSent: "En attente d'envoi : {1}",
        .weekView: "Vue semaine",
        .when: "Quand",
        .willNotBeSentItsTime: "{1} ne partira pas : son heure est déjà passée.",
        .willNotBeSentTheirTime: "{1} ne partiront pas : leur heure est déjà passée.",
        .windowTooSmallNeeds: "Fenêtre trop petite : {1}×{2}, il faut {3}×{4}",
        .wrongEmailOrPassword: "Email ou mot de passe incorrect.",
        .y: "ans",
        .yes: "Oui",
        .yourRoleSeesWhenAndWith: "Votre rôle voit quand et avec qui, pas le contenu.",
    ]
}

extension Lang {
    /// The text of a key in this language.
    public subscript(_ key: ScreenKey) -> String {
        (self == .fr ? ScreenText.french : ScreenText.english)[key] ?? key.rawValue
    }

    /// The text of a key with its values in their `{n}` places.
    public func text(_ key: ScreenKey, _ values: String...) -> String {
        var text = self[key]
        for (i, value) in values.enumerated().reversed() { text = text.replacingOccurrences(of: "{\(i + 1)}", with: value) }
        return text
    }
}
