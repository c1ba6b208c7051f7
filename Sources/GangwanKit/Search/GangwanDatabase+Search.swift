import Foundation
import GRDB

extension GangwanDatabase {
    /// Stations whose name or address contains `text`, or whose name's pinyin or pinyin initials do.
    ///
    /// Three characters or more with some Chinese in them go through the FTS5 trigram index of
    /// names and addresses: it gives the stations holding every trigram of the text, and `LIKE`
    /// keeps those that hold the text itself (the index keeps no positions, see migration
    /// `v6-trigram-index-without-positions`). Shorter queries cannot: on SQLite 3.40 a trigram
    /// MATCH needs three characters and `LIKE` on a trigram table finds nothing for Chinese. Those,
    /// and queries of ASCII only (pinyin, which the trigram index leaves out to stay small), scan the
    /// station table (narrowed by `regionPrefix`) instead: about 100 ms for a million stations.
    /// Either way the answers are ordered by name.
    public func searchStations(_ text: String, regionPrefix: String? = nil, limit: Int = 50) throws -> [Station] {
        let query = text.trimmed
        guard !query.isEmpty else {
            throw FieldError(field: "text", value: text, reason: localized("is empty; type part of a name or address", "为空；请输入名称或地址的一部分"))
        }
        let region = regionPrefix.map { $0 + "*" }
        let pattern = "%" + query.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
        return try writer.read { db in
            if query.count >= 3 && !query.utf8.allSatisfy({ $0 < 0x80 }) {
                return try Station.fetchAll(db, sql: """
                    SELECT \(Self.stationColumns) FROM station_fts f JOIN station s ON s.seq = f.rowid
                    WHERE station_fts MATCH ? AND s.removed_at IS NULL AND (? IS NULL OR s.region GLOB ?)
                      AND (s.name LIKE ?4 ESCAPE '\\' OR s.address LIKE ?4 ESCAPE '\\')
                    ORDER BY s.name LIMIT ?
                    """, arguments: [Self.everyTrigram(of: query), region, region, pattern, limit])
            }
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

    /// An FTS5 query for rows holding every trigram of the text (each quoted, double quotes
    /// doubled), as the trigram tokenizer cuts it: three Unicode scalars from each position.
    static func everyTrigram(of text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        let trigrams = (0...(scalars.count - 3)).map { String(String.UnicodeScalarView(scalars[$0..<$0 + 3])) }
        var seen = Set<String>()
        return trigrams.filter { seen.insert($0).inserted }
            .map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            .joined(separator: " AND ")
    }
}
