import Foundation
import Testing
import TappTestSupport

extension IssueSixteenConformance {
    /// Issue 16, items 6–9 and 11: routing, bodies, error texts and ETags as the real server (NestJS 10 on Express,
    /// Node 18's body-parser) answers them — the same in both modes.
    @Suite(.serialized) struct WireConformanceTests {
        static func json(_ text: String) -> Data { Data(text.utf8) }

        @Test(arguments: ServerMode.allCases) func routingIsExpresss(_ mode: ServerMode) async throws {
            let server = try await mode.start()
            defer { server.stop() }
            let token = try await server.login()
            let auth = [("Authorization", "Bearer \(token)")]
            // Case-insensitive routes.
            let upper = try RawHTTP.exchange(port: server.port, "GET", "/API/V1/People?limit=1", headers: auth)
            #expect(upper.status == 200)
            #expect(upper.object["total"] as? Int == 3)
            // HEAD is GET without the body, with the same ETag.
            let get = try RawHTTP.exchange(port: server.port, "GET", "/api/v1/people/person_1", headers: auth)
            let head = try RawHTTP.exchange(port: server.port, "HEAD", "/api/v1/people/person_1", headers: auth)
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
            #expect(head.headers["etag"] != nil && head.headers["etag"] == get.headers["etag"])
            // An undecodable parameter: 400 before the token is even looked at.
            let undecodable = try RawHTTP.exchange(port: server.port, "GET", "/api/v1/people/%FF")
            #expect(undecodable.status == 400)
            #expect(AnswerShapes.same(undecodable.object, ["message": "Failed to decode param '%FF'", "error": "Bad Request", "statusCode": 400]))
            // The 404 of an unknown route keeps the query.
            let unknown = try RawHTTP.exchange(port: server.port, "GET", "/api/v1/nope?x=1")
            #expect(unknown.object["message"] as? String == "Cannot GET /api/v1/nope?x=1")
        }

        @Test(arguments: ServerMode.allCases) func bodiesAreReadAsBodyParserReadsThem(_ mode: ServerMode) async throws {
            let server = try await mode.start()
            defer { server.stop() }
            let token = try await server.login()
            let auth = [("Authorization", "Bearer \(token)")]
            // A form-encoded sign-in is read (201).
            let form = try RawHTTP.exchange(port: server.port, "POST", "/api/v1/auth/login",
                                            headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                            body: Self.json("email=admin%40meditache.com&password=admin123"))
            #expect(form.status == 201)
            #expect(form.object["access_token"] is String)
            // JSON under another type, or no type, is not read: the DTO sees {} and validation answers.
            let person = Self.json(#"{"fullName":"Awa Fotso"}"#)
            for type in ["text/plain", "application/xml", nil] {
                let headers = auth + (type.map { [("Content-Type", $0)] } ?? [])
                let answer = try RawHTTP.exchange(port: server.port, "POST", "/api/v1/people", headers: headers, body: person)
                #expect(answer.status == 400, "\(type ?? "no type")")
                #expect(answer.object["message"] as? [String] == ["fullName must be a string"], "\(type ?? "no type")")
            }
            // Another charset: body-parser's 415.
            let latin = try RawHTTP.exchange(port: server.port, "POST", "/api/v1/people",
                                             headers: auth + [("Content-Type", "application/json; charset=latin1")], body: person)
            #expect(latin.status == 415)
            #expect(AnswerShapes.same(latin.object, ["statusCode": 415, "message": "unsupported charset \"LATIN1\""]))
            // Malformed JSON names the token and its position, as Node 18's JSON.parse; no trailing comma.
            let cases = [(#"{"fullName":"a",}"#, "Unexpected token } in JSON at position 16"),
                         (#"{"fullName" "a"}"#, "Unexpected string in JSON at position 12"),
                         (#"{"fullName":"a""#, "Unexpected end of JSON input"),
                         (#""Awa""#, "Unexpected token \" in JSON at position 0"),
                         ("{'a':1}", "Unexpected token ' in JSON at position 1")]
            for (text, message) in cases {
                let answer = try RawHTTP.exchange(port: server.port, "POST", "/api/v1/people",
                                                  headers: auth + [("Content-Type", "application/json")], body: Self.json(text))
                #expect(answer.status == 400, "\(text)")
                #expect(AnswerShapes.same(answer.object, ["message": message, "error": "Bad Request", "statusCode": 400]), "\(text): \(answer.object)")
            }
            // A list for a body: refused as such; the real server validates it as the DTO (its indices as fields).
            let list = try server.sendRawJSON("/api/v1/people", "[]", token: token)
            #expect(list.status == 400)
            #expect(list.object["message"] as? [String] == (mode == .fixed ? ["the body must be a JSON object"] : ["fullName must be a string"]))
            let named = try server.sendRawJSON("/api/v1/people", #"[{"fullName":"Awa"}]"#, token: token)
            #expect(named.object["message"] as? [String]
                    == (mode == .fixed ? ["the body must be a JSON object"] : ["property 0 should not exist", "fullName must be a string"]))
            let organization = try server.sendRawJSON("/api/v1/organizations/org_default", "[]", token: token, method: "PATCH")
            #expect(organization.status == (mode == .fixed ? 400 : 200))
        }

        @Test(arguments: ServerMode.allCases) func validationTextsAreTheRealOnes(_ mode: ServerMode) async throws {
            let server = try await mode.start()
            defer { server.stop() }
            let token = try await server.login()
            let doctorId = try await server.seedDoctorId()
            let future = ISO8601DateFormatter().string(from: Date().addingTimeInterval(5 * 86_400))
            func booking(_ rules: String) -> String {
                #"{"personId":"person_1","doctorId":"\#(doctorId)","title":"Suivi","scheduledAt":"\#(future)","rules":\#(rules)}"#
            }
            let nested = try server.sendRawJSON("/api/v1/interventions", booking(#""abc""#), token: token)
            #expect(nested.object["message"] as? [String] == ["rules must be an array",
                                                              "each value in nested property rules must be either object or array"])
            let unknown = try server.sendRawJSON("/api/v1/interventions", booking(#"[{"zeta":1,"offsetMinutes":-60,"alpha":2,"channel":"SMS"}]"#),
                                                 token: token)
            #expect(unknown.object["message"] as? [String] == ["rules.0.property zeta should not exist", "rules.0.property alpha should not exist"])
            // `toString` (a function every object has) is skipped by class-transformer: neither refused nor stored.
            let inherited = try server.sendRawJSON("/api/v1/people", #"{"fullName":"Awa Fotso","toString":"x"}"#, token: token)
            #expect(inherited.status == 201)
            #expect(inherited.object["toString"] == nil)
        }

        @Test(arguments: ServerMode.allCases) func textIsTakenWhole(_ mode: ServerMode) async throws {
            let server = try await mode.start()
            defer { server.stop() }
            let token = try await server.login()
            // NUL is no longer cut off: the whole text is seen, and refused as a control character (deliberate).
            let nul = try server.sendRawJSON("/api/v1/people", #"{"fullName":"Awa\u0000Fotso"}"#, token: token)
            #expect(nul.status == 400)
            #expect(nul.object["message"] as? [String] == ["fullName must not contain control characters"])
            // A lone surrogate is taken (stored as U+FFFD, as SQLite stores what JavaScript kept).
            let lone = try server.sendRawJSON("/api/v1/people", #"{"fullName":"Awa \ud800 Fotso"}"#, token: token)
            #expect(lone.status == 201)
            #expect(lone.object["fullName"] as? String == "Awa \u{FFFD} Fotso")
            let pair = try server.sendRawJSON("/api/v1/people", #"{"fullName":"Awa \ud83d\ude00"}"#, token: token)
            #expect(pair.object["fullName"] as? String == "Awa 😀")
        }

        @Test(arguments: ServerMode.allCases) func conditionalGetsAnswer304(_ mode: ServerMode) async throws {
            let server = try await mode.start()
            defer { server.stop() }
            let token = try await server.login()
            let auth = [("Authorization", "Bearer \(token)")]
            let first = try RawHTTP.exchange(port: server.port, "GET", "/api/v1/organizations", headers: auth)
            let tag = try #require(first.headers["etag"])
            #expect(tag.wholeMatch(of: #/W/"[0-9a-f]+-[A-Za-z0-9+/]{27}"/#) != nil, "\(tag)")
            #expect(tag.hasPrefix("W/\"\(String(first.body.count, radix: 16))-"))
            let again = try RawHTTP.exchange(port: server.port, "GET", "/api/v1/organizations", headers: auth + [("If-None-Match", tag)])
            #expect(again.status == 304)
            #expect(again.body.isEmpty)
            #expect(again.headers["etag"] == tag)
            // A changed answer is sent again; no-cache asks for the answer.
            let other = try RawHTTP.exchange(port: server.port, "GET", "/api/v1/organizations", headers: auth + [("If-None-Match", "W/\"1-x\"")])
            #expect(other.status == 200)
            let noCache = try RawHTTP.exchange(port: server.port, "GET", "/api/v1/organizations",
                                               headers: auth + [("If-None-Match", tag), ("Cache-Control", "no-cache")])
            #expect(noCache.status == 200)
            // Errors carry an ETag too, as Express's res.send gives every body one.
            #expect(try RawHTTP.exchange(port: server.port, "GET", "/api/v1/people").headers["etag"] != nil)
        }
    }
}

extension ServerProcess {
    /// A JSON text sent as is, as an `application/json` POST.
    func sendRawJSON(_ path: String, _ text: String, token: String, method: String = "POST") throws -> RawHTTP.Answer {
        try RawHTTP.exchange(port: port, method, path, headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")],
                             body: Data(text.utf8))
    }
}
