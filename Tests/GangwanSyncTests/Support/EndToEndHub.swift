import Foundation
import Glibc

/// A real `gangwan-hub serve` process on 127.0.0.1, with its own database and key in a temp folder.
///
/// Tokens are issued and revoked through the hub's own CLI, as an operator would. The hub can be
/// stopped (SIGTERM), killed (SIGKILL) and started again on the same database and port, so offices
/// and proxies pointing at it keep working across a restart.
final class EndToEndHub: @unchecked Sendable {
    let folder: URL
    private let runner: EndToEndProcess
    private var server: Process?
    /// Kept open while the hub runs: closing it could make the hub's later writes to stdout fail.
    private var stdout: Pipe?
    private var logFiles: [URL] = []
    /// The port it listens on; kept across restarts.
    private(set) var port: UInt16 = 0

    /// Creates the hub's folder and starts it on a free port.
    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gangwan-e2e-hub-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        runner = EndToEndProcess(
            executable: EndToEndProcess.executable("gangwan-hub"), folder: folder,
            environment: ["PATH": "/usr/bin:/bin", "HOME": folder.path, "LANG": "C.UTF-8"])
        try start()
    }

    /// Stops the hub and removes its folder: the tests leave nothing behind in the temp folder.
    deinit {
        stop()
        try? FileManager.default.removeItem(at: folder)
    }

    var databasePath: String { folder.appendingPathComponent("hub.sqlite").path }
    private var storeArguments: [String] { ["--db", databasePath, "--key-file", folder.appendingPathComponent("hub.key").path] }

    /// `http://127.0.0.1:PORT`.
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The serving process's id, while it runs.
    var pid: pid_t? { server?.processIdentifier }

    /// Starts `gangwan-hub serve`: on a free port the first time, on the same port after that.
    func start() throws {
        precondition(server == nil, "the hub is already running")
        let log = folder.appendingPathComponent("serve-\(logFiles.count).log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else { throw EndToEndFailure("cannot create \(log.path)") }
        logFiles.append(log)
        let process = Process()
        process.executableURL = EndToEndProcess.executable("gangwan-hub")
        process.arguments = ["serve", "--host", "127.0.0.1", "--port", String(port)] + storeArguments
        process.environment = runner.environment
        process.standardInput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        let line = Self.firstLine(of: pipe.fileHandleForReading)
        let prefix = "listening on http://127.0.0.1:"
        guard line.hasPrefix(prefix), let port = UInt16(line.dropFirst(prefix.count)) else {
            process.terminate()
            process.waitUntilExit()
            throw EndToEndFailure("the hub did not start: first line \"\(line)\"; log: \(self.log)")
        }
        self.port = port
        stdout = pipe
        server = process
    }

    /// Sends SIGTERM and waits for the hub to exit; returns its exit status (nil if it was not running).
    @discardableResult
    func stop() -> Int32? {
        guard let server else { return nil }
        _ = Glibc.kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()
        self.server = nil
        stdout = nil
        return server.terminationStatus
    }

    /// Kills the hub with SIGKILL, as a power cut would, and waits for it to be gone.
    func kill() {
        guard let server else { return }
        _ = Glibc.kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()
        self.server = nil
        stdout = nil
    }

    /// Issues a token for `node` with the hub's CLI and returns it.
    func issueToken(node: String, scope: String) throws -> String {
        let result = try runner.run(["token", "issue", "--node", node, "--scope", scope] + storeArguments)
        let token = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        guard result.status == 0, !token.isEmpty, !token.contains("\n") else { throw EndToEndFailure("token issue: \(result)") }
        return token
    }

    /// Revokes `node`'s token with the hub's CLI.
    func revokeToken(node: String) throws {
        let result = try runner.run(["token", "revoke", "--node", node] + storeArguments)
        guard result.status == 0 else { throw EndToEndFailure("token revoke: \(result)") }
    }

    /// Everything every run of this hub logged to standard error.
    var log: String {
        logFiles.map { (try? String(contentsOf: $0, encoding: .utf8)) ?? "" }.joined()
    }

    /// Every byte the hub keeps on disk: database, WAL and journal.
    func databaseBytes() throws -> Data {
        var bytes = Data()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasPrefix("hub.sqlite") {
            bytes += try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return bytes
    }

    /// Reads byte by byte up to the first newline (or the end), so nothing after it is consumed.
    private static func firstLine(of handle: FileHandle) -> String {
        var bytes: [UInt8] = []
        while true {
            let byte = handle.readData(ofLength: 1)
            guard let first = byte.first, first != UInt8(ascii: "\n") else { break }
            bytes.append(first)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
