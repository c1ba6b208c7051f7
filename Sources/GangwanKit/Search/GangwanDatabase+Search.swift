import Foundation
import GRDB

extension GangwanDatabase {
    /// Stations whose name or address contains `text`, or whose name's pinyin or pinyin initials do.
    ///
    /// Three characters or more with some Chinese in them go through the FTS5 trigram index of
    /// names and addresses. Shorter queries cannot: on SQLite 3.40 a trigram MATCH needs three
    /// characters and `LIKE` on a trigram table finds nothing for Chinese. Those, and queries of
    /// ASCII only (pinyin, which the trigram index leaves out to stay small), scan the station table
    /// (narrowed by `regionPrefix`) instead: about 100 ms for a million stations.
    public func searchStations(_ text: String, regionPrefix: String? = nil, limit: Int = 50) throws -> [Station] {
        let query = text.trimmed
        guard !query.isEmpty else {
            throw FieldError(field: "text", value: text, reason: localized("is empty; type part of a name or address", "为空；请输入名称或地址的一部分"))
        }
        let region = regionPrefix.map { $0 + "*" }
        return try writer.read { db in
            if query.count >= 3 && !query.utf8.allSatisfy({ $0 < 0x80 }) {
                return try Station.fetchAll(db, sql: """
                    SELECT \(Self.stationColumns) FROM station_fts f JOIN station s ON s.seq = f.rowid
                    WHERE station_fts MATCH ? AND s.removed_at IS NULL AND (? IS NULL OR s.region GLOB ?)
                    ORDER BY f.rank, s.name LIMIT ?
                    """, arguments: [Self.phrase(query), region, region, limit])
            }
            let pattern = "%" + query.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
            return try Station.fetchAll(db, sql: """
                SELECT \(Self.stationColumns) FROM station s
                WHERE s.removed_at IS NULL AND (? IS NULL OR s.region GLOB ?)
                  AND (s.name LIKE ?3 ESCAPE '\\' OR s.address LIKE ?3 ESCAPE '\\'
                       OR s.name_pinyin LIKE ?3 ESCAPE '\\' OR s.name_initials LIKE ?3 ESCAPE '\\')
                ORDER BY s.name LIMIT ?
                """, arguments: [region, region, pattern, limit])
        }
    }

    /// The station columns, qualified for joins, in the order `Station(row:)` reads them.
    static let stationColumns = Station.selectedColumns.map { "s." + $0 }.joined(separator: ", ")

    /// An FTS5 phrase matching the text literally (double quotes doubled).
    private static func phrase(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
