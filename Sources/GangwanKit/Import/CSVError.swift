import Foundation

/// Why a CSV file cannot be read: broken quoting, hostile content or an unknown encoding.
///
/// Every case names the physical line of the file (the header is line 1, and a line break inside a
/// quoted field starts a new line), and the column (the 1-based field number) when one is at fault.
public enum CSVError: Error, LocalizedError, Equatable, Sendable {
    /// A quoted field that starts on `line` is still open at the end of the file.
    case unterminatedQuote(line: Int)
    /// A quote inside a field that does not start with one, such as `12 "A" Street`.
    case strayQuote(line: Int, column: Int)
    /// Text between a quoted field's closing quote and the next comma or line end, such as `"A"B`.
    case textAfterClosingQuote(line: Int, column: Int)
    /// A field that takes more than ``CSVReader/maximumFieldBytes`` in the file; `line` is where it starts.
    case fieldTooLong(line: Int, column: Int)
    /// A row that takes more than ``CSVReader/maximumRecordBytes`` in the file; `line` is where it starts.
    case recordTooLong(line: Int)
    /// A NUL byte (0x00), which no spreadsheet writes into text.
    case nulByte(line: Int, column: Int)
    /// Bytes that are neither UTF-8 nor GB18030 (nor GBK, nor GB2312, which GB18030 contains).
    case invalidEncoding(line: Int)
    /// Bytes that are not UTF-8 in a file that declares itself UTF-8 or is UTF-8 up to `line`.
    case invalidUTF8(line: Int)

    /// The physical line at fault.
    public var line: Int {
        switch self {
        case .unterminatedQuote(let line), .recordTooLong(let line), .invalidEncoding(let line), .invalidUTF8(let line),
             .strayQuote(let line, _), .textAfterClosingQuote(let line, _), .fieldTooLong(let line, _), .nulByte(let line, _):
            return line
        }
    }

    /// The 1-based field number at fault, when the problem is in one field.
    public var column: Int? {
        switch self {
        case .strayQuote(_, let column), .textAfterClosingQuote(_, let column), .fieldTooLong(_, let column), .nulByte(_, let column):
            return column
        case .unterminatedQuote, .recordTooLong, .invalidEncoding, .invalidUTF8:
            return nil
        }
    }

    /// The message for a clerk: where, what is wrong and what to do, in the current language.
    public var errorDescription: String? {
        let place = column.map { localized("line \(line), column \($0)", "第 \(line) 行第 \($0) 列") }
            ?? localized("line \(line)", "第 \(line) 行")
        return localized("\(place): \(englishProblem)", "\(place)：\(chineseProblem)")
    }

    private var englishProblem: String {
        switch self {
        case .unterminatedQuote:
            return "a quoted field opened here is never closed; add the closing quote (\")"
        case .strayQuote:
            return "a quote (\") inside a field that does not start with one; "
                + "put the whole field in quotes and write each quote in it twice (\"\")"
        case .textAfterClosingQuote:
            return "text after the closing quote of a quoted field; "
                + "write each quote inside the field twice (\"\")"
        case .fieldTooLong:
            return "the field is longer than 64 KiB; is a quote left open?"
        case .recordTooLong:
            return "the row is longer than 1 MiB; is a quote left open?"
        case .nulByte:
            return "the field holds a NUL byte (0x00); the file is damaged or not a text file"
        case .invalidEncoding:
            return "the file is neither UTF-8 nor GB18030; save it as \"CSV UTF-8\" in Excel"
        case .invalidUTF8:
            return "the file is UTF-8 but this line holds bytes that are not; "
                + "correct the line, or save the file as \"CSV UTF-8\" in Excel"
        }
    }

    private var chineseProblem: String {
        switch self {
        case .unterminatedQuote:
            return "引号未闭合，请补上右引号（\"）"
        case .strayQuote:
            return "字段中间出现引号（\"）；请用引号括起整个字段，并把其中每个引号写成两个（\"\"）"
        case .textAfterClosingQuote:
            return "右引号之后还有内容；字段内的引号须写成两个（\"\"）"
        case .fieldTooLong:
            return "字段超过 64 KiB，是否有引号未闭合？"
        case .recordTooLong:
            return "该行超过 1 MiB，是否有引号未闭合？"
        case .nulByte:
            return "字段含有空字节（0x00），文件已损坏或不是文本文件"
        case .invalidEncoding:
            return "文件既不是 UTF-8 也不是 GB18030 编码；请在 Excel 中另存为“CSV UTF-8”"
        case .invalidUTF8:
            return "文件为 UTF-8 编码，但此行含有非 UTF-8 字节；请修改该行，或在 Excel 中另存为“CSV UTF-8”"
        }
    }
}
