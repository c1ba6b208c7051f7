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
        // The audit trail keeps who logged the withdrawn correction, and its amount.
        let withdrawal = try #require(try second.db.auditTrail().first { $0.action == "event.withdraw" })
        #expect(withdrawal.subject == "event/\(refused)")
        #expect(withdrawal.detail["amount_fen"] == "150000" && withdrawal.detail["logged_by"] == "a")
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
        #expect(quarantine.first?.reason.contains("already corrected by event \(taken)") == true)
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

    @Test func aCorrectionOfTheRefusedOneSentInALaterBatchKeepsTheWithdrawalsReason() throws {
        let harness = try SyncHarness(pageSize: 1)
        let (first, second) = (try SyncHarness.Office(scope: ["6301"]), try SyncHarness.Office(scope: ["6301"]))
        try harness.sync(first, now: at(0))
        try harness.sync(second, now: at(0))
        let worker = try first.db.addWorker(TestData.workerFields(region: "630103"), key: first.key, actor: "a", now: at(1))
        let opened = try first.db.openCase(
            CaseOpening(worker: worker.id.storedText, type: "wage-arrears", summary: "欠薪", claimed: "3600"), actor: "a", now: at(1))
        let paid = try first.db.logEvents(
            [CaseEntry(caseRef: opened.id.storedText, kind: "assistance", text: "救助", amount: "500")], actor: "a", now: at(1))[0].id.storedText
        try harness.sync(first, now: at(1))
        try harness.sync(second, now: at(1))
        _ = try first.db.logEvents([CaseEntry(caseRef: opened.id.storedText, kind: "assistance", text: "改", amount: "600", corrects: paid)], actor: "a", now: at(2))
        let refused = try second.db.logEvents(
            [CaseEntry(caseRef: opened.id.storedText, kind: "assistance", text: "改", amount: "700", corrects: paid)], actor: "b", now: at(3))[0].id.storedText
        let onTop = try second.db.logEvents(
            [CaseEntry(caseRef: opened.id.storedText, kind: "assistance", text: "再改", amount: "800", corrects: refused)], actor: "b", now: at(4))[0].id.storedText
        try harness.sync(first, now: at(5))
        try harness.sync(second, now: at(5))
        for db in [harness.hub, first.db, second.db] {
            #expect(try SyncHarness.cases(db)[opened.id.storedText]?["assistance_fen"] == "60000")
        }
        let reasons = Dictionary(uniqueKeysWithValues: try second.db.syncStatus().quarantine.map { ($0.recordID, $0.reason) })
        #expect(reasons[refused]?.hasPrefix("already_corrected:") == true)
        #expect(reasons[onTop]?.contains("was withdrawn") == true, "\(reasons)")
    }

    @Test func anEventRefusedForAnotherReasonStaysWhereItWasLogged() throws {
        // Logged with a clock two hours fast: the hub refuses it, the office keeps it, quarantined.
        let fast = try first.db.logEvents([CaseEntry(caseRef: caseID, kind: "contact", text: "电话")], actor: "a", now: at(1))[0].id.storedText
        let tally = try harness.sync(first, now: at(-120))
        #expect(tally.pushed.rejected == 1)
        #expect(try SyncHarness.eventIDs(first.db).contains(fast))
        #expect(try first.db.syncStatus().quarantine.first?.reason.contains("hlc") == true)
    }

    @Test func theHubRefusesASecondCorrectionWithTheOneItHolds() throws {
        let taken = try correct(first, recovery, to: "1200", at: 2)
        try harness.sync(first, now: at(2))
        try correct(second, recovery, to: "1500", at: 3)
        let batch = try #require(try second.db.nextPushBatch(key: second.key, now: at(3)))
        let answer = try harness.push(batch, from: second, now: at(3))
        #expect(answer.results.map(\.result) == [.rejected])
        #expect(answer.results.first?.reason == """
            already_corrected: event \(recovery) was already corrected by event \(taken); \
            log it again as a correction of that one if it still applies
            """)
        #expect(try recovered(harness.hub) == "120000")
    }
}
