import Foundation

/// One row of an import file that cannot be taken, and why.
public struct RejectedRow: Sendable, Equatable {
    /// The physical line in the file where the row starts (the header is line 1).
    public var line: Int
    /// The column at fault, by its header name, if one is.
    public var column: String?
    /// Why, in the current language.
    public var reason: String

    /// `line 12, column lat: "abc" is not a number`.
    public var description: String {
        let place = column.map { localized("line \(line), column \($0)", "第 \(line) 行，\($0) 列") } ?? localized("line \(line)", "第 \(line) 行")
        return localized("\(place): \(reason)", "\(place)：\(reason)")
    }
}

/// Why an import file was refused; nothing was written.
public enum ImportError: Error, LocalizedError, Equatable, Sendable {
    /// The file cannot be opened or read.
    case cannotRead(path: String, reason: String)
    /// The header row is wrong: unknown, repeated or missing columns.
    case badHeader(String)
    /// Some rows are invalid; `rows` holds the first ones, `count` how many in all.
    case invalidRows(count: Int, rows: [RejectedRow])

    /// How many bad rows an error message lists before summarising.
    static let rowsShown = 50

    public var errorDescription: String? {
        switch self {
        case .cannotRead(let path, let reason):
            return localized("cannot read \(path): \(reason)", "无法读取 \(path)：\(reason)")
        case .badHeader(let problem):
            return localized("header (line 1): \(problem)", "表头（第 1 行）：\(problem)")
        case .invalidRows(let count, let rows):
            var lines = [localized(
                "\(count) invalid row(s); nothing was imported (use --skip-invalid --rejects FILE to import the rest):",
                "\(count) 行有误，未导入任何数据（可用 --skip-invalid --rejects 文件 导入其余行）：")]
            lines += rows.prefix(Self.rowsShown).map { "  " + $0.description }
            if count > Self.rowsShown {
                lines.append(localized("  … and \(count - Self.rowsShown) more", "  ……另有 \(count - Self.rowsShown) 行"))
            }
            return lines.joined(separator: "\n")
        }
    }
}
