import Foundation

/// Runs the built `gangwan-hub` binary as an operator would, with its own database and key file.
struct HubProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `gangwan-hub` executable next to the test bundle in the build folder.
    static let executable: URL = {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("gangwan-hub").path), folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("gangwan-hub")
    }()

    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gangwan-hub-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    var databasePath: String { folder.appendingPathComponent("hub.sqlite").path }
    var keyFilePath: String { folder.appendingPathComponent("hub.key").path }

    /// `--db` and `--key-file` for this test's hub.
    var storeArguments: [String] { ["--db", databasePath, "--key-file", keyFilePath] }

    /// Runs `gangwan-hub ARGS…` to completion.
    func run(_ arguments: String...) throws -> Result {
        try run(arguments)
    }

    /// Issues a token for `node` through the CLI and returns it.
    func issueToken(node: String = "xining-chengzhong", scope: String = "6301") throws -> String {
        let result = try run(["token", "issue", "--node", node, "--scope", scope] + storeArguments)
        guard result.status == 0 else { throw HubTestFailure("token issue failed: \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .newlines)
    }

    /// Starts `gangwan-hub serve --port 0` and waits for its first line, the address.
    func serve(_ extra: String...) throws -> RunningHub {
        try RunningHub(process: makeProcess(["serve", "--port", "0"] + storeArguments + extra),
                       logFile: folder.appendingPathComponent("serve-\(UUID().uuidString).log"))
    }

    private func makeProcess(_ arguments: [String]) -> Process {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": folder.path, "LANG": "C.UTF-8"]
        process.standardInput = FileHandle.nullDevice
        return process
    }

    func run(_ arguments: [String]) throws -> Result {
        let process = makeProcess(arguments)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Both pipes read to the end before waiting, so a large output cannot block the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}

/// A `gangwan-hub serve` process; its log (standard error) goes to a file so it can never fill a pipe.
final class RunningHub {
    let process: Process
    let logFile: URL
    /// The address from the first line, such as `http://127.0.0.1:54321`.
    let baseURL: URL
    private let stdout: Pipe

    init(process: Process, logFile: URL) throws {
        self.process = process
        self.logFile = logFile
        guard FileManager.default.createFile(atPath: logFile.path, contents: nil) else { throw HubTestFailure("cannot create \(logFile.path)") }
        stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: logFile)
        try process.run()
        let line = Self.firstLine(of: stdout.fileHandleForReading)
        guard line.hasPrefix("listening on "), let url = URL(string: String(line.dropFirst("listening on ".count))) else {
            process.waitUntilExit()
            let log = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
            throw HubTestFailure("the hub did not start: first line \"\(line)\", log: \(log)")
        }
        baseURL = url
    }

    /// Sends SIGTERM and waits for the process to end.
    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    /// Everything the hub logged so far.
    var log: String {
        (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
    }

    deinit {
        stop()
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

/// A test helper's own failure, with what went wrong.
struct HubTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
