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

    /// The day `YYYY-MM-DD`, or `nil` if it does not exist or its year is not plausible.
    static func plausibleDay(_ text: some StringProtocol) -> LocalDate? {
        guard let day = LocalDate(text), plausibleYears.contains(day.year) else { return nil }
        return day
    }

    /// The start of the day `YYYY-MM-DD` in Shanghai, or `nil` if the text is not a real date.
    public static func date(fromDay text: String) -> Date? {
        plausibleDay(text).flatMap(start(of:))
    }

    private static func start(of day: LocalDate) -> Date? {
        calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))
    }

    /// Reads an ISO 8601 instant: `YYYY-MM-DDTHH:MM`, then optionally `:SS` and a fraction, then
    /// optionally `Z` or an offset (`+08:00`, `+0800`); without one it is Shanghai time. A space may
    /// stand for the `T`. Days that do not exist (`2026-02-30`), offsets beyond ±14:00 and years
    /// outside ``plausibleYears`` give `nil`.
    public static func instant(from text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 16, let day = plausibleDay(String(decoding: bytes[0..<10], as: UTF8.self)),
              bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " ")
        else { return nil }
        var reader = DigitReader(bytes: bytes, at: 11)
        guard let hour = reader.twoDigits(), reader.skip(":"), let minute = reader.twoDigits(), hour < 24, minute < 60 else { return nil }
        var seconds = Double(hour * 3600 + minute * 60)
        if reader.skip(":") {
            guard let second = reader.twoDigits(), second < 60 else { return nil }
            seconds += Double(second)
            if reader.skip(".") {
                guard let fraction = reader.fraction() else { return nil }
                seconds += fraction
            }
        }
        if reader.isAtEnd {
            return start(of: day)?.addingTimeInterval(seconds)
        }
        guard let offset = reader.offset(), reader.isAtEnd else { return nil }
        return Date(timeIntervalSince1970: Double(day.dayNumber * 86_400) + seconds - Double(offset))
    }

    /// Reads the parts of an ISO 8601 time after its date.
    private struct DigitReader {
        let bytes: [UInt8]
        var at: Int

        var isAtEnd: Bool { at == bytes.count }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard at < bytes.count, bytes[at] == UInt8(ascii: character) else { return false }
            at += 1
            return true
        }

        mutating func digit() -> Int? {
            guard at < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[at]) else { return nil }
            at += 1
            return Int(bytes[at - 1] - UInt8(ascii: "0"))
        }

        mutating func twoDigits() -> Int? {
            guard let tens = digit(), let ones = digit() else { return nil }
            return tens * 10 + ones
        }

        /// The digits after a decimal point, as a fraction of a second.
        mutating func fraction() -> Double? {
            var value = 0.0, scale = 1.0
            while let digit = digit() {
                scale /= 10
                value += Double(digit) * scale
            }
            return scale < 1 ? value : nil
        }

        /// `Z`, or `+HH:MM` / `+HHMM` (or `-`) within ±14:00, in seconds east of UTC.
        mutating func offset() -> Int? {
            if skip("Z") || skip("z") { return 0 }
            let sign = skip("+") ? 1 : skip("-") ? -1 : 0
            guard sign != 0, let hours = twoDigits() else { return nil }
            _ = skip(":")
            guard let minutes = twoDigits(), minutes < 60, hours * 60 + minutes <= 14 * 60 else { return nil }
            return sign * (hours * 3600 + minutes * 60)
        }
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
