import Foundation
import Testing

extension EndToEndTests {
    /// Tokens and scopes between real offices and a real hub: what is refused, what never travels,
    /// and what never appears in a log, an output or a process's arguments.
    @Suite struct Security {
        let hub: EndToEndHub
        let token: String
        /// A 西宁 office (scope 6301).
        let xining: EndToEndOffice

        init() throws {
            hub = try EndToEndHub()
            token = try hub.issueToken(node: "xining", scope: "6301")
            xining = try EndToEndOffice("xining", token: token, endpoint: hub.baseURL)
        }

        @Test func missingTokenOrEndpointIsAConfigurationError() throws {
            try xining.addStation("城东区劳动者港湾", region: "630102")
            xining.setEnvironment("GANGWAN_TOKEN_FILE", nil)
            let noToken = try xining.sync()
            #expect(noToken.status == 78, "\(noToken)")
            #expect(noToken.stderr.contains("token"), "\(noToken)")

            xining.setEnvironment("GANGWAN_TOKEN_FILE", xining.tokenFile)
            xining.setEnvironment("GANGWAN_ENDPOINT", nil)
            let noEndpoint = try xining.sync()
            #expect(noEndpoint.status == 78, "\(noEndpoint)")
            #expect(noEndpoint.stderr.contains("endpoint"), "\(noEndpoint)")
            #expect(try xining.syncStatus()["outbox"] as? Int == 1, "nothing was sent")
        }

        @Test func wrongTokenIsRefusedWith77AndNeverPrinted() throws {
            let wrong = "gw-e2e-wrong-token-5d1c9a7f3b"
            try xining.writeToken(wrong)
            try xining.addStation("城东区劳动者港湾", region: "630102")
            let result = try xining.sync()
            #expect(result.status == 77, "\(result)")
            #expect(!result.output.contains(wrong))
            #expect(!hub.log.contains(wrong))
            #expect(try xining.syncStatus()["outbox"] as? Int == 1, "a refused push keeps its changes")
        }

        @Test func revokedTokenIsRefusedWith77() throws {
            try xining.addStation("城东区劳动者港湾", region: "630102")
            try xining.syncSucceeds()
            try hub.revokeToken(node: "xining")
            try xining.addStation("城西区爱心驿站", region: "630104")
            let result = try xining.sync()
            #expect(result.status == 77, "\(result)")
            #expect(!result.output.contains(token) && !hub.log.contains(token))
            #expect(try xining.syncStatus()["outbox"] as? Int == 1)
        }

        @Test func aTokenIssuedAgainForMoreRegionsBringsTheirRecordsAndLetsTheOfficeWriteThere() throws {
            let worker = try xining.addWorker("马军", region: "630102")
            let caseID = try xining.openCase(worker: worker, summary: "外卖骑手欠薪")
            let station = try xining.addStation("城东区劳动者港湾", region: "630102")
            try xining.syncSucceeds()
            let haidongToken = try hub.issueToken(node: "haidong", scope: "6302")
            let haidong = try EndToEndOffice("haidong", token: haidongToken, endpoint: hub.baseURL)
            try haidong.syncSucceeds()
            #expect(try haidong.workers().ids.isEmpty && haidong.cases().ids.isEmpty)
            #expect(try haidong.run("station", "update", station, "--seats", "4").status == 77)

            // The federation gives 海东's office 西宁 as well: its stored cursor was issued for the old
            // scope, so the pull starts again from the beginning and brings what it may now read.
            try hub.revokeToken(node: "haidong")
            try haidong.writeToken(try hub.issueToken(node: "haidong", scope: "6301,6302"))
            try haidong.syncSucceeds()
            #expect(try haidong.workers().ids == [worker])
            #expect(try haidong.cases().ids == [caseID])
            #expect(try haidong.syncStatus()["scope"] as? [String] == ["6301", "6302"])
            try haidong.succeed("station", "update", station, "--seats", "4")
            try haidong.syncSucceeds()
            try xining.syncSucceeds()
            #expect(try xining.station(station)["seats"] as? Int == 4)
        }

        @Test func aTokenIssuedAgainForFewerRegionsTakesTheirRecordsOffTheOffice() throws {
            let haidong = try EndToEndOffice("haidong", token: try hub.issueToken(node: "haidong", scope: "63"), endpoint: hub.baseURL)
            let phone = EndToEndPeople.phone(12_345_678)
            let xiningWorker = try xining.addWorker("马军", region: "630102", phone: phone)
            let xiningCase = try xining.openCase(worker: xiningWorker, summary: "外卖骑手欠薪")
            try xining.logEvent(case: xiningCase, "发放慰问金", amount: "300")
            try xining.syncSucceeds()
            let own = try haidong.addWorker("李梅", region: "630202")
            try haidong.syncSucceeds()
            #expect(try haidong.workers().ids == Set([xiningWorker, own]))

            // The federation narrows 海东's token to 海东: 西宁's worker, case and event leave its machine.
            try hub.revokeToken(node: "haidong")
            try haidong.writeToken(try hub.issueToken(node: "haidong", scope: "6302"))
            try haidong.syncSucceeds()
            #expect(try haidong.workers().ids == [own])
            #expect(try haidong.cases().ids.isEmpty)
            let audit = try haidong.succeed("audit", "--json")
            let entries = try JSONSerialization.jsonObject(with: Data(audit.utf8)) as? [[String: Any]] ?? []
            let removed = entries.first { $0["action"] as? String == "sync.scope" }?["detail"] as? [String: String]
            #expect(removed?["workers_removed"] == "1" && removed?["cases_removed"] == "1" && removed?["events_removed"] == "1", "\(audit)")
            let shown = audit + (try haidong.succeed("sync", "status"))
            #expect(EndToEndPeople.leakForms(phone).allSatisfy { !shown.contains($0) }, "no personal data in the audit trail or sync status")
            // The hub and 西宁's office keep them.
            try xining.syncSucceeds()
            #expect(try xining.workers().ids == [xiningWorker] && xining.cases().ids == [xiningCase])
        }

        @Test func aWorkerMovedToAnotherRegionLeavesTheOfficeThatMayNoLongerReadThem() throws {
            let province = try EndToEndOffice("province", token: try hub.issueToken(node: "province", scope: "63"), endpoint: hub.baseURL)
            let phone = EndToEndPeople.phone(87_654_321)
            let worker = try province.addWorker("马军", region: "630103", phone: phone)
            try province.syncSucceeds()
            try xining.syncSucceeds()
            #expect(try xining.workers().ids == [worker])

            try province.succeed("worker", "update", worker, "--region", "630202")
            try province.syncSucceeds()
            try xining.syncSucceeds()
            #expect(try xining.workers().ids.isEmpty)
            #expect(try xining.succeed("audit", "--json").contains("sync.scope"))
            // 海东's office receives the worker whole; a new 西宁 office never receives them at all.
            let haidong = try EndToEndOffice("haidong", token: try hub.issueToken(node: "haidong", scope: "6302"), endpoint: hub.baseURL)
            try haidong.syncSucceeds()
            #expect(try haidong.workers() == province.workers())
            let newcomer = try EndToEndOffice("newcomer", token: try hub.issueToken(node: "newcomer", scope: "6301"), endpoint: hub.baseURL)
            try newcomer.syncSucceeds()
            #expect(try newcomer.workers().ids.isEmpty)
            #expect(try newcomer.syncStatus()["quarantined"] as? Int == 0)
        }

        @Test func anEditTheHubRefusesIsUndoneWhereItWasMade() throws {
            let station = try xining.addStation("城东区劳动者港湾", region: "630102", seats: 10)
            try xining.syncSucceeds()
            // 海东's office first holds a token for the whole province, and syncs with it.
            let haidong = try EndToEndOffice("haidong", token: try hub.issueToken(node: "haidong", scope: "63"), endpoint: hub.baseURL)
            try haidong.syncSucceeds()
            // Offline, it edits a 西宁 station, which its token covers as far as it knows; meanwhile
            // the federation narrows its token to 海东.
            try haidong.succeed("station", "update", station, "--seats", "99", "--phone", "0972-1234567")
            try hub.revokeToken(node: "haidong")
            try haidong.writeToken(try hub.issueToken(node: "haidong", scope: "6302"))
            let refused = try haidong.sync()
            #expect(refused.status == 65 && refused.stdout.contains("rejected 1"), "\(refused)")
            // The hub's copy came back with the refusal, over the wire: the edit is undone here,
            // kept in the quarantine, and the office now knows its narrower scope.
            let undone = try haidong.station(station)
            #expect(undone["seats"] as? Int == 10 && undone["phone"] is NSNull, "\(undone)")
            let status = try haidong.syncStatus()
            #expect(status["quarantined"] as? Int == 1 && status["outbox"] as? Int == 0, "\(status)")
            #expect(status["scope"] as? [String] == ["6302"], "\(status)")
            try xining.syncSucceeds()
            #expect(try haidong.stations() == xining.stations())
        }

        @Test func anotherRegionsWorkersNeverReachAnOfficeAndItsWritesAreQuarantined() throws {
            let idNumber = EndToEndPeople.idNumber(region: "630102", birth: "19880808", sequence: 21)
            let phone = EndToEndPeople.phone(12_345_678)
            let worker = try xining.addWorker("马军", region: "630102", idNumber: idNumber, phone: phone)
            let caseID = try xining.openCase(worker: worker, summary: "外卖骑手欠薪")
            try xining.logEvent(case: caseID, "发放慰问金", amount: "300")
            let station = try xining.addStation("城东区劳动者港湾", region: "630102", seats: 10)
            try xining.syncSucceeds()

            // 海东's new office registers a worker in 西宁 before its first sync, when it does not yet
            // know what its token covers: the hub refuses that worker, on its own, while the
            // office's own station goes through.
            let haidongToken = try hub.issueToken(node: "haidong", scope: "6302")
            let haidong = try EndToEndOffice("haidong", token: haidongToken, endpoint: hub.baseURL)
            let stray = try haidong.addWorker("外区工人", region: "630102")
            let own = try haidong.addStation("乐都区劳动者港湾", region: "630202", lat: 36.48, lon: 102.40)
            let refused = try haidong.sync()
            #expect(refused.status == 65, "\(refused)")
            #expect(refused.stdout.contains("rejected 1"), "\(refused)")
            let status = try haidong.syncStatus()
            #expect(status["quarantined"] as? Int == 1 && status["outbox"] as? Int == 0, "\(status)")
            let quarantine = status["quarantine"] as? [[String: Any]] ?? []
            #expect(quarantine.compactMap { $0["record_id"] as? String } == [stray], "\(quarantine)")
            #expect(quarantine.allSatisfy { ($0["reason"] as? String ?? "").contains("out_of_scope") && $0["direction"] as? String == "push" },
                    "\(quarantine)")
            #expect(status["scope"] as? [String] == ["6302"], "the pull told the office what its token covers: \(status)")
            #expect(try haidong.workers().ids == [stray], "the refused worker stays here, listed in the quarantine")
            #expect(try haidong.cases().ids.isEmpty, "海东 holds none of 西宁's cases")
            #expect(try haidong.stations().ids == [station, own], "stations come to every office")

            // Now that it knows, an edit of a 西宁 station or a new 西宁 worker is refused at once (77),
            // naming the region, and nothing is written.
            let edit = try haidong.run("station", "update", station, "--seats", "99")
            #expect(edit.status == 77 && edit.stderr.contains("630102") && edit.stderr.contains("6302"), "\(edit)")
            let add = try haidong.run("worker", "add", "--name", "又一个外区工人", "--group", "gig", "--region", "630102")
            #expect(add.status == 77, "\(add)")
            #expect(try haidong.station(station)["seats"] as? Int == 10)
            #expect(try haidong.syncStatus()["outbox"] as? Int == 0)

            try xining.syncSucceeds()
            #expect(try xining.stations().ids == [station, own])
            #expect(try xining.workers().ids == [worker], "the refused worker did not reach 西宁")

            // The clerk deals with it and takes it off the list.
            #expect(try haidong.run("sync", "dismiss").status == 64)
            #expect(try haidong.run("sync", "dismiss", "worker/" + stray).status == 0)
            #expect(try haidong.syncStatus()["quarantined"] as? Int == 0)

            // Neither token nor personal number in a log or an output; none in the hub's files either.
            let secrets = [token, haidongToken] + EndToEndPeople.leakForms(idNumber) + EndToEndPeople.leakForms(phone)
            for (source, text) in [("the hub's log", hub.log), ("xining", xining.transcript), ("haidong", haidong.transcript)] {
                for secret in secrets {
                    #expect(!text.contains(secret), "\(source) contains a token or a personal number")
                }
            }
            let stored = try hub.databaseBytes()
            #expect(stored.range(of: Data(idNumber.utf8)) == nil && stored.range(of: Data(phone.utf8)) == nil,
                    "personal numbers are encrypted at rest on the hub")
        }

        @Test func tokenTravelsInTheHeaderAndNeverInAProcesssArguments() throws {
            let script = EndToEndProxyScript()
            let proxy = try script.proxy(to: hub.port)
            let gate = EndToEndGate()
            defer {
                gate.open()
                proxy.stop()
            }
            try xining.addStation("城东区劳动者港湾", region: "630102")
            script.arm("POST", reply: .forward) { gate.pass() }
            let running = try xining.start(["sync", "--endpoint", proxy.baseURL])
            try #require(gate.waitForArrival(seconds: 30), "the push reached the proxy")

            // While the sync waits for its answer: every process's command line, the sync's included.
            var seen = 0
            for entry in try FileManager.default.contentsOfDirectory(atPath: "/proc") where Int32(entry) != nil {
                guard let bytes = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline"), !bytes.isEmpty else { continue }
                let line = String(decoding: bytes.map { $0 == 0 ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
                #expect(!line.contains(token), "process \(entry) has the token in its arguments: \(line.prefix(200))")
                if Int32(entry) == running.pid { seen += 1 }
            }
            #expect(seen == 1, "the running sync's arguments were read")
            gate.open()
            let result = running.wait()
            xining.record(result)
            #expect(result.status == 0, "\(result)")
            #expect(proxy.requests.first?.header("Authorization") == "Bearer \(token)", "the token is read from the file")
        }
    }
}
