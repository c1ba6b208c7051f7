import Foundation

/// China's statutory public holidays (法定节假日) and make-up workdays (调休上班日), read from a yearly table.
///
/// The State Council publishes the dates each year, so they come from data (`data/holidays-cn.csv`)
/// rather than from a rule. A date the table does not list is an ordinary day of its weekday.
public struct HolidayCalendar: Sendable, Equatable {
    /// What the table says a date is.
    public enum DayKind: String, Sendable, Hashable, CaseIterable {
        /// A statutory holiday (`holiday` in the table): opening hours use their `PH` rules.
        case holiday
        /// A make-up workday (`workday`, 调休上班), usually a Saturday or Sunday: stations keep their Monday hours.
        case workday
    }

    /// Listed days as ``LocalDate/dayNumber``, ascending, for a binary search that allocates nothing.
    private let days: [Int]
    private let kinds: [DayKind]
    private let names: [String]

    /// A calendar without holidays or make-up workdays: every day is an ordinary day of its weekday.
    public static let empty = HolidayCalendar(entries: [])

    private init(entries: [(day: Int, kind: DayKind, name: String)]) {
        let sorted = entries.sorted { $0.day < $1.day }
        days = sorted.map(\.day)
        kinds = sorted.map(\.kind)
        names = sorted.map(\.name)
    }

    /// Reads the table: the header `date,kind,name`, then one row per date, e.g. `2026-10-01,holiday,国庆节`.
    ///
    /// `date` is `YYYY-MM-DD`; `kind` is `holiday` or `workday`; `name` is free text without commas and
    /// may be empty. Blank lines and lines starting with `#` are skipped; a UTF-8 byte order mark and
    /// CRLF line ends are accepted. Each date may appear once.
    ///
    /// - Throws: ``CSVError`` naming the first bad line.
    public init(csv: String) throws(CSVError) {
        var entries: [(day: Int, kind: DayKind, name: String)] = []
        var firstLineOfDay: [Int: Int] = [:]
        var sawHeader = false
        var lineNumber = 0
        // `Character.isNewline` also splits at "\r\n", which Swift holds as one character.
        for rawLine in csv.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            var line = rawLine
            if lineNumber == 1, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            let trimmed = line.trimmed
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = trimmed.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmed }
            guard sawHeader else {
                guard fields.map({ $0.lowercased() }) == ["date", "kind", "name"] else {
                    throw CSVError(line: lineNumber, content: trimmed, problem: .header)
                }
                sawHeader = true
                continue
            }
            guard fields.count == 3 else {
                throw CSVError(line: lineNumber, content: trimmed, problem: .fieldCount(fields.count))
            }
            guard let date = LocalDate(fields[0]) else {
                throw CSVError(line: lineNumber, content: trimmed, problem: .date)
            }
            guard let kind = DayKind(rawValue: fields[1]) else {
                throw CSVError(line: lineNumber, content: trimmed, problem: .kind)
            }
            let day = date.dayNumber
            if let first = firstLineOfDay[day] {
                throw CSVError(line: lineNumber, content: trimmed, problem: .duplicate(firstLine: first))
            }
            firstLineOfDay[day] = lineNumber
            entries.append((day, kind, fields[2]))
        }
        guard sawHeader else {
            throw CSVError(line: max(lineNumber, 1), content: "", problem: .header)
        }
        self.init(entries: entries)
    }

    /// The kind of `date`, or `nil` for an ordinary day.
    public func dayKind(on date: LocalDate) -> DayKind? {
        index(ofDayNumber: date.dayNumber).map { kinds[$0] }
    }

    /// The kind of the date `year`-`month`-`day`, or `nil` for an ordinary day or a date that does not exist.
    public func dayKind(year: Int, month: Int, day: Int) -> DayKind? {
        LocalDate(year: year, month: month, day: day).flatMap(dayKind(on:))
    }

    /// The table's name for `date` (e.g. 国庆节, or the holiday a make-up workday belongs to), or `nil` if unlisted.
    public func name(on date: LocalDate) -> String? {
        index(ofDayNumber: date.dayNumber).map { names[$0] }
    }

    /// The kind of the day with ``LocalDate/dayNumber`` `dayNumber`; the evaluator's hot path.
    func dayKind(dayNumber: Int) -> DayKind? {
        index(ofDayNumber: dayNumber).map { kinds[$0] }
    }

    private func index(ofDayNumber dayNumber: Int) -> Int? {
        var low = 0
        var high = days.count
        while low < high {
            let middle = (low + high) / 2
            if days[middle] < dayNumber { low = middle + 1 } else { high = middle }
        }
        return low < days.count && days[low] == dayNumber ? low : nil
    }
}

// MARK: - Errors

extension HolidayCalendar {
    /// A line of the holiday table that cannot be read; the message names the line and what is wrong.
    public struct CSVError: Error, LocalizedError, Equatable, Sendable {
        /// What is wrong with a line.
        public enum Problem: Equatable, Sendable {
            /// The first line is not the header `date,kind,name` (or there is no line at all).
            case header
            /// The row has this many fields instead of 3.
            case fieldCount(Int)
            /// The date is not a real day written `YYYY-MM-DD`.
            case date
            /// The kind is neither `holiday` nor `workday`.
            case kind
            /// The date was already listed on `firstLine`.
            case duplicate(firstLine: Int)
        }

        /// The 1-based line number in the table.
        public var line: Int
        /// The line as read, without surrounding whitespace.
        public var content: String
        /// What is wrong with it.
        public var problem: Problem

        /// Creates an error for `line`, holding `content`.
        public init(line: Int, content: String, problem: Problem) {
            self.line = line
            self.content = content
            self.problem = problem
        }

        /// Why the line is refused, in the current language.
        public var reason: String {
            switch problem {
            case .header:
                localized("the first line must be the header \"date,kind,name\"", "第一行必须是表头“date,kind,name”")
            case .fieldCount(let count):
                localized("has \(count) fields, expected 3 (date,kind,name)", "有 \(count) 个字段，应为 3 个（date,kind,name）")
            case .date:
                localized("the date is not a real day written YYYY-MM-DD", "日期不存在或不是 YYYY-MM-DD 格式")
            case .kind:
                localized("the kind must be \"holiday\" or \"workday\"", "类型必须是“holiday”或“workday”")
            case .duplicate(let firstLine):
                localized("the date is already listed on line \(firstLine)", "该日期已在第 \(firstLine) 行列出")
            }
        }

        /// The full message, naming the line: `holidays line 3: "…": the date is not a real day …`.
        public var errorDescription: String? {
            localized("holidays line \(line): \"\(content)\": \(reason)", "节假日表第 \(line) 行“\(content)”：\(reason)")
        }
    }
}
