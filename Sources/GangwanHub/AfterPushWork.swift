import Foundation
import GangwanKit
import GRDB
import Logging

/// What a push leaves for after its answer: its new stations into the R*Tree
/// (``GangwanDatabase/indexLateStations()``) and the write-ahead log into the database file. Both
/// ran inside the push, a quarter of its time; here they run on a thread of their own while the
/// office reads the answer and sends its next batch, and the hub reads and checks that batch.
///
/// One run at a time; any requests made during a run are met by one more run after it.
///
/// The checkpoint runs on a connection of its own: a passive checkpoint needs no write lock, so the
/// next push's merge need not wait for it on the pool's writer.
final class AfterPushWork: @unchecked Sendable {
    private let database: GangwanDatabase
    private let checkpointer: DatabaseQueue
    private let queue = DispatchQueue(label: "gangwan-hub.after-push")
    private let lock = NSLock()
    /// Whether a run is waiting on `queue` (guarded by `lock`).
    private var waiting = false
    private let logger = Logger(label: "gangwan-hub")

    init(database: GangwanDatabase, path: String) throws {
        self.database = database
        var configuration = Configuration()
        configuration.busyMode = .timeout(15)
        do {
            checkpointer = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: error.localizedDescription)
        }
    }

    func request() {
        lock.withLock {
            guard !waiting else { return }
            waiting = true
            queue.async { [self] in
                lock.withLock { waiting = false }
                run()
            }
        }
    }

    /// Waits for the runs requested so far to finish: for tests and shutdown.
    func wait() {
        queue.sync {}
    }

    private func run() {
        do {
            try database.indexLateStations()
        } catch {
            // Nothing is lost: the stations stay listed as late, and the locator reads them from
            // the table, until a later run succeeds.
            logger.warning("indexing a push's stations failed", metadata: ["error": "\(error)"])
        }
        do {
            // Passive: it copies what no reader still needs and never waits for one.
            _ = try checkpointer.writeWithoutTransaction { try $0.checkpoint(.passive) }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            // Another checkpoint (SQLite's own, past 64 MiB) was running: it does this one's work.
        } catch {
            logger.warning("checkpoint after a push failed", metadata: ["error": "\(error)"])
        }
    }
}
