import Foundation

/// The rejects file of `--skip-invalid`: its line and reason, then each bad row as it was.
///
/// An ``OutputFile``: moved into place only when the import finishes, so a failed import never
/// leaves a half-written rejects file, and never in place of a folder, a database or the input.
final class RejectsFile {
    private let file: OutputFile

    init(_ target: URL, header: [String], input: URL) throws {
        file = try OutputFile(path: target.path, reading: input)
        try file.write(Data([0xEF, 0xBB, 0xBF]))
        try file.write(Data(CSVWriter.line(ImportedColumn.rejectsNotes + header).utf8))
    }

    func append(_ record: CSVRecord, _ row: RejectedRow) throws {
        try file.write(Data(CSVWriter.line(["\(row.line)", row.column ?? "", row.reason] + record.fields.map(SpreadsheetText.guarded)).utf8))
    }

    /// Moves the file into place (or drops it on a dry run).
    func finish(keep: Bool) throws {
        guard keep else { return }
        try file.commit()
    }
}
