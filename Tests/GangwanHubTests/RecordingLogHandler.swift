import Foundation
import Logging

/// Keeps every log entry in memory, so a test can read what the hub logged.
struct RecordingLogHandler: LogHandler {
    /// One logged entry: its message and its metadata, rendered as text.
    struct Entry: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: [String: String]
    }

    /// The entries, shared by every copy of the handler.
    final class Entries: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [Entry] = []

        func append(_ entry: Entry) { lock.withLock { stored.append(entry) } }
        var all: [Entry] { lock.withLock { stored } }
    }

    let entries: Entries
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        entries.append(Entry(level: event.level, message: "\(event.message)", metadata: merged.mapValues { "\($0)" }))
    }
}
