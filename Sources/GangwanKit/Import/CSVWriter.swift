/// Formats records as RFC 4180 CSV lines, which ``CSVReader`` reads back field for field.
public enum CSVWriter {
    /// One record as a CSV line ending in CRLF, quoting only the fields that need it.
    ///
    /// A field is quoted when it holds a comma, a quote, CR or LF, or starts or ends with a space or a
    /// tab (which spreadsheets would trim), or starts with U+FEFF (which readers take for a byte-order
    /// mark at the start of a file); quotes inside are doubled. A record of one empty field is written
    /// `""`, since an empty line is no record at all. Lines end in CRLF, as RFC 4180 says; Excel,
    /// LibreOffice and ``CSVReader`` read LF too.
    public static func line(_ fields: [String]) -> String {
        if fields.count == 1 && fields[0].isEmpty { return "\"\"\r\n" }
        var line = ""
        line.reserveCapacity(fields.reduce(2 + fields.count) { $0 + $1.utf8.count + 2 })
        for (index, field) in fields.enumerated() {
            if index > 0 { line += "," }
            if needsQuotes(field) {
                line += "\""
                line += field.utf8.contains(0x22) ? doublingQuotes(field) : field
                line += "\""
            } else {
                line += field
            }
        }
        line += "\r\n"
        return line
    }

    private static func needsQuotes(_ field: String) -> Bool {
        let utf8 = field.utf8
        guard let first = utf8.first, let last = utf8.last else { return false }
        if first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 { return true }
        if field.unicodeScalars.first == "\u{FEFF}" { return true }
        return utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
    }

    private static func doublingQuotes(_ field: String) -> String {
        var doubled = String.UnicodeScalarView()
        for scalar in field.unicodeScalars {
            if scalar == "\"" { doubled.append("\"") }
            doubled.append(scalar)
        }
        return String(doubled)
    }
}
