import Foundation
import Glibc
import Testing

extension EndToEndTests {
    /// What a cron job relies on: one run at a time, a dry run that changes nothing.
    @Suite struct Cron {
        let hub: EndToEndHub
        let office: EndToEndOffice

        init() throws {
            hub = try EndToEndHub()
            office = try EndToEndOffice("xining", token: hub.issueToken(node: "xining", scope: "6301"), endpoint: hub.baseURL)
        }

        @Test func secondSyncWhileOneRunsExits75AndTheFirstFinishes() throws {
            let script = EndToEndProxyScript()
            let proxy = try script.proxy(to: hub.port)
            let gate = EndToEndGate()
            defer {
                gate.open()
                proxy.stop()
            }
            try office.addStation("城东区劳动者港湾", region: "630102")
            // The first run holds its lock while its push waits at the gate.
            script.arm("POST", reply: .forward) { gate.pass() }
            let first = try office.start(["sync", "--endpoint", proxy.baseURL])
            try #require(gate.waitForArrival(seconds: 30), "the first sync's push reached the proxy")

            let second = try office.sync("--endpoint", proxy.baseURL, "--wait", "0")
            #expect(second.status == 75, "\(second)")
            #expect(second.stderr.contains("another sync"), "\(second)")
            #expect(second.seconds < 5)

            gate.open()
            let result = first.wait()
            office.record(result)
            #expect(result.status == 0, "\(result)")
            #expect(proxy.requests.filter { $0.method == "POST" }.count == 1, "the second run sent nothing")
            #expect(try office.syncStatus()["outbox"] as? Int == 0)
        }

        @Test func syncWaitsUpToWaitForTheLockThenGivesUp() throws {
            // The lock as `gangwan sync` takes it: an flock on a file beside the database.
            let descriptor = open(office.databasePath + ".sync-lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            try #require(descriptor >= 0)
            try #require(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
            let held = try office.sync("--wait", "1")
            close(descriptor)
            #expect(held.status == 75, "\(held)")
            #expect(held.seconds >= 1, "waited \(held.seconds) s")
            #expect(held.stderr.contains("another sync"), "\(held)")

            let free = try office.sync("--wait", "0")
            #expect(free.status == 0, "\(free)")
        }

        @Test func dryRunChecksTheHubAndChangesNothing() throws {
            let station = try office.addStation("城东区劳动者港湾", region: "630102")
            let dry = try office.sync("--dry-run")
            #expect(dry.status == 0, "\(dry)")
            #expect(dry.stdout.contains("1"), "\(dry)")
            #expect(try office.syncStatus()["outbox"] as? Int == 1)
            let reader = try EndToEndOffice("reader", token: hub.issueToken(node: "reader", scope: "6301"), endpoint: hub.baseURL)
            try reader.syncSucceeds()
            #expect(try reader.stations().ids.isEmpty, "a dry run pushed nothing")
            try office.syncSucceeds("--quiet")
            try reader.syncSucceeds()
            #expect(try reader.stations().ids == [station])
        }

        @Test(arguments: ["0", "5001"])
        func aPageSizeOutOfRangeIsAUsageError(size: String) throws {
            _ = try office.addStation("城东区劳动者港湾", region: "630102")
            let refused = try office.sync("--page-size", size)
            #expect(refused.status == 64, "\(refused)")
            #expect(refused.stderr.contains("--page-size") && refused.stderr.contains(size), "\(refused)")
            #expect(try office.syncStatus()["outbox"] as? Int == 1, "nothing was sent")
        }

        @Test func smallPagesCarryEverythingAcross() throws {
            let stations = try (0..<5).map { try office.addStation("城东区劳动者港湾\($0)", region: "630102") }
            let sent = try office.sync("--page-size", "2")
            #expect(sent.status == 0 && sent.stdout.contains("pushed 5"), "\(sent)")
            let reader = try EndToEndOffice("reader", token: hub.issueToken(node: "reader", scope: "6301"), endpoint: hub.baseURL)
            let received = try reader.sync("--page-size", "2")
            #expect(received.status == 0 && received.stdout.contains("pulled 5"), "\(received)")
            #expect(try reader.stations().ids.sorted() == stations.sorted())
        }
    }
}
