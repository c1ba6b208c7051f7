import Foundation
import GangwanHub
import GangwanKit
import Hummingbird
import Logging
import Testing

/// The HTTP layer in process, over a ``FakeHubStore``: what it hands the store and how it answers.
@Suite struct HubControllerTests {
    let entries = RecordingLogHandler.Entries()

    /// Runs the application on a free loopback port for the length of `body`.
    func withHub(_ store: FakeHubStore = FakeHubStore(), _ body: (HTTPTestClient) async throws -> Void) async throws {
        let (addresses, listening) = AsyncStream.makeStream(of: HubAddress.self)
        let entries = entries
        let logger = Logger(label: "gangwan-hub-test") { _ in RecordingLogHandler(entries: entries) }
        let app = buildApplication(store: store, configuration: HubServerConfiguration(host: "127.0.0.1", port: 0), logger: logger) {
            listening.yield($0)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            var iterator = addresses.makeAsyncIterator()
            guard let address = await iterator.next() else { throw HubTestFailure("the hub never listened") }
            defer { group.cancelAll() }
            try await body(HTTPTestClient(URL(string: address.url)!))
        }
    }

    func change() -> SyncChange {
        SyncChange(
            entity: .station, id: UUID(), hlc: HybridClock.Timestamp(wall: 1_700_000_000_000, counter: 0, node: 7), actor: "王芳",
            fields: ["seats": "12", "phone": nil])
    }

    @Test func aPushIsHandedToTheStoreWithTheDigestOfTheInflatedBody() async throws {
        let batch = PushBatch(changes: [change(), change()])
        let body = Data(batch.json)
        try await withHub { client in
            let plain = try await client.send("POST", "/v1/changes", token: FakeHubStore.token, headers: ["Idempotency-Key": "k1"], body: body)
            let gzipped = try await client.send(
                "POST", "/v1/changes", token: FakeHubStore.token, headers: ["Idempotency-Key": "k2", "Content-Encoding": "gzip"],
                body: Gzip.compress(body))
            for answer in [plain, gzipped] {
                #expect(answer.status == 200, "\(answer.text)")
                let decoded = try PushAnswer(json: answer.body)
                #expect(decoded.results.map(\.changeID) == batch.changes.map(\.changeID))
                #expect(decoded.results.allSatisfy { $0.reason?.count == 64 })
            }
            let plainDigest = try PushAnswer(json: plain.body).results.first?.reason
            let gzippedDigest = try PushAnswer(json: gzipped.body).results.first?.reason
            #expect(plainDigest == gzippedDigest)
        }
    }

    @Test func aReusedIdempotencyKeyIs422() async throws {
        try await withHub { client in
            let answer = try await client.send(
                "POST", "/v1/changes", token: FakeHubStore.token, headers: ["Idempotency-Key": FakeHubStore.reusedKey],
                body: Data("{\"changes\":[]}".utf8))
            #expect(answer.status == 422)
            #expect(answer.errorMessage?.contains("Idempotency-Key") == true)
        }
    }

    @Test func aPullGetsTheNodeTheDefaultLimitAndNoCursor() async throws {
        try await withHub { client in
            let answer = try await client.send("GET", "/v1/changes", token: FakeHubStore.token, headers: ["Accept-Encoding": "identity"])
            #expect(answer.status == 200)
            #expect(answer.header("Content-Encoding") == nil)
            let page = try PullPage(json: answer.body)
            #expect(page.cursor == "xining-chengzhong/500/start")
        }
    }

    @Test func aPullPassesTheCursorAndLimit() async throws {
        try await withHub { client in
            let answer = try await client.send("GET", "/v1/changes?since=abc%3D&limit=1000", token: FakeHubStore.token)
            let page = try PullPage(json: answer.body)
            #expect(page.cursor == "xining-chengzhong/1000/abc=")
        }
    }

    @Test func aBadCursorIs400() async throws {
        try await withHub { client in
            let answer = try await client.send("GET", "/v1/changes?since=\(FakeHubStore.badCursor)", token: FakeHubStore.token)
            #expect(answer.status == 400)
            #expect(answer.errorMessage?.contains("cursor") == true)
        }
    }

    @Test func aPullIsGzippedWhenTheClientAcceptsIt() async throws {
        var store = FakeHubStore()
        store.feed = (0..<200).map { _ in change() }
        try await withHub(store) { client in
            let answer = try await client.send("GET", "/v1/changes", token: FakeHubStore.token, headers: ["Accept-Encoding": "gzip"])
            #expect(answer.status == 200)
            #expect(answer.header("Content-Encoding") == "gzip")
            // URLSession may inflate the body itself; either way it must be the page.
            let json = answer.body.starts(with: [0x1f, 0x8b]) ? try Gzip.decompress(answer.body, limit: 1 << 26) : answer.body
            #expect(try PullPage(json: json).changes == store.feed)
        }
    }

    @Test func eachRequestLogsOneLineWithTheNodeAndNeverTheToken() async throws {
        try await withHub { client in
            _ = try await client.send("GET", "/v1/changes?limit=7", token: FakeHubStore.token)
            _ = try await client.send("GET", "/v1/changes", token: "gwt_wrong")
        }
        let lines = entries.all.filter { $0.message == "request" }
        #expect(lines.count == 2)
        #expect(lines.first?.metadata["node"] == "xining-chengzhong")
        #expect(lines.first?.metadata["status"] == "200")
        #expect(lines.first?.metadata["path"] == "/v1/changes")
        #expect(lines.first?.metadata["duration_ms"].flatMap(Double.init) != nil)
        #expect(lines.last?.metadata["status"] == "401")
        #expect(lines.last?.metadata["node"] == nil)
        let everything = entries.all.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n")
        #expect(!everything.contains(FakeHubStore.token))
        #expect(!everything.contains("gwt_wrong"))
    }
}
