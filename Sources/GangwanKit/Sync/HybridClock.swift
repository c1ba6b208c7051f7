import Foundation

/// Hybrid logical clocks: timestamps that follow wall time but never go backwards and order every
/// change of every node the same way.
public enum HybridClock {
    /// A hybrid logical clock value: milliseconds since 1970, a counter for changes within one
    /// millisecond, and the node that made it. Written `WWWWWWWWWWWW-CCCC-NNNNNNNNNNNNNNNN` in lower-case
    /// hex, so comparing the text compares the timestamps.
    public struct Timestamp: Comparable, Hashable, Sendable, Codable, CustomStringConvertible {
        public let wall: UInt64
        public let counter: UInt16
        public let node: UInt64

        public init(wall: UInt64, counter: UInt16, node: UInt64) {
            self.wall = wall & 0xFFFF_FFFF_FFFF
            self.counter = counter
            self.node = node
        }

        /// Parses the text form; `nil` unless it is exactly three lower-case hex groups of 12, 4 and 16 digits.
        public init?(text: String) {
            // Read as bytes: every sync change carries a few of these, and Character checks cost more
            // than the rest of decoding a change.
            var utf8 = text
            let parsed: (UInt64, UInt64, UInt64)? = utf8.withUTF8 { bytes in
                guard bytes.count == 34, bytes[12] == UInt8(ascii: "-"), bytes[17] == UInt8(ascii: "-") else { return nil }
                func hex(_ range: Range<Int>) -> UInt64? {
                    var value: UInt64 = 0
                    for byte in bytes[range] {
                        switch byte {
                        case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value << 4 | UInt64(byte - UInt8(ascii: "0"))
                        case UInt8(ascii: "a")...UInt8(ascii: "f"): value = value << 4 | UInt64(byte - UInt8(ascii: "a") + 10)
                        default: return nil
                        }
                    }
                    return value
                }
                guard let wall = hex(0..<12), let counter = hex(13..<17), let node = hex(18..<34) else { return nil }
                return (wall, counter, node)
            }
            guard let (wall, counter, node) = parsed else { return nil }
            self.init(wall: wall, counter: UInt16(counter), node: node)
        }

        /// `wall-counter-node` in lowercase hex, 12, 4 and 16 digits: written into one buffer, as
        /// every change's id carries one and a batch makes thousands.
        public var text: String {
            String(unsafeUninitializedCapacity: 34) { output in
                func put(_ value: UInt64, width: Int, at start: Int) {
                    var rest = value
                    for index in (start..<start + width).reversed() {
                        output[index] = Hex.digits[Int(rest & 0xF)]
                        rest >>= 4
                    }
                }
                put(wall, width: 12, at: 0)
                output[12] = UInt8(ascii: "-")
                put(UInt64(counter), width: 4, at: 13)
                output[17] = UInt8(ascii: "-")
                put(node, width: 16, at: 18)
                return 34
            }
        }

        public var description: String { text }

        public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
            (lhs.wall, lhs.counter, lhs.node) < (rhs.wall, rhs.counter, rhs.node)
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let value = Timestamp(text: text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a hybrid clock value: \(text)")
            }
            self = value
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(text)
        }
    }

    /// How far ahead of this node's wall clock a received timestamp may be. A value further ahead is
    /// refused, so one office with a wrong clock cannot drag every other office's clock forward.
    public static let maximumDrift: UInt64 = 3_600_000

    /// The timestamp of a local change made at `now`, after `last` (this node's latest timestamp).
    public static func tick(after last: Timestamp?, now: Date, node: UInt64) -> Timestamp {
        let wall = milliseconds(now)
        guard let last, last.wall >= wall else { return Timestamp(wall: wall, counter: 0, node: node) }
        // Wall time did not move (or went back): count within the last millisecond, moving to the next
        // one when the counter is full.
        if last.counter == .max { return Timestamp(wall: last.wall + 1, counter: 0, node: node) }
        return Timestamp(wall: last.wall, counter: last.counter + 1, node: node)
    }

    /// Whether a timestamp received from elsewhere is acceptable at `now`.
    public static func isPlausible(_ received: Timestamp, now: Date) -> Bool {
        received.wall <= milliseconds(now) + maximumDrift
    }

    static func milliseconds(_ date: Date) -> UInt64 {
        UInt64(max(0, (date.timeIntervalSince1970 * 1000).rounded(.down)))
    }
}
