import Foundation

/// Instants as GRDB stores them (`YYYY-MM-DD HH:MM:SS.SSS`, UTC), written without a `DateFormatter`.
///
/// GRDB formats `Date` through `DateFormatter`, which cost more than the rest of encoding a station
/// on import; reading back still goes through GRDB, which parses this same text.
public enum DatabaseTimestamp {
    /// The instant as GRDB writes a `Date`, to the millisecond.
    public static func text(_ date: Date) -> String {
        let milliseconds = Int((date.timeIntervalSince1970 * 1000).rounded())
        let (days, rest) = milliseconds.quotientAndRemainder(dividingBy: 86_400_000)
        let (day, millisecond) = rest < 0 ? (days - 1, rest + 86_400_000) : (days, rest)
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let second = millisecond / 1000
        return "\(LocalDate(dayNumber: day)) \(pad(second / 3600, 2)):\(pad(second % 3600 / 60, 2)):\(pad(second % 60, 2)).\(pad(millisecond % 1000, 3))"
    }
}
