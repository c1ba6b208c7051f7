import Foundation

/// The rejects file of `--skip-invalid`: its line and reason, then each bad row as it was.
///
/// An ``OutputFile``: moved into place only when the import finishes, so a failed import never
/// leaves a half-written rejects file, and never in place of a folder, a database or the input.
final class RejectsFile {
    private let file: OutputFile
    /// How many notes of an earlier rejects file begin each row of the input: left out, so the
    /// rejects of a corrected rejects file import too.
    private let earlierNotes: Int

    init(_ target: URL, header: [String], columns: [ImportedColumn], input: URL) throws {
        file = try OutputFile(path: target.path, reading: input)
        earlierNotes = columns.prefix { $0 == .rejectsNote }.count
        try file.write(Data([0xEF, 0xBB, 0xBF]))
        try file.write(Data(CSVWriter.line(ImportedColumn.rejectsNotes + header.dropFirst(earlierNotes)).utf8))
    }

    /// Writes a refused row's cells as the import read them, guarded again for spreadsheets.
    func append(_ record: CSVRecord, _ row: RejectedRow) throws {
        let cells = record.fields.dropFirst(earlierNotes).map { SpreadsheetText.guarded(SpreadsheetText.unguarded($0)) }
        try file.write(Data(CSVWriter.line(["\(row.line)", row.column ?? "", row.reason] + cells).utf8))
    }

    /// Moves the file into place (or drops it on a dry run).
    func finish(keep: Bool) throws {
        guard keep else { return }
        try file.commit()
    }
}
