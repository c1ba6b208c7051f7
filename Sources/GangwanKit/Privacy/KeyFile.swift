import Crypto
import Foundation

/// Where the personal-data key lives: one line of base64, readable by its owner only.
public struct KeyFile: Sendable {
    /// The file's path.
    public let path: String

    /// Names the key file at `path`.
    public init(path: String) {
        self.path = path
    }

    /// Whether the file exists.
    public var exists: Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// Reads the key, refusing a file other users could read.
    public func load() throws(PrivacyError) -> PersonalDataKey {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .keyFileUnavailable(path: path, reason: String(cString: strerror(errno)))
        }
        guard info.st_mode & 0o077 == 0 else { throw .keyFileExposed(path: path) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .keyFileUnavailable(path: path, reason: localized("it cannot be read", "无法读取"))
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = Data(base64Encoded: text), bytes.count == 32 else { throw .malformedKey(path: path) }
        return PersonalDataKey(master: SymmetricKey(data: bytes))
    }

    /// Writes a new random key with mode 0600 (its folder 0700); never overwrites an existing file.
    public func create() throws(PrivacyError) -> PersonalDataKey {
        let key = PersonalDataKey.generate()
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(
                atPath: folder.isEmpty ? "." : folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .keyFileUnavailable(path: path, reason: error.localizedDescription)
        }
        let line = key.master.withUnsafeBytes { Data($0).base64EncodedString() } + "\n"
        let descriptor = Foundation.open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw .keyFileUnavailable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        let written = line.utf8CString.withUnsafeBufferPointer { write(descriptor, $0.baseAddress, $0.count - 1) }
        guard written == line.utf8.count, fsync(descriptor) == 0 else {
            unlink(path)
            throw .keyFileUnavailable(path: path, reason: String(cString: strerror(errno)))
        }
        return key
    }
}
