import Foundation
import GRDB

/// Read-only connections kept for the locator: one per query running at the same moment.
///
/// Every read through GRDB's `DatabasePool` first runs `PRAGMA schema_version`, to keep GRDB's
/// schema cache true, and takes a pooled connection through two dispatch queues and a semaphore:
/// about 6 µs, 7 % of the hub's work for a `near` request. The locator's statement needs none of
/// it: it asks GRDB nothing about the schema, and one SELECT is its own snapshot. So the locator
/// reads on connections of its own, opened when a query finds none idle: as many as queries ever
/// ran at once (one in the CLI, a few on the hub).
final class LocatorConnections: @unchecked Sendable {
    private let path: String
    /// Guards `idle`. (`NSLock` rather than `Mutex`, which macOS 14 lacks.)
    private let lock = NSLock()
    private var idle: [DatabaseQueue] = []

    init(path: String) {
        self.path = path
    }

    /// Runs `body` outside any transaction on an idle connection, opening one if none is idle.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        let connection = try lock.withLock { idle.popLast() } ?? DatabaseQueue(path: path, configuration: Self.configuration())
        defer { lock.withLock { idle.append(connection) } }
        return try connection.unsafeRead(body)
    }

    /// The database's own configuration, read-only.
    private static func configuration() -> Configuration {
        var config = GangwanDatabase.configuration()
        config.readonly = true
        return config
    }
}
