import Foundation

extension MonthlyReport {
    /// A titled grid of text: the one shape that the table, CSV and HTML forms all print.
    public struct Section: Sendable {
        public var title: String
        public var headers: [String]
        public var rows: [[String]]
    }

    /// The report as sections, labels in the current language, money in yuan.
    public var sections: [Section] {
        let countHeaders = [
            localized("opened", "新立案"), localized("resolved", "已解决"), localized("closed", "已结案"),
            localized("referred", "已转介"), localized("open at month end", "月末在办"), localized("overdue at month end", "月末逾期"),
        ]
        func counts(_ c: CaseCounts) -> [String] {
            [c.opened, c.resolved, c.closed, c.referred, c.openAtEnd, c.overdueAtEnd].map(String.init)
        }
        let total = localized("total", "合计")
        let cases = Section(
            title: localized("Cases by group and type", "案件（按群体和类型）"),
            headers: [localized("group", "群体"), localized("type", "类型")] + countHeaders,
            rows: self.cases.map { [Self.label(WorkerGroup.self, $0.group), Self.label(CaseType.self, $0.type)] + counts($0.counts) }
                + [[total, ""] + counts(caseTotals)])
        let money = Section(
            title: localized("Assistance given and wages recovered (yuan)", "帮扶金额与追回工资（元）"),
            headers: [localized("type", "类型"), localized("assistance", "帮扶"), localized("recovered", "追回工资")],
            rows: self.money.map { [Self.label(CaseType.self, $0.type), Money.yuan($0.assistanceFen), Money.yuan($0.recoveredFen)] }
                + [[total, Money.yuan(moneyTotals.assistanceFen), Money.yuan(moneyTotals.recoveredFen)]])
        let median = Section(
            title: localized("Median days from opening to resolution", "从立案到解决的天数（中位数）"),
            headers: [localized("type", "类型"), localized("days", "天数")],
            rows: (CaseType.allCases.map(\.rawValue) + ["all"]).compactMap { type in
                medianDaysToResolve[type].map { [type == "all" ? total : Self.label(CaseType.self, type), String(format: "%g", $0)] }
            })
        let workers = Section(
            title: localized("Workers registered", "新登记劳动者"),
            headers: [localized("group", "群体"), localized("registered in month", "本月登记")],
            rows: WorkerGroup.allCases.map { [$0.displayName, String(workersRegistered[$0.rawValue] ?? 0)] }
                + [[total, String(workersRegistered.values.reduce(0, +))],
                   [localized("all registered by month end", "截至月末累计"), String(workersTotal)]])
        func stationCells(_ row: StationRow) -> [String] {
            [row.total, row.open, row.suspended, row.closed, row.new, row.unverified].map(String.init)
        }
        let stations = Section(
            title: localized("Stations by prefecture", "服务站点（按市州）"),
            headers: [localized("prefecture", "市州"), localized("total", "总数"), localized("open", "开放"),
                      localized("suspended", "暂停"), localized("closed", "关闭"), localized("new in month", "本月新增"),
                      localized("not verified in 90 days", "90天未核实")],
            rows: self.stations.map { ["\($0.prefecture) \($0.name)"] + stationCells($0) } + [[total] + stationCells(stationTotals)])
        let coverage = Section(
            title: localized("Open stations offering each service", "提供各项服务的开放站点数"),
            headers: [localized("prefecture", "市州")] + Service.allCases.map(\.displayName),
            rows: (self.stations + [stationTotals]).map { row in
                [row.name == "total" ? total : "\(row.prefecture) \(row.name)"] + Service.allCases.map { String(row.services[$0.rawValue] ?? 0) }
            })
        return [cases, money, median, workers, stations, coverage]
    }

    /// The report's title line.
    public var title: String {
        let scope = region.map { localized(" — region \($0)", "（区划 \($0)）") } ?? ""
        return localized("Gangwan monthly report \(month)\(scope)", "港湾月度统计报表 \(month)\(scope)")
    }

    private static func label<V: Vocabulary>(_ vocabulary: V.Type, _ code: String) -> String {
        V(rawValue: code)?.displayName ?? code
    }
}
