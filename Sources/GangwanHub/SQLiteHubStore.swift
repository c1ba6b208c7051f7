import Foundation
import GangwanKit
import GRDB

/// The hub's storage in one SQLite file: the office schema (stations, workers, cases) plus the
/// hub's own tables, in WAL mode so the locator reads while a push writes.
///
/// Push and pull live in `SQLiteHubStore+Changes.swift`.
public struct SQLiteHubStore: HubStore {
    /// The connection pool, shared with ``database``.
    let pool: DatabasePool
    /// The office schema and its methods, over ``pool``.
    let database: GangwanDatabase
    /// Seals personal data at rest on the hub, as on an office.
    let key: PersonalDataKey
    /// Indexing and checkpointing left by pushes for after their answers.
    let afterPush: AfterPushWork

    /// Opens (creating it and its folder if needed) the hub database at `path`, brings both the
    /// office schema and the hub tables up to date, and loads the personal-data key from `keyFile`
    /// (creating it, mode 0600, while the database holds no personal data yet).
    public init(path: String, keyFile: KeyFile, regions: RegionTable = .bundled) throws {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            pool = try DatabasePool(path: path, configuration: GangwanDatabase.configuration())
        } catch {
            throw StoreError.cannotOpen(path: path, reason: error.localizedDescription)
        }
        // The office migrations first, so hub tables may refer to the office's.
        database = try GangwanDatabase(pool, regions: regions)
        try Self.migrator.migrate(pool)
        key = try database.personalDataKey(from: keyFile)
        // The write-ahead log is copied back after each push (``AfterPushWork``), not inside its
        // commit; SQLite's own checkpoint is kept for when that falls far behind (64 MiB).
        try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_autocheckpoint = 16384") }
        afterPush = try AfterPushWork(database: database, path: path)
    }

    /// Does what a hub stopped after a push left undone (its stations into the R*Tree, the
    /// checkpoint), on the after-push thread: for `serve`, not for a token command.
    public func finishWorkLeftByPushes() {
        afterPush.request()
    }

    public var regions: RegionTable { database.regions }

    public func nearestStations(_ query: NearQuery) async throws -> [NearbyStation] {
        let database = database
        return try await offCooperativePool { try database.nearestStations(query) }
    }

    // MARK: - Tokens

    public func node(forToken token: String) async throws -> HubNode? {
        guard token.hasPrefix(HubToken.prefix) else { return nil }
        let hash = HubToken.hash(token)
        return try await pool.read { db in
            try HubTokenRecord
                .filter(HubTokenRecord.Columns.tokenHash == hash && HubTokenRecord.Columns.revokedAt == nil)
                .fetchOne(db)?
                .hubNode
        }
    }

    public func issueToken(node: String, scope: [String]) async throws -> String {
        let token = HubToken.generate()
        let record = HubTokenRecord(
            node: try HubToken.validNode(node),
            scope: try HubToken.validScope(scope, regions: regions).joined(separator: ","),
            tokenHash: HubToken.hash(token), issuedAt: Date(), revokedAt: nil)
        // Replaces the node's earlier token, revoked or not: one token per node.
        try await pool.write { db in try record.upsert(db) }
        return token
    }

    public func tokens() async throws -> [HubTokenInfo] {
        try await pool.read { db in
            try HubTokenRecord.order(HubTokenRecord.Columns.node).fetchAll(db).map(\.info)
        }
    }

    public func revokeToken(node: String) async throws -> Bool {
        try await pool.write { db in
            try HubTokenRecord
                .filter(HubTokenRecord.Columns.node == node && HubTokenRecord.Columns.revokedAt == nil)
                .updateAll(db, HubTokenRecord.Columns.revokedAt.set(to: Date())) > 0
        }
    }
}

/// Runs blocking work (the office's synchronous database calls) on a dispatch queue, so it never
/// holds one of the few threads of Swift's cooperative pool that serve every request.
func offCooperativePool<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Result { try work() })
        }
    }
}
