import Foundation
import GangwanHub
import GangwanKit

/// A store that answers from fixed rules, so the HTTP layer is tested without the SQLite feed.
///
/// Its push answers every change as applied with the body digest as the reason, so a test can see
/// what digest the hub computed; its pull puts the limit and the cursor it got into the new cursor.
struct FakeHubStore: HubStore {
    static let token = "gwt_fake-token-for-tests"
    static let node = HubNode(name: "xining-chengzhong", scope: ["6301"])
    /// The idempotency key the store treats as used before with another body.
    static let reusedKey = "reused-key"
    /// The cursor the store treats as malformed.
    static let badCursor = "bad-cursor"

    /// Changes for `pull` to answer with.
    var feed: [SyncChange] = []

    func node(forToken token: String) async throws -> HubNode? {
        token == Self.token ? Self.node : nil
    }

    func push(_ batch: PushBatch, idempotencyKey: String, bodyDigest: String, from node: HubNode) async throws -> PushAnswer {
        if idempotencyKey == Self.reusedKey { throw HubStoreError.idempotencyKeyReused }
        return PushAnswer(results: batch.changes.map { ChangeResult(changeID: $0.changeID, result: .applied, reason: bodyDigest) })
    }

    func pull(since cursor: String?, limit: Int, for node: HubNode) async throws -> PullPage {
        if cursor == Self.badCursor { throw HubStoreError.badCursor }
        return PullPage(changes: feed, cursor: "\(node.name)/\(limit)/\(cursor ?? "start")", more: false)
    }

    func nearestStations(_ query: NearQuery) async throws -> [NearbyStation] { [] }

    var regions: RegionTable { .bundled }

    func issueToken(node: String, scope: [String]) async throws -> String { Self.token }

    func tokens() async throws -> [HubTokenInfo] { [] }

    func revokeToken(node: String) async throws -> Bool { false }
}
