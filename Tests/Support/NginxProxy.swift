import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A small nginx on 127.0.0.1, on a port the OS gave, in front of several server instances (round robin; a
/// request that cannot reach one instance goes to the next). Its configuration is written in a temporary folder;
/// `stop()` ends it and removes the folder.
public final class NginxProxy: @unchecked Sendable {
    public let folder: URL
    public let port: Int
    let process = Process()

    /// The configuration docs/server.md gives for several instances, with the test's ports and folder.
    public static func configuration(port: Int, upstreams: [Int], folder: String) -> String {
        """
        daemon off;
        master_process off;
        worker_processes 1;
        pid \(folder)/nginx.pid;
        error_log \(folder)/error.log warn;
        events { worker_connections 512; }
        http {
            access_log \(folder)/access.log;
            client_body_temp_path \(folder)/body;
            proxy_temp_path \(folder)/proxy;
            fastcgi_temp_path \(folder)/fastcgi;
            uwsgi_temp_path \(folder)/uwsgi;
            scgi_temp_path \(folder)/scgi;
            upstream tappplus {
        \(upstreams.map { "        server 127.0.0.1:\($0) max_fails=1 fail_timeout=10s;" }.joined(separator: "\n"))
                keepalive 16;
            }
            server {
                listen 127.0.0.1:\(port);
                client_max_body_size 1m;
                location / {
                    proxy_pass http://tappplus;
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                    proxy_set_header Host $host;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_next_upstream error timeout;
                    proxy_connect_timeout 2s;
                }
            }
        }
        """
    }

    init(folder: URL, port: Int) {
        self.folder = folder
        self.port = port
    }

    public static func start(upstreams: [Int]) async throws -> NginxProxy {
        guard let nginx = ["/usr/sbin/nginx", "/usr/bin/nginx"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw PostgresCluster.Failure("nginx is not installed (run scripts/setup-system.sh)")
        }
        var last: any Error = PostgresCluster.Failure("no try")
        for _ in 0..<3 {
            let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("tapp-nginx-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let proxy = NginxProxy(folder: folder, port: try PostgresCluster.freePort())
            do {
                try await proxy.boot(nginx, upstreams: upstreams)
                return proxy
            } catch {
                last = error
                proxy.stop()
            }
        }
        throw last
    }

    func boot(_ nginx: String, upstreams: [Int]) async throws {
        let config = folder.appendingPathComponent("nginx.conf")
        try NginxProxy.configuration(port: port, upstreams: upstreams, folder: folder.path).write(to: config, atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: nginx)
        process.arguments = ["-p", folder.path, "-c", config.path, "-e", folder.appendingPathComponent("error.log").path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Answering /health through an instance within 10 s, or the start failed.
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, process.isRunning {
            if let (_, response) = try? await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/health")!),
               (response as? HTTPURLResponse)?.statusCode == 200 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        let log = (try? String(contentsOf: folder.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
        throw PostgresCluster.Failure("nginx did not answer on port \(port): \(log.suffix(600))")
    }

    /// Ends it with SIGKILL: a single-process nginx started by Foundation's Process does not act on SIGTERM (it
    /// inherits a mask that blocks it), and nothing of a throw-away proxy needs a graceful end.
    public func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }
}
