import Foundation
import TappDomain

/// The checks a form runs on a field as the person leaves it, in the reader's language: the same rules the store
/// applies on save, so that a wrong date or email is said at once.
enum FormChecks {
    static func dateTime(_ env: Env, field: String) -> [String: (String) -> String?] {
        let clock = env.clock, now = env.now, french = env.lang.isFrench
        return [field: { text in
            do throws(FieldError) {
                _ = try clock.read(text, field: field, now: now)
                return nil
            } catch {
                return error.text(french: french)
            }
        }]
    }

    /// Days (`08/12/2026` or `2026-12-08`), as the range form asks for them.
    static func days(_ env: Env, fields: [String]) -> [String: (String) -> String?] {
        let french = env.lang.isFrench
        var checks: [String: (String) -> String?] = [:]
        for field in fields {
            checks[field] = { text in
                do throws(FieldError) { _ = try CalendarDate.parse(text, field: field); return nil } catch { return error.text(french: french) }
            }
        }
        return checks
    }

    static func patient(_ env: Env) -> [String: (String) -> String?] {
        let french = env.lang.isFrench, today = env.today
        return [
            "dateOfBirth": { text in
                do throws(FieldError) {
                    let day = try CalendarDate.parse(text, field: "dateOfBirth")
                    return day <= today ? nil : Phrase(.futureBirth).text(french: french)
                } catch {
                    return error.text(french: french)
                }
            },
            "email": { text in
                do throws(FieldError) { _ = try Contact.email(text, field: "email"); return nil } catch { return error.text(french: french) }
            },
            "phone": { text in
                do throws(FieldError) { _ = try Contact.phone(text, field: "phone"); return nil } catch { return error.text(french: french) }
            },
            "emergencyContactPhone": { text in
                do throws(FieldError) { _ = try Contact.phone(text, field: "emergencyContactPhone"); return nil } catch {
                    return error.text(french: french)
                }
            },
        ]
    }
}
