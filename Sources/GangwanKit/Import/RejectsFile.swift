import Foundation

/// The rejects file of `--skip-invalid`: its line and reason, then each bad row as it was.
///
/// Written beside the target and moved into place only when the import finishes, so a failed
/// import never leaves a half-written rejects file.
final class RejectsFile {
    private let target: URL
    private let partial: URL
    private let handle: FileHandle

    init(_ target: URL, header: [String]) throws {
        self.target = target
        self.partial = target.appendingPathExtension("partial")
        guard FileManager.default.createFile(atPath: partial.path, contents: Data([0xEF, 0xBB, 0xBF])),
              let handle = FileHandle(forWritingAtPath: partial.path)
        else {
            throw ImportError.cannotRead(path: target.path, reason: localized("cannot create the rejects file", "无法创建拒收文件"))
        }
        handle.seekToEndOfFile()
        handle.write(Data(CSVWriter.line(["line", "column", "reason"] + header).utf8))
        self.handle = handle
    }

    deinit {
        try? handle.close()
        try? FileManager.default.removeItem(at: partial)
    }

    func append(_ record: CSVRecord, _ row: RejectedRow) throws {
        handle.write(Data(CSVWriter.line(["\(row.line)", row.column ?? "", row.reason] + record.fields).utf8))
    }

    /// Moves the file into place (or drops it on a dry run).
    func finish(keep: Bool) throws {
        try handle.close()
        guard keep else { return }
        _ = try? FileManager.default.removeItem(at: target)
        try FileManager.default.moveItem(at: partial, to: target)
    }
}
