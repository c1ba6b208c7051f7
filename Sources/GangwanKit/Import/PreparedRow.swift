import Foundation
import GRDB

/// One import row after the checks that need no database, ready to be written.
struct PreparedRow: Sendable {
    enum Outcome: Sendable {
        /// Refused whatever the database holds: wrong field count, a bad cell, a key repeated in the file.
        case refused(RejectedRow)
        /// The fields; the code and id that may name an existing station; and the row of a new
        /// station made from the fields, or why they cannot make one.
        case checked(StationFields, key: StationKey, newRow: Result<NewStationRow, RejectedRow>)
    }

    var record: CSVRecord
    var outcome: Outcome
}

/// A new station as an import inserts it: its row (``Station/persistedColumns``, then its field
/// clock), and its point in the R*Tree when it is open.
struct NewStationRow: Sendable {
    var values: BoundRow
    var point: StationRTree.Box?
}

/// What a row names its station by: its code and its id, as stored, when the row gives them.
struct StationKey: Sendable {
    var code: String?
    var id: String?

    var isEmpty: Bool { code == nil && id == nil }
}

/// Turns CSV records into ``PreparedRow``s, in file order (it remembers the keys seen so far).
struct RowPreparer: Sendable {
    let columns: [ImportedColumn]
    let crs: CoordinateSystem
    let regions: RegionTable
    /// The regions this office may write, once a sync has told it: a row elsewhere is refused.
    let scope: WritableScope?
    let actor: String
    let now: Date
    /// The field clock of every station the import makes (they are all written at one time).
    let clock: String
    /// The line where each `code:` or `id:` key first appeared.
    private var keyLines: [String: Int] = [:]

    init(columns: [ImportedColumn], crs: CoordinateSystem, regions: RegionTable, scope: WritableScope?, actor: String, now: Date, clock: String) {
        self.columns = columns
        self.crs = crs
        self.regions = regions
        self.scope = scope
        self.actor = actor
        self.now = now
        self.clock = clock
    }

    mutating func prepare(_ record: CSVRecord) -> PreparedRow {
        do throws(RejectedRow) {
            let fields = try fields(of: record)
            let key = StationKey(
                code: fields.code.map(\.trimmed).flatMap { $0.isEmpty ? nil : $0 },
                id: fields.id.map { $0.trimmed.lowercased() }.flatMap { $0.isEmpty ? nil : $0 })
            for (column, value) in [("code", key.code), ("id", key.id)] {
                guard let value else { continue }
                if let first = keyLines.updateValue(record.line, forKey: column + ":" + value) {
                    throw RejectedRow(line: record.line, column: column, reason: localized(
                        "\"\(value)\" is already on line \(first) of this file", "“\(value)”在本文件第 \(first) 行已出现"))
                }
            }
            let newRow = Result { () throws(RejectedRow) -> NewStationRow in
                let station: Station
                do throws(FieldError) {
                    station = try fields.makeStation(crs: crs, regions: regions, actor: actor, now: now)
                } catch {
                    throw RejectedRow(line: record.line, error)
                }
                if let scope, !scope.admits(station.region) {
                    throw RejectedRow(line: record.line, column: "region", reason: StoreError.outsideScope(
                        region: station.region, scope: scope.prefixes).localizedDescription)
                }
                let open = station.status == .open && station.removedAt == nil
                return NewStationRow(
                    values: BoundRow(station.databaseValues + [clock.databaseValue]),
                    point: open ? StationRTree.Box(station.position) : nil)
            }
            return PreparedRow(record: record, outcome: .checked(fields, key: key, newRow: newRow))
        } catch {
            return PreparedRow(record: record, outcome: .refused(error))
        }
    }

    private func fields(of record: CSVRecord) throws(RejectedRow) -> StationFields {
        guard record.fields.count == columns.count else {
            throw RejectedRow(line: record.line, column: nil, reason: localized(
                "has \(record.fields.count) fields, the header has \(columns.count)",
                "有 \(record.fields.count) 个字段，表头有 \(columns.count) 个"))
        }
        var fields = StationFields()
        for (column, value) in zip(columns, record.fields) {
            switch column {
            case .station(let column):
                // An empty id or status is no value: a new station gets an id, and is open.
                if column == .id || column == .status, value.trimmed.isEmpty { continue }
                fields[keyPath: column.field] = SpreadsheetText.unguarded(value)
            case .unnamed(let number) where !value.trimmed.isEmpty:
                // The value is not echoed: a side column may hold anything, a phone number say.
                throw RejectedRow(line: record.line, column: nil, reason: localized(
                    "column \(number) has no header but holds a value; name the column in the header or empty it",
                    "第 \(number) 列没有表头，却有值；请在表头写明列名，或清空该列"))
            case .unnamed, .rejectsNote:
                continue
            }
        }
        return fields
    }
}

extension RejectedRow: Error {
    /// The row refused for a bad field, with the field's value quoted.
    init(line: Int, _ error: FieldError) {
        self.init(line: line, column: error.field, reason: localized("\"\(error.value)\" \(error.reason)", "“\(error.value)” \(error.reason)"))
    }
}
