import Foundation
import Testing

/// Workers, cases and the audit trail through the `gangwan` binary, on a real SQLite file and key file.
@Suite struct CaseworkCommandTests {
    let cli: GangwanProcess
    let idNumber = "630102198506151239"
    let phone = "13812345678"

    init() throws {
        cli = try GangwanProcess()
    }

    func succeed(_ arguments: String...) throws -> String {
        let result = try cli.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        #expect(!result.stderr.contains(idNumber) && !result.stderr.contains(phone))
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func addWorker() throws -> String {
        try succeed("worker", "add", "--name", "张三", "--group", "gig", "--id-number", idNumber, "--phone", "138 1234 5678",
                    "--region", "630102", "--occupation", "rider", "--platform", "美团")
    }

    /// Every byte Gangwan keeps on disk for this test: the database, its WAL and journal.
    func databaseBytes() throws -> Data {
        let folder = URL(fileURLWithPath: cli.databasePath).deletingLastPathComponent()
        var bytes = Data()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasPrefix("gangwan.sqlite") {
            bytes += try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return bytes
    }

    @Test func workerIsShownMaskedAndRevealIsAudited() throws {
        let id = try addWorker()
        let shown = try succeed("worker", "show", String(id.dropLast(6)))
        #expect(shown.contains("630102********1239") && shown.contains("138****5678"))
        #expect(!shown.contains(idNumber) && !shown.contains(phone))
        let revealed = try succeed("worker", "show", id, "--reveal", "--json")
        let object = try JSONSerialization.jsonObject(with: Data(revealed.utf8)) as? [String: Any]
        #expect(object?["id_number"] as? String == idNumber)
        #expect(object?["phone"] as? String == phone)
        let audit = try succeed("audit", "--json")
        #expect(audit.contains("worker.reveal"))
        #expect(!audit.contains(idNumber) && !audit.contains(phone))
        #expect(try databaseBytes().range(of: Data(idNumber.utf8)) == nil)
        #expect(try databaseBytes().range(of: Data(phone.utf8)) == nil)
        let keyPath = cli.folder.appendingPathComponent(".config/gangwan/key").path
        let mode = try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func badIDNumberIsRefusedWithExit65AndNothingWritten() throws {
        let result = try cli.run("worker", "add", "--name", "李四", "--group", "migrant", "--id-number", "630102198506151238")
        #expect(result.status == 65)
        #expect(result.stderr.contains("id-number") && result.stderr.contains("check digit"))
        #expect(!result.stderr.contains("630102198506151238"))
        let listed = try JSONSerialization.jsonObject(with: Data(try succeed("worker", "list", "--json").utf8)) as? [Any]
        #expect(listed?.isEmpty == true)
    }

    @Test func duplicatePersonIsRefusedNamingTheRecord() throws {
        let id = try addWorker()
        let result = try cli.run("worker", "add", "--name", "张三", "--group", "gig", "--id-number", idNumber)
        #expect(result.status == 65)
        #expect(result.stderr.contains(id))
    }

    @Test func lostKeyIsAClearErrorNotANewKey() throws {
        _ = try addWorker()
        var cli = self.cli
        cli.environment["GANGWAN_KEY_FILE"] = cli.folder.appendingPathComponent("elsewhere/key").path
        let result = try cli.run("worker", "list")
        #expect(result.status == 78)
        #expect(result.stderr.contains("missing") && result.stderr.contains("backup"))
        #expect(!FileManager.default.fileExists(atPath: cli.environment["GANGWAN_KEY_FILE"]!))
    }

    @Test func caseRunsItsLifecycleAndShowsTotals() throws {
        let worker = try addWorker()
        let caseID = try succeed("case", "open", "--worker", worker, "--type", "欠薪", "--summary", "拖欠三个月工资", "--claimed", "3600")
        let given = try succeed("case", "log", caseID, "--kind", "assistance", "--text", "慰问金", "--amount", "500")
        _ = try succeed("case", "log", caseID, "--kind", "assistance", "--text", "更正金额", "--amount", "300", "--corrects", given)
        _ = try succeed("case", "status", caseID, "in-progress")
        _ = try succeed("case", "status", caseID, "referred", "--to", "劳动监察")
        _ = try succeed("case", "log", caseID, "--kind", "recovery", "--text", "追回工资", "--amount", "3600.00")
        _ = try succeed("case", "status", caseID, "resolved")
        _ = try succeed("case", "assign", caseID, "--to", "李明")
        let shown = try JSONSerialization.jsonObject(with: Data(try succeed("case", "show", caseID, "--json").utf8)) as? [String: Any]
        #expect(shown?["status"] as? String == "resolved")
        #expect(shown?["assistance_fen"] as? Int == 30_000)
        #expect(shown?["recovered_fen"] as? Int == 360_000)
        #expect(shown?["assignee"] as? String == "李明")
        let events = shown?["events"] as? [[String: Any]] ?? []
        #expect(events.count == 7)
        for key in ["id", "kind", "at", "actor", "text", "amount_fen"] {
            #expect(events.first?[key] != nil, "missing \(key)")
        }
        #expect((shown?["worker"] as? [String: Any])?["id_number"] as? String == "630102********1239")
    }

    @Test func invalidTransitionListsTheAllowedOnes() throws {
        let caseID = try succeed("case", "open", "--worker", try addWorker(), "--type", "legal-aid", "--summary", "咨询")
        let result = try cli.run("case", "status", caseID, "closed")
        #expect(result.status == 65)
        #expect(result.stderr.contains("in-progress") && result.stderr.contains("referred"))
    }

    @Test func badAmountIsRefusedAndTheCaseUnchanged() throws {
        let caseID = try succeed("case", "open", "--worker", try addWorker(), "--type", "hardship-relief", "--summary", "救助")
        let before = try succeed("case", "show", caseID, "--json")
        for amount in ["-5", "12.345", "abc"] {
            let result = try cli.run("case", "log", caseID, "--kind", "assistance", "--text", "x", "--amount=\(amount)")
            #expect(result.status == 65)
            #expect(result.stderr.contains("amount"))
        }
        #expect(try succeed("case", "show", caseID, "--json") == before)
    }

    @Test func overdueListStreamsValidJSON() throws {
        let worker = try addWorker()
        let late = try succeed("case", "open", "--worker", worker, "--type", "work-injury", "--summary", "工伤", "--due", "2025-01-01")
        _ = try succeed("case", "open", "--worker", worker, "--type", "legal-aid", "--summary", "咨询")
        let listed = try JSONSerialization.jsonObject(with: Data(try succeed("case", "list", "--overdue", "--json").utf8)) as? [[String: Any]]
        #expect(listed?.map { $0["id"] as? String } == [late])
        #expect(listed?.first?["overdue"] as? Bool == true)
    }
}
