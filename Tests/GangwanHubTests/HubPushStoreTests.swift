import Foundation
@testable import GangwanHub
import GangwanKit
import GRDB
import Testing

/// Pushes into the SQLite store, on a real database file: a batch is applied once per key.
@Suite struct HubPushStoreTests {
    let folder: URL
    let store: SQLiteHubStore
    let node = HubNode(name: "xining", scope: ["6301"])

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gangwan-hub-push-\(UUID().uuidString)")
        store = try SQLiteHubStore(
            path: folder.appendingPathComponent("hub.sqlite").path, keyFile: KeyFile(path: folder.appendingPathComponent("hub.key").path))
    }

    /// A batch as an office would send it: its new stations.
    func batch(_ names: [String]) throws -> PushBatch {
        let office = try GangwanDatabase.inMemory()
        let key = PersonalDataKey.generate()
        for name in names {
            var fields = StationFields()
            (fields.name, fields.kind, fields.lat, fields.lon, fields.region) = (name, "harbor", "36.62", "101.78", "630103")
            _ = try office.addStation(fields, crs: .wgs84, actor: "a")
        }
        let request = try #require(try office.nextPushBatch(key: key))
        return try PushBatch(json: Gzip.decompress(request.body, limit: 1 << 20))
    }

    func workerBatches(idNumber: String) throws -> (create: PushBatch, move: PushBatch) {
        let office = try GangwanDatabase.inMemory()
        let key = PersonalDataKey.generate()
        var fields = WorkerFields()
        (fields.name, fields.group, fields.region, fields.idNumber) = ("张三", "gig", "630102", idNumber)
        let worker = try office.addWorker(fields, key: key, actor: "a")
        let first = try #require(try office.nextPushBatch(key: key))
        _ = try office.acknowledge(first, answer: PushAnswer(results: []), key: key)
        var moved = WorkerFields()
        moved.region = "630202"
        _ = try office.updateWorker(worker.id.storedText, moved, key: key, actor: "a")
        let second = try #require(try office.nextPushBatch(key: key))
        return try (PushBatch(json: Gzip.decompress(first.body, limit: 1 << 20)), PushBatch(json: Gzip.decompress(second.body, limit: 1 << 20)))
    }

    /// A hub stopped before it put a push's stations into the R*Tree does it when it serves again.
    @Test func stationsLeftOutByAStoppedHubAreIndexedWhenItServesAgain() async throws {
        _ = try await store.push(try batch((0..<300).map { "驿站\($0)" }), idempotencyKey: "k1", bodyDigest: "d1", from: node)
        store.afterPush.wait()
        // As a hub stopped right after a push leaves it: the last 100 stations listed as late, not in the tree.
        try await store.pool.write { db in
            try db.execute(sql: "DELETE FROM station_rtree WHERE id > 200")
            try db.execute(sql: "INSERT INTO meta (name, value) VALUES ('station_rtree_late_from', '201')")
        }
        let restarted = try SQLiteHubStore(
            path: folder.appendingPathComponent("hub.sqlite").path, keyFile: KeyFile(path: folder.appendingPathComponent("hub.key").path))
        restarted.afterPush.wait()
        #expect(try await restarted.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM station_rtree") } == 200,
                "opening the store, as a token command does, leaves the work alone")
        restarted.finishWorkLeftByPushes()
        restarted.afterPush.wait()
        #expect(try await restarted.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM station_rtree") } == 300)
        #expect(try await restarted.pool.read { try String.fetchOne($0, sql: "SELECT value FROM meta WHERE name = 'station_rtree_late_from'") } == nil)
    }

    @Test func stationsAPushLeftOutOfTheTreeAreIndexedAfterItsAnswer() async throws {
        _ = try await store.push(try batch((0..<300).map { "驿站\($0)" }), idempotencyKey: "k1", bodyDigest: "d1", from: node)
        // Fewer than the tree holds: answered before they are put in it.
        _ = try await store.push(try batch((300..<450).map { "驿站\($0)" }), idempotencyKey: "k2", bodyDigest: "d2", from: node)
        store.afterPush.wait()
        let indexed = try await store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM station_rtree") }
        #expect(indexed == 450)
        let near = try await store.nearestStations(NearQuery(origin: Coordinate(latitude: 36.62, longitude: 101.78), limit: 500))
        #expect(near.count == 450)
    }

    @Test func aRecordedAnswerCarryingAWorkerBackIsSealed() async throws {
        let idNumber = "11010519491231002X"
        let (create, move) = try workerBatches(idNumber: idNumber)
        _ = try await store.push(create, idempotencyKey: "k1", bodyDigest: "d1", from: node)
        // Moving the worker out of the token's regions is refused; the worker comes back whole.
        let answer = try await store.push(move, idempotencyKey: "k2", bodyDigest: "d2", from: node)
        #expect(answer.results.first?.result == .rejected)
        #expect(answer.results.first?.current?.fields["id_number"] == idNumber)
        #expect(try await store.push(move, idempotencyKey: "k2", bodyDigest: "d2", from: node) == answer)
        _ = try await store.pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        let bytes = try Data(contentsOf: folder.appendingPathComponent("hub.sqlite"))
        #expect(bytes.range(of: Data(idNumber.utf8)) == nil, "no ID number in the hub's file")
    }

    @Test func aCursorOfAnotherScopeStartsAgainAndAnyOtherTextIsRefused() throws {
        let cursor = FeedCursor(position: 42, scope: ["6302"]).text
        #expect(try FeedCursor(text: cursor, scope: ["6302"]).position == 42)
        #expect(try FeedCursor(text: cursor, scope: ["6301", "6302"]).position == 0)
        for text in ["v1:5:zz", "v1:5:0123456789AB", "v2:5:0123456789ab", "v1:-5:0123456789ab"] {
            let encoded = Data(text.utf8).base64EncodedString()
            #expect(throws: HubStoreError.badCursor) { try FeedCursor(text: encoded, scope: ["6302"]) }
        }
    }

    func feedLength() async throws -> Int {
        try await store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox") ?? 0 }
    }

    @Test func aRetriedBatchIsAnsweredFromTheRecordAndAnotherBodyUnderItsKeyIsRefused() async throws {
        let first = try batch(["城中区港湾", "城西区港湾"])
        let answer = try await store.push(first, idempotencyKey: "k1", bodyDigest: "d1", from: node)
        #expect(answer.results.map(\.result) == [.applied, .applied])
        #expect(try await feedLength() == 2)

        let again = try await store.push(first, idempotencyKey: "k1", bodyDigest: "d1", from: node)
        #expect(again == answer)
        #expect(try await feedLength() == 2, "nothing applied twice")

        await #expect(throws: HubStoreError.idempotencyKeyReused) {
            try await store.push(try batch(["城北区港湾"]), idempotencyKey: "k1", bodyDigest: "d2", from: node)
        }
        #expect(try await feedLength() == 2)
        // The same key from another office is another batch.
        let other = try await store.push(try batch(["城东区港湾"]), idempotencyKey: "k1", bodyDigest: "d3", from: HubNode(name: "chengdong", scope: ["6301"]))
        #expect(other.results.map(\.result) == [.applied])
        #expect(try await feedLength() == 3)
    }
}
