import Foundation
import GRDB

/// The region prefixes a sync token may write: on the hub, the token's scope; on an office, its
/// token's as the hub said at the last pull.
///
/// The hub refuses a change to a record outside them; refusing the edit on the office, when it is
/// made, tells the clerk at once instead of at the next sync. Before the first sync an office knows
/// nothing and allows every edit (the hub still decides).
struct WritableScope: Equatable {
    let prefixes: [String]

    /// Whether `region` lies within a prefix. No region lies within any: the hub can place such a
    /// record in no office's scope.
    func covers(_ region: String?) -> Bool {
        guard let region else { return false }
        return prefixes.contains { region.hasPrefix($0) }
    }

    /// ``covers(_:)`` as SQL over a `region` column: `region GLOB ? OR …` (`0` without prefixes),
    /// with one pattern per prefix to bind. Stored regions and prefixes are digits, so a prefix
    /// and `*` make the pattern, and GLOB can use an index on the column. For a NULL region it
    /// gives NULL, not false: a caller negating it rules out NULL regions itself.
    var sqlCondition: (sql: String, patterns: [String]) {
        let sql = prefixes.isEmpty ? "0" : prefixes.map { _ in "region GLOB ?" }.joined(separator: " OR ")
        return (sql, prefixes.map { "\($0)*" })
    }

    /// Whether an office may change a record in `region`. One without a region (a worker whose
    /// region is not known yet) may be: its changes wait in the outbox until it gets one.
    func admits(_ region: String?) -> Bool {
        region == nil || covers(region)
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

    /// Keeps the scope a pulled page names, if it differs from the one kept; whether it did.
    static func store(_ prefixes: [String], _ db: Database) throws -> Bool {
        guard try stored(db)?.prefixes != prefixes else { return false }
        try GangwanDatabase.setMeta(db, metaName, prefixes.joined(separator: ","))
        return true
    }
}
