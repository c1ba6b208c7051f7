import Foundation
import Logging
import Synchronization

/// The hub's log lines on standard error, in `StreamLogHandler`'s format
/// (`2026-12-06T12:58:21+0800 info gangwan-hub: key=value … [GangwanHub] request`) at a fraction
/// of its cost: the hub writes a line for every request, and `StreamLogHandler` took a sixth of
/// the busiest endpoint's throughput (it asks the C library for the local time of every line, which
/// takes a process-wide lock and checks the time zone file, and renders the level by reflection).
///
/// The time is worked out once a second; a line is put together, then written whole under a lock,
/// so lines from several threads never interleave.
public struct HubLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let output: Int32

    /// A handler writing to the file descriptor `output` (standard error by default).
    public init(label: String, level: Logger.Level, output: Int32 = STDERR_FILENO) {
        self.label = label
        self.logLevel = level
        self.output = output
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = Self.clock.now()
        line.append(" ")
        line.append(Self.name(of: event.level))
        if !label.isEmpty {
            line.append(" ")
            line.append(label)
        }
        line.append(":")
        var merged = metadata
        if let explicit = event.metadata { merged.merge(explicit) { $1 } }
        if let error = event.error {
            merged["error.message"] = "\(error)"
            merged["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            line.append(" ")
            line.append(key)
            line.append("=")
            Self.append(value, to: &line)
        }
        line.append(" [")
        line.append(event.source)
        line.append("] ")
        line.append(event.message.description)
        line.append("\n")
        Self.write(line, to: output)
    }

    private static func name(of level: Logger.Level) -> String {
        switch level {
        case .trace: "trace"
        case .debug: "debug"
        case .info: "info"
        case .notice: "notice"
        case .warning: "warning"
        case .error: "error"
        case .critical: "critical"
        }
    }

    /// A value as `StreamLogHandler` prints it; plain strings without going through `description`.
    private static func append(_ value: Logger.Metadata.Value, to line: inout String) {
        if case .string(let text) = value {
            line.append(text)
        } else {
            line.append(value.description)
        }
    }

    /// Writes the whole line, retrying after a signal or a partial write; a failure drops the line.
    /// One line at a time, so a partial write never lets another thread's line in between.
    private static func write(_ line: String, to output: Int32) {
        var line = line
        writing.withLock { _ in line.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(output, bytes.baseAddress! + offset, bytes.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0, errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        } }
    }

    private static let clock = LogClock()
    private static let writing = Mutex(())
}

/// The local time as `StreamLogHandler` prints it (`%Y-%m-%dT%H:%M:%S%z`), formatted once a second.
final class LogClock: Sendable {
    private let last = Mutex<(second: time_t, text: String)>((-1, ""))

    func now() -> String {
        let second = time(nil)
        return last.withLock { last in
            if last.second != second {
                last = (second, Self.format(second))
            }
            return last.text
        }
    }

    static func format(_ second: time_t) -> String {
        var seconds = second
        var local = tm()
        // localtime_r, unlike localtime, does not look at the time zone again on every call.
        guard localtime_r(&seconds, &local) != nil else { return "<unknown>" }
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &local)
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
