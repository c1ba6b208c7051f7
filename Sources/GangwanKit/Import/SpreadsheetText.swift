/// Cells a spreadsheet would run as a formula, made safe on the way out and restored on the way in.
///
/// A cell starting with `=`, `+`, `-` or `@` that is not a number (`=HYPERLINK(…)`, `@SUM(…)`) is
/// written with a leading `'`, which Excel and LibreOffice show as text; the importer drops that
/// `'` again, so an export still imports back to identical records.
enum SpreadsheetText {
    static func guarded(_ cell: String) -> String {
        isFormulaLike(cell) ? "'" + cell : cell
    }

    static func unguarded(_ cell: String) -> String {
        guard cell.utf8.first == UInt8(ascii: "'") else { return cell }
        let rest = String(cell.dropFirst())
        return isFormulaLike(rest) ? rest : cell
    }

    private static func isFormulaLike(_ cell: String) -> Bool {
        guard let first = cell.utf8.first else { return false }
        let starts = first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || first == UInt8(ascii: "@")
        return starts && Double(cell) == nil
    }
}
