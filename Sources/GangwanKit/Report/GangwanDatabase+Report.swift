import Foundation
import GRDB

extension GangwanDatabase {
    /// Builds the report for `month` (`YYYY-MM`), limited to a region-code prefix when given.
    public func monthlyReport(month: String, regionPrefix: String? = nil) throws -> MonthlyReport {
        let period = try ReportPeriod(month: month)
        return try writer.read { db in
            let region = Self.regionCondition(regionPrefix, column: "region")
            var report = MonthlyReport(
                month: month, region: regionPrefix, cases: [], caseTotals: .init(), medianDaysToResolve: [:], money: [],
                moneyTotals: .init(type: "total"), workersRegistered: [:], workersTotal: 0, stations: [], stationTotals: .init(prefecture: "", name: ""))
            try Self.countCases(db, period, region, into: &report)
            try Self.sumMoney(db, period, Self.regionCondition(regionPrefix, column: "case_region"), into: &report)
            try Self.medianDays(db, period, region, into: &report)
            try Self.countWorkers(db, period, region, into: &report)
            try countStations(db, period, region, into: &report)
            return report
        }
    }

    /// `AND region GLOB '6301*'` (with its argument), or nothing; the prefix is validated as digits.
    private static func regionCondition(_ prefix: String?, column: String) -> (sql: String, arguments: StatementArguments) {
        guard let prefix else { return ("", []) }
        return (" AND \(column) GLOB ?", [prefix + "*"])
    }

    /// Counted in Swift from covering-index scans: SQLite's GROUP BY sorts every row through a
    /// temporary b-tree, which cost more than the scans themselves on two million cases.
    private static func countCases(_ db: Database, _ period: ReportPeriod, _ region: (sql: String, arguments: StatementArguments), into report: inout MonthlyReport) throws {
        var counts: [GroupAndType: MonthlyReport.CaseCounts] = [:]
        let inMonth: [(String, WritableKeyPath<MonthlyReport.CaseCounts, Int>)] = [
            ("opened_at", \.opened), ("resolved_at", \.resolved), ("closed_at", \.closed), ("referred_at", \.referred),
        ]
        for (column, path) in inMonth {
            let rows = try Row.fetchCursor(db, sql: """
                SELECT worker_group, type FROM support_case WHERE \(column) IS NOT NULL AND \(column) >= ? AND \(column) < ?\(region.sql)
                """, arguments: [period.start, period.end] + region.arguments)
            while let row = try rows.next() {
                counts[GroupAndType(row), default: .init()][keyPath: path] += 1
            }
        }
        // Open at the month's end: unsettled now, or settled only after the month ended.
        for sql in [
            "SELECT worker_group, type, due FROM support_case WHERE settled_at IS NULL AND opened_at < ?\(region.sql)",
            "SELECT worker_group, type, due FROM support_case WHERE settled_at IS NOT NULL AND settled_at >= ? AND opened_at < ?\(region.sql)",
        ] {
            let bounds: StatementArguments = sql.contains("settled_at >=") ? [period.end, period.end] : [period.end]
            let rows = try Row.fetchCursor(db, sql: sql, arguments: bounds + region.arguments)
            while let row = try rows.next() {
                let key = GroupAndType(row)
                counts[key, default: .init()].openAtEnd += 1
                if (row[2] as String) < period.nextDay { counts[key, default: .init()].overdueAtEnd += 1 }
            }
        }
        report.cases = counts.keys.sorted().map { MonthlyReport.CaseRow(group: $0.group, type: $0.type, counts: counts[$0]!) }
        report.caseTotals = report.cases.map(\.counts).reduce(.init(), +)
    }

    private static func sumMoney(_ db: Database, _ period: ReportPeriod, _ region: (sql: String, arguments: StatementArguments), into report: inout MonthlyReport) throws {
        var byType: [String: MonthlyReport.MoneyRow] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT case_type, kind, delta_fen FROM case_event WHERE delta_fen <> 0 AND at >= ? AND at < ?\(region.sql)
            """, arguments: [period.start, period.end] + region.arguments)
        while let row = try rows.next() {
            let type: String = row[0]
            let fen: Int64 = row[2]
            switch row[1] as String {
            case CaseEventKind.assistance.rawValue: byType[type, default: .init(type: type)].assistanceFen += fen
            case CaseEventKind.recovery.rawValue: byType[type, default: .init(type: type)].recoveredFen += fen
            default: break
            }
        }
        report.money = CaseType.allCases.compactMap { byType[$0.rawValue] }
        report.moneyTotals.assistanceFen = report.money.reduce(0) { $0 + $1.assistanceFen }
        report.moneyTotals.recoveredFen = report.money.reduce(0) { $0 + $1.recoveredFen }
    }

    private static func medianDays(_ db: Database, _ period: ReportPeriod, _ region: (sql: String, arguments: StatementArguments), into report: inout MonthlyReport) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT type, julianday(resolved_at) - julianday(opened_at) FROM support_case
            WHERE resolved_at IS NOT NULL AND resolved_at >= ? AND resolved_at < ?\(region.sql)
            """, arguments: [period.start, period.end] + region.arguments)
        var days: [String: [Double]] = [:]
        for row in rows {
            let value = (row[1] as Double).rounded(.down)
            days[row[0], default: []].append(value)
            days["all", default: []].append(value)
        }
        report.medianDaysToResolve = days.mapValues { values in
            let sorted = values.sorted()
            let middle = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        }
    }

    private static func countWorkers(_ db: Database, _ period: ReportPeriod, _ region: (sql: String, arguments: StatementArguments), into report: inout MonthlyReport) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT worker_group, count(*) FROM worker WHERE created_at >= ? AND created_at < ?\(region.sql) GROUP BY 1
            """, arguments: [period.start, period.end] + region.arguments)
        report.workersRegistered = Dictionary(uniqueKeysWithValues: rows.map { ($0[0], $0[1]) })
        report.workersTotal = try Int.fetchOne(db, sql: "SELECT count(*) FROM worker WHERE created_at < ?\(region.sql)",
                                               arguments: [period.end] + region.arguments) ?? 0
    }

    private func countStations(_ db: Database, _ period: ReportPeriod, _ region: (sql: String, arguments: StatementArguments), into report: inout MonthlyReport) throws {
        let coverage = Service.allCases.enumerated().map { index, _ in
            "total(status = 'open' AND services & \(1 << index) <> 0)"
        }.joined(separator: ", ")
        let rows = try Row.fetchAll(db, sql: """
            SELECT substr(region, 1, 4) || '00', count(*), total(status = 'open'), total(status = 'suspended'),
                   total(status = 'closed'), total(created_at >= ?), total(verified_on IS NULL OR verified_on < ?), \(coverage)
            FROM station WHERE created_at < ? AND (removed_at IS NULL OR removed_at >= ?)\(region.sql)
            GROUP BY 1 ORDER BY 1
            """, arguments: [period.start, period.staleBefore, period.end, period.end] + region.arguments)
        report.stations = rows.map { row in
            let code: String = row[0]
            var station = MonthlyReport.StationRow(prefecture: code, name: regions.region(code)?.name ?? code)
            station.total = row[1]
            (station.open, station.suspended, station.closed) = (Int(row[2] as Double), Int(row[3] as Double), Int(row[4] as Double))
            station.new = Int(row[5] as Double)
            station.unverified = Int(row[6] as Double)
            for (index, service) in Service.allCases.enumerated() {
                station.services[service.rawValue] = Int(row[7 + index] as Double)
            }
            return station
        }
        var totals = MonthlyReport.StationRow(prefecture: "", name: "total")
        for row in report.stations {
            totals.total += row.total
            totals.open += row.open
            totals.suspended += row.suspended
            totals.closed += row.closed
            totals.new += row.new
            totals.unverified += row.unverified
            totals.services.merge(row.services, uniquingKeysWith: +)
        }
        report.stationTotals = totals
    }
}

/// A month's bounds as the database stores instants (UTC text), and its Beijing-time days.
struct ReportPeriod {
    /// The first instant of the month and of the next, as stored.
    let start: String
    let end: String
    /// The first day of the next month: a case due before it is overdue at the month's end.
    let nextDay: String
    /// Stations verified before this day were not verified in the month's last 90 days.
    let staleBefore: String

    init(month: String) throws(FieldError) {
        let parts = month.trimmed.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]), (1900...9998).contains(year),
              let number = Int(parts[1]),
              let first = LocalDate(year: year, month: number, day: 1), let startDate = ShanghaiTime.date(fromDay: first.description)
        else {
            throw FieldError(field: "month", value: month, reason: localized("is not a month like 2026-03", "不是形如 2026-03 的月份"))
        }
        let next = LocalDate(year: number == 12 ? year + 1 : year, month: number == 12 ? 1 : number + 1, day: 1)!
        let endDate = ShanghaiTime.date(fromDay: next.description)!
        start = DatabaseTimestamp.text(startDate)
        end = DatabaseTimestamp.text(endDate)
        nextDay = next.description
        staleBefore = LocalDate(dayNumber: next.dayNumber - 90).description
    }
}

/// A worker group and case type, ordered as their vocabularies list them.
private struct GroupAndType: Hashable, Comparable {
    let group: String
    let type: String

    init(_ row: Row) {
        group = row[0]
        type = row[1]
    }

    static func < (lhs: GroupAndType, rhs: GroupAndType) -> Bool {
        func rank(_ key: GroupAndType) -> (Int, Int) {
            (WorkerGroup.allCases.firstIndex { $0.rawValue == key.group } ?? 99, CaseType.allCases.firstIndex { $0.rawValue == key.type } ?? 99)
        }
        return rank(lhs) < rank(rhs)
    }
}
