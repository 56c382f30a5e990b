import Foundation

/// How a name sounds in French, as a key: two spellings a receptionist could hear the same way get the same key.
///
/// Accents and case go, then: `tch`/`sch`/`ch`/`sh` → one sound, `chr`/`chl` → `k`, `ph` → `f`, `qu`/`q`/`ck`/hard `c` → `k`,
/// soft `c` → `s`, `gu` before e/i → `g`, silent `h` dropped, `y` → `i`, `w` → `u`, `ou` → `u`, `eau`/`au` → `o`,
/// `ai`/`ei` → `e`, `dj` → `j`, `z` → `s`, `x` → `ks`; apostrophes, hyphens and spaces vanish; doubled letters count once.
/// `Doumbé` and `Dumbe`, `Honorine` and `Onorinne`, `Ngo Biyong` and `Ngobiyong`, `Tchoupo` and `Choupo` meet.
public enum SoundKey {
    /// The letters of a name, folded: lowercase ASCII `a`–`z` only.
    public static func letters(_ name: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count)
        for scalar in name.unicodeScalars {
            let value = scalar.value
            switch value {
            case 97...122: out.append(UInt8(value))
            case 65...90: out.append(UInt8(value + 32))
            case 0...127: continue
            default:
                // Latin letters with accents, folded without Foundation (which is slow on Linux); others through it.
                if let folded = latin[value] { out += folded } else {
                    let text = String(scalar).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                    out += text.utf8.compactMap { byte in
                        switch byte {
                        case 97...122: byte
                        case 65...90: byte + 32
                        default: nil
                        }
                    }
                }
            }
        }
        return out
    }

    /// The accented Latin letters of French and of Cameroonian names, folded.
    static let latin: [UInt32: [UInt8]] = {
        var table: [UInt32: [UInt8]] = [:]
        let groups: [(String, String)] = [("àáâãäåÀÁÂÃÄÅ", "a"), ("çÇ", "c"), ("èéêëÈÉÊË", "e"), ("ìíîïÌÍÎÏ", "i"), ("ñÑ", "n"),
                                          ("òóôõöøÒÓÔÕÖØ", "o"), ("ùúûüÙÚÛÜ", "u"), ("ýÿÝŸ", "y"), ("œŒ", "oe"), ("æÆ", "ae"),
                                          ("ßẞ", "ss"), ("ǝƏəɛƐ", "e"), ("ɔƆ", "o"), ("ŋŊ", "ng")]
        for (letters, folded) in groups {
            for scalar in letters.unicodeScalars { table[scalar.value] = Array(folded.utf8) }
        }
        return table
    }()

    /// The key of a name (all its words run together).
    public static func of(_ name: String) -> [UInt8] { of(letters: letters(name)) }

    /// The key of letters already folded.
    public static func of(letters s: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.count + 2)
        let a = UInt8(ascii: "a"), c = UInt8(ascii: "c"), d = UInt8(ascii: "d"), e = UInt8(ascii: "e"), g = UInt8(ascii: "g")
        let h = UInt8(ascii: "h"), i = UInt8(ascii: "i"), j = UInt8(ascii: "j"), k = UInt8(ascii: "k"), l = UInt8(ascii: "l")
        let o = UInt8(ascii: "o"), p = UInt8(ascii: "p"), q = UInt8(ascii: "q"), r = UInt8(ascii: "r"), s_ = UInt8(ascii: "s")
        let t = UInt8(ascii: "t"), u = UInt8(ascii: "u"), w = UInt8(ascii: "w"), x = UInt8(ascii: "x"), y = UInt8(ascii: "y")
        let z = UInt8(ascii: "z"), f = UInt8(ascii: "f")
        /// The sound of `ch` (and `sh`, `sch`, `tch`), written `x` in keys.
        let shSound = x
        var index = 0
        func at(_ offset: Int) -> UInt8 { index + offset < s.count ? s[index + offset] : 0 }
        func isSoftVowel(_ v: UInt8) -> Bool { v == e || v == i || v == y }
        while index < s.count {
            let now = s[index], next = at(1), after = at(2)
            switch now {
            case t where next == c && after == h, s_ where next == c && after == h:
                out.append(shSound); index += 3
            case c where next == h && (after == r || after == l):
                out.append(k); index += 2
            case c where next == h, s_ where next == h:
                out.append(shSound); index += 2
            case p where next == h:
                out.append(f); index += 2
            case q:
                out.append(k); index += next == u ? 2 : 1
            case c where next == k:
                out.append(k); index += 2
            case c:
                out.append(isSoftVowel(next) ? s_ : k); index += 1
            case g where next == u && isSoftVowel(after):
                out.append(g); index += 2
            case d where next == j:
                out.append(j); index += 2
            case h:
                index += 1
            case y:
                out.append(i); index += 1
            case w:
                out.append(u); index += 1
            case o where next == u:
                out.append(u); index += 2
            case e where next == a && after == u:
                out.append(o); index += 3
            case a where next == u:
                out.append(o); index += 2
            case a where next == i || next == y, e where next == i || next == y:
                out.append(e); index += 2
            case z:
                out.append(s_); index += 1
            case x:
                out.append(k); out.append(s_); index += 1
            default:
                out.append(now); index += 1
            }
        }
        // Doubled letters count once.
        var key: [UInt8] = []
        key.reserveCapacity(out.count)
        for letter in out where key.last != letter { key.append(letter) }
        return key
    }
}
