import TappAPI
import TappDomain

extension RuleBody {
    /// The `rules` of an intervention's body, checked as the nested DTO (`rules.0.offsetMinutes …`) and read as
    /// `RuleBody`s: nil when absent or null, and when anything in them is refused (the sentences go into `rules`).
    static func list(in body: JSONBody, into rules: inout BodyRules) -> [RuleBody]? {
        guard let value = body["rules"], value != .null else { return nil }
        guard let list = value.items else {
            rules.fail("rules must be an array")
            // `@ValidateNested({ each: true })` adds its own sentence for a value that is neither an object nor an array.
            if value.fields == nil { rules.fail("each value in nested property rules must be either object or array") }
            return nil
        }
        var read: [RuleBody] = []
        var ok = true
        for (index, item) in list.enumerated() {
            guard let object = item.fields.map({ JSONBody($0) }) else {
                rules.fail("rules.\(index).nested property rules must be either object or array")
                ok = false
                continue
            }
            // Unknown fields first, in the body's order, as class-validator reports them.
            for key in BodyRules.unknown(object.keyOrder, known: ["offsetMinutes", "channel", "enabled"]) {
                rules.fail("rules.\(index).property \(key) should not exist")
                ok = false
            }
            // A whole number: JSON integers only (class-validator's IsInt / IsNumber with no decimals); `0` and `1`
            // are numbers here, never booleans.
            let number = object["offsetMinutes"]?.wholeNumber
            if number == nil {
                rules.fail("rules.\(index).offsetMinutes must be a number conforming to the specified constraints")
                ok = false
            }
            let channel = object["channel"]?.string.flatMap(ReminderChannel.init(rawValue:))
            if channel == nil {
                rules.fail("rules.\(index).channel must be one of the following values: ")
                ok = false
            }
            let enabled = object["enabled"]
            if let enabled, enabled != .null, enabled.bool == nil {
                rules.fail("rules.\(index).enabled must be a boolean value")
                ok = false
            }
            // Within a year either way (the real server takes any integer and then fails on the date): class-validator's
            // own Min/Max wording.
            if let number, number > ReminderOffset.limit {
                rules.fail("rules.\(index).offsetMinutes must not be greater than \(ReminderOffset.limit)")
                ok = false
            } else if let number, number < -ReminderOffset.limit {
                rules.fail("rules.\(index).offsetMinutes must not be less than -\(ReminderOffset.limit)")
                ok = false
            } else if let number, let channel {
                read.append(RuleBody(offsetMinutes: number, channel: channel, enabled: enabled?.bool))
            }
        }
        return ok ? read : nil
    }
}
