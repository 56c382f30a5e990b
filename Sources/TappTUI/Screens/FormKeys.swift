import TappDomain
import TappStore

/// The keys every form shares, its "leave?" question and how a refusal is put on it.
enum FormKeys {
    static func help(_ lang: Lang) -> [HelpLine] {
        [
            HelpLine([.ctrl("s"), .function(10)], lang[.save], footer: true),
            HelpLine([.tab, .down, .enter], lang[.nextField], footer: true),
            HelpLine([.backTab, .up], lang[.previousField]),
            HelpLine([.left, .right, .char(" ")], lang[.changeAChoice]),
            HelpLine([.escape], lang[.closeAsksFirstIfYouTyped], footer: true),
            HelpLine([.ctrl("u")], lang[.clearToTheStartOfThe]),
        ]
    }

    static func leave(_ form: Form, _ lang: Lang) -> Outcome {
        guard form.isChanged else { return .pop }
        return .ask(Question(lang[.closeTheFormWhatYouTyped], tag: "leave"))
    }

    /// Puts a refusal on the form: each field's error next to it, anything else under the fields.
    static func show(_ error: any Error, in form: inout Form, _ env: Env) {
        if case ClinicError.invalid(let failure) = error {
            form.show(errors: failure.errors.map { ($0.field, $0.text(french: env.lang.isFrench)) })
        } else if let failure = error as? ValidationFailure {
            form.show(errors: failure.errors.map { ($0.field, $0.text(french: env.lang.isFrench)) })
        } else {
            form.show(errors: [])
            form.problem = env.explain(error)
        }
    }
}
