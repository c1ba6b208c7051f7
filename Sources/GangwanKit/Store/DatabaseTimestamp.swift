import Foundation
import GRDB

/// Instants as GRDB stores them (`YYYY-MM-DD HH:MM:SS.SSS`, UTC), written and read without a formatter.
///
/// GRDB formats `Date` through `DateFormatter` and parses it with `sscanf`; both cost more than the
/// rest of encoding or decoding a station, on import and in every locator answer.
public enum DatabaseTimestamp {
    /// The instant as GRDB writes a `Date`, to the millisecond.
    public static func text(_ date: Date) -> String {
        let milliseconds = Int((date.timeIntervalSince1970 * 1000).rounded())
        let (days, rest) = milliseconds.quotientAndRemainder(dividingBy: 86_400_000)
        let (dayNumber, millisecond) = rest < 0 ? (days - 1, rest + 86_400_000) : (days, rest)
        let day = LocalDate(dayNumber: dayNumber)
        let second = millisecond / 1000
        return String(unsafeUninitializedCapacity: 23) { output in
            // Writes `value` as `width` digits at `start`, then the separator.
            func put(_ value: Int, width: Int, at start: Int, then separator: Unicode.Scalar?) {
                var rest = value
                for position in (start..<start + width).reversed() {
                    output[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                if let separator { output[start + width] = UInt8(ascii: separator) }
            }
            put(day.year, width: 4, at: 0, then: "-")
            put(day.month, width: 2, at: 5, then: "-")
            put(day.day, width: 2, at: 8, then: " ")
            put(second / 3600, width: 2, at: 11, then: ":")
            put(second % 3600 / 60, width: 2, at: 14, then: ":")
            put(second % 60, width: 2, at: 17, then: ".")
            put(millisecond % 1000, width: 3, at: 20, then: nil)
            return 23
        }
    }

    /// Reads what ``text(_:)`` writes; any other form GRDB stores dates in goes through GRDB.
    static func date(_ text: String) throws -> Date {
        if let date = fixedForm(text) ?? Date.fromDatabaseValue(text.databaseValue) { return date }
        throw StoreError.corrupt("timestamp \(text)")
    }

    private static func fixedForm(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for byte in bytes[range] {
                    guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                    value = value * 10 + Int(byte - UInt8(ascii: "0"))
                }
                return value
            }
            guard bytes.count == 23, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
                  bytes[10] == UInt8(ascii: " "), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
                  bytes[19] == UInt8(ascii: "."),
                  let year = number(0..<4), let month = number(5..<7), let dayOfMonth = number(8..<10),
                  let day = LocalDate(year: year, month: month, day: dayOfMonth),
                  let hour = number(11..<13), hour < 24, let minute = number(14..<16), minute < 60,
                  let second = number(17..<19), second < 60, let millisecond = number(20..<23)
            else { return nil }
            let milliseconds = ((day.dayNumber * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millisecond
            return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        }
    }
}
