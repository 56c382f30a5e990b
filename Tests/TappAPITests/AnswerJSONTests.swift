import Foundation
import Testing
import TappAPI
import TappDomain

/// The other answers and the bodies, to the byte.
@Suite struct AnswerJSONTests {
    let at = WireInstant(Date(timeIntervalSince1970: 1_760_000_000))

    @Test func errorsInNestJSTwoShapes() throws {
        let validation = ErrorBody(statusCode: 400, message: .sentences(["property bloodType should not exist"]), error: "Bad Request")
        #expect(try WireEncoder.string(validation)
                == #"{"message":["property bloodType should not exist"],"error":"Bad Request","statusCode":400}"#)
        #expect(try WireEncoder.string(ErrorBody(statusCode: 401, message: .sentence("Unauthorized")))
                == #"{"statusCode":401,"message":"Unauthorized"}"#)
        let read = try WireDecoder.decode(ErrorBody.self, from: Data(#"{"statusCode":404,"message":"Personne non trouvée","error":"Not Found"}"#.utf8))
        #expect(read.message.text == "Personne non trouvée")
        #expect(read.error == "Not Found")
    }

    @Test func pagesAndSignIn() throws {
        let page = Page<TappAPI.Organization>(data: [TappAPI.Organization(id: "o", name: "H", createdAt: at, updatedAt: at)], total: 1, limit: 50, offset: 0)
        #expect(try WireEncoder.string(page) == """
            {"data":[{"id":"o","name":"H","createdAt":"2025-10-09T08:53:20.000Z","updatedAt":"2025-10-09T08:53:20.000Z"}],\
            "total":1,"limit":50,"offset":0}
            """)
        let signIn = SignInAnswer(accessToken: "a", refreshToken: "r",
                                  user: .init(id: "u", email: "e@x.cm", role: "ADMIN", timezone: "Africa/Douala", organization: nil, doctor: nil))
        #expect(try WireEncoder.string(signIn) == """
            {"access_token":"a","refresh_token":"r","user":{"id":"u","email":"e@x.cm","role":"ADMIN","timezone":"Africa/Douala",\
            "organization":null,"doctor":null}}
            """)
        #expect(try WireEncoder.string(RefreshAnswer(accessToken: "a", user: nil)) == #"{"access_token":"a"}"#)
        #expect(try WireEncoder.string(RefreshBody(refreshToken: "r")) == #"{"refresh_token":"r"}"#)
    }

    @Test func bodiesWriteWhatTheServerTakes() throws {
        let person = PersonBody(fullName: "Honorine DOUMBÉ", birthdate: try WireInstant(parsing: "1990-05-12T00:00:00.000Z"),
                                phone: "+237699123456")
        #expect(try WireEncoder.string(person) == """
            {"fullName":"Honorine DOUMBÉ","birthdate":"1990-05-12T00:00:00.000Z","phone":"+237699123456","email":null,"address":null}
            """)
        let intervention = InterventionBody(personId: "c1", doctorId: "d1", title: "Visite", scheduledAt: at, priority: .normal,
                                            rules: [RuleBody(offsetMinutes: -1440, channel: .sms, enabled: false)])
        #expect(try WireEncoder.string(intervention) == """
            {"personId":"c1","doctorId":"d1","title":"Visite","scheduledAt":"2025-10-09T08:53:20.000Z","priority":"NORMAL",\
            "rules":[{"offsetMinutes":-1440,"channel":"SMS","enabled":false}]}
            """)
        let consultation = ConsultationBody(personId: nil, doctorId: "d1", dateTime: try WireInstant(parsing: "2026-01-02T10:00:00+01:00"))
        #expect(try WireEncoder.string(consultation) == #"{"doctorId":"d1","dateTime":"2026-01-02T10:00:00+01:00"}"#)
    }

    @Test func extensionsOfOurServer() throws {
        #expect(try WireEncoder.string(ServerFeatures(idempotencyKeys: true, changes: true, batchLimit: 200))
                == #"{"idempotencyKeys":true,"changes":true,"batchLimit":200}"#)
        let page = ChangesPage(changes: [.tombstone(.consultation, id: "k1")], cursor: "42", more: false)
        #expect(try WireEncoder.string(page) == #"{"changes":[{"kind":"consultation","id":"k1","deleted":true}],"cursor":"42","more":false}"#)
        let operation = try BatchOperation(key: "q-7", method: .post, path: "people", encoding: PersonBody(fullName: "A"))
        let batch = BatchRequest(operations: [operation])
        let text = try WireEncoder.string(batch)
        #expect(text.hasPrefix(#"{"operations":[{"key":"q-7","method":"POST","path":"people","body":{"#))
        let read = try WireDecoder.decode(BatchRequest.self, from: Data(text.utf8))
        #expect(try read.operations[0].body?.decode(PersonBody.self) == PersonBody(fullName: "A"))
    }

    @Test func endpointsEscapeTheirQuery() {
        #expect(Endpoint.people(limit: 100, offset: 0, search: "Ngo & Bassa").target == "people?limit=100&offset=0&search=Ngo%20%26%20Bassa")
        #expect(Endpoint.changes(after: nil, limit: 500).description == "GET /api/v1/sync/changes?limit=500")
        #expect(Endpoint.deletePerson("c1").description == "DELETE /api/v1/people/c1")
    }
}
