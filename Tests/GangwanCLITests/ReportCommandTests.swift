import Foundation
import Testing

/// `gangwan report monthly` end to end: its figures agree with what the listings give.
@Suite struct ReportCommandTests {
    let cli: GangwanProcess

    init() throws {
        cli = try GangwanProcess()
    }

    func succeed(_ arguments: String...) throws -> String {
        let result = try cli.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    @Test func totalsEqualWhatTheListingsGive() throws {
        _ = try succeed("station", "import", GangwanProcess.repository.appendingPathComponent("data/stations-sample.csv").path)
        _ = try succeed("station", "suspend", try succeed("station", "list", "--json").firstID(), "--reason", "装修")
        let gig = try succeed("worker", "add", "--name", "张三", "--group", "gig", "--region", "630102")
        let hardship = try succeed("worker", "add", "--name", "李四", "--group", "hardship", "--region", "630203")
        let arrears = try succeed("case", "open", "--worker", gig, "--type", "wage-arrears", "--summary", "欠薪")
        let relief = try succeed("case", "open", "--worker", hardship, "--type", "hardship-relief", "--summary", "救助", "--due", "2025-06-01")
        _ = try succeed("case", "log", arrears, "--kind", "recovery", "--text", "追回", "--amount", "2000")
        _ = try succeed("case", "log", relief, "--kind", "assistance", "--text", "慰问", "--amount", "800.50")
        _ = try succeed("case", "status", arrears, "in-progress")
        _ = try succeed("case", "status", arrears, "resolved")

        let month = try succeed("case", "show", arrears, "--json").monthOfOpening()
        let report = try json(try succeed("report", "monthly", "--month", month, "--format", "JSON")) as! [String: Any]
        let cases = try json(try succeed("case", "list", "--json")) as! [[String: Any]]
        let stations = try json(try succeed("station", "list", "--json")) as! [[String: Any]]

        let totals = report["case_totals"] as! [String: Int]
        func inMonth(_ key: String) -> Int { cases.filter { ($0[key] as? String)?.hasPrefix(month) == true }.count }
        #expect(totals["opened"] == inMonth("opened_at"))
        #expect(totals["resolved"] == inMonth("resolved_at"))
        #expect(totals["open_at_end"] == cases.filter { $0["settled_at"] == nil }.count)
        let money = report["money_totals"] as! [String: Any]
        #expect(money["assistance_fen"] as? Int == cases.map { $0["assistance_fen"] as! Int }.reduce(0, +))
        #expect(money["recovered_fen"] as? Int == cases.map { $0["recovered_fen"] as! Int }.reduce(0, +))
        let stationTotals = report["station_totals"] as! [String: Any]
        #expect(stationTotals["total"] as? Int == stations.count)
        #expect(stationTotals["open"] as? Int == stations.filter { $0["status"] as? String == "open" }.count)
        #expect(stationTotals["suspended"] as? Int == 1)
        let water = (stationTotals["services"] as! [String: Int])["water"]
        #expect(water == stations.filter { $0["status"] as? String == "open" && ($0["services"] as! [String]).contains("water") }.count)
    }

    @Test func htmlGoesToTheFileAskedFor() throws {
        let target = cli.folder.appendingPathComponent("report.html").path
        _ = try succeed("report", "monthly", "--month", "2026-11", "--format", "html", "--output", target)
        let html = try String(contentsOfFile: target, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("</html>"))
    }

    @Test func unwritableOutputIsACleanFailure() throws {
        let result = try cli.run("report", "monthly", "--month", "2026-11", "--output", "/nonexistent/folder/r.csv", "--format", "csv")
        #expect(result.status == 73)
        #expect(result.stderr.contains("/nonexistent/folder/r.csv"))
    }
}

private extension String {
    /// The first `"id"` in a JSON listing.
    func firstID() throws -> String {
        let list = try JSONSerialization.jsonObject(with: Data(utf8)) as! [[String: Any]]
        return list[0]["id"] as! String
    }

    /// `YYYY-MM` of the `opened_at` in a case's JSON.
    func monthOfOpening() -> String {
        let object = try! JSONSerialization.jsonObject(with: Data(utf8)) as! [String: Any]
        return String((object["opened_at"] as! String).prefix(7))
    }
}
