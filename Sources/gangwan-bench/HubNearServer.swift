import Foundation

/// A `gangwan-hub serve` child process: started, waited for until it prints its address, stopped
/// with SIGTERM.
final class HubNearServer {
    let process: Process
    /// Such as `http://127.0.0.1:41234`, from the hub's first line of output.
    let baseURL: String
    /// Seconds from starting the process until its first line arrived.
    let startSeconds: Double
    /// Where the hub's standard error (its request log) goes.
    let log: URL

    var pid: pid_t { process.processIdentifier }

    private init(process: Process, baseURL: String, startSeconds: Double, log: URL) {
        self.process = process
        self.baseURL = baseURL
        self.startSeconds = startSeconds
        self.log = log
    }

    /// Starts `executable` with `arguments`, its log going to `log`, and waits for
    /// `listening on URL` on its standard output.
    static func start(_ executable: URL, _ arguments: [String], log: URL) throws -> HubNearServer {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            fatalError("no hub at \(executable.path): build it with `swift build -c release --product gangwan-hub` next to gangwan-bench")
        }
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: log)
        let start = Timer.now()
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty {
                process.waitUntilExit()
                let errors = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                fatalError("the hub exited (status \(process.terminationStatus)) before printing its address: \(errors)")
            }
            line.append(chunk)
        }
        let seconds = Timer.now() - start
        let first = String(decoding: line.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        guard first.hasPrefix("listening on "), let url = first.split(separator: " ").last else {
            process.terminate()
            fatalError("unexpected first line from the hub: \(first)")
        }
        return HubNearServer(process: process, baseURL: String(url), startSeconds: seconds, log: log)
    }

    /// Sends SIGTERM and waits for the exit; the seconds that took and the exit status.
    func stop() -> (seconds: Double, status: Int32) {
        let start = Timer.now()
        process.terminate()
        process.waitUntilExit()
        return (Timer.now() - start, process.terminationStatus)
    }

    /// User plus system CPU seconds the process `pid` has used so far, from `/proc/PID/stat`.
    static func cpuSeconds(pid: pid_t) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return .nan }
        // After the command name in parentheses: state is field 3, utime 14 and stime 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return .nan }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    static func fileSize(_ url: URL) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
    }

    /// The number of lines in `url` after its first `offset` bytes.
    static func lineCount(_ url: URL, from offset: Int) -> Int {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return 0 }
        defer { try? handle.close() }
        try? handle.seek(toOffset: UInt64(offset))
        let rest = handle.readDataToEndOfFile()
        return rest.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }
}
