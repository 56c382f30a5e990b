import TappAPI
import TappDomain

/// The JSON schemas of the API's bodies, with the rules the server enforces: required fields, no other field
/// (`additionalProperties: false`), formats, enums, lengths, integer ranges, and no control character (C0, DEL, C1)
/// in any text, but for tab and line feed in the few fields that hold several lines.
enum OpenAPISchemas {
    /// A text with no control character.
    static let singleLine = "^[^\\u0000-\\u001F\\u007F-\\u009F]*$"
    /// A text whose only control characters are tab and line feed.
    static let multiLine = "^[^\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F]*$"
    /// A text with something other than blanks in it (and no control character).
    static let notBlank = "^[^\\u0000-\\u001F\\u007F-\\u009F]*[^\\s\\u0000-\\u001F\\u007F-\\u009F][^\\u0000-\\u001F\\u007F-\\u009F]*$"
    /// An ISO 8601 date, or date and time, as the server reads it: a real calendar day of a year from 1800 to 9999;
    /// then, optionally, `THH:MM[:SS[.fff]]` and an offset within ±18:00 or `Z` (without one, the clinic's time).
    static let dateTime: String = {
        let year = "(?:18|19|[2-9][0-9])[0-9]{2}"
        let leapYear = "(?:(?:18|19|[2-9][0-9])(?:0[48]|[2468][048]|[13579][26])|(?:[2468][048]|[3579][26])00)"
        let monthDay = "(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)"
        let time = "[Tt ](?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\\.[0-9]+)?)?"
        let offset = "(?:[Zz]|[+-](?:0[0-9]|1[0-7]):?[0-5][0-9]|[+-]18:?00)"
        return "^(?:\(year)-\(monthDay)|\(leapYear)-02-29)(?:\(time)\(offset)?)?$"
    }()

    static func string(format: String? = nil, enumeration: [String]? = nil, minLength: Int? = nil, multiline: Bool = false,
                       pattern: String? = nil) -> WireValue {
        var schema: WireValue = ["type": "string"]
        if let format { schema[field: "format"] = .string(format) }
        if let enumeration {
            schema[field: "enum"] = .strings(enumeration)
        } else {
            schema[field: "pattern"] = .string(pattern ?? (multiline ? multiLine : singleLine))
        }
        if let minLength { schema[field: "minLength"] = .integer(Int64(minLength)) }
        return schema
    }

    /// A date: no `format: date-time` (RFC 3339 asks for seconds and an offset; the server also takes a day alone,
    /// or a time without seconds or offset); `x-date` tells the API page to offer one.
    static var date: WireValue {
        var schema = string(pattern: dateTime)
        schema[field: "x-date"] = true
        schema[field: "description"] = "ISO 8601: YYYY-MM-DD, optionally THH:MM[:SS[.fff]] and Z or an offset within ±18:00"
        return schema
    }
    static var email: WireValue { string(format: "email") }

    /// An object of these properties and no other; an optional property may be null (as absent) unless in `notNull`
    /// (a change may not empty a field the record cannot be without).
    static func object(_ properties: WireValue, required: [String], notNull: [String] = []) -> WireValue {
        guard case .object(var fields) = properties else { return properties }
        for index in fields.indices where !required.contains(fields[index].key) && !notNull.contains(fields[index].key) {
            fields[index].value[field: "nullable"] = true
        }
        return ["type": "object", "properties": .object(fields), "required": .strings(required), "additionalProperties": false]
    }

    static var login: WireValue {
        object(["email": email, "password": string(minLength: 6)], required: ["email", "password"])
    }
    static var register: WireValue {
        object(["email": email, "password": string(minLength: 6), "phone": string(),
                "role": string(enumeration: Registration.roles), "timezone": string(), "organizationId": string(),
                "speciality": string(), "license": string()], required: ["email", "password"])
    }
    static var refresh: WireValue { object(["refresh_token": string()], required: ["refresh_token"]) }
    static func organization(required: Bool) -> WireValue {
        object(["name": string(minLength: 1)], required: required ? ["name"] : [], notNull: ["name"])
    }
    static var attach: WireValue { object(["role": string()], required: []) }
    static func person(required: Bool) -> WireValue {
        object(["fullName": string(minLength: 1, pattern: notBlank), "birthdate": date, "phone": string(), "email": email,
                "address": string()], required: required ? ["fullName"] : [], notNull: ["fullName"])
    }
    static var rule: WireValue {
        object(["offsetMinutes": ["type": "integer", "minimum": .integer(Int64(-ReminderOffset.limit)), "maximum": .integer(Int64(ReminderOffset.limit))],
                "channel": string(enumeration: ["EMAIL", "SMS", "PUSH"]), "enabled": ["type": "boolean"]],
               required: ["offsetMinutes", "channel"])
    }
    static func intervention(required: Bool) -> WireValue {
        var properties: WireValue = [
            "personId": string(), "doctorId": string(), "title": string(), "description": string(multiline: true),
            // In the future, at create and at any change that sends it.
            "scheduledAt": date, "priority": string(enumeration: InterventionsController.priorities),
            "location": string(), "rules": ["type": "array", "items": rule],
        ]
        if !required { properties[field: "status"] = string(enumeration: InterventionsController.statuses) }
        return object(properties, required: required ? ["personId", "doctorId", "title", "scheduledAt"] : [],
                      notNull: required ? [] : ["personId", "doctorId", "title", "scheduledAt", "priority", "status"])
    }
    static func consultation(required: Bool) -> WireValue {
        object(["personId": string(), "doctorId": string(), "dateTime": date, "notes": string(multiline: true),
                "attachments": ["type": "array", "items": string()],
                "status": string(enumeration: ConsultationsController.statuses)],
               required: required ? ["personId", "doctorId", "dateTime"] : [],
               notNull: required ? [] : ["personId", "doctorId", "dateTime", "status"])
    }
    static func reminder(required: Bool) -> WireValue {
        object(["interventionId": string(), "type": string(enumeration: RemindersController.types), "scheduledAt": date,
                "message": string(multiline: true), "recipient": string(),
                "status": string(enumeration: RemindersController.statuses)],
               required: required ? ["interventionId", "type", "scheduledAt"] : [],
               notNull: required ? [] : ["interventionId", "type", "scheduledAt", "status"])
    }

    /// Every error answer: NestJS's `{statusCode, message, error?}`, `message` a sentence or a list of them.
    static var error: WireValue {
        ["type": "object", "required": ["statusCode", "message"],
         "properties": ["statusCode": ["type": "integer"],
                        "message": ["oneOf": [["type": "string"], ["type": "array", "items": ["type": "string"]]]],
                        "error": ["type": "string"]]]
    }
}
