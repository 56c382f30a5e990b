import Foundation

/// A real terminal for the real `tapp`: a detached tmux session on its own server socket, driven with `send-keys`
/// and read with `capture-pane`. Every wait is bounded.
struct TmuxSession {
    let socket = "tapp-test-\(UUID().uuidString.prefix(8))"
    let name = "clinic"

    /// Starts `command` in an 80×24 (or given size) window.
    init(_ command: [String], environment: [String: String] = [:], rows: Int = 24, columns: Int = 80) throws {
        let env = environment.map { "\($0.key)=\(Self.quote($0.value))" }.sorted().joined(separator: " ")
        let line = "env \(env) " + command.map(Self.quote).joined(separator: " ")
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", name, "-x", "\(columns)", "-y", "\(rows)", line])
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let process = Process()
        // Foundation learns that a child ended when a descriptor it gave the child closes; the tmux server, forked from
        // the first client, would keep it open forever. So the shell closes every descriptor above 2 before tmux runs.
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", #"for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done; exec tmux "$@""#,
                             "tmux", "-L", socket] + arguments
        // Output goes to a file, not a pipe: the tmux server forks from the first client and would hold a pipe open.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: file) }
        let handle = try FileHandle(forWritingTo: file)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let text = String(decoding: (try? Data(contentsOf: file)) ?? Data(), as: UTF8.self)
        guard process.terminationStatus == 0 else { throw Failed(message: "tmux \(arguments.joined(separator: " ")): \(text)") }
        return text
    }

    /// Keys by tmux name: `Enter`, `Escape`, `F3`, `C-n`, `Tab`.
    func press(_ keys: String...) throws {
        for key in keys {
            try tmux(["send-keys", "-t", name, key])
            Thread.sleep(forTimeInterval: 0.08)
        }
    }

    /// Types text literally (UTF-8 included).
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", name, "-l", text])
        Thread.sleep(forTimeInterval: 0.08)
    }

    var screen: String { (try? tmux(["capture-pane", "-p", "-t", name])) ?? "" }

    /// Waits (at most `timeout` seconds) until the screen shows the text; returns the screen.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 15) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = screen
            if last.contains(text) { return last }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw Failed(message: "the screen never showed \"\(text)\"; it shows:\n\(last)")
    }

    func resize(rows: Int, columns: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", "\(columns)", "-y", "\(rows)"])
    }

    /// True once the program has exited and tmux closed its session (bounded wait).
    func waitForExit(timeout: TimeInterval = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if (try? tmux(["has-session", "-t", name])) == nil { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }

    func kill() { _ = try? tmux(["kill-server"]) }

    struct Failed: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
