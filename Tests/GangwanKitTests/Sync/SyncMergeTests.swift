import Foundation
import GRDB
import Testing
@testable import GangwanKit

@Suite struct SyncMergeTests {
    let harness: SyncHarness
    let xining: SyncHarness.Office
    /// Two offices of 西宁 (the city, and 城中区 within it) and one of 海东.
    let chengzhong: SyncHarness.Office
    let haidong: SyncHarness.Office

    init() throws {
        harness = try SyncHarness()
        xining = try SyncHarness.Office(scope: ["6301"])
        chengzhong = try SyncHarness.Office(scope: ["630103"])
        haidong = try SyncHarness.Office(scope: ["6302"])
    }

    /// Edits are made at real times: every database's clock starts at the time it was created.
    let start = Date()
    func at(_ minutes: Double) -> Date { start.addingTimeInterval(minutes * 60) }

    /// Applies `changes` on the hub as a client of the province office (scope 63) would push them:
    /// changes no command makes, such as moving a case.
    func pushAsProvince(_ changes: [SyncChange], at minutes: Double) throws -> [ChangeResult] {
        try harness.hub.writer.write { db in
            try harness.hub.applyPushed(db, harness.hub.prepare(changes, key: harness.hubKey, now: at(minutes)), scope: ["63"], key: harness.hubKey, now: at(minutes))
        }
    }

    func update(_ office: SyncHarness.Office, _ station: Station, at minutes: Double, _ edit: (inout StationFields) -> Void) throws {
        var fields = StationFields()
        edit(&fields)
        _ = try office.db.updateStation(station.id.storedText, fields, crs: .wgs84, actor: "editor", now: at(minutes))
    }

    @Test func everyMutationWritesItsChangeInTheSameTransaction() throws {
        let db = xining.db
        let station = try db.addStation(TestData.fields(code: "QH-1"), crs: .wgs84, actor: "a", now: at(0))
        #expect(try SyncHarness.count(db, "outbox") == 1)
        try update(xining, station, at: 1) { $0.seats = "12" }
        let fields = try db.writer.read { db in try String.fetchAll(db, sql: "SELECT fields FROM outbox ORDER BY seq") }
        #expect(fields == ["*", "seats"])
        // A refused mutation leaves no change behind.
        #expect(throws: StoreError.self) { try db.addStation(TestData.fields(code: "QH-1"), crs: .wgs84, actor: "a", now: at(2)) }
        #expect(try SyncHarness.count(db, "outbox") == 2)
        // An update that changes nothing is no change.
        try update(xining, station, at: 3) { $0.seats = "12" }
        #expect(try SyncHarness.count(db, "outbox") == 2)
    }

    @Test func editsOfDifferentFieldsAreBothKept() throws {
        let station = try xining.db.addStation(TestData.fields(), crs: .wgs84, actor: "a", now: at(0))
        try harness.sync(xining)
        try harness.sync(chengzhong)
        try update(chengzhong, station, at: 1) { $0.seats = "8" }
        try update(xining, station, at: 2) { $0.name = "南大街港湾" }
        try harness.sync(xining)
        try harness.sync(chengzhong)
        try harness.sync(xining)
        for db in [xining.db, chengzhong.db, harness.hub] {
            let kept = try db.station(station.id.storedText)
            #expect(kept.name == "南大街港湾" && kept.seats == 8)
            #expect(try db.syncConflicts() == [])
        }
    }

    @Test func theLaterOfTwoSameFieldEditsWinsAndTheOtherIsKeptAsAConflict() throws {
        let station = try xining.db.addStation(TestData.fields(), crs: .wgs84, actor: "a", now: at(0))
        try harness.sync(xining)
        try harness.sync(chengzhong)
        try update(xining, station, at: 1) { $0.name = "早的名字" }
        try update(chengzhong, station, at: 2) { $0.name = "晚的名字" }
        // The later edit reaches the hub first; the earlier arrives after it and loses anyway.
        try harness.sync(chengzhong)
        let (pushed, _) = try harness.sync(xining)
        #expect(pushed.superseded == 1)
        try harness.sync(chengzhong)
        for db in [xining.db, chengzhong.db, harness.hub] {
            #expect(try db.station(station.id.storedText).name == "晚的名字")
        }
        let conflict = try #require(try xining.db.syncConflicts().first)
        #expect(conflict.field == "name" && conflict.keptValue == "晚的名字" && conflict.lostValue == "早的名字")
        #expect(try harness.hub.syncConflicts().map(\.lostValue) == ["早的名字"])
    }

    @Test func eventsAreAUnionAndARetriedBatchAddsNothing() throws {
        let worker = try xining.db.addWorker(TestData.workerFields(region: "630103"), key: xining.key, actor: "a", now: at(0))
        let opened = try xining.db.openCase(
            CaseOpening(worker: worker.id.storedText, type: "wage-arrears", summary: "欠薪", claimed: "3600"), actor: "a", now: at(0))
        _ = try xining.db.logEvents(
            [CaseEntry(caseRef: opened.id.storedText, kind: "recovery", text: "追回", amount: "1200")], actor: "a", now: at(1))
        // The hub answers the first batch but the answer is lost: the office sends it again.
        let batch = try #require(try xining.db.nextPushBatch(limit: 10, key: xining.key, now: at(2)))
        _ = try harness.push(batch, from: xining, now: at(2))
        #expect(try xining.db.nextPushBatch(limit: 10, key: xining.key, now: at(2)) == batch)
        _ = try xining.db.acknowledge(batch, answer: harness.push(batch, from: xining, now: at(2)), key: xining.key)
        try harness.sync(xining)
        try harness.sync(chengzhong)
        #expect(try SyncHarness.eventIDs(harness.hub) == SyncHarness.eventIDs(xining.db))
        #expect(try SyncHarness.eventIDs(chengzhong.db) == SyncHarness.eventIDs(xining.db))
        #expect(try SyncHarness.cases(chengzhong.db) == SyncHarness.cases(xining.db))
        #expect(try harness.hub.caseWithHistory(opened.id.storedText).0.recoveredFen == 120_000)
        #expect(try SyncHarness.workers(chengzhong.db, key: chengzhong.key) == SyncHarness.workers(xining.db, key: xining.key))
    }

    @Test func officesReceiveEveryStationButOnlyTheWorkersAndCasesOfTheirScope() throws {
        _ = try xining.db.addStation(TestData.fields(), crs: .wgs84, actor: "a", now: at(0))
        let worker = try xining.db.addWorker(TestData.workerFields(), key: xining.key, actor: "a", now: at(0))
        _ = try xining.db.openCase(CaseOpening(worker: worker.id.storedText, type: "wage-arrears", summary: "欠薪"), actor: "a", now: at(0))
        try harness.sync(xining)
        try harness.sync(haidong)
        #expect(try SyncHarness.stations(haidong.db) == SyncHarness.stations(xining.db))
        #expect(try SyncHarness.count(haidong.db, "worker") == 0)
        #expect(try SyncHarness.count(haidong.db, "support_case") == 0)
        #expect(try SyncHarness.count(haidong.db, "case_event") == 0)
    }

    @Test func aWorkerWithoutARegionWaitsWithItsCasesUntilItGetsOne() throws {
        let worker = try xining.db.addWorker(TestData.workerFields(region: ""), key: xining.key, actor: "a", now: at(0))
        let opened = try xining.db.openCase(CaseOpening(worker: worker.id.storedText, type: "wage-arrears", summary: "欠薪"), actor: "a", now: at(0))
        _ = try xining.db.logEvents([CaseEntry(caseRef: opened.id.storedText, kind: "note", text: "来电")], actor: "a", now: at(1))
        _ = try xining.db.addStation(TestData.fields(), crs: .wgs84, actor: "a", now: at(1))
        let first = try harness.sync(xining, now: at(2))
        #expect(first.pushed.applied == 1 && first.pushed.rejected == 0, "the station goes; nothing is refused")
        let waiting = try xining.db.syncStatus()
        #expect(waiting.awaitingRegion == waiting.outbox && waiting.outbox >= 3)
        #expect(try SyncHarness.count(harness.hub, "worker") == 0)

        var fields = WorkerFields()
        fields.region = "630103"
        _ = try xining.db.updateWorker(worker.id.storedText, fields, key: xining.key, actor: "a", now: at(3))
        #expect(try xining.db.cases(today: "2026-11-24").first?.region == "630103")
        let second = try harness.sync(xining, now: at(4))
        #expect(second.pushed.rejected == 0)
        let status = try xining.db.syncStatus()
        #expect(status.outbox == 0 && status.awaitingRegion == 0 && status.quarantined == 0)
        try harness.sync(chengzhong, now: at(5))
        #expect(try SyncHarness.workers(chengzhong.db, key: chengzhong.key) == SyncHarness.workers(xining.db, key: xining.key))
        #expect(try SyncHarness.cases(chengzhong.db) == SyncHarness.cases(xining.db))
        #expect(try SyncHarness.eventIDs(chengzhong.db) == SyncHarness.eventIDs(xining.db))
    }

    @Test func aChangeOutsideTheScopeIsQuarantinedAndTheRestGoThrough() throws {
        // 海东's office registers a worker of 西宁, which its token does not cover.
        _ = try haidong.db.addWorker(TestData.workerFields(name: "李四", idNumber: "11010519491231002X"), key: haidong.key, actor: "a", now: at(0))
        _ = try haidong.db.addStation(TestData.fields(region: "630202"), crs: .wgs84, actor: "a", now: at(0))
        let (pushed, _) = try harness.sync(haidong)
        #expect(pushed.applied == 1 && pushed.rejected == 1)
        let quarantined = try #require(try haidong.db.quarantinedChanges().first)
        #expect(quarantined.entity == "worker" && quarantined.reason == "out_of_scope")
        #expect(try SyncHarness.count(harness.hub, "worker") == 0)
        #expect(try SyncHarness.count(harness.hub, "station") == 1)
        #expect(try SyncHarness.count(haidong.db, "outbox") == 0)
        // The quarantined copy keeps the ID number masked only.
        let kept = try haidong.db.writer.read { db in try String.fetchOne(db, sql: "SELECT change FROM quarantine")! }
        #expect(!kept.contains("11010519491231002X"))

        // Once dealt with, it is dismissed, by record, with an audit entry; an id with nothing
        // quarantined dismisses nothing at all.
        #expect(throws: FieldError.self) {
            try self.haidong.db.dismissQuarantined(["worker/" + quarantined.recordID, UUID().storedText], actor: "clerk")
        }
        #expect(try haidong.db.quarantinedChanges().count == 1)
        #expect(try haidong.db.dismissQuarantined(["worker/" + quarantined.recordID], actor: "clerk") == 1)
        #expect(try haidong.db.quarantinedChanges().isEmpty)
        let audit = try haidong.db.writer.read { db in try String.fetchAll(db, sql: "SELECT subject FROM audit WHERE action = 'sync.dismiss'") }
        #expect(audit == ["record/" + quarantined.recordID])
    }

    @Test func aStationEditTheHubRefusesIsUndoneAtTheOfficeThatMadeIt() throws {
        let station = try haidong.db.addStation(TestData.fields(name: "乐都区港湾", region: "630202"), crs: .wgs84, actor: "a", now: at(0))
        try harness.sync(haidong)
        try harness.sync(xining)
        // 西宁's office renames and moves a station of 海东, which its token may read but not write,
        // and renames one of its own in the same batch.
        let own = try xining.db.addStation(TestData.fields(name: "城中区港湾", region: "630103"), crs: .wgs84, actor: "a", now: at(1))
        try update(xining, station, at: 2) { fields in
            fields.name = "改错的港湾"
            fields.region = "630103"
        }
        try update(xining, own, at: 3) { $0.name = "城中区新港湾" }
        let (pushed, _) = try harness.sync(xining, now: at(4))
        #expect(pushed.rejected == 1 && pushed.applied == 2)
        let quarantined = try #require(try xining.db.quarantinedChanges().first)
        #expect(quarantined.recordID == station.id.storedText && quarantined.reason == "out_of_scope")
        // The refused edit is undone here; the accepted one stays; nothing new waits to be pushed.
        #expect(try xining.db.station(station.id.storedText).name == "乐都区港湾")
        #expect(try xining.db.station(station.id.storedText).region == "630202")
        #expect(try xining.db.station(own.id.storedText).name == "城中区新港湾")
        #expect(try SyncHarness.count(xining.db, "outbox") == 0)
        try harness.sync(haidong, now: at(5))
        let expected = try SyncHarness.stations(harness.hub)
        #expect(try SyncHarness.stations(xining.db) == expected)
        #expect(try SyncHarness.stations(haidong.db) == expected)
        // Later edits of the same station by its own office reach 西宁 as usual.
        try update(haidong, station, at: 6) { $0.seats = "30" }
        try harness.sync(haidong, now: at(7))
        try harness.sync(xining, now: at(8))
        #expect(try xining.db.station(station.id.storedText).seats == 30)
        #expect(try SyncHarness.stations(xining.db) == SyncHarness.stations(harness.hub))
    }

    @Test func aHubCopyThatCannotBePutBackIsNotedAndHoldsNothingUp() throws {
        let station = try haidong.db.addStation(TestData.fields(name: "乐都区港湾", region: "630202", code: "HD-1"), crs: .wgs84, actor: "a", now: at(0))
        try harness.sync(haidong)
        try harness.sync(xining)
        // 西宁 gives 海东's station another code, then gives that station's old code to its own:
        // the hub refuses both, and 海东's station cannot take its code back here.
        try update(xining, station, at: 1) { $0.code = "HD-2" }
        let own = try xining.db.addStation(TestData.fields(name: "城中区港湾", region: "630103", code: "HD-1"), crs: .wgs84, actor: "a", now: at(2))
        let (pushed, pulled) = try harness.sync(xining, now: at(3))
        #expect(pushed.rejected == 2 && pulled.rejected == 0)
        let reasons = try Dictionary(uniqueKeysWithValues: xining.db.quarantinedChanges().map { ($0.recordID, $0.reason) })
        #expect(reasons[station.id.storedText]?.hasPrefix("out_of_scope; the hub's copy could not be put back here: ") == true, "\(reasons)")
        #expect(reasons[own.id.storedText]?.contains("station.code") == true, "\(reasons)")
        // The answer is stored and the pull ran: the next sync has nothing to resend.
        #expect(try SyncHarness.count(xining.db, "outbox") == 0 && SyncHarness.count(xining.db, "push_batch") == 0)
        #expect(try harness.sync(xining, now: at(4)).pushed == PushTally())
    }

    @Test func aRefusedChangeCarriesTheHubsRecordOnlyWhereTheSenderMayReadIt() throws {
        _ = try xining.db.addStation(TestData.fields(name: "城中区港湾", region: "630103"), crs: .wgs84, actor: "a", now: at(0))
        let worker = try xining.db.addWorker(TestData.workerFields(region: "630103"), key: xining.key, actor: "a", now: at(0))
        try harness.sync(xining, now: at(1))
        let station = try #require(try harness.hub.stations().first)
        let hubWorker = try harness.hub.writer.read { db in try #require(try Worker.load(db, id: worker.id, context: MergeContext(regions: .bundled, key: harness.hubKey, now: at(1)))) }
        func refused(_ entity: SyncEntity, _ id: UUID, scope: [String], fields: [String: String?] = ["name": "改名"]) throws -> ChangeResult {
            let hlc = HybridClock.Timestamp(wall: HybridClock.milliseconds(at(2)), counter: 0, node: 99)
            let change = SyncChange(entity: entity, id: id, hlc: hlc, actor: "x", fields: fields)
            let results = try harness.hub.writer.write { db in
                try harness.hub.applyPushed(db, harness.hub.prepare([change], key: harness.hubKey, now: at(2)), scope: scope, key: harness.hubKey, now: at(2))
            }
            return try #require(results.first)
        }
        // Any office may read a station: the hub's copy comes back whole, with its clocks.
        let answer = try refused(.station, station.id, scope: ["6302"])
        #expect(answer.result == .rejected)
        #expect(answer.current?.fields["name"] == "城中区港湾")
        #expect(answer.current?.fields.count == Station.syncFieldNames.count)
        // A worker of another region is not sent to an office that may not read it.
        let outside = try refused(.worker, worker.id, scope: ["6302"])
        #expect(outside.result == .rejected && outside.current == nil)
        // Within its scope, a worker comes back when the change is refused for another reason.
        let within = try refused(.worker, hubWorker.record.id, scope: ["6301"], fields: ["nickname": "小张"])
        #expect(within.result == .rejected && within.current?.fields["name"] == hubWorker.record.syncFields["name"])
        // The answer travels with it.
        let decoded = try PushAnswer(json: PushAnswer(results: [answer, outside]).json)
        #expect(decoded.results == [answer, outside])
    }

    /// Tells an office what its token may write, as a pulled page from the hub does.
    func teachScope(_ office: SyncHarness.Office, _ scope: [String]) throws {
        let page = PullPage(changes: [], cursor: try office.db.syncCursor() ?? "0", more: false, scope: scope)
        _ = try office.db.applyPulled(office.db.prepare(page, key: office.key), key: office.key)
    }

    @Test func anOfficeThatKnowsItsScopeRefusesChangesOutsideItWhenTheyAreMade() throws {
        let station = try haidong.db.addStation(TestData.fields(name: "乐都区港湾", region: "630202"), crs: .wgs84, actor: "a", now: at(0))
        try harness.sync(haidong)
        try harness.sync(xining)
        #expect(try xining.db.syncStatus().scope == nil)
        try teachScope(xining, ["6301"])
        #expect(try xining.db.syncStatus().scope == ["6301"])
        let refused = StoreError.outsideScope(region: "630202", scope: ["6301"])
        // Another region's station, a station moved there, a worker there: each refused, nothing written.
        #expect(throws: refused) { try self.update(self.xining, station, at: 1) { $0.seats = "9" } }
        let own = try xining.db.addStation(TestData.fields(name: "城中区港湾", region: "630103"), crs: .wgs84, actor: "a", now: at(2))
        #expect(throws: refused) { try self.update(self.xining, own, at: 3) { $0.region = "630202" } }
        #expect(throws: refused) { try self.xining.db.setStationStatus(station.id.storedText, .suspended, reason: nil, actor: "a", now: self.at(4)) }
        #expect(throws: refused) {
            try self.xining.db.addWorker(TestData.workerFields(region: "630202"), key: self.xining.key, actor: "a", now: self.at(5))
        }
        // A worker whose region is not known yet may be added: its changes wait for one.
        var regionless = TestData.workerFields()
        regionless.region = nil
        _ = try xining.db.addWorker(regionless, key: xining.key, actor: "a", now: at(6))
        #expect(try xining.db.station(station.id.storedText).seats == station.seats)
        #expect(try xining.db.station(own.id.storedText).region == "630103")
        #expect(try SyncHarness.count(xining.db, "outbox") == 2)
        #expect(try SyncHarness.count(xining.db, "worker") == 1)
        // An import refuses such rows by line, with the reason, and writes nothing.
        let csv = FileManager.default.temporaryDirectory.appendingPathComponent("scope-\(UUID().uuidString).csv")
        try Data("""
            name,kind,lat,lon,region
            城东区港湾,harbor,36.62,101.80,630102
            乐都区新港湾,harbor,36.48,102.40,630202

            """.utf8).write(to: csv)
        defer { try? FileManager.default.removeItem(at: csv) }
        do {
            _ = try xining.db.importStations(from: csv, options: ImportOptions(), actor: "a", now: at(7))
            Issue.record("the import should have been refused")
        } catch ImportError.invalidRows(let count, let rows) {
            #expect(count == 1 && rows.map(\.line) == [3] && rows.map(\.column) == ["region"])
        }
        #expect(try xining.db.stations().count == 2)

        // With --skip-invalid, an update of another region's station is refused and leaves no trace.
        let coded = try haidong.db.addStation(TestData.fields(name: "平安区港湾", region: "630203", code: "HD-9"), crs: .wgs84, actor: "a", now: at(8))
        try harness.sync(haidong, now: at(8))
        try harness.sync(xining, now: at(8))
        try teachScope(xining, ["6301"])
        let outbox = try SyncHarness.count(xining.db, "outbox")
        try Data("""
            code,name,kind,lat,lon,region
            HD-9,平安区新名字,harbor,36.50,102.10,630203
            XN-1,城北区港湾,harbor,36.66,101.76,630105

            """.utf8).write(to: csv)
        let rejects = csv.appendingPathExtension("rejects")
        defer { try? FileManager.default.removeItem(at: rejects) }
        let summary = try xining.db.importStations(
            from: csv, options: ImportOptions(skipInvalid: true, rejects: rejects), actor: "a", now: at(9))
        #expect(summary.inserted == 1 && summary.updated == 0 && summary.rejected == 1)
        #expect(try xining.db.station(coded.id.storedText).name == "平安区港湾")
        #expect(try SyncHarness.count(xining.db, "outbox") == outbox + 1)
    }

    @Test func personalDataIsSealedOnTheHubToo() throws {
        _ = try xining.db.addWorker(
            TestData.workerFields(idNumber: "11010519491231002X", phone: "13800138000"), key: xining.key, actor: "a", now: at(0))
        try harness.sync(xining)
        let stored = try harness.hub.writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM worker").description }
        #expect(!stored.contains("11010519491231002X") && !stored.contains("13800138000"))
        #expect(try harness.hub.workers(key: harness.hubKey).first?.idNumber?.value == "11010519491231002X")
    }

    /// The change ids a stored batch carries.
    func changeIDs(_ batch: PushRequest) throws -> [String] {
        try PushBatch(json: Gzip.decompress(batch.body, limit: 1 << 20)).changes.map(\.changeID)
    }

    @Test func aBatchStoredWhileAnotherTravelsCarriesOtherChangesAndGoesOutAfterIt() throws {
        let stations = try (0..<6).map { index in
            try xining.db.addStation(TestData.fields(code: "QH-P\(index)"), crs: .wgs84, actor: "a", now: at(0))
        }
        let first = try #require(try xining.db.nextPushBatch(limit: 3, key: xining.key, now: at(1)))
        // Stored while the first is with the hub, after the clock was set back a minute.
        let second = try #require(try xining.db.pushBatch(after: first, limit: 3, key: xining.key, now: at(0)))
        #expect(try changeIDs(first).count == 3 && changeIDs(second).count == 3)
        #expect(Set(try changeIDs(second)).isDisjoint(with: try changeIDs(first)))
        // A run stopped here sends the first again first, then the second, then nothing new.
        #expect(try xining.db.nextPushBatch(limit: 3, key: xining.key, now: at(2)) == first)
        #expect(try xining.db.pushBatch(after: first, limit: 3, key: xining.key, now: at(2)) == second)
        // An edit meanwhile goes in a batch of its own, after both, so the hub ends with it.
        try update(xining, stations[4], at: 2) { $0.seats = "9" }
        _ = try xining.db.acknowledge(first, answer: harness.push(first, from: xining, now: at(2)), key: xining.key)
        #expect(try xining.db.nextPushBatch(limit: 3, key: xining.key, now: at(3)) == second)
        let third = try #require(try xining.db.pushBatch(after: second, limit: 3, key: xining.key, now: at(3)))
        #expect(try changeIDs(third).count == 1)
        _ = try xining.db.acknowledge(second, answer: harness.push(second, from: xining, now: at(3)), key: xining.key)
        _ = try xining.db.acknowledge(third, answer: harness.push(third, from: xining, now: at(3)), key: xining.key)
        #expect(try xining.db.nextPushBatch(limit: 3, key: xining.key, now: at(4)) == nil)
        #expect(try SyncHarness.count(xining.db, "outbox") == 0)
        #expect(try SyncHarness.stations(harness.hub) == SyncHarness.stations(xining.db))
        #expect(try SyncHarness.stations(harness.hub)[stations[4].id.storedText]?["seats"] == "9")
    }

    @Test func aPulledPageLeavesTheConnectionAsDurableAsBefore() throws {
        _ = try xining.db.addStation(TestData.fields(code: "QH-D1"), crs: .wgs84, actor: "a", now: at(0))
        try harness.sync(xining)
        let pulled = try harness.sync(chengzhong).pulled
        #expect(pulled.received == 1)
        let settings = try chengzhong.db.writer.writeWithoutTransaction { db in
            (try Int.fetchOne(db, sql: "PRAGMA synchronous"), try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint"))
        }
        #expect(settings.0 == 2 && settings.1 == 1000, "synchronous FULL and the default checkpoint again")
    }

    /// The hub checks what an office's CLI checks before it logs: amounts within 0 to 100
    /// million yuan, a change to the case's total that is the amount less the one it corrects, a
    /// correction of an event of the same case and kind, and a case about a worker the sender may
    /// see. A pushed amount near Int64's limit once overflowed the total into a floating-point value
    /// that stopped the hub at the next change of the case.
    @Test func pushedMoneyAndCaseLinksAreCheckedAsWhenTyped() throws {
        let worker = try xining.db.addWorker(TestData.workerFields(region: "630103"), key: xining.key, actor: "a", now: at(0))
        let opened = try xining.db.openCase(CaseOpening(worker: worker.id.storedText, type: "wage-arrears", summary: "欠薪"), actor: "a", now: at(0))
        let logged = try xining.db.logEvents(
            [CaseEntry(caseRef: opened.id.storedText, kind: "assistance", text: "救助", amount: "1000")], actor: "a", now: at(1))
        try harness.sync(xining, now: at(2))
        let other = try haidong.db.addWorker(TestData.workerFields(region: "630202"), key: haidong.key, actor: "b", now: at(0))
        try harness.sync(haidong, now: at(2))

        var tick = 0
        func pushed(_ entity: SyncEntity, _ id: UUID, _ fields: [String: String?]) throws -> ChangeResult {
            tick += 1
            let hlc = HybridClock.Timestamp(wall: HybridClock.milliseconds(at(3)), counter: UInt16(tick), node: 99)
            let change = SyncChange(entity: entity, id: id, hlc: hlc, actor: "x", fields: fields)
            return try #require(try harness.hub.writer.write { db in
                try harness.hub.applyPushed(db, harness.hub.prepare([change], key: harness.hubKey, now: at(3)), scope: ["6301"], key: harness.hubKey, now: at(3))
            }.first)
        }
        func event(_ kind: String, amount: String?, delta: String, corrects: UUID? = nil) throws -> ChangeResult {
            try pushed(.event, UUID(), [
                "case_id": opened.id.storedText, "kind": kind, "at": DatabaseTimestamp.text(at(3)), "recorded_at": DatabaseTimestamp.text(at(3)),
                "text": "t", "amount_fen": amount, "delta_fen": delta, "corrects": corrects?.storedText,
            ])
        }
        let huge = String(Int64.max)
        #expect(try event("assistance", amount: huge, delta: huge).reason?.hasPrefix("invalid: amount_fen:") == true)
        #expect(try event("assistance", amount: "-100", delta: "-100").reason?.hasPrefix("invalid: amount_fen:") == true)
        #expect(try event("assistance", amount: "100", delta: "5000000000000").reason?.hasPrefix("invalid: delta_fen:") == true)
        #expect(try event("recovery", amount: "100", delta: "-99900", corrects: logged[0].id).reason?.hasPrefix("invalid: corrects:") == true)
        // A correction as the CLI logs it: 1000 yuan corrected to 500.
        #expect(try event("assistance", amount: "50000", delta: "-50000", corrects: logged[0].id).result == .applied)
        #expect(try harness.hub.caseWithHistory(opened.id.storedText).0.assistanceFen == 50_000)

        // The logged event again is nothing new; with another amount under its id it is refused.
        var again = logged[0].syncFields
        #expect(try pushed(.event, logged[0].id, again).result == .applied)
        again["amount_fen"] = "1"
        again["delta_fen"] = "1"
        #expect(try pushed(.event, logged[0].id, again).reason?.contains("exists with other content") == true)
        #expect(try harness.hub.caseWithHistory(opened.id.storedText).0.assistanceFen == 50_000)

        #expect(try pushed(.case, opened.id, ["claimed_fen": "-5"]).reason?.hasPrefix("invalid: claimed_fen:") == true)
        #expect(try pushed(.case, opened.id, ["worker_id": other.id.storedText]).reason == "out_of_scope")
        #expect(try harness.hub.caseWithHistory(opened.id.storedText).0.workerID == worker.id)
    }

    /// A worker moved into another region reaches that region's office whole, personal data
    /// included: it once arrived as its new region alone, unknown there, and was quarantined.
    @Test func aWorkerMovedIntoAnotherRegionReachesItsOfficeWhole() throws {
        let both = try SyncHarness.Office(scope: ["6301", "6302"])
        let worker = try both.db.addWorker(
            TestData.workerFields(region: "630103", phone: "13912345678"), key: both.key, actor: "a", now: at(0))
        try harness.sync(both, now: at(1))
        try harness.sync(haidong, now: at(1))
        #expect(try SyncHarness.count(haidong.db, "worker") == 0)
        var move = WorkerFields()
        move.region = "630202"
        _ = try both.db.updateWorker(worker.id.storedText, move, key: both.key, actor: "a", now: at(2))
        try harness.sync(both, now: at(3))
        try harness.sync(haidong, now: at(3))
        #expect(try haidong.db.quarantinedChanges().isEmpty)
        #expect(try SyncHarness.workers(haidong.db, key: haidong.key) == SyncHarness.workers(both.db, key: both.key))
    }

    @Test func aWorkerMovedOutOfAnOfficesRegionsLeavesItUnlessACaseThereIsAboutThem() throws {
        harness.teachesScope = true
        let both = try SyncHarness.Office(scope: ["6301", "6302"])
        let moved = try both.db.addWorker(
            TestData.workerFields(region: "630103", phone: "13912345678"), key: both.key, actor: "a", now: at(0))
        let withCase = try both.db.addWorker(TestData.workerFields(name: "李四", region: "630103"), key: both.key, actor: "a", now: at(0))
        let opened = try both.db.openCase(
            CaseOpening(worker: withCase.id.storedText, type: "wage-arrears", summary: "欠薪", claimed: "3600"), actor: "a", now: at(0))
        for office in [both, chengzhong, xining, haidong] { try harness.sync(office, now: at(1)) }
        #expect(try SyncHarness.count(chengzhong.db, "worker") == 2)
        var move = WorkerFields()
        move.region = "630202"
        for worker in [moved, withCase] { _ = try both.db.updateWorker(worker.id.storedText, move, key: both.key, actor: "a", now: at(2)) }
        for office in [both, chengzhong, xining, haidong] { try harness.sync(office, now: at(3)) }

        // 西宁's offices keep only the worker whose case (still in 城中区) they handle, with the new region.
        for office in [chengzhong, xining] {
            let held = try SyncHarness.workers(office.db, key: office.key)
            #expect(Array(held.keys) == [withCase.id.storedText])
            #expect(held[withCase.id.storedText]?["region"] == "630202")
            #expect(try SyncHarness.cases(office.db).keys.sorted() == [opened.id.storedText])
            #expect(try office.db.quarantinedChanges().isEmpty)
            #expect(try office.db.auditTrail().contains { $0.action == "sync.scope" && $0.detail["workers_removed"] == "1" })
        }
        #expect(try SyncHarness.workers(haidong.db, key: haidong.key) == SyncHarness.workers(both.db, key: both.key))

        // A new 城中区 office never receives the moved worker: the rows filed under 城中区 tell it only
        // where the worker went, which it ignores; the worker of its case comes whole, and stays
        // though its case comes pages later.
        let late = try SyncHarness.Office(scope: ["630103"])
        harness.pageSize = 1
        try harness.sync(late, now: at(4))
        #expect(try SyncHarness.workers(late.db, key: late.key).keys.sorted() == [withCase.id.storedText])
        #expect(try SyncHarness.cases(late.db).keys.sorted() == [opened.id.storedText])
        #expect(try late.db.quarantinedChanges().isEmpty)
        let page = try harness.hub.feed(after: 0, limit: 100, scope: ["630103"], key: harness.hubKey, now: at(4))
        let aboutMoved = page.changes.filter { $0.id == moved.id }
        #expect(!aboutMoved.isEmpty && aboutMoved.allSatisfy { $0.fields == ["region": "630202"] })
    }

    /// The worker an office keeps for its case, after the worker moved away, still gets their later
    /// edits: the hub files a worker's changes under the regions of the worker's cases too.
    @Test func aWorkerKeptForACaseHereStillReceivesTheirLaterEdits() throws {
        harness.teachesScope = true
        let both = try SyncHarness.Office(scope: ["6301", "6302"])
        let worker = try both.db.addWorker(TestData.workerFields(region: "630103", phone: "13912345678"), key: both.key, actor: "a", now: at(0))
        _ = try both.db.openCase(
            CaseOpening(worker: worker.id.storedText, type: "wage-arrears", summary: "欠薪", claimed: "3600"), actor: "a", now: at(0))
        var move = WorkerFields()
        move.region = "630202"
        _ = try both.db.updateWorker(worker.id.storedText, move, key: both.key, actor: "a", now: at(1))
        for office in [both, chengzhong] { try harness.sync(office, now: at(2)) }
        var edit = WorkerFields()
        edit.phone = "13800001111"
        edit.name = "张三丰"
        _ = try both.db.updateWorker(worker.id.storedText, edit, key: both.key, actor: "a", now: at(3))
        for office in [both, chengzhong] { try harness.sync(office, now: at(4)) }

        let kept = try SyncHarness.workers(chengzhong.db, key: chengzhong.key)
        #expect(try kept[worker.id.storedText] == SyncHarness.workers(both.db, key: both.key)[worker.id.storedText])
        #expect(kept[worker.id.storedText]?["phone"] == "13800001111")
        #expect(try chengzhong.db.quarantinedChanges().isEmpty)
    }

    @Test func aCaseGivenAWorkerOfAnotherRegionBringsThatWorkerAndTheirLaterEditsToItsOffices() throws {
        harness.teachesScope = true
        let first = try xining.db.addWorker(TestData.workerFields(region: "630103"), key: xining.key, actor: "a", now: at(0))
        let opened = try xining.db.openCase(
            CaseOpening(worker: first.id.storedText, type: "wage-arrears", summary: "欠薪", claimed: "3600"), actor: "a", now: at(0))
        let other = try haidong.db.addWorker(TestData.workerFields(region: "630202", phone: "13912345678"), key: haidong.key, actor: "b", now: at(0))
        for office in [xining, haidong, chengzhong] { try harness.sync(office, now: at(1)) }
        #expect(try SyncHarness.workers(chengzhong.db, key: chengzhong.key)[other.id.storedText] == nil)

        // A province office corrects whom the case is about (no command does; a client could).
        let correction = SyncChange(
            entity: .case, id: opened.id, hlc: HybridClock.tick(after: nil, now: at(2), node: 99), actor: "省总",
            fields: ["worker_id": other.id.storedText])
        let results = try pushAsProvince([correction], at: 2)
        #expect(results.map(\.result) == [.applied])
        // The same worker sent again later changes nothing, and files the worker no second time.
        let filed = { try SyncHarness.count(harness.hub, "outbox WHERE entity = 'worker' AND record_id = '\(other.id.storedText)'") }
        let filedOnce = try filed()
        var again = correction
        again.hlc = HybridClock.tick(after: correction.hlc, now: at(2.5), node: 99)
        #expect(try pushAsProvince([again], at: 2.5).map(\.result) == [.applied])
        #expect(try filed() == filedOnce)
        var edit = WorkerFields()
        edit.phone = "13800001111"
        _ = try haidong.db.updateWorker(other.id.storedText, edit, key: haidong.key, actor: "b", now: at(3))
        try harness.sync(haidong, now: at(4))

        for office in [xining, chengzhong] {
            try harness.sync(office, now: at(5))
            #expect(try office.db.quarantinedChanges().isEmpty)
            let cases = try SyncHarness.cases(office.db)
            #expect(try cases == SyncHarness.cases(harness.hub) && cases[opened.id.storedText]?["worker_id"] == other.id.storedText)
            let kept = try SyncHarness.workers(office.db, key: office.key)[other.id.storedText]
            #expect(try kept != nil && kept == SyncHarness.workers(haidong.db, key: haidong.key)[other.id.storedText])
            #expect(kept?["phone"] == "13800001111")
        }
    }

    @Test func aWorkerKeptForACaseAloneLeavesTheOfficeWhenTheCaseIsGivenAnotherWorker() throws {
        harness.teachesScope = true
        let both = try SyncHarness.Office(scope: ["6301", "6302"])
        let first = try both.db.addWorker(TestData.workerFields(region: "630103", phone: "13912345678"), key: both.key, actor: "a", now: at(0))
        let opened = try both.db.openCase(
            CaseOpening(worker: first.id.storedText, type: "wage-arrears", summary: "欠薪", claimed: "3600"), actor: "a", now: at(0))
        var move = WorkerFields()
        move.region = "630202"
        _ = try both.db.updateWorker(first.id.storedText, move, key: both.key, actor: "a", now: at(1))
        let second = try both.db.addWorker(TestData.workerFields(region: "630103", phone: "13800001111"), key: both.key, actor: "a", now: at(1))
        for office in [both, chengzhong] { try harness.sync(office, now: at(2)) }
        #expect(try SyncHarness.workers(chengzhong.db, key: chengzhong.key)[first.id.storedText] != nil, "kept for the case")

        // A province office corrects whom the case is about (no command does; a client could).
        let correction = SyncChange(
            entity: .case, id: opened.id, hlc: HybridClock.tick(after: nil, now: at(3), node: 99), actor: "省总",
            fields: ["worker_id": second.id.storedText])
        let results = try pushAsProvince([correction], at: 3)
        #expect(results.map(\.result) == [.applied])
        try harness.sync(chengzhong, now: at(4))
        try harness.sync(both, now: at(4))

        #expect(try chengzhong.db.quarantinedChanges().isEmpty)
        #expect(try SyncHarness.cases(chengzhong.db)[opened.id.storedText]?["worker_id"] == second.id.storedText)
        #expect(try Set(SyncHarness.workers(chengzhong.db, key: chengzhong.key).keys) == [second.id.storedText])
        #expect(try Set(SyncHarness.workers(both.db, key: both.key).keys) == [first.id.storedText, second.id.storedText])
    }

    @Test func aCaseMovedOutOfAnOfficesRegionsLeavesItWithItsEventsWhichTheFeedNoLongerSends() throws {
        harness.teachesScope = true
        let worker = try xining.db.addWorker(TestData.workerFields(region: "630103"), key: xining.key, actor: "a", now: at(0))
        let opened = try xining.db.openCase(
            CaseOpening(worker: worker.id.storedText, type: "wage-arrears", summary: "欠薪", claimed: "3600"), actor: "a", now: at(0))
        try xining.db.logEvents([CaseEntry(caseRef: opened.id.storedText, kind: "note", text: "电话联系")], actor: "a", now: at(0))
        try harness.sync(xining, now: at(1))
        try harness.sync(chengzhong, now: at(1))
        let events = try SyncHarness.count(harness.hub, "case_event")
        #expect(try events > 0 && SyncHarness.count(chengzhong.db, "case_event") == events)
        // A province office moves the case to 城东区 (no command does; a client could).
        let move = SyncChange(
            entity: .case, id: opened.id, hlc: HybridClock.tick(after: nil, now: at(2), node: 99), actor: "省总", fields: ["region": "630102"])
        let results = try pushAsProvince([move], at: 2)
        #expect(results.map(\.result) == [.applied])
        let page = try harness.hub.feed(after: 0, limit: 100, scope: ["630103"], key: harness.hubKey, now: at(3))
        #expect(!page.changes.contains { $0.entity == .event }, "events of a case that left are not sent")
        let aboutCase = page.changes.filter { $0.id == opened.id }
        #expect(!aboutCase.isEmpty && aboutCase.allSatisfy { $0.fields == ["region": "630102"] })
        try harness.sync(chengzhong, now: at(3))
        #expect(try SyncHarness.cases(chengzhong.db).isEmpty && SyncHarness.count(chengzhong.db, "case_event") == 0)
        #expect(try SyncHarness.count(chengzhong.db, "worker") == 1, "the worker, of 城中区, stays")
        #expect(try chengzhong.db.quarantinedChanges().isEmpty)

        // 城东区's office receives the case with its events, and the worker it is about, though the
        // worker is still of 城中区.
        let chengdong = try SyncHarness.Office(scope: ["630102"])
        try harness.sync(xining, now: at(4))
        harness.pageSize = 1
        try harness.sync(chengdong, now: at(4))
        #expect(try chengdong.db.quarantinedChanges().isEmpty)
        #expect(try SyncHarness.cases(chengdong.db) == SyncHarness.cases(xining.db))
        #expect(try SyncHarness.count(chengdong.db, "case_event") == events)
        #expect(try SyncHarness.workers(chengdong.db, key: chengdong.key) == SyncHarness.workers(xining.db, key: xining.key))
    }

    @Test func aCopyKeptForAWaitingChangeGoesOnceThatChangeIsDealtWith() throws {
        harness.teachesScope = true
        let both = try SyncHarness.Office(scope: ["6301", "6302"])
        let worker = try both.db.addWorker(TestData.workerFields(region: "630103"), key: both.key, actor: "a", now: at(0))
        try harness.sync(both, now: at(1))
        try harness.sync(chengzhong, now: at(1))
        // 城中区's office edits the worker offline while the province moves them to 乐都区.
        var phone = WorkerFields()
        phone.phone = "13912345678"
        _ = try chengzhong.db.updateWorker(worker.id.storedText, phone, key: chengzhong.key, actor: "b", now: at(2))
        var move = WorkerFields()
        move.region = "630202"
        _ = try both.db.updateWorker(worker.id.storedText, move, key: both.key, actor: "a", now: at(2))
        try harness.sync(both, now: at(3))
        // Its edit is refused (the worker left its regions) and kept, so the copy stays for now.
        try harness.sync(chengzhong, now: at(4))
        #expect(try SyncHarness.count(chengzhong.db, "worker") == 1)
        #expect(try chengzhong.db.quarantinedChanges().map(\.recordID) == [worker.id.storedText])
        // No sweep is noted meanwhile: every cron sync would sweep the whole office again for nothing.
        #expect(try !chengzhong.db.writer.read(OutOfScopeRecords.isSweepDue))
        // Once the clerk dismisses it, the next sync takes the copy off, though it brings nothing.
        _ = try chengzhong.db.dismissQuarantined(nil, actor: "b", now: at(5))
        try harness.sync(chengzhong, now: at(6))
        #expect(try SyncHarness.count(chengzhong.db, "worker") == 0)
    }

    @Test func aRecordUnknownToTheHubIsRefusedNotInvented() throws {
        let change = SyncChange(
            entity: .station, id: UUID(), hlc: HybridClock.tick(after: nil, now: at(0), node: 7), actor: "a", fields: ["seats": "3"])
        let results = try pushAsProvince([change], at: 0)
        #expect(results.map(\.result) == [.rejected])
        #expect(results[0].reason?.hasPrefix("unknown_record") == true)
    }

    @Test func anInvalidValueIsRefusedWithItsField() throws {
        _ = try xining.db.addStation(TestData.fields(), crs: .wgs84, actor: "a", now: at(0))
        let batch = try #require(try xining.db.nextPushBatch(key: xining.key, now: at(0)))
        let decoded = try PushBatch(json: Gzip.decompress(batch.body, limit: 1 << 20))
        // A hexadecimal or non-finite position, which `Double(_:)` reads, is no position either.
        for (field, value) in [("kind", "palace"), ("position", "0x1p5,1"), ("position", "nan,1")] {
            var changes = decoded.changes
            changes[0].fields[field] = value
            let results = try pushAsProvince(changes, at: 0)
            #expect(results[0].result == .rejected)
            #expect(results[0].reason?.hasPrefix("invalid: \(field):") == true, "\(value)")
        }
        #expect(try SyncHarness.count(harness.hub, "station") == 0)
        #expect(try SyncHarness.count(harness.hub, "outbox") == 0)
    }

    @Test func aPreparedPageMergesAsItWouldUnpreparedAndStillRefusesABadStation() throws {
        let good = try xining.db.addStation(TestData.fields(code: "QH-G1"), crs: .wgs84, actor: "a", now: at(0))
        _ = try xining.db.addStation(TestData.fields(code: "QH-B1"), crs: .wgs84, actor: "a", now: at(0))
        let batch = try #require(try xining.db.nextPushBatch(key: xining.key, now: at(0)))
        var changes = try PushBatch(json: Gzip.decompress(batch.body, limit: 1 << 20)).changes
        let bad = try #require(changes.firstIndex { $0.fields["code"] == "QH-B1" })
        changes[bad].fields["region"] = "999999"
        let page = PullPage(changes: changes, cursor: "1", more: false)
        let prepared = chengzhong.db.prepare(page, key: chengzhong.key, now: at(1))
        #expect(changes.indices.compactMap { prepared.newStations.station(at: $0)?.station.id } == [good.id])
        let tally = try chengzhong.db.applyPulled(prepared, key: chengzhong.key, now: at(1))
        #expect(tally.received == 2 && tally.rejected == 1)
        #expect(try chengzhong.db.syncStatus().quarantine.first?.reason.hasPrefix("invalid: region:") == true)
        #expect(try SyncHarness.stations(chengzhong.db) == [good.id.storedText: good.syncFields])
    }

    @Test func newStationsAreBuiltByPositionOnlyForValidCreations() throws {
        let station = try xining.db.addStation(TestData.fields(code: "QH-B2"), crs: .wgs84, actor: "a", now: at(0))
        try update(xining, station, at: 1) { $0.name = "改名的港湾" }
        let first = try #require(try xining.db.nextPushBatch(key: xining.key, now: at(1)))
        let changes = try PushBatch(json: Gzip.decompress(first.body, limit: 1 << 20)).changes
        var invalid = changes[0]
        invalid.fields["kind"] = "palace"
        var unknownField = changes[0]
        unknownField.fields["colour"] = "red"
        let built = NewStations(changes + [invalid, unknownField], context: MergeContext(regions: .bundled, key: harness.hubKey, now: at(2)))
        #expect((0..<4).map { built.station(at: $0)?.station.id } == [station.id, nil, nil, nil])
    }

    @Test func aRefusedCreationDoesNotBorrowTheStationOfALaterOneWithTheSameID() throws {
        _ = try xining.db.addStation(TestData.fields(name: "后来的港湾", code: "QH-T1"), crs: .wgs84, actor: "a", now: at(0))
        let batch = try #require(try xining.db.nextPushBatch(key: xining.key, now: at(0)))
        let valid = try PushBatch(json: Gzip.decompress(batch.body, limit: 1 << 20)).changes[0]
        var invalid = valid
        invalid.hlc = HybridClock.Timestamp(wall: valid.hlc.wall - 1, counter: 0, node: valid.hlc.node)
        invalid.fields["kind"] = "palace"
        invalid.fields["name"] = "先前的港湾"
        let results = try pushAsProvince([invalid, valid], at: 1)
        #expect(results.map(\.result) == [.rejected, .applied])
        #expect(try harness.hub.stations().map(\.name) == ["后来的港湾"])
    }

    /// A record sent whole carries its `syncFields` as they are, so they must be exactly its names.
    @Test func everyRecordsSyncFieldsAreNamedByItsSyncFieldNames() throws {
        let station = try xining.db.addStation(TestData.fields(code: "QH-N1"), crs: .wgs84, actor: "a", now: at(0))
        let worker = try xining.db.addWorker(TestData.workerFields(region: "630103"), key: xining.key, actor: "a", now: at(0))
        let opened = try xining.db.openCase(CaseOpening(worker: worker.id.storedText, type: "wage-arrears", summary: "欠薪"), actor: "a", now: at(0))
        #expect(Set(station.syncFields.keys) == Station.knownFieldNames)
        #expect(Set(worker.syncFields.keys) == Worker.knownFieldNames)
        #expect(Set(opened.syncFields.keys) == SupportCase.knownFieldNames)
        #expect(Station.knownFieldNames.count == Station.syncFieldNames.count)
        #expect(Worker.knownFieldNames.count == Worker.syncFieldNames.count)
        #expect(SupportCase.knownFieldNames.count == SupportCase.syncFieldNames.count)
    }

    @Test func aCreationOfAStationTheHubHoldsIsMergedAndOneWithATakenCodeIsRefused() throws {
        _ = try xining.db.addStation(TestData.fields(name: "城中区港湾", code: "QH-K1"), crs: .wgs84, actor: "a", now: at(0))
        let batch = try #require(try xining.db.nextPushBatch(key: xining.key, now: at(0)))
        let creation = try PushBatch(json: Gzip.decompress(batch.body, limit: 1 << 20)).changes[0]
        // The same creation again, later and renamed; then another station with the same code.
        var again = creation
        again.hlc = HybridClock.Timestamp(wall: creation.hlc.wall + 1000, counter: 0, node: creation.hlc.node)
        again.fields["name"] = "改名的港湾"
        var sameCode = creation
        sameCode.id = UUID()
        let results = try harness.hub.writer.write { db in
            try harness.hub.applyPushed(
                db, harness.hub.prepare([creation, again, sameCode], key: harness.hubKey, now: at(1)), scope: ["63"], key: harness.hubKey, now: at(1))
        }
        #expect(results.map(\.result) == [.applied, .applied, .rejected])
        #expect(results[2].reason?.contains("station.code") == true, "\(results[2])")
        #expect(try harness.hub.stations().map(\.name) == ["改名的港湾"])
    }

    /// Random edits by three offices, synced in random orders: afterwards one more round leaves
    /// every node with the same stations, and each office with exactly its scope's workers and cases.
    /// Offices that do not know their scope have edits of other regions' stations refused by the
    /// hub (and undone); offices that know it refuse them when they are made.
    @Test(arguments: [(1, false), (2, false), (3, false), (4, true), (5, true), (6, true)] as [(UInt64, Bool)])
    func everyOrderOfSyncsConverges(seed: UInt64, knowsScope: Bool) throws {
        harness.teachesScope = knowsScope
        var random = SeededGenerator(seed: seed)
        var refusedHere = 0
        let offices = [xining, chengzhong, haidong]
        for (index, office) in offices.enumerated() {
            let region = ["630102", "630103", "630202"][index]
            _ = try office.db.addStation(TestData.fields(name: "港湾\(index)", region: region), crs: .wgs84, actor: "o\(index)", now: at(0))
            let worker = try office.db.addWorker(TestData.workerFields(region: region), key: office.key, actor: "o\(index)", now: at(0))
            _ = try office.db.openCase(CaseOpening(worker: worker.id.storedText, type: "wage-arrears", summary: "欠薪"), actor: "o", now: at(0))
        }
        for office in offices { try harness.sync(office) }
        for step in 1...40 {
            let office = offices[Int.random(in: 0..<3, using: &random)]
            if Int.random(in: 0..<4, using: &random) == 0 {
                try harness.sync(office, now: at(Double(step)))
                continue
            }
            // Any station, also one its token does not let it write.
            let stations = try office.db.stations()
            let station = stations[Int.random(in: 0..<stations.count, using: &random)]
            let value = Int.random(in: 0..<3, using: &random)
            do {
                try update(office, station, at: Double(step)) { fields in
                    switch value {
                    case 0: fields.seats = String(step)
                    case 1: fields.name = "港湾\(step)"
                    default: fields.services = ["water", "rest,toilet", "wifi"][step % 3]
                    }
                }
            } catch StoreError.outsideScope {
                #expect(knowsScope)
                refusedHere += 1
            }
            let cases = try office.db.cases(today: "2026-11-24")
            if !cases.isEmpty, Bool.random(using: &random) {
                let chosen = cases[Int.random(in: 0..<cases.count, using: &random)]
                _ = try office.db.logEvents([CaseEntry(caseRef: chosen.id.storedText, kind: "note", text: "第\(step)步")], actor: "o", now: at(Double(step)))
            }
        }
        for _ in 0..<2 { for office in offices { try harness.sync(office, now: at(60)) } }
        let quarantined = try offices.map { try $0.db.quarantinedChanges().count }.reduce(0, +)
        #expect(knowsScope ? refusedHere > 0 && quarantined == 0 : quarantined > 0, "refused here \(refusedHere), quarantined \(quarantined)")
        let expected = try SyncHarness.stations(harness.hub)
        #expect(expected.count == 3)
        for office in offices {
            #expect(try SyncHarness.stations(office.db) == expected)
            let hubCases = try SyncHarness.cases(harness.hub).filter { office.scope.contains(where: ($0.value["region"]! ?? "").hasPrefix) }
            #expect(try SyncHarness.cases(office.db) == hubCases)
            let hubEvents = try harness.hub.writer.read { db in
                try String.fetchAll(db, sql: "SELECT id FROM case_event WHERE case_region GLOB ? ORDER BY id", arguments: ["\(office.scope[0])*"])
            }
            #expect(try SyncHarness.eventIDs(office.db) == hubEvents)
            #expect(try SyncHarness.count(office.db, "outbox") == 0)
        }
    }
}
