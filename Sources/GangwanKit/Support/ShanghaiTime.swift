import Foundation

/// Days and instants as union offices read them: civil dates in Asia/Shanghai, instants in ISO 8601.
public enum ShanghaiTime {
    /// The time zone of opening hours and of "today".
    public static let zone = TimeZone(identifier: "Asia/Shanghai")!

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }()

    /// The years a date may fall in: outside them it is a typing error (`0026` for `2026`), and
    /// before 1901 Shanghai kept local mean time (+08:05:43), which nobody means.
    static let plausibleYears = 1901...2999

    /// The start of the day `YYYY-MM-DD` in Shanghai, or `nil` if the text is not a real date.
    public static func date(fromDay text: String) -> Date? {
        guard let day = LocalDate(text), plausibleYears.contains(day.year) else { return nil }
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))
    }

    /// Reads an ISO 8601 instant (`2026-03-01T08:30:00+08:00`, `…Z`); one without an offset
    /// (`2026-03-01T08:30`, `2026-03-01 08:30:15`) is Shanghai time.
    public static func instant(from text: String) -> Date? {
        let withZone = ISO8601DateFormatter()
        withZone.formatOptions = [.withInternetDateTime]
        let zoned = withZone.date(from: text) ?? {
            withZone.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return withZone.date(from: text)
        }()
        // The formatter takes any two digits in an offset (`+99:99`); real ones are within ±14:00.
        if zoned != nil, let offset = text.firstMatch(of: /[+-](\d\d):?(\d\d)$/), Int(offset.1)! > 14 || Int(offset.2)! > 59 {
            return nil
        }
        guard let instant = zoned ?? localInstant(text), plausibleYears.contains(calendar.component(.year, from: instant)) else { return nil }
        return instant
    }

    /// `YYYY-MM-DDTHH:MM[:SS]` (or a space for the `T`) in Shanghai time.
    private static func localInstant(_ text: String) -> Date? {
        let parts = text.split(whereSeparator: { $0 == "T" || $0 == " " })
        guard parts.count == 2, let day = date(fromDay: String(parts[0])) else { return nil }
        let clock = parts[1].split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(clock.count), clock.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCIIDigit) }),
              let hour = Int(clock[0]), let minute = Int(clock[1]), hour < 24, minute < 60
        else { return nil }
        let second = clock.count == 3 ? Int(clock[2])! : 0
        guard second < 60 else { return nil }
        return day.addingTimeInterval(Double(hour * 3600 + minute * 60 + second))
    }

    /// The Shanghai calendar day of an instant, as `YYYY-MM-DD`.
    public static func day(of date: Date) -> String {
        LocalDate(dayNumber: OpeningHours.shanghaiMoment(of: date).day).description
    }

    /// The instant as ISO 8601 with the Shanghai offset, e.g. `2026-03-01T08:30:00+08:00`.
    public static func timestamp(of date: Date) -> String {
        // Since 1992 Shanghai is UTC+8 all year: plain arithmetic, no formatter per call.
        let seconds = date.timeIntervalSince1970
        if seconds >= OpeningHours.fixedOffsetSince, seconds < OpeningHours.fixedOffsetUntil {
            let local = Int(seconds.rounded(.down)) + 8 * 3600
            let second = local % 86_400
            func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
            return "\(LocalDate(dayNumber: local / 86_400))T\(pad(second / 3600)):\(pad(second % 3600 / 60)):\(pad(second % 60))+08:00"
        }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = zone
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
