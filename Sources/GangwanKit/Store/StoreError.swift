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
    /// The change touches a record in a region this office's sync token may not write.
    case outsideScope(region: String, scope: [String])

    public var errorDescription: String? {
        switch self {
        case .cannotOpen(let path, let reason):
            localized("cannot open the database \(path): \(reason)", "无法打开数据库 \(path)：\(reason)")
        case .stationNotFound(let ref):
            localized(
                "no station has the id or code \"\(FieldText.visible(ref))\"",
                "没有编号或 ID 为“\(FieldText.visible(ref))”的站点")
        case .duplicateCode(let code, let existing):
            localized(
                "code: \"\(code)\" is already used by station \(existing.uuidString.lowercased())",
                "编号：“\(code)”已被站点 \(existing.uuidString.lowercased()) 使用")
        case .corrupt(let what):
            localized("the database holds an unreadable value: \(what)", "数据库中有无法读取的值：\(what)")
        case .outsideScope(let region, let scope):
            localized(
                "region \(region) is outside the regions this office may change (\(scope.joined(separator: ", ")), as the hub said at the last sync): the hub would refuse the change; leave it to the office of that region",
                "区划 \(region) 不在本办公室可修改的范围（\(scope.joined(separator: "、"))，据上次同步时中心的答复）内：中心会拒绝此变更；请交由该区划的办公室处理")
        }
    }
}
