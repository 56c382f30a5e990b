import Testing
@testable import TappTUI

@Suite struct GridTests {
    @Test func accentedAndWideCharactersTakeTheirColumns() {
        #expect(TextWidth.of("Ékambi") == 6)
        #expect(TextWidth.of("e\u{301}") == 1)
        #expect(TextWidth.of("東京") == 4)
        #expect(TextWidth.of("👍") == 2)
        var grid = Grid(rows: 1, columns: 8)
        grid.write("東京abc", row: 0, column: 0)
        #expect(grid.line(0) == "東京abc ")
        // A wide character that does not fit whole is left out.
        var narrow = Grid(rows: 1, columns: 3)
        narrow.write("a東京", row: 0, column: 0)
        #expect(narrow.line(0) == "a東")
    }

    @Test func fittingCutsWithAnEllipsis() {
        #expect(TextWidth.fit("Nguema-Ondoa", 8) == "Nguema-…")
        #expect(TextWidth.pad("Zoé", 5) == "Zoé  ")
        #expect(TextWidth.pad("42", 4, right: true) == "  42")
    }

    @Test func onlyChangedRowsAreSent() {
        var a = Grid(rows: 3, columns: 4)
        a.write("abc", row: 0, column: 0)
        var b = a
        b.write("x", row: 2, column: 1)
        #expect(b.changedRows(since: a) == [2])
        #expect(b.changedRows(since: nil) == [0, 1, 2])
    }

    @Test func languageFollowsTheEnvironment() {
        #expect(Lang.from(environment: ["LANG": "fr_FR.UTF-8"]) == .fr)
        #expect(Lang.from(environment: ["LC_ALL": "en_US.UTF-8", "LANG": "fr_FR.UTF-8"]) == .en)
        #expect(Lang.from(environment: [:]) == .en)
    }

    @Test func controlBytesAreKeys() {
        #expect(Key.control(0x0E) == .ctrl("n"))
        #expect(Key.control(0x06) == .ctrl("f"))
        #expect(Key.control(0x0B) == .ctrl("k"))
        #expect(Key.control(0x7F) == .backspace)
        #expect(Key.control(0x0D) == .enter)
    }

    @Test func textFieldEditsLikeAShell() {
        var field = TextField("Marie Nguema")
        _ = field.edit(.ctrl("w"))
        #expect(field.text == "Marie ")
        _ = field.edit(.home)
        _ = field.edit(.char("A"))
        #expect(field.text == "AMarie ")
        _ = field.edit(.end)
        _ = field.edit(.ctrl("u"))
        #expect(field.text == "")
    }
}

/// Issue 14, item 7: the escape sequences of common terminals, read whatever TERM says; unknown ones dropped whole.
@Suite struct EscapeSequenceTests {
    func read(_ text: String) -> EscapeSequence.Reading { EscapeSequence.read(Array(text)) }

    @Test func xtermVT220LinuxConsoleAndRxvtKeys() {
        let cases: [(String, Key)] = [
            ("[A", .up), ("[B", .down), ("[C", .right), ("[D", .left), ("[H", .home), ("[F", .end), ("OH", .home), ("OF", .end),
            ("[1~", .home), ("[7~", .home), ("[4~", .end), ("[8~", .end), ("[3~", .delete), ("[5~", .pageUp), ("[6~", .pageDown),
            ("OP", .function(1)), ("OQ", .function(2)), ("OR", .function(3)), ("OS", .function(4)),
            ("[11~", .function(1)), ("[15~", .function(5)), ("[17~", .function(6)), ("[18~", .function(7)), ("[19~", .function(8)),
            ("[20~", .function(9)), ("[21~", .function(10)), ("[23~", .function(11)), ("[24~", .function(12)),
            ("[[A", .function(1)), ("[[E", .function(5)), ("[Z", .backTab), ("[1;5A", .up), ("[15;2~", .function(5)), ("OA", .up),
        ]
        for (sequence, key) in cases {
            #expect(read(sequence).key == key, "ESC \(sequence)")
        }
        #expect(read("x") == .key(.alt("x"), consumed: 1))
    }

    @Test func partialSequencesWaitAndUnknownOnesAreDroppedWhole() {
        for partial in ["", "[", "[1", "[15", "[15;", "O", "[["] {
            #expect(read(partial) == .incomplete, "ESC \(partial)")
        }
        #expect(read("[99~") == .unknown(consumed: 4))
        #expect(read("[200~") == .unknown(consumed: 5))
        #expect(read("Oz") == .unknown(consumed: 2))
        #expect(read(String(repeating: "1", count: 20).map { $0 }.reduce("[") { $0 + String($1) }) == .unknown(consumed: 21))
    }
}

/// Issue 14, item 4: every text of the screens comes from one catalogue per language.
@Suite struct ScreenTextTests {
    @Test func everyKeyHasItsEnglishAndFrenchTextWithTheSamePlaces() {
        for key in ScreenKey.allCases {
            let english = ScreenText.english[key], french = ScreenText.french[key]
            #expect(english?.isEmpty == false, "\(key) lacks its English text")
            #expect(french?.isEmpty == false, "\(key) lacks its French text")
            func places(_ text: String?) -> [String] { (text ?? "").matches(of: /\{\d+\}/).map { String($0.output) }.sorted() }
            #expect(places(english) == places(french), "\(key): the two texts name different values")
        }
        #expect(ScreenText.english.count == ScreenKey.allCases.count)
        #expect(ScreenText.french.count == ScreenKey.allCases.count)
        #expect(Lang.fr.text(.goTo, "Patients") == "Aller à Patients")
    }
}

@Suite struct TerminalStringTests {
    @Test func stringsAndC1IntroducersAreDroppedWhole() {
        for (sequence, consumed) in [("]0;x\u{07}", 5), ("P1;2q\u{1B}\\", 7), ("_apc\u{1B}\\", 6), ("^pm\u{1B}\\", 5), ("Xsos\u{1B}\\", 6)] {
            #expect(EscapeSequence.read(Array(sequence)) == .unknown(consumed: consumed), "ESC \(sequence)")
        }
        #expect(EscapeSequence.read(Array("]0;still typing")) == .incomplete)
        #expect(EscapeSequence.c1Introducer(0x9B) == "[")
        #expect(EscapeSequence.read(Array("[31m")) == .unknown(consumed: 4))
    }

    @Test func aLongPasteIsCappedAndDrawnInLinearTime() {
        var field = TextField()
        for _ in 0..<10_000 { _ = field.edit(.char("a")) }
        #expect(field.characters.count == TextField.longest)
        var grid = Grid(rows: 1, columns: 40)
        field.draw(&grid, row: 0, column: 0, width: 30, focused: true)
        #expect(grid.line(0).hasPrefix("…aaaa"))
        let unfocused = TextField("191 Rue Manga Bell, Akwa, Douala, Cameroun")
        unfocused.draw(&grid, row: 0, column: 0, width: 30, focused: false)
        #expect(grid.line(0).hasPrefix("191 Rue Manga Bell"))
        #expect(grid.line(0).contains("…"))
    }
}
