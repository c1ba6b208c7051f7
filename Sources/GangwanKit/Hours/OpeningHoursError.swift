import Foundation

/// Opening hours that cannot be read: where the problem is, what was found there and what was expected.
///
/// The message reads, for `Mo-Fx 08:00-18:00`:
/// `hours: unexpected "Fx" at position 4, expected a weekday (Mo Tu We Th Fr Sa Su)`.
public struct OpeningHoursError: Error, LocalizedError, Equatable, Sendable {
    /// What the parser would have accepted at the error's position.
    public enum Expectation: Sendable, Equatable {
        /// The start of a rule: a weekday, `PH`, `24/7`, a time or `off`.
        case ruleStart
        /// A weekday, ending a weekday range such as `Mo-Fr`.
        case weekday
        /// A weekday or `PH`, after a `,` in a list of days.
        case weekdayOrHoliday
        /// A time `hh:mm`.
        case time
        /// A time after a `,` that ends a time range; other days need a new rule after `;`.
        case timeAfterComma
        /// A start time from 00:00 to 23:59.
        case startTime
        /// An end time from 00:00 to 48:00 (times past 24:00 are on the next day).
        case endTime
        /// The `-` and end time of a time range.
        case rangeDash
        /// After `24/7`: `off`, `;` or the end of the text.
        case afterAlways
        /// After days: a time, `off`, `;` or the end of the text.
        case afterDays
        /// After a time range: `,`, `off`, `;` or the end of the text.
        case afterTimes
        /// After `off`: `;` or the end of the text.
        case ruleEnd
    }

    /// The 1-based position, in characters, of the offending text; one past the last character when the text ended too early.
    public var position: Int
    /// The offending text as written; empty when the text ended too early.
    public var found: String
    /// What would have been accepted instead.
    public var expected: Expectation

    /// Creates an error at `position` (1-based, in characters).
    public init(position: Int, found: String, expected: Expectation) {
        self.position = position
        self.found = found
        self.expected = expected
    }

    /// The problem without the field name, in the current language, for wrapping in a ``FieldError``.
    public var reason: String {
        let (english, chinese) = expected.texts
        if found.isEmpty {
            return localized(
                "unexpected end of text at position \(position), expected \(english)",
                "第 \(position) 个字符处内容提前结束，此处应为\(chinese)")
        }
        return localized(
            "unexpected \"\(found)\" at position \(position), expected \(english)",
            "第 \(position) 个字符处的“\(found)”有误，此处应为\(chinese)")
    }

    /// The full message, naming the field: `hours: unexpected "Fx" at position 4, expected …`.
    public var errorDescription: String? {
        localized("hours: \(reason)", "hours：\(reason)")
    }
}

extension OpeningHoursError.Expectation {
    /// The English and Chinese wording, completing "expected …" / "此处应为…".
    var texts: (english: String, chinese: String) {
        switch self {
        case .ruleStart:
            ("a weekday (Mo Tu We Th Fr Sa Su), \"PH\", \"24/7\", a time or \"off\"",
             "星期（Mo Tu We Th Fr Sa Su）、“PH”、“24/7”、时间或“off”")
        case .weekday:
            ("a weekday (Mo Tu We Th Fr Sa Su)", "星期（Mo Tu We Th Fr Sa Su）")
        case .weekdayOrHoliday:
            ("a weekday (Mo Tu We Th Fr Sa Su) or \"PH\"", "星期（Mo Tu We Th Fr Sa Su）或“PH”")
        case .time:
            ("a time (hh:mm)", "时间（hh:mm）")
        case .timeAfterComma:
            ("a time (hh:mm); other days need a new rule after \";\"", "时间（hh:mm）；其他日子请在“;”后另写一条规则")
        case .startTime:
            ("a start time from 00:00 to 23:59", "00:00 至 23:59 之间的开始时间")
        case .endTime:
            ("an end time from 00:00 to 48:00", "00:00 至 48:00 之间的结束时间")
        case .rangeDash:
            ("\"-\" and an end time", "“-”和结束时间")
        case .afterAlways:
            ("\"off\", \";\" or the end", "“off”、“;”或结尾")
        case .afterDays:
            ("a time, \"off\", \";\" or the end", "时间、“off”、“;”或结尾")
        case .afterTimes:
            ("\",\", \"off\", \";\" or the end", "“,”、“off”、“;”或结尾")
        case .ruleEnd:
            ("\";\" or the end", "“;”或结尾")
        }
    }
}
