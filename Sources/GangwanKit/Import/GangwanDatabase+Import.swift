import Foundation
import GRDB

/// How `station import` treats a file.
public struct ImportOptions: Sendable {
    /// The coordinate system of the file's lat/lon columns.
    public var crs: CoordinateSystem
    /// Import the good rows and write the bad ones to `rejects`, instead of refusing the file.
    public var skipInvalid: Bool
    /// Where rejected rows go, as CSV with their line and reason, when `skipInvalid`.
    public var rejects: URL?
    /// Check everything and count, but write nothing.
    public var dryRun: Bool

    /// Creates options; by default the whole file is one all-or-nothing transaction.
    public init(crs: CoordinateSystem = .wgs84, skipInvalid: Bool = false, rejects: URL? = nil, dryRun: Bool = false) {
        self.crs = crs
        self.skipInvalid = skipInvalid
        self.rejects = rejects
        self.dryRun = dryRun
    }
}

/// What an import did (or, on a dry run, would do).
public struct ImportSummary: Sendable, Equatable {
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    public var rejected = 0
}

extension GangwanDatabase {
    /// Imports stations from a CSV file in one transaction; rows with a code (or id) update that station.
    ///
    /// Any invalid row refuses the whole file with every bad row listed, unless `skipInvalid`.
    /// `progress` is called with the number of rows read, every few thousand rows.
    public func importStations(
        from url: URL, options: ImportOptions, actor: String, now: Date = Date(),
        progress: ((Int) -> Void)? = nil
    ) throws -> ImportSummary {
        var reader: CSVReader
        do {
            reader = try CSVReader(url: url)
        } catch let error as CSVError {
            throw error
        } catch {
            throw ImportError.cannotRead(path: url.path, reason: error.localizedDescription)
        }
        var rejectsFile: RejectsFile?
        var summary = ImportSummary()
        var problems: [RejectedRow] = []
        func reject(_ row: RejectedRow, _ record: CSVRecord) throws {
            summary.rejected += 1
            if problems.count < ImportError.rowsShown { problems.append(row) }
            try rejectsFile?.append(record, row)
        }
        try writer.writeWithoutTransaction { db in
            try db.inTransaction {
                guard let header = try reader.next() else { throw ImportError.badHeader(localized("the file is empty", "文件为空")) }
                let columns = try Self.columns(of: header.fields)
                if options.skipInvalid, let target = options.rejects {
                    rejectsFile = try RejectsFile(target, header: header.fields)
                }
                // New stations are staged in a temporary table and inserted by one statement at the
                // end: one statement lets FTS5 batch its index writes instead of flushing per row.
                try db.execute(sql: "CREATE TEMP TABLE station_import AS SELECT * FROM main.station WHERE 0")
                // A large page cache keeps the R*Tree and FTS5 b-trees in memory while they grow,
                // instead of spilling and re-reading pages; it is given back when the import ends.
                let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
                try db.execute(sql: "PRAGMA cache_size = -262144")
                defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
                var keyLines: [String: Int] = [:]
                var rows = 0
                while let record = try reader.next() {
                    rows += 1
                    if rows % 5_000 == 0 { progress?(rows) }
                    do {
                        let fields = try Self.fields(of: record, columns: columns)
                        for (column, value) in [("code", fields.code), ("id", fields.id?.lowercased())] {
                            guard let key = value?.trimmed, !key.isEmpty else { continue }
                            if let first = keyLines.updateValue(record.line, forKey: column + ":" + key) {
                                throw RejectedRow(line: record.line, column: column, reason: localized(
                                    "\"\(key)\" is already on line \(first) of this file", "“\(key)”在本文件第 \(first) 行已出现"))
                            }
                        }
                        // In an all-or-nothing import that already failed, only validate the rest.
                        let write = options.skipInvalid || problems.isEmpty
                        switch try upsert(db, fields, crs: options.crs, actor: actor, now: now, write: write) {
                        case .inserted: summary.inserted += 1
                        case .updated: summary.updated += 1
                        case .unchanged: summary.unchanged += 1
                        }
                    } catch let error as FieldError {
                        try reject(RejectedRow(line: record.line, column: error.field, reason: "\"\(error.value)\" \(error.reason)"), record)
                    } catch let error as StoreError {
                        try reject(RejectedRow(line: record.line, column: "code", reason: error.localizedDescription), record)
                    } catch let row as RejectedRow {
                        try reject(row, record)
                    }
                }
                progress?(rows)
                if !options.skipInvalid && !problems.isEmpty {
                    throw ImportError.invalidRows(count: summary.rejected, rows: problems)
                }
                let persisted = Station.persistedColumns.joined(separator: ", ")
                try db.execute(sql: "INSERT INTO main.station (\(persisted)) SELECT \(persisted) FROM station_import ORDER BY rowid")
                try db.execute(sql: "DROP TABLE station_import")
                // One entry for the whole file: the file is the unit a clerk imported.
                try Self.audit(db, "station.import", subject: "file/\(url.lastPathComponent)", detail: [
                    ("inserted", String(summary.inserted)), ("updated", String(summary.updated)),
                    ("unchanged", String(summary.unchanged)), ("rejected", String(summary.rejected)),
                ], actor: actor, at: now)
                return options.dryRun ? .rollback : .commit
            }
        }
        try rejectsFile?.finish(keep: !options.dryRun)
        return summary
    }

    private enum Upsert { case inserted, updated, unchanged }

    /// Inserts the row, or updates the station with its code or id; `write: false` only validates.
    private func upsert(_ db: Database, _ fields: StationFields, crs: CoordinateSystem, actor: String, now: Date, write: Bool) throws -> Upsert {
        let key = fields.code.flatMap { $0.isEmpty ? nil : $0 } ?? fields.id.flatMap { $0.isEmpty ? nil : $0.lowercased() }
        let lookup = try db.cachedStatement(sql: "SELECT \(Self.stationColumns) FROM station s WHERE s.code = ?1 OR s.id = ?1")
        guard let key, let existing = try Station.fetchOne(lookup, arguments: [key]) else {
            let station = try fields.makeStation(crs: crs, regions: regions, actor: actor, now: now)
            // No station has this code or id (just looked up), so the insert cannot collide.
            if write { try stage(db, station) }
            return .inserted
        }
        var station = existing
        try fields.apply(to: &station, crs: crs, regions: regions)
        station.removedAt = nil
        guard station != existing else { return .unchanged }
        station.updatedAt = now
        station.actor = actor
        if write { try save(db, station) }
        return .updated
    }

    /// Adds a new station to the import's staging table.
    private func stage(_ db: Database, _ station: Station) throws {
        let columns = Station.persistedColumns
        let insert = try db.cachedStatement(sql: """
            INSERT INTO temp.station_import (\(columns.joined(separator: ", "))) \
            VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))
            """)
        try insert.execute(arguments: StatementArguments(station.databaseValues))
    }

    /// Maps header cells to columns; unknown, repeated or missing required columns are refused.
    private static func columns(of header: [String]) throws -> [StationColumn] {
        var columns: [StationColumn] = []
        for cell in header {
            guard let column = StationColumn(header: cell) else {
                let valid = StationColumn.allCases.map { "\($0.rawValue)/\($0.chineseHeader)" }.joined(separator: ", ")
                throw ImportError.badHeader(localized(
                    "unknown column \"\(cell)\"; valid columns: \(valid)", "未知列“\(cell)”；可用的列：\(valid)"))
            }
            guard !columns.contains(column) else {
                throw ImportError.badHeader(localized("column \"\(cell)\" appears twice", "列“\(cell)”重复"))
            }
            columns.append(column)
        }
        if let missing = StationColumn.required.first(where: { !columns.contains($0) }) {
            throw ImportError.badHeader(localized(
                "the required column \(missing.rawValue)/\(missing.chineseHeader) is missing",
                "缺少必需的列 \(missing.rawValue)/\(missing.chineseHeader)"))
        }
        return columns
    }

    private static func fields(of record: CSVRecord, columns: [StationColumn]) throws -> StationFields {
        guard record.fields.count == columns.count else {
            throw RejectedRow(line: record.line, column: nil, reason: localized(
                "has \(record.fields.count) fields, the header has \(columns.count)",
                "有 \(record.fields.count) 个字段，表头有 \(columns.count) 个"))
        }
        var fields = StationFields()
        for (column, value) in zip(columns, record.fields) {
            fields[keyPath: column.field] = value
        }
        return fields
    }
}

extension RejectedRow: Error {}
