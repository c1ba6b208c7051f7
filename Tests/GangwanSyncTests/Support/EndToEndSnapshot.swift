import Foundation

/// Records of one kind as one office lists them (`--json`), by id, for comparing offices.
///
/// Each record is kept as canonical JSON text (sorted keys) without the ignored keys, so two
/// snapshots are equal exactly when both hold the same ids with the same synced values.
struct EndToEndSnapshot: Equatable, CustomStringConvertible {
    /// Canonical JSON of each record, by id.
    let records: [String: String]
    /// How many objects the listing had: more than `records.count` means an id was listed twice.
    let listed: Int

    init(_ objects: [[String: Any]], ignoring ignored: Set<String>) {
        var records: [String: String] = [:]
        for object in objects {
            let id = object["id"] as? String ?? "?"
            let kept = object.filter { !ignored.contains($0.key) }
            let data = (try? JSONSerialization.data(withJSONObject: kept, options: [.sortedKeys])) ?? Data()
            records[id] = String(decoding: data, as: UTF8.self)
        }
        self.records = records
        listed = objects.count
    }

    var ids: Set<String> { Set(records.keys) }

    /// One record's fields, decoded again.
    subscript(id: String) -> [String: Any]? {
        records[id].flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// Where two snapshots differ, one line per id, for a failure message.
    func differences(from other: EndToEndSnapshot) -> String {
        var lines: [String] = []
        for id in ids.union(other.ids).sorted() where records[id] != other.records[id] {
            lines.append("\(id):\n  \(records[id] ?? "missing")\n  \(other.records[id] ?? "missing")")
        }
        if listed != records.count { lines.append("the first lists \(listed) objects for \(records.count) ids") }
        if other.listed != other.records.count { lines.append("the second lists \(other.listed) objects for \(other.records.count) ids") }
        return lines.prefix(10).joined(separator: "\n") + (lines.count > 10 ? "\n… \(lines.count - 10) more" : "")
    }

    var description: String { "\(records.count) records" }
}
