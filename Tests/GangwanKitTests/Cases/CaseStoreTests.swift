import Foundation
import GRDB
import Testing
@testable import GangwanKit

@Suite struct CaseStoreTests {
    let db: GangwanDatabase
    let worker: Worker

    init() throws {
        db = try GangwanDatabase.inMemory()
        worker = try db.addWorker(TestData.workerFields(group: "migrant"), key: PersonalDataKey.generate(), actor: "a", now: TestData.now)
    }

    func open(_ type: String = "wage-arrears", due: String? = nil, duplicate: Bool = false) throws -> SupportCase {
        try db.openCase(
            CaseOpening(worker: worker.id.storedText, type: type, summary: "拖欠工资", due: due, claimed: "3600", allowDuplicate: duplicate),
            actor: "a", now: TestData.now)
    }

    func log(_ supportCase: SupportCase, _ kind: String, amount: String? = nil, corrects: CaseEvent? = nil) throws -> CaseEvent {
        try db.logEvents([CaseEntry(caseRef: supportCase.id.storedText, kind: kind, text: "记录", amount: amount, corrects: corrects?.id.storedText)],
                         actor: "a", now: TestData.now)[0]
    }

    func snapshot() throws -> [String] {
        try db.writer.read { db in
            try ["support_case", "case_event", "audit"].map { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY seq").description
            }
        }
    }

    @Test func newCaseTakesItsTypesDefaults() throws {
        let opened = try open()
        #expect(opened.status == .open)
        #expect(opened.priority == .urgent)
        #expect(opened.due == "2026-12-09")
        #expect(opened.claimedFen == 360_000)
        #expect(opened.workerGroup == .migrant && opened.region == "630102")
        #expect(try open("legal-aid").due == "2026-12-24")
    }

    /// An ID number or phone typed where a worker's id goes is not echoed back: the message once
    /// printed `no worker has the id "630102199001011234"` to a cron log.
    @Test func aPersonalNumberTypedAsAnIdIsStarredInTheMessage() throws {
        let typings = [
            "630102199001011234": "630102********1234", "13800138000": "138****8000", "0971-8123456": "097****3456",
            "138 0013 8000": "138****8000", "138-0013-8000": "138****8000", "６３０１０２１９９００１０１１２３Ｘ": "630102********123X",
        ]
        for (typed, masked) in typings {
            let error = #expect(throws: CaseworkError.self) {
                try db.openCase(CaseOpening(worker: typed, type: "other", summary: "s"), actor: "a", now: TestData.now)
            }
            let message = error?.localizedDescription ?? ""
            #expect(message.contains("\"\(masked)\"") && message.contains("worker find"), "\(message)")
        }
        // An id, whole or in part, is shown as typed, without control characters.
        let id = "01a20fcd-a03d-759e-a2f6-e672123456c6"
        #expect(CaseworkError.notFound("case", ref: id).localizedDescription.contains(id))
        let error = #expect(throws: CaseworkError.self) { try db.caseWithHistory("0193ab\u{1B}[2J") }
        #expect(error?.localizedDescription.contains("0193ab[2J") == true)
    }

    @Test func unknownWorkerOrCaseIsRefusedByName() throws {
        let missing = "01a20fcd-a03d-759e-a2f6-e672babee6c6"
        #expect(throws: CaseworkError.notFound("worker", ref: missing)) {
            try db.openCase(CaseOpening(worker: missing, type: "other", summary: "s"), actor: "a", now: TestData.now)
        }
        #expect(throws: CaseworkError.notFound("case", ref: missing)) { try db.caseWithHistory(missing) }
        #expect(throws: CaseworkError.notFound("case", ref: "zz")) { try db.caseWithHistory("zz") }
        let malformed = String(repeating: "a", count: 36)
        #expect(throws: CaseworkError.notFound("case", ref: malformed)) { try db.caseWithHistory(malformed) }
        let opened = try open()
        #expect(throws: CaseworkError.notFound("event", ref: malformed)) {
            try db.logEvents([CaseEntry(caseRef: opened.id.storedText, kind: "note", text: "x", corrects: malformed)], actor: "a", now: TestData.now)
        }
        #expect(throws: CaseworkError.notFound("event", ref: missing)) {
            try db.logEvents([CaseEntry(caseRef: opened.id.storedText, kind: "note", text: "x", corrects: missing)], actor: "a", now: TestData.now)
        }
    }

    @Test func secondUnclosedCaseOfATypeIsRefusedUnlessAllowed() throws {
        let first = try open()
        #expect(throws: CaseworkError.duplicateCase(existing: first.id, type: .wageArrears)) { try open() }
        #expect(try open(duplicate: true).id != first.id)
        #expect(try open("legal-aid").type == .legalAid)
    }

    @Test func closedCaseNoLongerBlocksANewOne() throws {
        let first = try open()
        for status in ["in-progress", "resolved", "closed"] {
            _ = try db.setCaseStatus(first.id.storedText, status, actor: "a", now: TestData.now)
        }
        #expect(try open().id != first.id)
    }

    @Test func everyTransitionOfTheLifecycleWorks() throws {
        let opened = try open()
        let path: [(String, String?, String?)] = [
            ("referred", nil, "劳动监察"), ("in-progress", nil, nil), ("referred", nil, "劳动仲裁"), ("resolved", nil, nil),
            ("reopened", "工资未到账", nil), ("in-progress", nil, nil), ("resolved", nil, nil), ("closed", nil, nil),
            ("reopened", "复查", nil),
        ]
        for (status, reason, to) in path {
            let changed = try db.setCaseStatus(opened.id.storedText, status, reason: reason, to: to, actor: "a", now: TestData.now)
            #expect(changed.status.rawValue == status)
        }
        let (final, events) = try db.caseWithHistory(opened.id.storedText)
        #expect(final.referredTo == "劳动仲裁")
        #expect(final.settledAt == nil)
        #expect(events.filter { $0.kind == .status }.count == path.count)
    }

    @Test func invalidTransitionListsTheAllowedOnesAndChangesNothing() throws {
        let opened = try open()
        let before = try snapshot()
        #expect(throws: CaseworkError.invalidTransition(from: .open, to: .closed, allowed: [.inProgress, .referred])) {
            try db.setCaseStatus(opened.id.storedText, "closed", actor: "a", now: TestData.now)
        }
        #expect(try snapshot() == before)
    }

    @Test func referralNeedsABodyAndReopeningAReason() throws {
        let opened = try open()
        let referral = #expect(throws: FieldError.self) { try db.setCaseStatus(opened.id.storedText, "referred", actor: "a", now: TestData.now) }
        #expect(referral?.field == "to")
        _ = try db.setCaseStatus(opened.id.storedText, "in-progress", actor: "a", now: TestData.now)
        _ = try db.setCaseStatus(opened.id.storedText, "resolved", actor: "a", now: TestData.now)
        let reopen = #expect(throws: FieldError.self) { try db.setCaseStatus(opened.id.storedText, "reopened", actor: "a", now: TestData.now) }
        #expect(reopen?.field == "reason")
    }

    @Test func correctionsReplaceTheAmountTheyCorrect() throws {
        let opened = try open()
        let given = try log(opened, "assistance", amount: "500")
        _ = try log(opened, "recovery", amount: "1200.50")
        let fixed = try log(opened, "assistance", amount: "300", corrects: given)
        _ = try log(opened, "assistance", amount: "0", corrects: fixed)
        let (totals, events) = try db.caseWithHistory(opened.id.storedText)
        #expect(totals.assistanceFen == 0)
        #expect(totals.recoveredFen == 120_050)
        #expect(events.count == 4)
        #expect(events.map(\.deltaFen) == [50_000, 120_050, -20_000, -30_000])
    }

    @Test func anEventIsCorrectedOnlyOnceAndOnlyByItsKind() throws {
        let opened = try open()
        let given = try log(opened, "assistance", amount: "500")
        let fixed = try log(opened, "assistance", amount: "300", corrects: given)
        #expect(throws: CaseworkError.alreadyCorrected(event: given.id, by: fixed.id)) { try log(opened, "assistance", amount: "200", corrects: given) }
        #expect(throws: CaseworkError.mismatchedCorrection(event: fixed.id)) { try log(opened, "recovery", amount: "200", corrects: fixed) }
    }

    @Test func amountsAreRequiredExactlyWhereMoneyMoves() throws {
        let opened = try open()
        #expect((#expect(throws: FieldError.self) { try log(opened, "assistance") })?.field == "amount")
        #expect((#expect(throws: FieldError.self) { try log(opened, "note", amount: "5") })?.field == "amount")
        #expect((#expect(throws: FieldError.self) { try log(opened, "recovery", amount: "-5") })?.field == "amount")
        #expect((#expect(throws: FieldError.self) { try log(opened, "status") })?.reason.contains("case status") == true)
        let unknown = #expect(throws: FieldError.self) { try log(opened, "gossip") }
        #expect(unknown?.field == "kind")
        #expect(unknown?.reason.contains("referral") == true && unknown?.reason.contains("assignment") == false)
    }

    @Test func aBatchWithOneBadEntryWritesNothing() throws {
        let opened = try open()
        let before = try snapshot()
        let entries = [
            CaseEntry(caseRef: opened.id.storedText, kind: "note", text: "ok"),
            CaseEntry(caseRef: "ffffffff", kind: "note", text: "no such case"),
        ]
        #expect(throws: CaseworkError.notFound("case", ref: "ffffffff")) { try db.logEvents(entries, actor: "a", now: TestData.now) }
        #expect(try snapshot() == before)
    }

    @Test func closedCaseTakesOnlyNotes() throws {
        let opened = try open()
        for status in ["in-progress", "resolved", "closed"] {
            _ = try db.setCaseStatus(opened.id.storedText, status, actor: "a", now: TestData.now)
        }
        #expect(throws: CaseworkError.caseClosed(opened.id)) { try log(opened, "assistance", amount: "5") }
        #expect(try log(opened, "note").kind == .note)
    }

    @Test func eventsAndAuditAreAppendOnlyEvenInSQL() throws {
        let opened = try open()
        _ = try log(opened, "note")
        for sql in ["UPDATE case_event SET text = 'x'", "DELETE FROM case_event", "UPDATE audit SET actor = 'x'", "DELETE FROM audit"] {
            #expect(throws: DatabaseError.self) { try db.writer.write { try $0.execute(sql: sql) } }
        }
    }

    @Test func overdueListIsMostOverdueFirstAndSkipsSettledCases() throws {
        let late = try open("legal-aid", due: "2026-10-01")
        let later = try open("medical-aid", due: "2026-11-01")
        let settled = try open("education-aid", due: "2026-09-01")
        _ = try open("other")
        _ = try db.setCaseStatus(settled.id.storedText, "in-progress", actor: "a", now: TestData.now)
        _ = try db.setCaseStatus(settled.id.storedText, "resolved", actor: "a", now: TestData.now)
        #expect(try db.cases(CaseFilter(overdue: true), today: "2026-11-24").map(\.id) == [late.id, later.id])
        #expect(try db.cases(CaseFilter(type: .other), today: "2026-11-24").count == 1)
        #expect(try db.cases(CaseFilter(group: .gig), today: "2026-11-24").isEmpty)
        #expect(try db.cases(CaseFilter(regionPrefix: "6301"), today: "2026-11-24").count == 4)
    }

    @Test func everyMutationIsAuditedWithItsActor() throws {
        let opened = try open()
        _ = try db.assignCase(opened.id.storedText, to: "李明", actor: "主任", now: TestData.now)
        _ = try log(opened, "contact")
        let actions = try db.auditTrail().map(\.action)
        #expect(actions == ["worker.add", "case.open", "case.assign", "event.add"])
        #expect(try db.auditTrail(actor: "主任").map(\.action) == ["case.assign"])
        #expect(try db.auditTrail(since: "2026-11-25").isEmpty)
    }
}
