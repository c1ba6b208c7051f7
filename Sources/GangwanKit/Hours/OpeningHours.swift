import Foundation

/// When a station is open, in a documented subset of OpenStreetMap's `opening_hours` syntax.
///
/// For example `Mo-Fr 08:00-18:00; Sa,Su 09:00-17:00; PH off`. Parse once with ``init(parsing:)`` and ask
/// ``isOpen(at:holidays:)`` as often as needed. The subset and its meaning are in `docs/opening-hours.md`.
public struct OpeningHours: Sendable, Hashable, CustomStringConvertible {
    /// The rules in the order written; a later rule overrides earlier ones on the days it selects.
    let rules: [Rule]
    /// The hours in canonical form, e.g. `Mo-Fr 08:00-18:00; Sa,Su off`; reading it back gives an equal
    /// value. Kept from parsing, because every stored station writes it.
    public let description: String

    /// Reads opening hours such as `24/7` or `Mo-Fr 08:00-12:00,14:00-18:00; Sa 20:00-02:00; PH off`.
    ///
    /// Whitespace is free, keywords ignore case, a trailing `;` is allowed, and the full-width
    /// punctuation of Chinese input methods (`：` `，` `、` `；` `－` `—` `～`) reads as its ASCII twin.
    /// Empty text is refused: a caller with no hours should store none.
    ///
    /// - Throws: ``OpeningHoursError`` with the 1-based position of the first problem.
    public init(parsing text: String) throws(OpeningHoursError) {
        var parser = Parser(text)
        rules = try parser.parseRules()
        description = rules.map(\.description).joined(separator: "; ")
    }
}

// MARK: - Model

extension OpeningHours {
    /// One `;`-separated rule: which days, which times, and whether it opens or closes them.
    struct Rule: Sendable, Hashable {
        enum Selector: Sendable, Hashable {
            /// `24/7`: every day, all day.
            case twentyFourSeven
            /// No day selector: every day.
            case everyDay
            /// Weekdays and/or `PH`.
            case days(DaySet)
        }

        var selector: Selector
        /// The time ranges; empty for the whole day.
        var spans: [TimeSpan]
        /// `false` for an `off` rule.
        var opens: Bool

        /// The ``DaySet`` bits of the days this rule selects; all bits for a rule without days.
        var mask: UInt8 {
            if case .days(let days) = selector { return days.rawValue }
            return DaySet.everything
        }

        var description: String {
            var parts: [String] = []
            switch selector {
            case .twentyFourSeven: parts.append("24/7")
            case .everyDay: break
            case .days(let days): parts.append(days.description)
            }
            if !spans.isEmpty { parts.append(spans.map(\.description).joined(separator: ",")) }
            if !opens { parts.append("off") }
            return parts.joined(separator: " ")
        }
    }

    /// A set of weekdays and public holidays as bits: bit 0 Monday … bit 6 Sunday, bit 7 `PH`.
    struct DaySet: Sendable, Hashable, CustomStringConvertible {
        static let holiday: UInt8 = 0x80
        static let allWeekdays: UInt8 = 0x7F
        static let everything: UInt8 = 0xFF
        static let names = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]

        var rawValue: UInt8 = 0

        static func weekday(_ index: Int) -> UInt8 { 1 << UInt8(index) }

        /// Adds the weekdays `from` through `to` (0 = Monday), wrapping past Sunday as in `Fr-Mo`.
        mutating func insertWeekdays(from: Int, through to: Int) {
            var day = from
            while true {
                rawValue |= Self.weekday(day)
                if day == to { return }
                day = (day + 1) % 7
            }
        }

        /// Weekdays in runs (`Mo-Fr`, `Sa,Su`, `Fr-Mo`), then `PH`.
        var description: String {
            var items: [String] = []
            let weekdays = rawValue & Self.allWeekdays
            if weekdays == Self.allWeekdays {
                items.append("Mo-Su")
            } else {
                var runs: [(start: Int, count: Int)] = []
                var day = 0
                while day < 7 {
                    guard weekdays & Self.weekday(day) != 0 else { day += 1; continue }
                    var last = day
                    while last + 1 < 7, weekdays & Self.weekday(last + 1) != 0 { last += 1 }
                    runs.append((day, last - day + 1))
                    day = last + 1
                }
                // A run ending on Sunday and a short one starting on Monday read better as one wrapping
                // range (`Fr-Mo`, `Sa-Tu`); a long Monday run reads better on its own (`Mo-Fr,Su`).
                if runs.count >= 2, let first = runs.first, let final = runs.last, first.start == 0, first.count <= 2,
                   final.start + final.count == 7, first.count + final.count >= 3 {
                    runs.removeFirst()
                    runs.removeLast()
                    runs.insert((final.start, final.count + first.count), at: 0)
                }
                for run in runs {
                    let end = (run.start + run.count - 1) % 7
                    switch run.count {
                    case 1: items.append(Self.names[run.start])
                    case 2: items.append("\(Self.names[run.start]),\(Self.names[end])")
                    default: items.append("\(Self.names[run.start])-\(Self.names[end])")
                    }
                }
            }
            if rawValue & Self.holiday != 0 { items.append("PH") }
            return items.joined(separator: ",")
        }
    }

    /// A time range in minutes from the start of its day: `start` in 0..<1440, `start < end <= 2880`.
    ///
    /// An `end` past 1440 spills into the next day: `20:00-02:00` is stored as 1200..<1560.
    struct TimeSpan: Sendable, Hashable, CustomStringConvertible {
        var start: Int
        var end: Int

        /// `hh:mm-hh:mm`, writing a spill as the next day's clock time (`20:00-02:00`) unless that
        /// would read as a same-day range, as `03:00-28:00` would.
        var description: String {
            let shownEnd = end > 1440 && end - 1440 <= start ? end - 1440 : end
            return "\(Self.clock(start))-\(Self.clock(shownEnd))"
        }

        static func clock(_ minutes: Int) -> String {
            let hours = minutes / 60
            let rest = minutes % 60
            return (hours < 10 ? "0" : "") + "\(hours):" + (rest < 10 ? "0" : "") + "\(rest)"
        }
    }
}

// MARK: - Codable

extension OpeningHours: Codable {
    /// Reads the hours from a single string, as ``init(parsing:)`` does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.reason)
        }
    }

    /// Writes the hours as their canonical text (``description``).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

// MARK: - Parser

extension OpeningHours {
    /// A hand-written recursive-descent parser over Unicode scalars, so errors can name exact positions.
    struct Parser {
        struct Token {
            enum Kind: Equatable {
                case weekday(Int)
                case holiday
                case off
                case twentyFourSeven
                case time(hour: Int, minute: Int)
                /// Digits and a colon that are not `h:mm` or `hh:mm`.
                case malformedTime
                /// Digits without a colon.
                case number
                case dash
                case comma
                case semicolon
                /// Letters that are no keyword.
                case word
                case other
                case end
            }

            var kind: Kind
            /// Scalar offsets of the token in the text.
            var start: Int
            var end: Int
        }

        typealias Expectation = OpeningHoursError.Expectation

        private let text: String
        /// The text's scalars with full-width forms, dashes and whitespace folded to ASCII, scalar for scalar.
        private let scalars: [Unicode.Scalar]
        private var offset = 0
        private var lookahead: Token?

        init(_ text: String) {
            self.text = text
            scalars = text.unicodeScalars.map(Self.fold)
        }

        /// `rules := rule { ";" rule } [ ";" ]`
        mutating func parseRules() throws(OpeningHoursError) -> [Rule] {
            var rules: [Rule] = []
            while true {
                rules.append(try parseRule())
                // parseRule has checked that a ";" or the end follows.
                if next().kind == .end || peek().kind == .end { return rules }
            }
        }

        /// `rule := "24/7" ["off"] | days [times] ["off"] | times ["off"] | "off"`, followed by ";" or the end.
        private mutating func parseRule() throws(OpeningHoursError) -> Rule {
            var rule = Rule(selector: .everyDay, spans: [], opens: true)
            var expectation = Expectation.ruleEnd
            let first = peek()
            switch first.kind {
            case .twentyFourSeven:
                _ = next()
                rule.selector = .twentyFourSeven
                expectation = .afterAlways
            case .weekday, .holiday:
                rule.selector = .days(try parseDays())
                expectation = .afterDays
                if peek().kind.startsTime {
                    rule.spans = try parseTimes()
                    expectation = .afterTimes
                }
            case .time, .malformedTime, .number:
                rule.spans = try parseTimes()
                expectation = .afterTimes
            case .off:
                break
            default:
                throw error(at: first, expected: .ruleStart)
            }
            if peek().kind == .off {
                _ = next()
                rule.opens = false
                expectation = .ruleEnd
            }
            let terminator = peek()
            guard terminator.kind == .semicolon || terminator.kind == .end else {
                throw error(at: terminator, expected: expectation)
            }
            return rule
        }

        /// `days := day { "," day }`, `day := weekday ["-" weekday] | "PH"`
        private mutating func parseDays() throws(OpeningHoursError) -> DaySet {
            var days = DaySet()
            while true {
                let token = next()
                switch token.kind {
                case .weekday(let from):
                    if peek().kind == .dash {
                        _ = next()
                        let last = next()
                        guard case .weekday(let to) = last.kind else { throw error(at: last, expected: .weekday) }
                        days.insertWeekdays(from: from, through: to)
                    } else {
                        days.insertWeekdays(from: from, through: from)
                    }
                case .holiday:
                    days.rawValue |= DaySet.holiday
                default:
                    throw error(at: token, expected: .weekdayOrHoliday)
                }
                guard peek().kind == .comma else { return days }
                _ = next()
            }
        }

        /// `times := time "-" time { "," time "-" time }`
        private mutating func parseTimes() throws(OpeningHoursError) -> [TimeSpan] {
            var spans: [TimeSpan] = []
            var afterComma = false
            while true {
                let first = next()
                guard case .time(let hour, let minute) = first.kind else {
                    throw error(at: first, expected: afterComma && first.kind.namesDays ? .timeAfterComma : .time)
                }
                guard hour <= 23, minute <= 59 else { throw error(at: first, expected: .startTime) }
                let dash = next()
                guard dash.kind == .dash else { throw error(at: dash, expected: .rangeDash) }
                let last = next()
                guard case .time(let endHour, let endMinute) = last.kind else { throw error(at: last, expected: .time) }
                let start = hour * 60 + minute
                var end = endHour * 60 + endMinute
                guard endMinute <= 59, end <= 2880 else { throw error(at: last, expected: .endTime) }
                // OSM: an end at or before the start is on the next day, so `22:00-22:00` is 24 hours.
                if end <= start { end += 1440 }
                spans.append(TimeSpan(start: start, end: end))
                guard peek().kind == .comma else { return spans }
                _ = next()
                afterComma = true
            }
        }

        // MARK: Tokens

        private mutating func peek() -> Token {
            if let lookahead { return lookahead }
            let token = lex()
            lookahead = token
            return token
        }

        private mutating func next() -> Token {
            let token = peek()
            lookahead = nil
            return token
        }

        private mutating func lex() -> Token {
            while offset < scalars.count, scalars[offset] == " " { offset += 1 }
            let start = offset
            guard offset < scalars.count else { return Token(kind: .end, start: start, end: start) }
            let scalar = scalars[offset]
            let kind: Token.Kind
            switch scalar {
            case "-":
                // A run of dashes is one dash: Chinese input methods type "——".
                while offset < scalars.count, scalars[offset] == "-" { offset += 1 }
                kind = .dash
            case ",":
                offset += 1
                kind = .comma
            case ";":
                offset += 1
                kind = .semicolon
            case "0"..."9":
                kind = lexNumber()
            default:
                if Self.isLetter(scalar) {
                    while offset < scalars.count, Self.isLetter(scalars[offset]) { offset += 1 }
                    kind = Self.keyword(scalars[start..<offset])
                } else {
                    offset += 1
                    kind = .other
                }
            }
            return Token(kind: kind, start: start, end: offset)
        }

        /// Reads `h:mm`, `hh:mm`, `24/7`, or something malformed made of digits.
        private mutating func lexNumber() -> Token.Kind {
            let (hour, hourDigits) = lexDigits()
            if hourDigits == 2, hour == 24, offset + 1 < scalars.count,
               scalars[offset] == "/", scalars[offset + 1] == "7" {
                offset += 2
                return .twentyFourSeven
            }
            guard offset < scalars.count, scalars[offset] == ":" else { return .number }
            offset += 1
            let (minute, minuteDigits) = lexDigits()
            guard (1...2).contains(hourDigits), minuteDigits == 2 else { return .malformedTime }
            return .time(hour: hour, minute: minute)
        }

        /// Reads a run of digits: its value (meaningful up to a few digits) and its length.
        private mutating func lexDigits() -> (value: Int, count: Int) {
            var value = 0
            var count = 0
            while offset < scalars.count, let digit = scalars[offset].asciiDigit {
                if count < 4 { value = value * 10 + digit }
                count += 1
                offset += 1
            }
            return (value, count)
        }

        /// The keyword spelled by `letters` in any case, or `.word`; builds no string for the common two letters.
        private static func keyword(_ letters: ArraySlice<Unicode.Scalar>) -> Token.Kind {
            guard letters.allSatisfy(\.isASCII) else { return .word }
            // ASCII letters lower-case by setting bit 5.
            if letters.count == 2 {
                let pair = (letters.first!.value | 0x20) << 8 | (letters.last!.value | 0x20)
                switch pair {
                case 0x6D6F: return .weekday(0)  // mo
                case 0x7475: return .weekday(1)  // tu
                case 0x7765: return .weekday(2)  // we
                case 0x7468: return .weekday(3)  // th
                case 0x6672: return .weekday(4)  // fr
                case 0x7361: return .weekday(5)  // sa
                case 0x7375: return .weekday(6)  // su
                case 0x7068: return .holiday  // ph
                default: return .word
                }
            }
            switch String(String.UnicodeScalarView(letters)).lowercased() {
            case "off", "closed": return .off
            default: return .word
            }
        }

        /// ASCII letters, and letters of any script so that `周一` reads as one unknown word.
        private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
            if scalar.isASCII { return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) }
            return scalar.properties.isAlphabetic
        }

        /// Folds what Chinese input methods type to the ASCII the grammar uses, one scalar for one.
        private static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
            if scalar.isASCII {
                switch scalar {
                case "~": return "-"
                case " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}": return " "
                default: return scalar
                }
            }
            var folded = scalar
            // Full-width ASCII (U+FF01…U+FF5E): `：` `，` `；` `－` `～` `／`, digits and letters.
            if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
                folded = ascii
            }
            switch folded {
            case "\u{3001}": return ","  // 、 ideographic comma
            case "~", "\u{2010}"..."\u{2015}", "\u{2212}", "\u{301C}", "\u{FE58}", "\u{FE63}": return "-"
            case "\u{200B}", "\u{FEFF}": return " "
            default: return folded.properties.isWhitespace ? " " : folded
            }
        }

        // MARK: Errors

        private func error(at token: Token, expected: Expectation) -> OpeningHoursError {
            let scalarsOfText = text.unicodeScalars
            let start = scalarsOfText.index(scalarsOfText.startIndex, offsetBy: token.start)
            let end = scalarsOfText.index(start, offsetBy: token.end - token.start)
            let found = String(scalarsOfText[start..<end])
            return OpeningHoursError(position: characterPosition(ofScalar: token.start), found: found, expected: expected)
        }

        /// The 1-based position in characters (as a person counts them) of the scalar at `scalarOffset`.
        private func characterPosition(ofScalar scalarOffset: Int) -> Int {
            var scalarsSeen = 0
            var characters = 0
            for character in text {
                if scalarsSeen >= scalarOffset { break }
                scalarsSeen += character.unicodeScalars.count
                characters += 1
            }
            return characters + 1
        }
    }
}

extension OpeningHours.Parser.Token.Kind {
    /// Tokens that begin a time range, or that the user probably meant as one.
    var startsTime: Bool {
        switch self {
        case .time, .malformedTime, .number: true
        default: false
        }
    }

    /// A weekday or `PH`.
    var namesDays: Bool {
        switch self {
        case .weekday, .holiday: true
        default: false
        }
    }
}

extension Unicode.Scalar {
    /// The value of an ASCII digit, or `nil`.
    fileprivate var asciiDigit: Int? {
        ("0"..."9").contains(self) ? Int(value - 48) : nil
    }
}
