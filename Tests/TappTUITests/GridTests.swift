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
