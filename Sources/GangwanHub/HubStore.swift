import Foundation
import GangwanKit

/// An office as the hub knows it: the name its token was issued for and the region-code prefixes it
/// may read and write workers, cases and events in (and write stations in).
public struct HubNode: Sendable, Equatable {
    public var name: String
    public var scope: [String]

    public init(name: String, scope: [String]) {
        self.name = name
        self.scope = scope
    }
}

/// A token as `token list` shows it: never the token itself, which the hub does not keep.
public struct HubTokenInfo: Sendable, Equatable {
    public var node: String
    public var scope: [String]
    public var issuedAt: Date
    public var revokedAt: Date?

    public init(node: String, scope: [String], issuedAt: Date, revokedAt: Date?) {
        self.node = node
        self.scope = scope
        self.issuedAt = issuedAt
        self.revokedAt = revokedAt
    }
}

/// Why the store refused a request as a whole.
public enum HubStoreError: Error, Equatable, Sendable {
    /// The idempotency key was used before with a different body (HTTP 422).
    case idempotencyKeyReused
    /// The pull cursor is malformed (HTTP 400).
    case badCursor
    /// A node name or scope given to `token issue` is not acceptable.
    case invalidToken(String)
}

/// Everything the hub keeps, behind one interface: SQLite today, PostgreSQL for national scale
/// later, without touching the protocol or the controllers.
public protocol HubStore: Sendable {
    /// The node holding `token`, or `nil` for an unknown or revoked token.
    func node(forToken token: String) async throws -> HubNode?

    /// Applies a pushed batch, each change on its own, and answers per change. A key seen before
    /// with the same body digest is answered from the record without applying anything again;
    /// with another digest it throws ``HubStoreError/idempotencyKeyReused``.
    func push(_ batch: PushBatch, idempotencyKey: String, bodyDigest: String, from node: HubNode) async throws -> PushAnswer

    /// The page of the feed after `cursor` (from the start when `nil`) that `node` may read.
    func pull(since cursor: String?, limit: Int, for node: HubNode) async throws -> PullPage

    /// The public locator.
    func nearestStations(_ query: NearQuery) async throws -> [NearbyStation]

    /// The region table station answers are printed with.
    var regions: RegionTable { get }

    /// Issues a new token for `node` (replacing any earlier one) and returns it; only its hash is kept.
    func issueToken(node: String, scope: [String]) async throws -> String

    /// Every token issued, revoked ones included.
    func tokens() async throws -> [HubTokenInfo]

    /// Revokes the token of `node`; `false` when there was none to revoke.
    func revokeToken(node: String) async throws -> Bool
}
