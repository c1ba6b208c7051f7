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
