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
    /// Either way the answers are ordered by name, and letters match in either case: ASCII ones by
    /// `LIKE`, others (full-width Ａ, É) by comparing lowercased text, which `LIKE` cannot do.
    public func searchStations(_ text: String, regionPrefix: String? = nil, limit: Int = 50) throws -> [Station] {
        let query = text.trimmed
        guard !query.isEmpty else {
            throw FieldError(field: "text", value: text, reason: localized("is empty; type part of a name or address", "为空；请输入名称或地址的一部分"))
        }
        guard query.count <= Self.longestSearch else {
            throw FieldError(field: "text", value: String(query.prefix(20)) + "…", reason: localized(
                "is longer than \(Self.longestSearch) characters; type part of a name or address",
                "超过 \(Self.longestSearch) 个字；请输入名称或地址的一部分"))
        }
        let pattern = "%" + query.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
        let usesIndex = query.count >= 3 && !query.utf8.allSatisfy { $0 < 0x80 }
        let foldsCase = query.unicodeScalars.contains { !$0.isASCII && $0.properties.changesWhenCaseMapped }
        // Lowercasing every name and address costs a scan three times as much: the stations that
        // hold the text's longest run of ideographs as it is (which any match does) are tried first.
        let contains = foldsCase
            ? """
              ((:ideographs IS NULL OR instr(s.name, :ideographs) > 0 OR instr(s.address, :ideographs) > 0)
               AND (instr(gangwan_lowercased(s.name), :lowercased) > 0 OR instr(gangwan_lowercased(s.address), :lowercased) > 0))
              """
            : "(s.name LIKE :pattern ESCAPE '\\' OR s.address LIKE :pattern ESCAPE '\\')"
        var arguments: StatementArguments = ["region": regionPrefix.map { $0 + "*" }, "pattern": pattern, "limit": limit]
        if usesIndex { arguments += ["trigrams": Self.everyTrigram(of: query)] }
        if foldsCase { arguments += ["lowercased": query.lowercased(), "ideographs": Self.longestIdeographRun(in: query)] }
        return try writer.read { db in
            if usesIndex {
                return try Station.fetchAll(db, sql: """
                    SELECT \(Self.stationColumns) FROM station_fts f JOIN station s ON s.seq = f.rowid
                    WHERE station_fts MATCH :trigrams AND s.removed_at IS NULL AND (:region IS NULL OR s.region GLOB :region)
                      AND \(contains)
                    ORDER BY s.name LIMIT :limit
                    """, arguments: arguments)
            }
            return try Station.fetchAll(db, sql: """
                SELECT \(Self.stationColumns) FROM station s
                WHERE s.removed_at IS NULL AND (:region IS NULL OR s.region GLOB :region)
                  AND (\(contains) OR s.name_pinyin LIKE :pattern ESCAPE '\\' OR s.name_initials LIKE :pattern ESCAPE '\\')
                ORDER BY s.name LIMIT :limit
                """, arguments: arguments)
        }
    }

    /// The longest run of characters made of ideographs only (汉字, which have no case), if any.
    static func longestIdeographRun(in text: String) -> String? {
        let runs = text.split(whereSeparator: { (character: Character) in !character.unicodeScalars.allSatisfy(\.properties.isIdeographic) })
        return runs.max { $0.count < $1.count }.map(String.init)
    }

    /// The longest text search takes, in characters: names and addresses are shorter.
    static let longestSearch = 100

    /// `gangwan_lowercased(text)`: the text lowercased by Swift's Unicode rules, for matching
    /// letters beyond ASCII in either case.
    static let lowercased = DatabaseFunction("gangwan_lowercased", argumentCount: 1, pure: true) { values in
        String.fromDatabaseValue(values[0])?.lowercased()
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
