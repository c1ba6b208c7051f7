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
        let (milliseconds, counter, random) = TimeOrderedSequence.shared.next(at: UInt64(max(0, date.timeIntervalSince1970 * 1000)))
        func byte(_ value: UInt64, _ shift: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: value >> shift) }
        return UUID(uuid: (
            byte(milliseconds, 40), byte(milliseconds, 32), byte(milliseconds, 24), byte(milliseconds, 16),
            byte(milliseconds, 8), byte(milliseconds, 0), 0x70 | UInt8(counter >> 8), UInt8(truncatingIfNeeded: counter),
            byte(random, 56) & 0x3F | 0x80, byte(random, 48), byte(random, 40), byte(random, 32),
            byte(random, 24), byte(random, 16), byte(random, 8), byte(random, 0)))
    }
}

/// The millisecond and counter of the last time-ordered id this process made, and the random bytes
/// for the next ones.
private final class TimeOrderedSequence: Sendable {
    static let shared = TimeOrderedSequence()

    private struct State {
        var milliseconds: UInt64 = 0
        var counter: UInt16 = 0
        /// Drawn from the system's cryptographic generator 4 KiB at a time: glibc asks the kernel on
        /// every `arc4random_buf` call, a tenth of the work of preparing an imported row.
        var random: [UInt8] = []
        var used = 0
    }

    private let state = Mutex(State())

    /// The next (millisecond, counter) after the last one, at `milliseconds` or later, and 64 random bits.
    func next(at milliseconds: UInt64) -> (milliseconds: UInt64, counter: UInt16, random: UInt64) {
        state.withLock { state in
            if milliseconds > state.milliseconds {
                (state.milliseconds, state.counter) = (milliseconds, 0)
            } else if state.counter < 0xFFF {
                state.counter += 1
            } else {
                (state.milliseconds, state.counter) = (state.milliseconds + 1, 0)
            }
            if state.used + 8 > state.random.count {
                state.random = [UInt8](repeating: 0, count: 4096)
                state.random.withUnsafeMutableBytes { arc4random_buf($0.baseAddress!, $0.count) }
                state.used = 0
            }
            let random = state.random.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: state.used, as: UInt64.self) }
            state.used += 8
            return (state.milliseconds, state.counter, random)
        }
    }
}
