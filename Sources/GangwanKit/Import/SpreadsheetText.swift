/// Cells a spreadsheet would run as a formula, made safe on the way out and restored on the way in.
///
/// A cell starting with `=`, `+`, `-` or `@` that is not a number (`=HYPERLINK(…)`, `@SUM(…)`) is
/// written with a leading `'`, which Excel and LibreOffice show as text; the importer drops that
/// `'` again, so an export still imports back to identical records. A value that itself begins
/// with apostrophes before such a character (`'=x`) gets one more, so it too comes back as it was.
enum SpreadsheetText {
    static func guarded(_ cell: String) -> String {
        needsGuard(cell) ? "'" + cell : cell
    }

    static func unguarded(_ cell: String) -> String {
        guard cell.utf8.first == UInt8(ascii: "'") else { return cell }
        let rest = String(cell.dropFirst())
        return needsGuard(rest) ? rest : cell
    }

    /// Whether the cell, past any leading apostrophes, starts like a formula.
    private static func needsGuard(_ cell: String) -> Bool {
        let text = cell.utf8.drop { $0 == UInt8(ascii: "'") }
        guard let first = text.first else { return false }
        let starts = first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || first == UInt8(ascii: "@")
        return starts && Double(String(Substring(text))) == nil
    }
}
