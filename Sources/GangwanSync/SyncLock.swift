import Foundation

/// One sync at a time per database: an exclusive `flock` on a file beside it. The kernel releases it
/// when the process ends, however it ends, so a killed sync never leaves a stale lock behind.
public final class SyncLock {
    public let path: String
    private let descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Takes the lock of the database at `databasePath`, waiting up to `wait` for another sync to end.
    public static func acquire(databasePath: String, wait: Duration) throws(SyncError) -> SyncLock {
        let path = databasePath + ".sync-lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw .notConfigured("cannot open the sync lock \(path): \(String(cString: strerror(errno)))")
        }
        let giveUp = ContinuousClock.now + wait
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, ContinuousClock.now < giveUp else {
                close(descriptor)
                throw .anotherSyncRunning(lock: path)
            }
            // Polling is the only way to wait for an flock with a time limit.
            usleep(100_000)
        }
        return SyncLock(path: path, descriptor: descriptor)
    }
}
