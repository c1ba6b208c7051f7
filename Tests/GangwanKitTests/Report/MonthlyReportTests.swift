import Foundation
import Testing
@testable import GangwanKit

@Suite struct MonthlyReportTests {
    let db: GangwanDatabase
    let key = PersonalDataKey.generate()

    init() throws {
        db = try GangwanDatabase.inMemory()
    }

    func at(_ text: String) -> Date { ShanghaiTime.instant(from: text)! }

    func worker(_ group: String, region: String, on day: String) throws -> Worker {
        try db.addWorker(TestData.workerFields(group: group, region: region), key: key, actor: "a", now: at(day + "T09:00"))
    }

    func open(_ worker: Worker, _ type: String, on time: String, due: String? = nil) throws -> SupportCase {
        try db.openCase(CaseOpening(worker: worker.id.storedText, type: type, summary: "s", due: due, allowDuplicate: true),
                        actor: "a", now: at(time))
    }

    func move(_ supportCase: SupportCase, _ statuses: [String], on time: String) throws {
        for status in statuses {
            _ = try db.setCaseStatus(supportCase.id.storedText, status, reason: "r", to: "劳动监察", actor: "a", now: at(time))
        }
    }

    @Test func casesCountInTheMonthTheirTimesFallInBeijingTime() throws {
        let gig = try worker("gig", region: "630102", on: "2026-10-05")
        let migrant = try worker("migrant", region: "630224", on: "2026-11-02")
        let october = try open(gig, "wage-arrears", on: "2026-10-31T23:30")
        // Opened 1 November 00:30 Beijing time, which is still 31 October in UTC.
        let november = try open(migrant, "wage-arrears", on: "2026-11-01T00:30")
        let late = try open(migrant, "legal-aid", on: "2026-11-10T10:00", due: "2026-11-20")
        try move(october, ["in-progress", "resolved"], on: "2026-11-05T10:00")
        try move(november, ["referred"], on: "2026-11-06T10:00")
        try move(late, ["in-progress"], on: "2026-11-11T10:00")

        let report = try db.monthlyReport(month: "2026-11")
        #expect(report.caseTotals.opened == 2)
        #expect(report.caseTotals.resolved == 1)
        #expect(report.caseTotals.referred == 1)
        #expect(report.caseTotals.openAtEnd == 2)
        // Both unsettled cases are past due by 1 December: the arrears case (due 16 November) and `late`.
        #expect(report.caseTotals.overdueAtEnd == 2)
        let migrantArrears = report.cases.first { $0.group == "migrant" && $0.type == "wage-arrears" }
        #expect(migrantArrears?.counts.opened == 1 && migrantArrears?.counts.referred == 1)
        #expect(report.medianDaysToResolve["all"] == 4)

        let octoberReport = try db.monthlyReport(month: "2026-10")
        #expect(octoberReport.caseTotals.opened == 1)
        #expect(octoberReport.caseTotals.openAtEnd == 1)
        #expect(octoberReport.workersRegistered == ["gig": 1])
        #expect(report.workersRegistered == ["migrant": 1] && report.workersTotal == 2)
    }

    @Test func moneyCountsCorrectionsInTheMonthTheyWereLogged() throws {
        let person = try worker("hardship", region: "630102", on: "2026-10-01")
        let relief = try open(person, "hardship-relief", on: "2026-10-02T10:00")
        let given = try db.logEvents([CaseEntry(caseRef: relief.id.storedText, kind: "assistance", text: "慰问金", amount: "500")],
                                     actor: "a", now: at("2026-10-03T10:00"))[0]
        _ = try db.logEvents([
            CaseEntry(caseRef: relief.id.storedText, kind: "assistance", text: "更正", amount: "300", corrects: given.id.storedText),
            CaseEntry(caseRef: relief.id.storedText, kind: "recovery", text: "追回", amount: "1000.50"),
        ], actor: "a", now: at("2026-11-03T10:00"))
        #expect(try db.monthlyReport(month: "2026-10").moneyTotals.assistanceFen == 50_000)
        let november = try db.monthlyReport(month: "2026-11")
        #expect(november.moneyTotals.assistanceFen == -20_000)
        #expect(november.moneyTotals.recoveredFen == 100_050)
        #expect(november.money.map(\.type) == ["hardship-relief"])
    }

    @Test func regionPrefixLimitsEverySection() throws {
        let xining = try worker("gig", region: "630102", on: "2026-11-01")
        let haidong = try worker("gig", region: "630224", on: "2026-11-01")
        _ = try open(xining, "other", on: "2026-11-02T10:00")
        _ = try open(haidong, "other", on: "2026-11-02T10:00")
        _ = try db.addStation(TestData.fields(region: "630103"), crs: .wgs84, actor: "a", now: at("2026-11-02T10:00"))
        _ = try db.addStation(TestData.fields(name: "平安驿站", region: "630203"), crs: .wgs84, actor: "a", now: at("2026-11-02T10:00"))
        let report = try db.monthlyReport(month: "2026-11", regionPrefix: "6301")
        #expect(report.caseTotals.opened == 1)
        #expect(report.workersTotal == 1)
        #expect(report.stations.map(\.prefecture) == ["630100"])
        #expect(report.stationTotals.total == 1)
    }

    @Test func stationsAreCountedAsRegisteredAtTheMonthsEnd() throws {
        let old = try db.addStation(TestData.fields(code: "A", services: "water,aed"), crs: .wgs84, actor: "a", now: at("2026-06-01T10:00"))
        _ = try db.addStation(TestData.fields(code: "B", services: "water"), crs: .wgs84, actor: "a", now: at("2026-11-02T10:00"))
        _ = try db.addStation(TestData.fields(code: "C"), crs: .wgs84, actor: "a", now: at("2026-12-02T10:00"))
        _ = try db.setStationStatus("B", .suspended, reason: nil, actor: "a", now: at("2026-11-03T10:00"))
        let report = try db.monthlyReport(month: "2026-11")
        let xining = try #require(report.stations.first)
        #expect(xining.prefecture == "630100" && xining.name == "西宁市")
        #expect(xining.total == 2 && xining.open == 1 && xining.suspended == 1 && xining.new == 1)
        #expect(xining.unverified == 1, "station A was last verified on \(old.verifiedOn ?? "-")")
        #expect(xining.services["water"] == 1 && xining.services["aed"] == 1)
    }

    @Test func badMonthIsRefused() {
        for month in ["2026-13", "2026-1", "November", "", "9999-12", "0000-01", "2026-00"] {
            #expect(throws: FieldError.self) { try db.monthlyReport(month: month) }
        }
    }

    @Test func csvOpensInExcelAndHTMLIsSelfContained() throws {
        let person = try worker("gig", region: "630102", on: "2026-11-01")
        _ = try open(person, "wage-arrears", on: "2026-11-02T10:00")
        let report = try db.monthlyReport(month: "2026-11")
        #expect(report.csv.hasPrefix("\u{FEFF}"))
        #expect(report.csv.contains("\r\n"))
        let html = report.html
        #expect(html.contains("<svg") && html.contains("<table>"))
        for external in ["src=", "href=", "@import", "url("] {
            #expect(!html.contains(external), "\(external) in the HTML")
        }
        // The SVG namespace is a name, not a fetch; no other address may appear.
        #expect(!html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http"))
    }
}
