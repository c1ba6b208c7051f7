import Foundation

/// A file a command writes for its user (an export, a report, a rejects file): written in full
/// beside its path, then renamed over it, so it is never seen half-written.
///
/// It never takes the place of a folder, of a SQLite database (the office's own, named by a slip of
/// the keyboard) or of the file the command reads: replacing those would lose work, so the command
/// stops instead, before writing anything.
public final class OutputFile {
    public let path: String
    private let partial: String
    private let handle: FileHandle
    private var committed = false

    /// Creates the file beside `path`; `reading` is a file the command reads, such as an import's input.
    public init(path: String, reading: URL? = nil) throws(OutputFileError) {
        self.path = path
        partial = path + ".partial"
        try Self.checkReplaceable(path, reading: reading)
        let descriptor = open(partial, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OutputFileError(path: path, reason: String(cString: strerror(errno))) }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    deinit {
        guard !committed else { return }
        try? handle.close()
        unlink(partial)
    }

    /// Appends `data`; a full disk is an error, not a crash, and the file is left out of place.
    public func write(_ data: Data) throws(OutputFileError) {
        do {
            try handle.write(contentsOf: data)
        } catch {
            throw OutputFileError(path: path, reason: error.localizedDescription)
        }
    }

    /// Moves the whole file into place, replacing an earlier one.
    public func commit() throws(OutputFileError) {
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw OutputFileError(path: path, reason: error.localizedDescription)
        }
        guard rename(partial, path) == 0 else { throw OutputFileError(path: path, reason: String(cString: strerror(errno))) }
        committed = true
    }

    private static func checkReplaceable(_ path: String, reading: URL?) throws(OutputFileError) {
        var target = stat()
        guard stat(path, &target) == 0 else { return }
        if (target.st_mode & S_IFMT) == S_IFDIR {
            throw OutputFileError(path: path, reason: localized("it is a folder; name a file", "这是一个文件夹，请指定文件名"))
        }
        var read = stat()
        if let reading, stat(reading.path, &read) == 0, read.st_dev == target.st_dev, read.st_ino == target.st_ino {
            throw OutputFileError(path: path, reason: localized("it is the file being read", "这是正在读取的文件"))
        }
        var database = path
        for suffix in ["-wal", "-shm", "-journal"] where path.hasSuffix(suffix) {
            database = String(path.dropLast(suffix.count))
        }
        if isSQLiteDatabase(database) {
            throw OutputFileError(path: path, reason: localized(
                "it is a SQLite database, or part of one, and would be lost", "这是 SQLite 数据库（或其一部分），覆盖会丢失数据"))
        }
    }

    private static func isSQLiteDatabase(_ path: String) -> Bool {
        guard let file = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? file.close() }
        return (try? file.read(upToCount: 16)) == Data("SQLite format 3\0".utf8)
    }
}

/// An output file that cannot be written, or must not be replaced.
public struct OutputFileError: Error, LocalizedError {
    public let path: String
    public let reason: String

    public var errorDescription: String? {
        localized("cannot write \(path): \(reason)", "无法写入 \(path)：\(reason)")
    }
}
