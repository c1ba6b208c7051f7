import Foundation
import GRDB

/// One line of the append-only audit trail: who did what to which record, and when.
public struct AuditEntry: Codable, Sendable, Equatable {
    /// The entry's position in the trail.
    public var seq: Int64
    public var at: Date
    public var actor: String
    /// What was done: `station.update`, `worker.reveal`, `case.status`, `event.add`…
    public var action: String
    /// The record it was done to: `worker/<id>`, `case/<id>`…
    public var subject: String
    /// What changed, field by field; personal data appears only as `(changed)` or `(revealed)`.
    public var detail: [String: String]

    /// The detail's JSON, written by hand: cheaper than an encoder on every event appended.
    static func json(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { "\(quoted($0.0)):\(quoted($0.1))" }.joined(separator: ",") + "}"
    }

    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

// MARK: - Database

extension AuditEntry: FetchableRecord {
    public init(row: Row) throws {
        let detailText: String = row["detail"]
        let detail = (try? JSONDecoder().decode([String: String].self, from: Data(detailText.utf8))) ?? [:]
        self.init(seq: row["seq"], at: row["at"], actor: row["actor"], action: row["action"], subject: row["subject"], detail: detail)
    }
}
