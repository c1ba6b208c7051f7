import Foundation
import Glibc

/// Runs one of the package's built executables as a separate process, its output going to files.
///
/// Output goes to files rather than pipes, so a chatty child can never block on a full pipe while
/// the test waits for it. Every run has a watchdog: a child still running after `timeout` is killed,
/// and the result says so, so a hung sync fails its test instead of hanging the suite.
struct EndToEndProcess {
    /// How a finished process ended and what it printed.
    struct Result: CustomStringConvertible {
        var arguments: [String]
        var status: Int32
        /// Whether it was ended by a signal rather than by exiting.
        var signalled: Bool
        var stdout: String
        var stderr: String
        var seconds: Double
        /// Whether the watchdog had to kill it.
        var timedOut: Bool

        /// Both outputs, for looking for what must never be printed.
        var output: String { stdout + stderr }

        var description: String {
            "`\(arguments.joined(separator: " "))` → \(signalled ? "signal" : "exit") \(status)\(timedOut ? " (timed out)" : "")"
                + " in \(String(format: "%.2f", seconds)) s; stdout: \(stdout.prefix(2000)) stderr: \(stderr.prefix(2000))"
        }
    }

    /// A started process: wait for it, or kill it at a chosen moment.
    final class Running: @unchecked Sendable {
        let process: Process
        let arguments: [String]
        private let stdoutFile: URL
        private let stderrFile: URL
        private let started = ContinuousClock.now
        private let lock = NSLock()
        private var watchdogFired = false

        fileprivate init(process: Process, arguments: [String], stdoutFile: URL, stderrFile: URL, timeout: Double) throws {
            self.process = process
            self.arguments = arguments
            self.stdoutFile = stdoutFile
            self.stderrFile = stderrFile
            try process.run()
            let pid = process.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { [weak self] in
                guard let self, self.process.isRunning else { return }
                self.lock.withLock { self.watchdogFired = true }
                _ = Glibc.kill(pid, SIGKILL)
            }
        }

        var pid: pid_t { process.processIdentifier }

        /// Sends `signal` (SIGKILL by default) to the process, if it has not ended yet.
        func kill(_ signal: Int32 = SIGKILL) {
            guard process.isRunning else { return }
            _ = Glibc.kill(pid, signal)
        }

        /// Waits for the process to end and collects its output.
        func wait() -> Result {
            process.waitUntilExit()
            let seconds = Self.seconds(ContinuousClock.now - started)
            return Result(
                arguments: arguments, status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                stdout: (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? "",
                stderr: (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "",
                seconds: seconds, timedOut: lock.withLock { watchdogFired })
        }

        private static func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
    }

    /// The executable `name` in the build folder, found by walking up from the test bundle.
    static func executable(_ name: String) -> URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path), folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent(name)
    }

    let executable: URL
    /// Where output files go.
    let folder: URL
    var environment: [String: String]

    /// Starts `executable ARGS…` without waiting for it.
    func start(_ arguments: [String], timeout: Double = 90) throws -> Running {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let name = UUID().uuidString
        let stdoutFile = folder.appendingPathComponent("\(name).out")
        let stderrFile = folder.appendingPathComponent("\(name).err")
        guard FileManager.default.createFile(atPath: stdoutFile.path, contents: nil),
              FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        else { throw EndToEndFailure("cannot create output files in \(folder.path)") }
        process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        return try Running(process: process, arguments: arguments, stdoutFile: stdoutFile, stderrFile: stderrFile, timeout: timeout)
    }

    /// Runs `executable ARGS…` to its end.
    func run(_ arguments: [String], timeout: Double = 90) throws -> Result {
        try start(arguments, timeout: timeout).wait()
    }
}
