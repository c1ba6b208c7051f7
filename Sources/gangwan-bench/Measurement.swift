import Foundation

/// Monotonic wall-clock time.
enum Timer {
    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    static func measure(_ body: () throws -> Void) rethrows -> Double {
        let start = now()
        try body()
        return now() - start
    }
}

enum Stats {
    /// The nearest-rank percentile of the samples.
    static func percentile(_ samples: [Double], _ p: Double) -> Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }
}

/// A child process with its wall time and, through `wait4`, its own peak resident memory.
enum ChildProcess {
    struct Run {
        var status: Int32
        var seconds: Double
        var peakKilobytes: Int
        var stderr: String
    }

    static func run(_ executable: URL, _ arguments: [String]) throws -> Run {
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("gangwan-bench-\(getpid()).err")
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errorFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var pid: pid_t = 0
        let start = Timer.now()
        let spawned = posix_spawn(&pid, executable.path, &actions, nil, argv, environ)
        guard spawned == 0 else { fatalError("cannot start \(executable.path): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        let seconds = Timer.now() - start
        let stderr = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: errorFile)
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Run(status: exitStatus, seconds: seconds, peakKilobytes: usage.ru_maxrss, stderr: stderr)
    }

    /// Seconds from starting the command until `lines` lines of its output have arrived (as `| head` sees
    /// them); the command is then stopped.
    static func timeToLines(_ executable: URL, _ arguments: [String], lines: Int) throws -> Double {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        let start = Timer.now()
        try process.run()
        var seen = 0
        let reader = pipe.fileHandleForReading
        while seen < lines {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            seen += chunk.filter { $0 == UInt8(ascii: "\n") }.count
        }
        let seconds = Timer.now() - start
        process.terminate()
        process.waitUntilExit()
        return seconds
    }
}

/// Reads a database file once before it is timed. This machine's kernel pages out file pages no
/// process maps (DAMON's `pageout` scheme, up to 128 MiB a second), so a database left alone for a
/// minute is partly back on disk, and the first timings would measure the disk, not the code.
enum PageCache {
    static func warm(_ path: String) throws {
        let seconds = try Timer.measure {
            let file = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? file.close() }
            while let chunk = try file.read(upToCount: 1 << 22), !chunk.isEmpty {}
        }
        print(String(format: "read %@ once, so that the timings start from the page cache (%.1f s)",
                     (path as NSString).lastPathComponent, seconds))
    }
}
