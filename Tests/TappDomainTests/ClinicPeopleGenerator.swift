import Foundation
@testable import TappDomain

/// A labelled set of patients as a Cameroonian clinic's register holds them, made from a seed: people with French and
/// Cameroonian names, second records of some of them typed as a hurried receptionist would, and look-alikes
/// (twins, a parent and child of the same name, namesakes) who are other people.
struct ClinicPeopleGenerator {
    struct Person {
        var id: String
        var first: String
        var last: String
        var birth: CalendarDate?
        var phone: String?
        var email: String?

        var traits: PatientTraits { PatientTraits(id: id, firstName: first, lastName: last, birth: birth, phone: phone, email: email) }
    }

    enum Kind: String, CaseIterable { case twins, parentAndChild, namesakes }

    var random: SplitMix64
    private(set) var people: [Person] = []
    /// The pairs of ids that are one person.
    private(set) var duplicates: Set<[String]> = []
    /// The pairs of ids that look alike but are two people, with what they are.
    private(set) var lookAlikes: [[String]: Kind] = [:]
    private var nextId = 0

    static let femaleFirst = ["Honorine", "Marie", "Hélène", "Christelle", "Brigitte", "Françoise", "Joséphine", "Odette",
                              "Thérèse", "Pauline", "Béatrice", "Cécile", "Yvonne", "Rose", "Esther", "Philomène", "Clarisse",
                              "Sandrine", "Murielle", "Nadège", "Georgette", "Angèle", "Solange", "Chantal", "Jacqueline",
                              "Véronique", "Estelle", "Aïcha", "Fadimatou", "Hadidja", "Ramatou", "Mireille", "Gisèle",
                              "Sylvie", "Edwige", "Prisca", "Raïssa", "Larissa", "Laure", "Ornella", "Nathalie", "Carine",
                              "Germaine", "Bernadette", "Agnès", "Lucienne", "Marthe", "Suzanne", "Monique", "Irène"]
    static let maleFirst = ["Jean", "Paul", "Pierre", "Joseph", "Emmanuel", "François", "Jacques", "André", "Martin", "Samuel",
                            "Christian", "Hervé", "Thierry", "Alain", "Serge", "Roger", "Patrice", "Blaise", "Célestin",
                            "Théophile", "Philippe", "Stéphane", "Rodrigue", "Armand", "Gaston", "Guy", "Yves", "Yannick",
                            "Hamadou", "Moussa", "Oumarou", "Ibrahim", "Aboubakar", "Achille", "Boniface", "Cyprien",
                            "Donatien", "Eric", "Fabrice", "Gervais", "Hilaire", "Isidore", "Jules", "Landry", "Marcel",
                            "Norbert", "Olivier", "Raoul", "Sylvain", "Victor", "Wilfried", "Zacharie", "Honoré", "Quentin"]
    static let last = ["Doumbé", "Nguema", "Mballa", "Owona", "Ekambi", "Ngo Biyong", "Ngo Bassa", "Atangana", "Essomba",
                       "Fouda", "Manga", "Mbarga", "Ndongo", "Nkoulou", "Onana", "Eto'o", "Ndjock", "Tchoupo", "Kamga",
                       "Fotso", "Tchakounté", "Njoya", "Djoumessi", "Ebogo", "Abena", "Mvondo", "Bella", "Biya", "Ayissi",
                       "Zambo", "Belinga", "Nkodo", "Mbida", "Ngono", "Messi", "Tsala", "Ondoua", "Nga Eloundou",
                       "Mendouga", "Nana", "Tchinda", "Wamba", "Kouam", "Fokou", "Nguimfack", "Tagne", "Yimga",
                       "Ngassa", "Mbappé", "Eyenga", "Ze Nguele", "Ella", "Edzoa", "Bekolo", "Mebara", "Abanda",
                       "Ngoumou", "Ombolo", "Essama", "Kouoh", "Ndiaye", "N'Diaye", "Moukoko", "Ekwalla", "Dikoume",
                       "Epée", "Ewané", "Kotto", "Mouelle", "Njanga", "Hamidou", "Bouba", "Sali", "Yaya", "Ahidjo",
                       "Philippe", "Mouthé", "Chouaibou", "Tchouaméni", "Ngankam", "Quenum", "Kuété", "Yonkeu", "Happi",
                       "Hell", "Thiam", "Cissé", "Koumba", "Mengue", "Ngah", "Obama", "Olinga", "Pokam", "Simo"]

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    /// The whole set: `people` base records, `dups` second records, `alikes` look-alike pairs.
    static func make(seed: UInt64, people count: Int, duplicates dups: Int, lookAlikes alikes: Int) -> ClinicPeopleGenerator {
        var generator = ClinicPeopleGenerator(seed: seed)
        for _ in 0..<count { generator.people.append(generator.person()) }
        for _ in 0..<dups {
            let original = generator.people[generator.int(0..<count)]
            var copy = generator.hurriedCopy(of: original)
            copy.id = generator.newId()
            generator.people.append(copy)
            generator.duplicates.insert([original.id, copy.id].sorted())
            // A record already a duplicate of the original is one of this one too.
            for pair in generator.duplicates where pair.contains(original.id) && !pair.contains(copy.id) {
                let other = pair[0] == original.id ? pair[1] : pair[0]
                generator.duplicates.insert([other, copy.id].sorted())
            }
        }
        for n in 0..<alikes {
            let kind = Kind.allCases[n % Kind.allCases.count]
            // Look-alikes are told apart by their birth dates: both have one.
            var a = generator.person(adult: kind == .parentAndChild)
            if a.birth == nil { a.birth = generator.date(year: generator.int(1940..<1985)) }
            var b = a
            b.id = generator.newId()
            switch kind {
            case .twins:
                b.first = generator.otherFirstName(than: a.first)
                b.email = nil
            case .parentAndChild:
                if let birth = a.birth {
                    b.birth = generator.date(year: birth.year + generator.int(18..<40))
                }
                b.email = nil
            case .namesakes:
                b.birth = generator.date(year: generator.int(1940..<2024))
                b.phone = generator.phone()
                b.email = nil
            }
            if generator.chance(0.3) { b = generator.typedOtherwise(b) }
            generator.people.append(a)
            generator.people.append(b)
            generator.lookAlikes[[a.id, b.id].sorted()] = kind
        }
        return generator
    }

    mutating func newId() -> String {
        nextId += 1
        return String(format: "p%06d", nextId)
    }

    mutating func int(_ range: Range<Int>) -> Int { Int.random(in: range, using: &random) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &random) < p }
    mutating func pick<T>(_ list: [T]) -> T { list[int(0..<list.count)] }

    mutating func date(year: Int) -> CalendarDate? {
        try? CalendarDate(year: min(year, 2025), month: int(1..<13), day: int(1..<29))
    }

    mutating func phone() -> String {
        let prefix = pick(["6", "6", "6", "2"])
        var digits = prefix + pick(["5", "7", "9", "8", "2"])
        for _ in 0..<7 { digits += String(int(0..<10)) }
        return "+237" + digits
    }

    mutating func person(adult: Bool = false) -> Person {
        let female = chance(0.55)
        var first = female ? pick(Self.femaleFirst) : pick(Self.maleFirst)
        if chance(0.15) { first += (female ? "-" : " ") + (female ? pick(Self.femaleFirst) : pick(Self.maleFirst)) }
        let last = pick(Self.last)
        let year = adult ? int(1940..<1985) : int(1940..<2024)
        let birth = chance(0.93) ? date(year: year) : nil
        let phone = chance(0.9) ? phone() : nil
        let email = chance(0.2) ? "\(SoundKey.letters(first).prefix(6).map { String(UnicodeScalar($0)) }.joined()).\(int(1..<999))@mail.cm" : nil
        return Person(id: newId(), first: first, last: last, birth: birth, phone: phone, email: email)
    }

    /// A first name sharing no word with `name` (twins are not named `Prisca` and `Prisca-Solange`).
    mutating func otherFirstName(than name: String) -> String {
        let pool = Self.femaleFirst + Self.maleFirst
        let words = name.split(whereSeparator: { $0 == " " || $0 == "-" })
        for _ in 0..<1000 {
            let candidate = pick(pool)
            if !words.contains(where: { $0 == candidate }) { return candidate }
        }
        return "Zacharie"
    }

    /// A second record of someone, as a receptionist in a hurry types it: one to three mistakes.
    mutating func hurriedCopy(of person: Person) -> Person {
        var copy = person
        let mistakes = int(1..<4)
        for _ in 0..<mistakes {
            switch int(0..<10) {
            case 0: copy.first = dropAccents(copy.first); copy.last = dropAccents(copy.last)
            case 1: if chance(0.5) { copy.first = slip(copy.first) } else { copy.last = slip(copy.last) }
            case 2: if chance(0.5) { copy.first = soundAlike(copy.first) } else { copy.last = soundAlike(copy.last) }
            case 3: (copy.first, copy.last) = (copy.last, copy.first)
            case 4: copy.first = partOfCompound(copy.first); copy.last = partOfCompound(copy.last)
            case 5: if let phone = copy.phone { copy.phone = otherFormat(phone) }
            case 6:
                if let b = copy.birth, b.day <= 12, let swapped = try? CalendarDate(year: b.year, month: b.day, day: b.month) {
                    copy.birth = swapped
                }
            case 7:
                // A field left empty: the birth date or the phone, as long as the other is there to tell the person
                // from a namesake; else the email.
                if copy.phone != nil, copy.birth != nil {
                    if chance(0.5) { copy.birth = nil } else { copy.phone = nil }
                } else {
                    copy.email = nil
                }
            case 8: copy.last = copy.last.uppercased(); copy.first = copy.first.lowercased()
            default: copy = typedOtherwise(copy)
            }
        }
        return copy
    }

    mutating func typedOtherwise(_ person: Person) -> Person {
        var copy = person
        copy.first = dropAccents(copy.first)
        if let phone = copy.phone { copy.phone = otherFormat(phone) }
        return copy
    }

    func dropAccents(_ text: String) -> String {
        text.folding(options: [.diacriticInsensitive], locale: nil)
    }

    /// One typing slip in a word of four letters or more: a letter dropped, doubled, swapped with the next, or replaced.
    mutating func slip(_ name: String) -> String {
        var letters = Array(name)
        guard letters.count >= 4 else { return name }
        let at = int(1..<(letters.count - 1))
        guard letters[at].isLetter, letters[at - 1].isLetter else { return name }
        switch int(0..<4) {
        case 0: letters.remove(at: at)
        case 1: letters.insert(letters[at], at: at)
        case 2: letters.swapAt(at, at - 1)
        default: letters[at] = pick(Array("aeiounrstmlk"))
        }
        return String(letters)
    }

    /// Another French spelling of the same sounds.
    mutating func soundAlike(_ name: String) -> String {
        let swaps = [("ou", "u"), ("u", "ou"), ("ph", "f"), ("f", "ph"), ("tch", "ch"), ("ch", "tch"), ("qu", "k"), ("c", "k"),
                     ("k", "c"), ("ll", "l"), ("l", "ll"), ("nn", "n"), ("n", "nn"), ("ss", "s"), ("tt", "t"), ("t", "tt"),
                     ("H", ""), ("y", "i"), ("i", "y"), ("'", ""), ("-", " "), (" ", ""), ("é", "e"), ("è", "e"), ("e", "é")]
        var order = Array(swaps.indices)
        order.shuffle(using: &random)
        for index in order {
            let (from, to) = swaps[index]
            if let range = name.range(of: from) { return name.replacingCharacters(in: range, with: to) }
        }
        return name
    }

    /// Part of a compound name only (`Ngo Biyong` → `Biyong`, `Marie-Claire` → `Marie`).
    mutating func partOfCompound(_ name: String) -> String {
        let parts = name.split(whereSeparator: { $0 == " " || $0 == "-" })
        guard parts.count > 1 else { return name }
        return String(chance(0.5) ? parts[parts.count - 1] : parts[0])
    }

    mutating func otherFormat(_ phone: String) -> String {
        let chars = Array(phone.filter(\.isASCIIDigit).suffix(9))
        guard chars.count == 9 else { return phone }
        let national = String(chars)
        let grouped = "\(String(chars[0..<3])) \(String(chars[3..<5])) \(String(chars[5..<7])) \(String(chars[7..<9]))"
        switch int(0..<5) {
        case 0: return national
        case 1: return grouped
        case 2: return "00237 " + grouped
        case 3: return grouped.replacingOccurrences(of: " ", with: ".")
        default: return "237" + national
        }
    }
}
