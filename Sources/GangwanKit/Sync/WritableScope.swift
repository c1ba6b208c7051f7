import Foundation
import GRDB

/// The region prefixes this office's token may write, as the hub said at the last pull.
///
/// The hub refuses a change to a record outside them; refusing the edit here, when it is made,
/// tells the clerk at once instead of at the next sync. Before the first sync nothing is known and
/// every edit is allowed (the hub still decides).
struct WritableScope: Equatable {
    let prefixes: [String]

    /// Whether a record in `region` may be changed; a record without a region (a worker whose
    /// region is not known yet) waits here until it gets one, so it may.
    func admits(_ region: String?) -> Bool {
        guard let region else { return true }
        return prefixes.contains { region.hasPrefix($0) }
    }

    /// Refuses a change touching a region outside the scope.
    func check(_ regions: [String?]) throws(StoreError) {
        for case let region? in regions where !admits(region) {
            throw .outsideScope(region: region, scope: prefixes)
        }
    }

    private static let metaName = "sync_scope"

    /// The scope last received; `nil` before the first sync.
    static func stored(_ db: Database) throws -> WritableScope? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM meta WHERE name = '\(metaName)'"))
            .map { WritableScope(prefixes: $0.split(separator: ",").map(String.init)) }
    }

    /// Keeps the scope a pulled page names, if it differs from the one kept.
    static func store(_ prefixes: [String], _ db: Database) throws {
        guard try stored(db)?.prefixes != prefixes else { return }
        try db.execute(sql: "INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)", arguments: [metaName, prefixes.joined(separator: ",")])
    }
}
