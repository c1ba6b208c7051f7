import Foundation

/// Reads and prepares import rows on a thread of their own, a few batches ahead of the caller.
///
/// An import is two kinds of work of about equal weight: reading and checking rows (Swift) and
/// writing them (SQLite, on the one connection that holds the transaction). On two cores they can
/// overlap. Rows come out in file order; at most a few thousand wait at a time, so memory stays flat.
final class PreparedRows: @unchecked Sendable {
    private static let batchSize = 256
    private static let batchesAhead = 16

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var ready: [[PreparedRow]] = []
    private var finished = false
    private var failure: (any Error)?
    private var stopped = false
    /// Batches the caller is done with, for the reading thread to free (see ``giveBack(_:)``).
    private var spent: [[PreparedRow]] = []
    // Used by the reading thread only, once started.
    private var reader: CSVReader
    private var preparer: RowPreparer

    /// Starts reading the records after the header from `reader`.
    init(reader: CSVReader, preparer: RowPreparer) {
        self.reader = reader
        self.preparer = preparer
        let thread = Thread { [self] in produce() }
        thread.name = "gangwan import reader"
        thread.start()
    }

    /// The next rows in file order, or `nil` after the last; rethrows what stopped the reading
    /// (a broken CSV file, an unreadable disk).
    func next() throws -> [PreparedRow]? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty && !finished { condition.wait() }
        if !ready.isEmpty {
            condition.signal()
            return ready.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// Takes back a batch the caller is done with, so that the reading thread, which allocated its
    /// rows, frees them too. Freed on the writing thread, each block went back to the reading thread's
    /// malloc arena under that arena's lock, and the two threads kept waiting on each other.
    func giveBack(_ batch: consuming [PreparedRow]) {
        condition.lock()
        spent.append(batch)
        condition.unlock()
    }

    /// Tells the reading thread to stop early, when the caller gives up on the file.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func produce() {
        var batch: [PreparedRow] = []
        batch.reserveCapacity(Self.batchSize)
        do {
            while let record = try reader.next() {
                batch.append(preparer.prepare(record))
                if batch.count == Self.batchSize {
                    guard hand(batch) else { return }
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty { _ = hand(batch) }
            finish(nil)
        } catch {
            if !batch.isEmpty { _ = hand(batch) }
            finish(error)
        }
    }

    /// Queues a batch, waiting while enough are queued; false once the caller stopped. Frees the
    /// batches given back meanwhile, outside the lock.
    private func hand(_ batch: [PreparedRow]) -> Bool {
        var freed: [[PreparedRow]] = []
        defer { freed.removeAll() }
        condition.lock()
        defer { condition.unlock() }
        while ready.count >= Self.batchesAhead && !stopped { condition.wait() }
        swap(&freed, &spent)
        guard !stopped else { return false }
        ready.append(batch)
        condition.signal()
        return true
    }

    private func finish(_ error: (any Error)?) {
        condition.lock()
        failure = error
        finished = true
        condition.broadcast()
        condition.unlock()
    }
}
