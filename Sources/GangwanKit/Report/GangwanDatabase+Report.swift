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

    /// `AND region LIKE '6301%'` (with its argument), or nothing.
    private static func regionCondition(_ prefix: String?, column: String) -> (sql: String, arguments: StatementArguments) {
        guard let prefix else { return ("", []) }
        return (" AND \(column) LIKE ?", [prefix + "%"])
    }

    private static func countCases(_ db: Database, _ period: ReportPeriod, _ region: (sql: String, arguments: StatementArguments), into report: inout MonthlyReport) throws {
        var counts: [String: MonthlyReport.CaseCounts] = [:]
        func key(_ row: Row) -> String { "\(row[0] as String)\t\(row[1] as String)" }
        let inMonth: [(String, WritableKeyPath<MonthlyReport.CaseCounts, Int>)] = [
            ("opened_at", \.opened), ("resolved_at", \.resolved), ("closed_at", \.closed), ("referred_at", \.referred),
        ]
        for (column, path) in inMonth {
            let rows = try Row.fetchAll(db, sql: """
                SELECT worker_group, type, count(*) FROM support_case
                WHERE \(column) IS NOT NULL AND \(column) >= ? AND \(column) < ?\(region.sql) GROUP BY 1, 2
                """, arguments: [period.start, period.end] + region.arguments)
            for row in rows { counts[key(row), default: .init()][keyPath: path] = row[2] }
        }
        // Open at the month's end: unsettled now, or settled only after the month ended.
        let standing = try Row.fetchAll(db, sql: """
            SELECT worker_group, type, count(*), total(due < ?) FROM (
                SELECT worker_group, type, due FROM support_case WHERE settled_at IS NULL AND opened_at < ?\(region.sql)
                UNION ALL
                SELECT worker_group, type, due FROM support_case
                WHERE settled_at IS NOT NULL AND settled_at >= ? AND opened_at < ?\(region.sql)
            ) GROUP BY 1, 2
            """, arguments: [period.nextDay, period.end] + region.arguments + [period.end, period.end] + region.arguments)
        for row in standing {
            counts[key(row), default: .init()].openAtEnd = row[2]
            counts[key(row), default: .init()].overdueAtEnd = Int(row[3] as Double)
        }
        report.cases = counts.keys.sorted(by: Self.groupTypeOrder).map { key in
            let parts = key.split(separator: "\t").map(String.init)
            return MonthlyReport.CaseRow(group: parts[0], type: parts[1], counts: counts[key]!)
        }
        report.caseTotals = report.cases.map(\.counts).reduce(.init(), +)
    }

    /// Group, then type, in vocabulary order.
    private static func groupTypeOrder(_ a: String, _ b: String) -> Bool {
        func rank(_ key: String) -> (Int, Int) {
            let parts = key.split(separator: "\t").map(String.init)
            return (WorkerGroup.allCases.firstIndex { $0.rawValue == parts[0] } ?? 99,
                    CaseType.allCases.firstIndex { $0.rawValue == parts[1] } ?? 99)
        }
        return rank(a) < rank(b)
    }

    private static func sumMoney(_ db: Database, _ period: ReportPeriod, _ region: (sql: String, arguments: StatementArguments), into report: inout MonthlyReport) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT case_type, kind, sum(delta_fen) FROM case_event
            WHERE delta_fen <> 0 AND at >= ? AND at < ?\(region.sql) GROUP BY 1, 2
            """, arguments: [period.start, period.end] + region.arguments)
        var byType: [String: MonthlyReport.MoneyRow] = [:]
        for row in rows {
            let type: String = row[0]
            let kind: String = row[1]
            let fen: Int64 = row[2]
            if kind == CaseEventKind.assistance.rawValue { byType[type, default: .init(type: type)].assistanceFen += fen }
            if kind == CaseEventKind.recovery.rawValue { byType[type, default: .init(type: type)].recoveredFen += fen }
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
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]), let number = Int(parts[1]),
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
