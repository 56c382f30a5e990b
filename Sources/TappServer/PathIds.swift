import Foundation
import Hummingbird
import TappDomain

extension ServerContext {
    /// A record's id from the path, percent-decoded as Express decodes route parameters. An id holding a control
    /// character (`%1B`…), which no record has, is a 400; read it after the token and role checks.
    func pathId(_ name: String) throws -> String {
        let raw = try parameters.require(name)
        let id = raw.removingPercentEncoding ?? raw
        guard ControlCharacters.first(in: id) == nil else { throw NestError.validation([BodyRules.controls(name)]) }
        return id
    }
}
