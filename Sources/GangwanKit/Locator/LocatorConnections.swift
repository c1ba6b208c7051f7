import Foundation
import GRDB
import Synchronization

/// Read-only connections kept for the locator: one per query running at the same moment.
///
/// Every read through GRDB's `DatabasePool` first runs `PRAGMA schema_version`, to keep GRDB's
/// schema cache true, and takes a pooled connection through two dispatch queues and a semaphore:
/// about 6 µs, 7 % of the hub's work for a `near` request (measured with `perf record` under
/// `gangwan-bench hub-near`, see docs/benchmarks.md, "ninth session"). The locator's statement needs none of
/// it: it asks GRDB nothing about the schema, and one SELECT is its own snapshot. So the locator
/// reads on connections of its own, opened when a query finds none idle; up to
/// ``maximumIdle`` are kept for the next queries, any more are closed when their query ends.
final class LocatorConnections: Sendable {
    /// The pool whose file these connections read. Held so that it closes after them: the last
    /// connection to close checkpoints the write-ahead log and removes it, and only the pool may.
    private let pool: DatabasePool
    private let idle = Mutex<[DatabaseQueue]>([])

    /// As many queries as the hub's `near` benchmark sends at once (8 connections); GRDB's pool
    /// kept 5 readers.
    static let maximumIdle = 8

    init(pool: DatabasePool) {
        self.pool = pool
    }

    deinit {
        idle.withLock { $0.removeAll() }
    }

    /// How many connections wait for a query.
    var idleCount: Int { idle.withLock(\.count) }

    /// Runs `body` outside any transaction on an idle connection, opening one if none is idle.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        let connection = try idle.withLock { $0.popLast() } ?? DatabaseQueue(path: pool.path, configuration: Self.configuration())
        defer {
            idle.withLock { if $0.count < Self.maximumIdle { $0.append(connection) } }
        }
        return try connection.unsafeRead(body)
    }

    /// The database's own configuration, read-only.
    private static func configuration() -> Configuration {
        var config = GangwanDatabase.configuration()
        config.readonly = true
        return config
    }
}
