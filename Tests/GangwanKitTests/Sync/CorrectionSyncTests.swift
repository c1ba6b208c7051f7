import Foundation
import GRDB
import Testing
@testable import GangwanKit

/// Two offices of one region correct the same recovered wage offline: every node must end with
/// the same total, the one of the correction the hub took first, and nothing typed may vanish.
@Suite struct CorrectionSyncTests {
    let harness: SyncHarness
    let first: SyncHarness.Office
    let second: SyncHarness.Office
    let start = Date()
    /// The case and its recovery of 1,000 yuan, known to both offices.
    let caseID: String
    let recovery: String

    init() throws {
        harness = try SyncHarness()
        first = try SyncHarness.Office(scope: ["6301"])
        second = try SyncHarness.Office(scope: ["6301"])
        let worker = try first.db.addWorker(TestData.workerFields(region: "630103"), key: first.key, actor: "a", now: start)
        let opened = try first.db.openCase(
            CaseOpening(worker: worker.id.storedText, type: "wage-arrears", summary: "欠薪", claimed: "3600"), actor: "a", now: start)
        caseID = opened.id.storedText
        recovery = try first.db.logEvents(
            [CaseEntry(caseRef: caseID, kind: "recovery", text: "追回", amount: "1000")], actor: "a", now: start + 60)[0].id.storedText
        try harness.sync(first, now: start + 60)
        try harness.sync(second, now: start + 60)
    }

    func at(_ minutes: Double) -> Date { start.addingTimeInterval(minutes * 60) }

    @discardableResult
    func correct(_ office: SyncHarness.Office, _ event: String, to amount: String, at minutes: Double) throws -> String {
        try office.db.logEvents(
            [CaseEntry(caseRef: caseID, kind: "recovery", text: "更正", amount: amount, corrects: event)], actor: "a", now: at(minutes))[0].id.storedText
    }

    func recovered(_ db: GangwanDatabase) throws -> String? {
        try SyncHarness.cases(db)[caseID]?["recovered_fen"] ?? nil
    }

    func expectConverged(recovered fen: String) throws {
        for db in [harness.hub, first.db, second.db] {
            #expect(try recovered(db) == fen)
            #expect(try SyncHarness.eventIDs(db) == SyncHarness.eventIDs(harness.hub))
        }
    }

    @Test func theCorrectionTheHubTookFirstWinsEverywhereAndTheOtherIsKeptInQuarantine() throws {
        let taken = try correct(first, recovery, to: "1200", at: 2)
        let refused = try correct(second, recovery, to: "1500", at: 3)
        try harness.sync(first, now: at(4))
        let tally = try harness.sync(second, now: at(4))
        try harness.sync(first, now: at(4))
        #expect(tally.pushed.rejected == 1 && tally.pulled.rejected == 0)
        try expectConverged(recovered: "120000")
        let quarantine = try second.db.syncStatus().quarantine
        #expect(quarantine.map(\.recordID) == [refused])
        #expect(quarantine.first?.reason.contains("already corrected by event \(taken)") == true)
        #expect(try SyncHarness.count(second.db, "outbox") == 0)
        #expect(throws: DatabaseError.self, "events stay append-only") {
            try second.db.writer.write { try $0.execute(sql: "DELETE FROM case_event") }
        }
        // The caseworker logs it again, as a correction of the one that was taken.
        try correct(second, taken, to: "1500", at: 5)
        try harness.sync(second, now: at(5))
        try harness.sync(first, now: at(5))
        try expectConverged(recovered: "150000")
    }

    @Test func aCorrectionPulledBeforeTheLocalOneIsPushedWithdrawsTheLocalOne() throws {
        let taken = try correct(first, recovery, to: "1200", at: 2)
        try harness.sync(first, now: at(2))
        let local = try correct(second, recovery, to: "1500", at: 3)
        // A pull alone, as when the local correction was typed while a sync was pulling.
        while try harness.pullPage(second, now: at(4)).more {}
        #expect(try recovered(second.db) == "120000")
        let quarantine = try second.db.syncStatus().quarantine
        #expect(quarantine.map(\.recordID) == [local])
        #expect(quarantine.first?.reason.contains("corrected first by event \(taken)") == true)
        let outbox = try second.db.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE entity = 'event'") }
        #expect(outbox == 0, "the withdrawn correction is not sent")
        let tally = try harness.sync(second, now: at(5))
        #expect(tally.pushed.rejected == 0 && tally.pulled.rejected == 0)
        try harness.sync(first, now: at(5))
        try expectConverged(recovered: "120000")
    }

    @Test func theCorrectionsOfARefusedCorrectionAreWithdrawnWithIt() throws {
        try correct(first, recovery, to: "1200", at: 2)
        let refused = try correct(second, recovery, to: "1500", at: 3)
        let onTop = try correct(second, refused, to: "1600", at: 4)
        #expect(try recovered(second.db) == "160000")
        try harness.sync(first, now: at(5))
        try harness.sync(second, now: at(5))
        try harness.sync(first, now: at(5))
        try expectConverged(recovered: "120000")
        #expect(Set(try second.db.syncStatus().quarantine.map(\.recordID)) == [refused, onTop])
        #expect(try SyncHarness.count(second.db, "outbox") == 0)
    }

    @Test func theHubRefusesASecondCorrectionWithTheOneItHolds() throws {
        let taken = try correct(first, recovery, to: "1200", at: 2)
        try harness.sync(first, now: at(2))
        try correct(second, recovery, to: "1500", at: 3)
        let batch = try #require(try second.db.nextPushBatch(key: second.key, now: at(3)))
        let answer = try harness.push(batch, from: second, now: at(3))
        #expect(answer.results.map(\.result) == [.rejected])
        #expect(answer.results.first?.reason == "invalid: corrects: event \(recovery) was already corrected by event \(taken); correct that one instead")
        #expect(try recovered(harness.hub) == "120000")
    }
}
