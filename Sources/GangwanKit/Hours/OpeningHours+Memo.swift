import Foundation

extension OpeningHours {
    /// The hours `text` describes, parsed once for the texts a process meets most.
    ///
    /// Stations share a few dozen hours texts, and every station read back from the database (each
    /// locator answer, each listed row) would otherwise parse its text again.
    static func parsedOnce(_ text: String) throws(OpeningHoursError) -> OpeningHours {
        if let hours = memo.hours(for: text) { return hours }
        let hours = try OpeningHours(parsing: text)
        memo.keep(hours, for: text)
        return hours
    }

    private static let memo = Memo()

    /// Parsed hours by text, behind a lock; emptied when full, so a file of distinct texts cannot
    /// grow it without bound. (`NSLock` rather than `Mutex`, which macOS 14 lacks.)
    private final class Memo: @unchecked Sendable {
        private static let capacity = 256
        private let lock = NSLock()
        private var table: [String: OpeningHours] = [:]

        func hours(for text: String) -> OpeningHours? {
            lock.lock()
            defer { lock.unlock() }
            return table[text]
        }

        func keep(_ hours: OpeningHours, for text: String) {
            lock.lock()
            defer { lock.unlock() }
            if table.count >= Self.capacity { table.removeAll(keepingCapacity: true) }
            table[text] = hours
        }
    }
}
