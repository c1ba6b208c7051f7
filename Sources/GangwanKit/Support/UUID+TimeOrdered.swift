import Foundation

extension UUID {
    /// A version-7 UUID (RFC 9562): 48 bits of Unix milliseconds, then random bits.
    ///
    /// Still made offline without coordination, but ids written later sort later, so inserting a
    /// day's events appends to the end of the id index instead of touching a random page per row.
    public static func timeOrdered(at date: Date = Date()) -> UUID {
        var random = [UInt8](repeating: 0, count: 10)
        // One call to the system's cryptographic generator for all ten random bytes.
        random.withUnsafeMutableBytes { arc4random_buf($0.baseAddress!, 10) }
        return timeOrdered(at: date, random: random[...])
    }

    /// A version-7 UUID whose ten random bytes are given (taken from a larger buffer filled at once).
    static func timeOrdered(at date: Date, random: ArraySlice<UInt8>) -> UUID {
        let milliseconds = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        var bytes = [UInt8](repeating: 0, count: 6) + random
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (40 - 8 * UInt64(index))) }
        bytes[6] = bytes[6] & 0x0F | 0x70
        bytes[8] = bytes[8] & 0x3F | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
