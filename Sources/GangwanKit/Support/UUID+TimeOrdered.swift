import Foundation
import Synchronization

extension UUID {
    /// A version-7 UUID (RFC 9562): 48 bits of Unix milliseconds, a 12-bit counter, then random bits.
    ///
    /// Still made offline without coordination, but ids written later sort later, so inserting a
    /// day's events appends to the end of the id index instead of touching a random page per row.
    /// Within one process they strictly increase even when made at the same instant (an import
    /// gives a million stations one time): the counter counts up within a millisecond, and carries
    /// into the millisecond when it runs out (RFC 9562, section 6.2, method 1). A node that
    /// pulls those records later inserts them in that order too.
    public static func timeOrdered(at date: Date = Date()) -> UUID {
        var random = [UInt8](repeating: 0, count: 10)
        // One call to the system's cryptographic generator for all ten random bytes.
        random.withUnsafeMutableBytes { arc4random_buf($0.baseAddress!, 10) }
        return timeOrdered(at: date, random: random[...])
    }

    /// A version-7 UUID whose random bytes are given (taken from a larger buffer filled at once):
    /// the last eight of the ten are used.
    static func timeOrdered(at date: Date, random: ArraySlice<UInt8>) -> UUID {
        let (milliseconds, counter) = TimeOrderedSequence.shared.next(at: UInt64(max(0, date.timeIntervalSince1970 * 1000)))
        var bytes = [UInt8](repeating: 0, count: 6) + random
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (40 - 8 * UInt64(index))) }
        bytes[6] = 0x70 | UInt8(counter >> 8)
        bytes[7] = UInt8(truncatingIfNeeded: counter)
        bytes[8] = bytes[8] & 0x3F | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}

/// The millisecond and counter of the last time-ordered id this process made.
private final class TimeOrderedSequence: Sendable {
    static let shared = TimeOrderedSequence()
    private let last = Mutex<(milliseconds: UInt64, counter: UInt16)>((0, 0))

    /// The next (millisecond, counter) after the last one, at `milliseconds` or later.
    func next(at milliseconds: UInt64) -> (milliseconds: UInt64, counter: UInt16) {
        last.withLock { last in
            if milliseconds > last.milliseconds {
                last = (milliseconds, 0)
            } else if last.counter < 0xFFF {
                last.counter += 1
            } else {
                last = (last.milliseconds + 1, 0)
            }
            return last
        }
    }
}
