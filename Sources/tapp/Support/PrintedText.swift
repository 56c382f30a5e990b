import Foundation
import TappDomain

/// Everything `tapp` prints for people goes through here: a control character stored before the checks at the door
/// (or received from a server) is shown as `�`, never sent raw to the terminal of whoever lists patients.
enum PrintedText {
    static func line(_ text: String) {
        Swift.print(ControlCharacters.visible(text, multiline: true))
    }

    static func toStandardError(_ text: String) {
        FileHandle.standardError.write(Data(ControlCharacters.visible(text, multiline: true).utf8))
    }
}

/// The command's `print`: the same as Swift's, through `PrintedText`.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator)
    if terminator == "\n" {
        PrintedText.line(text)
    } else {
        Swift.print(ControlCharacters.visible(text, multiline: true), terminator: terminator)
    }
}
