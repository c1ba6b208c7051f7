import Foundation
@testable import GangwanKit
import Glibc
import Testing

extension EndToEndTests {
    /// Faults between an office and the hub, injected by a proxy in front of a real hub, by killing
    /// the hub, and by killing `gangwan sync` itself; after them one more sync must converge with
    /// nothing lost and nothing applied twice.
    @Suite struct Faults {
        let hub: EndToEndHub
        let script = EndToEndProxyScript()
        let proxy: TestHTTPServer
        /// Syncs through the proxy.
        let writer: EndToEndOffice
        /// Syncs with the hub directly, in the same scope, to see what reached the hub.
        let reader: EndToEndOffice
        let tokens: [String]

        static let smallPages = ["--page-size", "1000"]

        init() throws {
            hub = try EndToEndHub()
            proxy = try script.proxy(to: hub.port)
            tokens = [try hub.issueToken(node: "xining-writer", scope: "6301"), try hub.issueToken(node: "xining-reader", scope: "6301")]
            // Pages and batches of 1,000, so a thousand or two stations make several requests.
            writer = try EndToEndOffice("writer", token: tokens[0], endpoint: proxy.baseURL, syncOptions: Self.smallPages)
            reader = try EndToEndOffice("reader", token: tokens[1], endpoint: hub.baseURL, syncOptions: Self.smallPages)
        }

        /// A worker with a case and `events` logged on it (each an assistance of 10 yuan); the case id
        /// and the event ids.
        func caseWithEvents(_ events: Int) throws -> (case: String, events: [String]) {
            let worker = try writer.addWorker("马军", region: "630102")
            let caseID = try writer.openCase(worker: worker, summary: "外卖骑手欠薪")
            var ids: [String] = []
            for number in 0..<events {
                ids.append(try writer.logEvent(case: caseID, "第\(number)次救助", amount: "10"))
            }
            return (caseID, ids)
        }

        /// Checks that the reader, after a sync of its own, holds the case with exactly these events.
        func expectReaderHas(case caseID: String, events: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
            let detail = try reader.caseDetail(caseID)
            let held = (detail["events"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(held.sorted() == events.sorted(), "\(held.count) events held, \(events.count) logged", sourceLocation: sourceLocation)
            #expect(detail["assistance_fen"] as? Int == events.count * 1000, sourceLocation: sourceLocation)
        }

        /// Checks that nothing waits in the writer's outbox and nothing was refused.
        func expectWriterInStep(sourceLocation: SourceLocation = #_sourceLocation) throws {
            let status = try writer.syncStatus()
            #expect(status["outbox"] as? Int == 0, "\(status)", sourceLocation: sourceLocation)
            #expect(status["batch_in_flight"] as? Bool == false, "\(status)", sourceLocation: sourceLocation)
            #expect(status["quarantined"] as? Int == 0, "\(status)", sourceLocation: sourceLocation)
        }

        /// Checks that no error message or log line, however the sync failed, showed a token.
        func expectNoTokenPrinted(sourceLocation: SourceLocation = #_sourceLocation) {
            for (source, text) in [("the hub's log", hub.log), ("writer", writer.transcript), ("reader", reader.transcript)] {
                #expect(!tokens.contains { text.contains($0) }, "\(source) shows a token", sourceLocation: sourceLocation)
            }
        }

        func posts() -> [TestHTTPServer.Request] { proxy.requests.filter { $0.method == "POST" } }
        func gets() -> [TestHTTPServer.Request] { proxy.requests.filter { $0.method == "GET" } }

        /// The `since` parameter of a pull, decoded; nil for a pull from the start.
        static func since(_ request: TestHTTPServer.Request) -> String? {
            URLComponents(string: "http://hub" + request.target)?.queryItems?.first { $0.name == "since" }?.value
        }

        /// A proxy before the hub that refuses large bodies (nginx answers 413 past 1 MB by default):
        /// the batch goes again in halves. One change refused so stops the run, keeping everything,
        /// since no change is that large: the proxy's limit must be set right.
        @Test func aBatchRefusedAsTooLargeIsSentInHalvesAndNothingIsLost() throws {
            defer { proxy.stop() }
            let ids = try ["城东港湾", "城西港湾", "城北港湾"].map { try writer.addStation($0, region: "630102") }
            let tooLarge = TestHTTPServer.Reply.respond(status: 413, body: Data(#"{"error":"request entity too large"}"#.utf8))
            // The batch of three, then the first of the smaller batches (one change each).
            script.arm("POST", 1, reply: tooLarge)
            script.arm("POST", 2, reply: tooLarge)
            let stopped = try writer.sync()
            #expect(stopped.status == 65, "\(stopped)")
            #expect(stopped.stderr.contains("413") && stopped.stderr.contains("proxy"), "\(stopped.stderr)")
            #expect(script.log.count == 2, "\(script.log)")
            #expect(posts().count == 2)
            let status = try writer.syncStatus()
            #expect(status["outbox"] as? Int == 3 && status["quarantined"] as? Int == 0, "\(status)")
            #expect((status["last_failure"] as? String)?.contains("HTTP 413") == true, "\(status)")
            // The limit set right: the next run sends the three, one by one at first.
            let result = try writer.sync()
            #expect(result.status == 0, "\(result)")
            try expectWriterInStep()
            #expect(try writer.syncStatus()["last_failure"] == nil, "a sync that succeeds clears it")
            try reader.syncSucceeds()
            #expect(try Set(reader.stations().records.keys) == Set(ids))
            expectNoTokenPrinted()
        }

        @Test func pushWhoseAnswerIsLostIsRetriedAndAppliedOnce() throws {
            defer { proxy.stop() }
            let (caseID, events) = try caseWithEvents(3)
            script.arm("POST", reply: .forwardThenClose)
            let result = try writer.sync()
            #expect(result.status == 0, "\(result)")
            #expect(script.log.count == 1, "the fault was injected: \(script.log)")
            let posts = posts()
            #expect(posts.count == 2, "one lost answer, one retry")
            #expect(Set(posts.compactMap { $0.header("Idempotency-Key") }).count == 1, "a retry keeps its Idempotency-Key")
            #expect(posts.first?.body == posts.last?.body, "a retry sends the same bytes")
            try expectWriterInStep()

            let pulled = try reader.syncSucceeds()
            // The worker, the case and three events: had the hub applied the batch twice, its feed would say so.
            #expect(pulled.stdout.hasPrefix("pushed 0, pulled 5,"), "\(pulled)")
            try expectReaderHas(case: caseID, events: events)
            expectNoTokenPrinted()
        }

        @Test func serverErrorsAndRetryAfterAreWaitedOut() throws {
            defer { proxy.stop() }
            let station = try writer.addStation("城东区劳动者港湾", region: "630102")
            script.arm("POST", 1, reply: .respond(status: 500, body: Data("boom".utf8)))
            script.arm("POST", 2, reply: .respond(status: 503, headers: ["Retry-After": "1"], body: Data("busy".utf8)))
            let result = try writer.sync()
            #expect(result.status == 0, "\(result)")
            #expect(result.seconds >= 1, "Retry-After: 1 was honoured: \(result.seconds) s")
            #expect(posts().count == 3)
            #expect(Set(posts().compactMap { $0.header("Idempotency-Key") }).count == 1)
            try expectWriterInStep()
            try reader.syncSucceeds()
            #expect(try reader.stations().ids == [station])
            expectNoTokenPrinted()
        }

        @Test func stalledHubEndsAtTheDeadlineAndALaterSyncConverges() throws {
            defer { proxy.stop() }
            let station = try writer.addStation("城东区劳动者港湾", region: "630102")
            script.arm("POST", reply: .stall)
            let result = try writer.sync("--deadline", "3")
            #expect(result.status == 75, "\(result)")
            #expect(result.seconds < 10, "gave up in \(result.seconds) s")
            // Nothing is marked sent before the hub answers.
            let waiting = try writer.syncStatus()
            #expect(waiting["outbox"] as? Int == 1 && waiting["batch_in_flight"] as? Bool == true, "\(waiting)")

            let retried = try writer.sync()
            #expect(retried.status == 0, "\(retried)")
            try expectWriterInStep()
            try reader.syncSucceeds()
            #expect(try reader.stations().ids == [station])
            expectNoTokenPrinted()
        }

        @Test func pullCutMidResponseResumesFromTheLastCommittedPage() throws {
            defer { proxy.stop() }
            // 1,100 stations: two pages of the feed.
            try reader.importStations(1100, region: "630102", batch: "P")
            try reader.syncSucceeds()
            let stations = try reader.stations()
            let lateToken = try hub.issueToken(node: "xining-late", scope: "6301")
            let late = try EndToEndOffice("late", token: lateToken, endpoint: proxy.baseURL, syncOptions: Self.smallPages)
            // The second page's answer: headers and half the body, then the connection closes.
            let half = Data(#"{"changes":[{"entity":"station","id":"#.utf8) + Data(repeating: UInt8(ascii: " "), count: 8000)
            script.arm("GET", 2, reply: .closeMidway(status: 200, body: half))
            let result = try late.sync()
            #expect(result.status == 0, "\(result)")
            #expect(script.log.count == 1, "the fault was injected: \(script.log)")
            let pulls = gets().map(Self.since)
            #expect(pulls.count == 3, "\(pulls)")
            if pulls.count == 3 {
                #expect(pulls[0] == nil)
                #expect(pulls[1] != nil && pulls[2] == pulls[1], "the retry asks for the page that was cut, not the start")
            }
            let received = try late.stations()
            #expect(received == stations, "\(received.differences(from: stations))")
            #expect(!late.transcript.contains(lateToken) && !hub.log.contains(lateToken))
        }

        @Test func firstPullKilledMidwayLeavesTheLocatorExactAndTheNextSyncIndexesEverything() throws {
            defer { proxy.stop() }
            // 2,100 stations: three pages for a new office, whose first pages leave the R*Tree stale.
            try reader.importStations(2100, region: "630102", batch: "N")
            try reader.syncSucceeds()
            let newToken = try hub.issueToken(node: "xining-new", scope: "6301")
            let office = try EndToEndOffice("new", token: newToken, endpoint: proxy.baseURL, syncOptions: Self.smallPages)
            // Killed as it asks for the third page: the first is committed, its stations out of the tree.
            let running = try office.start(["sync"] + office.syncOptions)
            script.arm("GET", 3, reply: .closeWithoutAnswer) { running.kill() }
            let killed = running.wait()
            office.record(killed)
            script.disarm()
            #expect(killed.signalled && killed.status == SIGKILL, "\(killed)")

            func isStale() throws -> Bool {
                try GangwanDatabase.open(path: office.databasePath).writer.read(GangwanDatabase.spatialIndexIsStale)
            }
            /// Every station `station near` finds, nearest first, and whether their distances never decrease.
            func near(limit: Int) throws -> (ids: [String], ordered: Bool) {
                let answers = try office.jsonArray("station", "near", "--lat", "36.60", "--lon", "101.72", "--limit", String(limit), "--json")
                let distances = answers.compactMap { $0["distance_m"] as? Double }
                return (answers.compactMap { $0["id"] as? String }, distances.count == answers.count && distances == distances.sorted())
            }
            #expect(try isStale())
            let held = try office.stations().ids
            #expect(held.count >= 1000)
            let cut = try near(limit: 5000)
            #expect(Set(cut.ids) == held && cut.ids.count == held.count && cut.ordered, "the locator reads the table while the tree is stale")
            #expect(try near(limit: 10).ids == Array(cut.ids.prefix(10)))

            let result = try office.sync()
            #expect(result.status == 0, "\(result)")
            #expect(try !isStale())
            let whole = try near(limit: 5000)
            let everyStation = try reader.stations().ids
            #expect(whole.ids.count == 2100 && Set(whole.ids) == everyStation && whole.ordered)
            #expect(try near(limit: 10).ids == Array(whole.ids.prefix(10)))
        }

        @Test func hubKilledMidPushThenRestartedOnItsDatabaseConverges() throws {
            defer { proxy.stop() }
            let (caseID, events) = try caseWithEvents(5)
            // Two batches: the second, of 106 changes, is the one the hub dies on.
            try writer.importStations(1100, region: "630102", batch: "K")
            // At the second batch the hub dies, a few milliseconds into the request or before it.
            let hubPID = try #require(hub.pid)
            let delay = Double.random(in: 0...0.03)
            script.arm("POST", 2, reply: .forward) {
                DispatchQueue.global().asyncAfter(deadline: .now() + delay) { _ = kill(hubPID, SIGKILL) }
            }
            let failed = try writer.sync("--deadline", "4")
            #expect(failed.status == 75, "\(failed)")
            #expect(failed.seconds < 15)
            hub.kill()
            try hub.start()

            let result = try writer.sync()
            #expect(result.status == 0, "\(result)")
            try expectWriterInStep()
            try reader.syncSucceeds()
            let stations = try writer.stations()
            #expect(stations.ids.count == 1100)
            let received = try reader.stations()
            #expect(received == stations, "\(received.differences(from: stations))")
            try expectReaderHas(case: caseID, events: events)
            expectNoTokenPrinted()
        }

        @Test func syncKilledAtRandomPointsLosesAndDuplicatesNothing() throws {
            defer { proxy.stop() }
            let (caseID, events) = try caseWithEvents(10)
            // 1,500 stations and 12 other changes: two batches to push.
            try writer.importStations(1500, region: "630103", batch: "R")
            var points: [String] = []

            func killed(_ point: String, arm: (EndToEndProcess.Running) -> Void, mayFinish: Bool = false) throws {
                points.append(point)
                let running = try writer.start(["sync"] + writer.syncOptions)
                arm(running)
                let result = running.wait()
                writer.record(result)
                script.disarm()
                if mayFinish, result.status == 0, !result.signalled { return }
                #expect(result.signalled && result.status == SIGKILL, "killed \(point): \(result)")
            }
            // As a batch reaches the proxy, before the hub sees it.
            let before = Int.random(in: 1...2)
            try killed("at push \(before), before the hub", arm: { running in
                script.arm("POST", before, reply: .closeWithoutAnswer) { running.kill() }
            })
            // A random moment: building a batch, sending it, storing an answer, or pulling.
            let moment = Int.random(in: 0...300)
            try killed("after \(moment) ms", arm: { running in
                DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(moment)) { running.kill() }
            }, mayFinish: true)
            // More work, in case that run finished: three batches to push and three pages to pull back.
            try writer.importStations(2100, region: "630103", batch: "S")
            // As the hub applies a batch whose answer will find no one.
            try killed("at push 1, while the hub applies it", arm: { running in
                script.arm("POST", 1, reply: .forward) { running.kill() }
            })
            // During the pull, after the first page was committed: the next page is fetched while
            // one is merged, so the third request goes out once the first page is in.
            try killed("at pull 3", arm: { running in
                script.arm("GET", 3, reply: .closeWithoutAnswer) { running.kill() }
            })
            let cursor = try writer.syncStatus()["cursor"] as? String
            #expect(cursor != nil, "the first page and its cursor were committed together (\(points))")

            let pullsBefore = gets().count
            let result = try writer.sync()
            #expect(result.status == 0, "\(points): \(result)")
            #expect(gets().dropFirst(pullsBefore).first.map(Self.since) == cursor, "the pull resumed where it stopped")
            try expectWriterInStep()

            try reader.syncSucceeds()
            let stations = try writer.stations()
            #expect(stations.ids.count == 3600 && stations.listed == 3600, "\(points)")
            let received = try reader.stations()
            #expect(received == stations, "\(points):\n\(received.differences(from: stations))")
            try expectReaderHas(case: caseID, events: events)
            expectNoTokenPrinted()
        }
    }
}
