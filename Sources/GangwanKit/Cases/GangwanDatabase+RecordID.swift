import Foundation
import GRDB

extension GangwanDatabase {
    /// The full id of the record whose id is `ref` or starts with it (at least 6 characters).
    static func resolve(_ db: Database, table: String, noun: String, ref: String) throws -> String {
        let key = ref.trimmed.lowercased()
        let bytes = key.utf8
        guard bytes.count >= 6, bytes.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) || $0 == 45 }) else {
            throw CaseworkError.notFound(noun, ref: ref.trimmed)
        }
        if bytes.count == 36 {
            guard UUID(storedText: key) != nil else { throw CaseworkError.notFound(noun, ref: ref.trimmed) }
            return key
        }
        let ids = try String.fetchAll(db, sql: "SELECT id FROM \(table) WHERE id >= ? AND id < ? LIMIT 2", arguments: [key, key + "~"])
        switch ids.count {
        case 0: throw CaseworkError.notFound(noun, ref: ref.trimmed)
        case 1: return ids[0]
        default: throw CaseworkError.ambiguous(noun, ref: ref.trimmed)
        }
    }
}
