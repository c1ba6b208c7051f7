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
    /// How the file was read: told to the user when it was GB18030, which a damaged UTF-8 file can
    /// also decode as (see ``TextEncoding/detect(_:chunkSize:)``).
    public var encoding = TextEncoding.utf8
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
        } catch where error is CSVError || error is ImportError {
            throw error
        } catch {
            throw ImportError.cannotRead(path: url.path, reason: error.localizedDescription)
        }
        var rejectsFile: RejectsFile?
        var summary = ImportSummary(encoding: reader.encoding)
        var problems: [RejectedRow] = []
        var headerNames: [String: String] = [:]
        func reject(_ refused: RejectedRow, _ record: CSVRecord) throws {
            var row = refused
            row.column = row.column.map { headerNames[$0] ?? $0 }
            summary.rejected += 1
            if problems.count < ImportError.rowsShown { problems.append(row) }
            try rejectsFile?.append(record, row)
        }
        try writer.writeWithoutTransaction { db in
            try db.inTransaction {
                guard let header = try reader.next() else { throw ImportError.badHeader(localized("the file is empty", "文件为空")) }
                let columns = try Self.columns(of: header.fields)
                headerNames = Self.headerNames(header.fields, columns)
                if options.skipInvalid, let target = options.rejects {
                    rejectsFile = try RejectsFile(target, header: header.fields, columns: columns, input: url)
                }
                let changes = try ChangeLog(db, actor: actor, now: now)
                let rows = PreparedRows(reader: reader, preparer: RowPreparer(
                    columns: columns, crs: options.crs, regions: regions, scope: changes.scope, actor: actor, now: now,
                    clock: changes.stampText))
                defer { rows.stop() }
                // A large page cache keeps the b-trees being filled in memory instead of spilling and
                // re-reading pages. Memory-mapped reads are turned off meanwhile: every page an import
                // touches would stay mapped, and counted, on top of the cache. Both are given back
                // when the import ends.
                let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
                let mmapSize = try Int.fetchOne(db, sql: "PRAGMA mmap_size") ?? 0
                try db.execute(sql: "PRAGMA cache_size = -98304; PRAGMA mmap_size = 0")
                defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize); PRAGMA mmap_size = \(mmapSize)") }
                let lookup = try db.makeStatement(sql: "SELECT \(Self.stationColumns) FROM station s WHERE s.code = ? OR s.id = ?")
                let insert = try db.makeStatement(sql: Self.insertSQL)
                var count = 0
                try indexingNewStationsInBulk(db, rebuildingRegionIndex: true, spatialIndex: .now) { firstNew in
                    // Into an empty table (the first new row is the first row) every row is new: rows
                    // of the file cannot name each other (repeated keys are refused), so there is
                    // nothing to look up, and the R*Tree's points are gathered as rows are inserted.
                    let lookUp = firstNew > 1
                    var points: [StationRTree.Cell]? = lookUp ? nil : []
                    var outboxFrom = firstNew
                    while let batch = try rows.next() {
                        for row in batch {
                            count += 1
                            if count % 5_000 == 0 { progress?(count) }
                            // In an all-or-nothing import that already failed, only validate the rest.
                            let write = options.skipInvalid || problems.isEmpty
                            guard case .checked(let fields, let key, let newRow) = row.outcome else {
                                if case .refused(let rejected) = row.outcome { try reject(rejected, row.record) }
                                continue
                            }
                            do {
                                switch try upsert(
                                    db, fields, key: key, newRow: newRow, lookup: lookUp ? lookup : nil, insert: insert,
                                    changes: changes, crs: options.crs, actor: actor, now: now, write: write, points: &points) {
                                case .inserted: summary.inserted += 1
                                case .updated: summary.updated += 1
                                case .unchanged: summary.unchanged += 1
                                }
                            } catch let error as FieldError {
                                try reject(RejectedRow(line: row.record.line, error), row.record)
                            } catch let error as StoreError {
                                let column = if case .outsideScope = error { "region" } else { "code" }
                                try reject(RejectedRow(line: row.record.line, column: column, reason: error.localizedDescription), row.record)
                            } catch let rejected as RejectedRow {
                                try reject(rejected, row.record)
                            }
                        }
                        // While the file is read this thread has time to spare; at the end it has none.
                        outboxFrom = try changes.insertedStations(db, from: outboxFrom)
                        rows.giveBack(consume batch)
                    }
                    progress?(count)
                    if !options.skipInvalid && !problems.isEmpty {
                        throw ImportError.invalidRows(count: summary.rejected, rows: problems)
                    }
                    return points
                }
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

    /// Inserts the prepared row, or updates the station with its code or id (found by `lookup`, when
    /// there is anything to look up), unless that station was removed; `write: false` only
    /// validates. An inserted open station's R*Tree point is added to `points`, when they are gathered.
    private func upsert(
        _ db: Database, _ fields: StationFields, key: StationKey, newRow: Result<NewStationRow, RejectedRow>,
        lookup: Statement?, insert: Statement, changes: ChangeLog, crs: CoordinateSystem, actor: String, now: Date, write: Bool,
        points: inout [StationRTree.Cell]?
    ) throws -> Upsert {
        let found = key.isEmpty ? [] : try lookup.map { try Station.fetchAll($0, arguments: [key.code, key.id]) } ?? []
        guard let existing = try Self.station(named: key, among: found) else {
            let row = try newRow.get()
            // No station has this code or id (just looked up), so the insert cannot collide.
            if write {
                try row.values.execute(insert)
                if points != nil, let box = row.point { points?.append(StationRTree.Cell(id: db.lastInsertedRowID, box: box)) }
                // Its outbox row is written with the rest of its batch's (`ChangeLog.insertedStations`).
            }
            return .inserted
        }
        if let removedAt = existing.removedAt {
            // A removed station stays removed: a spreadsheet that still lists it must not bring it back.
            let (field, value) = key.code != nil && key.code == existing.code
                ? ("code", key.code!) : ("id", existing.id.storedText)
            let day = ShanghaiTime.day(of: removedAt)
            throw FieldError(field: field, value: value, reason: localized(
                "belongs to a station removed on \(day); a removed station is not imported again",
                "属于已于 \(day) 删除的站点；已删除的站点不会再次导入"))
        }
        var station = existing
        try fields.apply(to: &station, crs: crs, regions: regions)
        // A new status from a file without reasons drops the old one's, as `station reopen` would.
        if station.status != existing.status && fields.statusReason == nil { station.statusReason = nil }
        guard station != existing else { return .unchanged }
        // Before anything is written: with --skip-invalid the refused row must leave no trace.
        try changes.scope?.check([existing.region, station.region])
        station.updatedAt = now
        station.actor = actor
        if write {
            try save(db, station)
            try changes.changed(db, from: existing, to: station)
        }
        return .updated
    }

    /// The station a row's code and id name, among those holding either; refused when the code
    /// belongs to a station with another id. A known id with a new code renumbers its station.
    private static func station(named key: StationKey, among found: [Station]) throws(FieldError) -> Station? {
        if let code = key.code, let id = key.id, let holder = found.first(where: { $0.code == code }), holder.id.storedText != id {
            throw FieldError(field: "code", value: code, reason: localized(
                "is the code of station \(holder.id.storedText), not of the id on this row",
                "是站点 \(holder.id.storedText) 的编号，与本行的 id 不符"))
        }
        return found.first { $0.id.storedText == key.id } ?? found.first
    }

    /// Inserts a station row, as ``Station/databaseValues`` gives it, and its field clock.
    private static let insertSQL = """
        INSERT INTO station (\((Station.persistedColumns + ["clock"]).joined(separator: ", "))) \
        VALUES (\(Array(repeating: "?", count: Station.persistedColumns.count + 1).joined(separator: ", ")))
        """

    /// Maps header cells to columns; unknown, repeated or missing required columns are refused.
    /// Empty cells and the notes that begin a rejects file name columns the rows pass over.
    private static func columns(of header: [String]) throws -> [ImportedColumn] {
        let notes = header.prefix(3).map(\.trimmed) == ImportedColumn.rejectsNotes ? 3 : 0
        var columns = Array(repeating: ImportedColumn.rejectsNote, count: notes)
        for (index, cell) in header.enumerated().dropFirst(notes) {
            if cell.trimmed.isEmpty {
                columns.append(.unnamed(number: index + 1))
                continue
            }
            guard let column = StationColumn(header: cell) else {
                let valid = StationColumn.allCases.map { "\($0.rawValue)/\($0.chineseHeader)" }
                throw ImportError.badHeader(localized(
                    "unknown column \"\(FieldText.visible(cell))\" (column \(index + 1)); valid columns: \(valid.joined(separator: ", "))",
                    "未知列“\(FieldText.visible(cell))”（第 \(index + 1) 列）；可用的列：\(valid.joined(separator: "、"))"))
            }
            guard !columns.contains(.station(column)) else {
                throw ImportError.badHeader(localized(
                    "column \"\(FieldText.visible(cell.trimmed))\" (column \(index + 1)) appears twice",
                    "列“\(FieldText.visible(cell.trimmed))”（第 \(index + 1) 列）重复"))
            }
            columns.append(.station(column))
        }
        let missing = StationColumn.required.filter { !columns.contains(.station($0)) }
        if !missing.isEmpty {
            let names = missing.map { "\($0.rawValue)/\($0.chineseHeader)" }
            throw ImportError.badHeader(localized(
                "the required column\(names.count == 1 ? "" : "s") \(names.joined(separator: ", ")) \(names.count == 1 ? "is" : "are") missing",
                "缺少必需的列 \(names.joined(separator: "、"))"))
        }
        return columns
    }

    /// The header cell, as the file wrote it, of each station column: errors name columns so.
    private static func headerNames(_ header: [String], _ columns: [ImportedColumn]) -> [String: String] {
        var names: [String: String] = [:]
        for (cell, column) in zip(header, columns) {
            if case .station(let column) = column { names[column.rawValue] = cell.trimmed }
        }
        return names
    }
}
