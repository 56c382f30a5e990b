import Foundation
import TappDomain
import TappStore

/// Two records of one patient side by side: ←/→ pick, field by field, the value the kept record takes; `s` swaps which
/// record is kept; Ctrl+S merges (asked first). The other record stays as "merged into" the kept one, and
/// `tapp patient unmerge` restores both.
public struct MergeScreen: Screen {
    var keep: Patient
    var other: Patient
    /// For each field, whether the kept record takes the other's value.
    var takeOther: [String: Bool] = [:]
    var list = ListCursor()

    static let fields: [(id: String, label: ScreenKey)] = [
        ("lastName", .lastName), ("firstName", .firstName), ("dateOfBirth", .born), ("phone", .phone), ("email", .email),
        ("address", .address), ("emergencyContactName", .emergencyContact), ("emergencyContactPhone", .emergencyPhone),
    ]

    public init(keep: Patient, other: Patient) {
        self.keep = keep
        self.other = other
        list.count = Self.fields.count
        // An empty value is filled from the other record.
        for (id, _) in Self.fields where Self.value(keep, id).isEmpty && !Self.value(other, id).isEmpty { takeOther[id] = true }
    }

    public func title(_ lang: Lang) -> String { lang[.mergeTwoRecords] }
    public func help(_ lang: Lang) -> [HelpLine] {
        [HelpLine([.left, .right], lang[.pickTheValueKept], footer: true), HelpLine([.char("s")], lang[.swapWhichRecordIsKept], footer: true),
         HelpLine([.ctrl("s")], lang[.mergeThem], footer: true), HelpLine([.escape], lang[.back], footer: true)]
    }

    static func value(_ p: Patient, _ id: String) -> String {
        let input = PatientInput(p.fields)
        switch id {
        case "lastName": return input.lastName
        case "firstName": return input.firstName
        case "dateOfBirth": return input.dateOfBirth
        case "phone": return input.phone
        case "email": return input.email
        case "address": return input.address
        case "emergencyContactName": return input.emergencyContactName
        default: return input.emergencyContactPhone
        }
    }

    /// The kept record's fields as chosen.
    var chosen: PatientInput {
        var input = PatientInput(keep.fields)
        func pick(_ id: String) -> String { takeOther[id] == true ? Self.value(other, id) : Self.value(keep, id) }
        input.lastName = pick("lastName")
        input.firstName = pick("firstName")
        input.dateOfBirth = pick("dateOfBirth")
        input.phone = pick("phone")
        input.email = pick("email")
        input.address = pick("address")
        input.emergencyContactName = pick("emergencyContactName")
        input.emergencyContactPhone = pick("emergencyContactPhone")
        return input
    }

    public mutating func handle(_ key: Key, _ env: inout Env) -> Outcome {
        if list.move(key, visible: Self.fields.count) { return .handled }
        let id = Self.fields[list.selected].id
        switch key {
        case .left: takeOther[id] = false
        case .right: takeOther[id] = true
        case .char("s"):
            swap(&keep, &other)
            takeOther = [:]
        case .ctrl("s"), .function(10):
            return .ask(Question(env.lang.text(.mergeIntoAsk, DuplicatesScreen.name(other), DuplicatesScreen.name(keep)), tag: "merge"))
        default: return .ignored
        }
        return .handled
    }

    public mutating func confirmed(_ question: Question, _ env: inout Env) -> Outcome {
        do {
            try env.database.merge(keep: keep.id, other: other.id, fields: chosen, by: env.session, now: env.now)
            return .popAndSay(env.lang[.mergedUndoWithUnmerge])
        } catch {
            return .say(env.explain(error))
        }
    }

    public func draw(_ grid: inout Grid, _ area: Rect, _ env: Env) {
        let lang = env.lang
        grid.write(title(lang), row: area.row, column: 1, style: .title)
        let column = max(12, (area.width - 22) / 2)
        grid.write(TextWidth.pad("", 20) + TextWidth.pad(lang[.kept], column) + lang[.mergedIntoIt], row: area.row + 2, column: 1,
                   style: .dim, limit: area.width - 2)
        for (i, field) in Self.fields.enumerated() {
            let row = area.row + 3 + i
            let selected = i == list.selected
            let fromOther = takeOther[field.id] == true
            func shown(_ p: Patient) -> String {
                let v = Self.value(p, field.id)
                return v.isEmpty ? "—" : (field.id.hasSuffix("hone") ? PhoneNumber.grouped(v) : v)
            }
            let left = (fromOther ? "  " : "● ") + TextWidth.fit(shown(keep), column - 3)
            let right = (fromOther ? "● " : "  ") + TextWidth.fit(shown(other), column - 3)
            grid.write(TextWidth.pad(lang[field.label], 20) + TextWidth.pad(left, column) + right, row: row, column: 1,
                       style: selected ? .selected : .normal, limit: area.width - 2)
        }
    }
}
