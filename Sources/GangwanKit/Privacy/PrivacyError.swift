import Foundation

/// Why personal data cannot be sealed, opened or looked up.
public enum PrivacyError: Error, LocalizedError, Equatable, Sendable {
    /// The database holds personal data but the key file is gone.
    case missingKey(path: String, fingerprint: String)
    /// The key file (or, with an empty path, the key given) is not the one the database was sealed with.
    case wrongKey(path: String, expected: String, found: String)
    /// The key file is not a Gangwan key.
    case malformedKey(path: String)
    /// Other users could read the key file.
    case keyFileExposed(path: String)
    /// The key file could not be read or written.
    case keyFileUnavailable(path: String, reason: String)
    /// A sealed value failed its authentication check: tampered with, or sealed under another key.
    case cannotUnseal(field: String, worker: UUID)

    public var errorDescription: String? {
        switch self {
        case .missingKey(let path, let fingerprint):
            localized(
                "the key file \(path) is missing, but this database holds personal data sealed with key \(fingerprint); restore the key file from your backup (or set GANGWAN_KEY_FILE to it)",
                "密钥文件 \(path) 不存在，但本数据库中的个人信息是用密钥 \(fingerprint) 加密的；请从备份恢复密钥文件（或用 GANGWAN_KEY_FILE 指向它）")
        case .wrongKey(let path, let expected, let found):
            localized(
                "the key \(path.isEmpty ? "given" : "in \(path)") (\(found)) is not the key this database was sealed with (\(expected)); use the right key file",
                "\(path.isEmpty ? "所给" : path + " 中的")密钥（\(found)）不是本数据库加密所用的密钥（\(expected)）；请使用正确的密钥文件")
        case .malformedKey(let path):
            localized(
                "\(path) is not a Gangwan key file (one line of base64 holding 32 bytes)",
                "\(path) 不是港湾密钥文件（应为一行 base64，内含 32 字节）")
        case .keyFileExposed(let path):
            localized(
                "the key file \(path) can be read by other users; run: chmod 600 \(path)",
                "密钥文件 \(path) 可被其他用户读取；请执行：chmod 600 \(path)")
        case .keyFileUnavailable(let path, let reason):
            localized("cannot use the key file \(path): \(reason)", "无法使用密钥文件 \(path)：\(reason)")
        case .cannotUnseal(let field, let worker):
            localized(
                "the \(field) of worker \(worker.storedText) cannot be decrypted: it was changed outside Gangwan or sealed with another key",
                "无法解密劳动者 \(worker.storedText) 的 \(field)：数据被外部修改，或由其他密钥加密")
        }
    }
}
