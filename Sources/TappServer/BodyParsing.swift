import Foundation
import TappAPI

/// Which bodies the real server reads, as NestJS's default body-parser middlewares do: `application/json` (UTF-8)
/// as JSON, `application/x-www-form-urlencoded` as a form; any other type, or none, is not read at all (the DTO
/// then sees `{}` and validation answers). A charset other than UTF-8 is a 415, as body-parser answers it.
enum BodyParsing {
    enum Kind: Equatable {
        case json, form, ignored
    }

    static func kind(contentType: String?) throws -> Kind {
        guard let contentType, !contentType.isEmpty else { return .ignored }
        let parts = contentType.split(separator: ";", omittingEmptySubsequences: false)
        let media = (parts.first ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        var charset: String?
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else { continue }
            charset = pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")).lowercased()
        }
        switch media {
        case "application/json":
            if let charset, !charset.hasPrefix("utf-") { throw unsupported(charset) }
            return .json
        case "application/x-www-form-urlencoded":
            if let charset, charset != "utf-8" { throw unsupported(charset) }
            return .form
        default:
            return .ignored
        }
    }

    /// body-parser's 415, which NestJS answers as `{statusCode, message}`.
    static func unsupported(_ charset: String) -> NestError {
        NestError(.unsupportedMediaType, .text("unsupported charset \"\(charset.uppercased())\""), error: nil)
    }

    /// A form body (`a=1&b=x+y`): `+` is a space, `%XX` decoded (kept as written when it cannot be); a key given
    /// twice holds the list of its values, as the `qs` module reads it.
    static func form(_ data: Data) -> JSONBody {
        var fields: [WireValue.Field] = []
        var places: [String: Int] = [:]
        for pair in String(decoding: data, as: UTF8.self).split(separator: "&") where !pair.isEmpty {
            let halves = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let key = decode(halves[0])
            let value = halves.count > 1 ? decode(halves[1]) : ""
            guard !key.isEmpty else { continue }
            guard let place = places[key] else {
                places[key] = fields.count
                fields.append(WireValue.Field(key, .string(value)))
                continue
            }
            switch fields[place].value {
            case .array(let list): fields[place].value = .array(list + [.string(value)])
            case let first: fields[place].value = .array([first, .string(value)])
            }
        }
        return JSONBody(fields)
    }

    /// A JSON body: an object as is; a list as NestJS hands one to a DTO (class-transformer's list, whose keys are its
    /// indices: `property 0 should not exist`), marked as a list (`BodyRules` refuses it outside the real server's
    /// imitation); a syntax error as the 400 NestJS makes of body-parser's SyntaxError.
    static func json(_ data: Data) throws -> JSONBody {
        guard !data.isEmpty else { return JSONBody() }
        let value: WireValue
        do { value = try JSONParser.parse(data) } catch { throw NestError.badRequest(error.message) }
        if case .array(let items) = value {
            return JSONBody(items.enumerated().map { WireValue.Field(String($0.offset), $0.element) }, isList: true)
        }
        return JSONBody(value.fields ?? [])
    }
}
