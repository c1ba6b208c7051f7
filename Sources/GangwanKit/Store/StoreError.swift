import Foundation

/// Why the store refused or failed an operation.
public enum StoreError: Error, LocalizedError, Equatable, Sendable {
    /// The database file cannot be opened or created.
    case cannotOpen(path: String, reason: String)
    /// No station has this id or code.
    case stationNotFound(String)
    /// Another station already has this code.
    case duplicateCode(String, existing: UUID)
    /// A row in the database cannot be read back.
    case corrupt(String)

    public var errorDescription: String? {
        switch self {
        case .cannotOpen(let path, let reason):
            localized("cannot open the database \(path): \(reason)", "无法打开数据库 \(path)：\(reason)")
        case .stationNotFound(let ref):
            localized("no station has the id or code \"\(ref)\"", "没有编号或 ID 为“\(ref)”的站点")
        case .duplicateCode(let code, let existing):
            localized(
                "code: \"\(code)\" is already used by station \(existing.uuidString.lowercased())",
                "编号：“\(code)”已被站点 \(existing.uuidString.lowercased()) 使用")
        case .corrupt(let what):
            localized("the database holds an unreadable value: \(what)", "数据库中有无法读取的值：\(what)")
        }
    }
}
