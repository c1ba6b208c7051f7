import Foundation
import GRDB
import Testing
@testable import GangwanKit

/// An office's token issued again for fewer regions: the copies it may no longer read leave it,
/// unless they hold work the hub has not taken.
@Suite struct ScopeChangeTests {
    let harness: SyncHarness
    let office: SyncHarness.Office
    let start = Date()

    init() throws {
        harness = try SyncHarness()
        harness.teachesScope = true
        office = try SyncHarness.Office(scope: ["63"])
    }

    func at(_ minutes: Double) -> Date { start.addingTimeInterval(minutes * 60) }

    /// A worker of `region` with a case and a recovery of 100 yuan; their ids.
    func workerWithCase(_ region: String, name: String, at minutes: Double) throws -> (worker: String, case: String) {
        let worker = try office.db.addWorker(
            TestData.workerFields(name: name, region: region), key: office.key, actor: "a", now: at(minutes))
        let opened = try office.db.openCase(
            CaseOpening(worker: worker.id.storedText, type: "wage-arrears", summary: "欠薪", claimed: "3600"), actor: "a", now: at(minutes))
        try office.db.logEvents([CaseEntry(caseRef: opened.id.storedText, kind: "recovery", text: "追回", amount: "100")], actor: "a", now: at(minutes))
        return (worker.id.storedText, opened.id.storedText)
    }

    func ids(_ table: String) throws -> Set<String> {
        Set(try office.db.writer.read { db in try String.fetchAll(db, sql: "SELECT id FROM \(table)") })
    }

    @Test func aNarrowerScopeTakesAcknowledgedCopiesOutsideItOffTheOffice() throws {
        let xining = try workerWithCase("630103", name: "张三", at: 0)
        let haidong = try workerWithCase("630202", name: "李四", at: 0)
        try harness.sync(office, now: at(1))
        // Typed after the last sync, so not yet at the hub when the scope narrows.
        let unsent = try workerWithCase("630203", name: "王五", at: 2)
        #expect(try SyncHarness.count(office.db, "case_event") == 3)

        office.scope = ["6301"]
        try harness.sync(office, now: at(3))

        // The acknowledged 海东 worker, its case and event are gone here; the hub keeps them.
        #expect(try ids("worker") == [xining.worker, unsent.worker])
        #expect(try ids("support_case") == [xining.case, unsent.case])
        #expect(try SyncHarness.count(office.db, "case_event") == 2)
        #expect(try SyncHarness.workers(harness.hub, key: harness.hubKey)[haidong.worker] != nil)
        #expect(try SyncHarness.cases(harness.hub)[haidong.case] != nil)
        // The unsent ones were refused by the hub and stay, quarantined, for someone to deal with.
        #expect(try Set(office.db.syncStatus().quarantine.map(\.recordID)).isSuperset(of: [unsent.worker, unsent.case]))
        let entry = try #require(try office.db.auditTrail().first { $0.action == "sync.scope" })
        #expect(entry.subject == "scope/6301")
        #expect(entry.detail["workers_removed"] == "1" && entry.detail["cases_removed"] == "1" && entry.detail["events_removed"] == "1")
        #expect(throws: DatabaseError.self, "events stay append-only") {
            try office.db.writer.write { try $0.execute(sql: "DELETE FROM case_event") }
        }
        // The next sync, with the same scope, removes nothing more.
        try harness.sync(office, now: at(4))
        #expect(try office.db.auditTrail().filter { $0.action == "sync.scope" }.count == 1)
    }

    @Test func aWorkerOutsideTheScopeStaysWhileACaseHereIsAboutThem() throws {
        let haidong = try workerWithCase("630202", name: "张三", at: 0)
        try harness.sync(office, now: at(1))
        // A case logged after the sync keeps its worker here, though the worker's record was acknowledged.
        try office.db.logEvents([CaseEntry(caseRef: haidong.case, kind: "note", text: "回访")], actor: "a", now: at(2))
        office.scope = ["6301"]
        try harness.pullPage(office, now: at(3))
        #expect(try ids("worker") == [haidong.worker])
        #expect(try ids("support_case") == [haidong.case])
        #expect(try SyncHarness.count(office.db, "case_event") == 2)
    }
}
