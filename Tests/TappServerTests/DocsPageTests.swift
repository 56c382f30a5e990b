import Foundation
import Testing
import TappTestSupport

/// `/api/docs`, where the real server has Swagger UI: a page that needs nothing from the network, under a strict
/// content security policy, whose script (run by Node against the real server process) draws every route, signs in
/// and sends requests.
@Suite(.serialized) struct DocsPageTests {
    static let driver = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("DocsPage/drive-docs-page.mjs")

    static var node: String? {
        ["/usr/bin/node", "/usr/local/bin/node", "/usr/bin/nodejs"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test(arguments: ServerMode.allCases) func thePageAndItsAssetsAreServedFromTheServerAlone(_ mode: ServerMode) async throws {
        let server = try await mode.start()
        defer { server.stop() }
        let page = try await server.get("/api/docs")
        #expect(page.status == 200)
        #expect((page.headers["Content-Type"] as? String)?.hasPrefix("text/html") == true)
        let policy = page.headers["Content-Security-Policy"] as? String ?? ""
        #expect(policy.contains("default-src 'none'") && policy.contains("script-src 'self'") && policy.contains("connect-src 'self'"))
        #expect(page.text.contains(#"<script src="/api/docs/docs.js""#))
        #expect(!page.text.contains("http://") && !page.text.contains("https://"))
        let script = try await server.get("/api/docs/docs.js")
        #expect(script.status == 200)
        #expect((script.headers["Content-Type"] as? String)?.hasPrefix("text/javascript") == true)
        #expect(!script.text.contains("innerHTML"))
        #expect(try await server.get("/api/docs/docs.css").status == 200)
    }

    @Test(arguments: ServerMode.allCases) func itsScriptDrawsEveryRouteSignsInAndSends(_ mode: ServerMode) async throws {
        let node = try #require(Self.node, "Node is needed to run the page's script (scripts/setup-system.sh installs nodejs)")
        let server = try await mode.start()
        defer { server.stop() }
        let output = server.folder.appendingPathComponent("page.json")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let run = Process()
        run.executableURL = URL(fileURLWithPath: node)
        run.arguments = [Self.driver.path, "http://127.0.0.1:\(server.port)"]
        run.standardOutput = try FileHandle(forWritingTo: output)
        run.standardError = FileHandle.nullDevice
        try run.run()
        for _ in 0..<300 where run.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        if run.isRunning { run.terminate() }
        run.waitUntilExit()
        #expect(run.terminationStatus == 0)
        let result = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [String: Any])
        let drawn = Set(result["routes"] as? [String] ?? [])
        for route in DocumentedRoute.all { #expect(drawn.contains(route.method + "/api/v1" + route.path), "\(route) not drawn") }
        #expect((result["headings"] as? [String])?.contains("reminders") == true)
        #expect(result["who"] as? String == "signed in as admin@meditache.com (ADMIN)")
        // The list answered with two people; the example body names the required field; the create went through.
        let list = result["list"] as? String ?? ""
        #expect(list.hasPrefix("200\n"))
        let page = try JSONSerialization.jsonObject(with: Data(list.dropFirst(4).utf8)) as? [String: Any]
        #expect((page?["data"] as? [Any])?.count == 2)
        #expect((result["example"] as? String)?.contains("\"fullName\"") == true)
        #expect((result["created"] as? String)?.hasPrefix("201\n") == true)
        #expect((result["created"] as? String)?.contains("Awa Fotso") == true)
        #expect((result["one"] as? String)?.contains("Marie Nguema") == true)
    }
}
