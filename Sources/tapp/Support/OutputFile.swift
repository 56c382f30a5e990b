import Foundation
import TappStore

/// Where an export goes: standard output, or a new file that appears whole or not at all. The file is written beside
/// its name as `NAME.partial-PID` and renamed into place when done; a refusal or a failure half-way removes it, so
/// no empty or half-written file is left to block the next export.
final class OutputFile {
    let handle: FileHandle
    private var buffer = Data()

    private init(handle: FileHandle) { self.handle = handle }

    /// Runs `body` with the sink, then puts the file in place; nothing is left behind if `body` throws.
    static func writing(_ path: String?, _ body: (OutputFile) throws -> Void) throws {
        guard let path else {
            let sink = OutputFile(handle: .standardOutput)
            try body(sink)
            sink.flush()
            return
        }
        guard !FileManager.default.fileExists(atPath: path) else {
            throw ClinicError.refused("\(path) already exists: give a new file name (nothing was overwritten)")
        }
        let partial = "\(path).partial-\(getpid())"
        guard FileManager.default.createFile(atPath: partial, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: partial) else {
            throw ClinicError.refused("cannot create \(path)")
        }
        let sink = OutputFile(handle: handle)
        do {
            try body(sink)
            sink.flush()
            try handle.synchronize()
            try handle.close()
            // link(2) fails if the name was taken meanwhile: an export never overwrites.
            guard link(partial, path) == 0 else { throw ClinicError.refused("cannot create \(path): \(String(cString: strerror(errno)))") }
            unlink(partial)
        } catch {
            try? handle.close()
            unlink(partial)
            throw error
        }
    }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count > 1 << 16 { flush() }
    }

    func flush() {
        handle.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// A new folder of export files that appears whole or not at all (written as `NAME.partial-PID`, then renamed).
enum OutputFolder {
    static func writing(_ path: String, _ body: (String) throws -> Void) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw ClinicError.refused("\(path) already exists: give a new folder name")
        }
        let partial = "\(path).partial-\(getpid())"
        do {
            try FileManager.default.createDirectory(atPath: partial, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            try body(partial)
            guard rename(partial, path) == 0 else { throw ClinicError.refused("cannot create \(path): \(String(cString: strerror(errno)))") }
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
    }
}
