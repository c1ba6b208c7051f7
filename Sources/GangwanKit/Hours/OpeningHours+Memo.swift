import Foundation
import Synchronization

extension OpeningHours {
    /// The hours `text` describes, parsed once for the texts a process meets most.
    ///
    /// Stations share a few dozen hours texts, and every station read back from the database (each
    /// locator answer, each listed row) would otherwise parse its text again.
    static func parsedOnce(_ text: String) throws(OpeningHoursError) -> OpeningHours {
        if let hours = memo.withLock({ $0[text] }) { return hours }
        let hours = try OpeningHours(parsing: text)
        memo.withLock { table in
            if table.count >= memoCapacity { table.removeAll(keepingCapacity: true) }
            table[text] = hours
        }
        return hours
    }

    /// Parsed hours by text; emptied when full, so a file of distinct texts cannot grow it
    /// without bound.
    private static let memo = Mutex<[String: OpeningHours]>([:])
    private static let memoCapacity = 256
}
