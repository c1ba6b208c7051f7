import Foundation
import GangwanKit
import GRDB

/// Push and pull over SQLite: the office schema's merge and feed, plus the record of answered batches.
extension SQLiteHubStore {
    public func push(_ batch: PushBatch, idempotencyKey: String, bodyDigest: String, from node: HubNode) async throws -> PushAnswer {
        let (pool, database, key) = (pool, database, key)
        /// The answer recorded for this key, if the batch was applied already.
        @Sendable func answered(_ db: Database) throws -> PushAnswer? {
            guard let row = try Row.fetchOne(
                db, sql: "SELECT digest, answer FROM hub_push WHERE node = ? AND key = ?", arguments: [node.name, idempotencyKey])
            else { return nil }
            guard row["digest"] == bodyDigest else { throw HubStoreError.idempotencyKeyReused }
            return try PushAnswer(sealed: row["answer"], key: key)
        }
        let afterPush = afterPush
        return try await offCooperativePool {
            // A retry of a batch already applied (its answer was lost on the way) is answered from a
            // read, without preparing the batch again or waiting for the write lock.
            if let answer = try pool.read(answered) { return answer }
            let prepared = database.prepare(batch.changes, key: key)
            // The check, the merge and the record of the answer are one transaction, so a batch sent
            // twice at once is still applied once.
            let answer = try pool.write { db in
                if let answer = try answered(db) { return answer }
                let answer = PushAnswer(results: try database.applyPushed(db, prepared, scope: node.scope, key: key))
                try db.execute(
                    sql: "INSERT INTO hub_push (node, key, digest, answer, at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [node.name, idempotencyKey, bodyDigest, answer.sealed(with: key), DatabaseTimestamp.text(Date())])
                return answer
            }
            // The R*Tree and the checkpoint while the office reads this answer and sends its next batch.
            afterPush.request()
            return answer
        }
    }

    public func pull(since cursor: String?, limit: Int, for node: HubNode) async throws -> PullPage {
        let position = try cursor.map { try FeedCursor(text: $0, scope: node.scope).position } ?? 0
        let (database, key) = (database, key)
        return try await offCooperativePool {
            let page = try database.feed(after: position, limit: limit, scope: node.scope, key: key)
            return PullPage(
                changes: page.changes, cursor: FeedCursor(position: page.position, scope: node.scope).text, more: page.more, scope: node.scope)
        }
    }
}

/// A position in the hub's feed, tied to the scope it was read with. A cursor read with another
/// scope (the office's token was issued again for other regions) starts again from the beginning:
/// the feed before its position holds records the new scope may read and the old one could not.
/// Merging what the office holds already changes nothing, so it only costs the time.
struct FeedCursor {
    let position: Int64
    let scope: [String]

    init(position: Int64, scope: [String]) {
        self.position = position
        self.scope = scope
    }

    /// Reads a cursor this hub issued for `scope`.
    init(text: String, scope: [String]) throws(HubStoreError) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64) else { throw .badCursor }
        let parts = String(decoding: data, as: UTF8.self).split(separator: ":")
        // A fingerprint of another scope restarts the feed; anything else is not a cursor of this hub.
        guard parts.count == 3, parts[0] == "v1", let position = Int64(parts[1]), position >= 0, parts[2].count == 12,
            parts[2].allSatisfy({ $0.isHexDigit && !$0.isUppercase })
        else { throw .badCursor }
        self.init(position: parts[2] == Self.fingerprint(scope) ? position : 0, scope: scope)
    }

    var text: String {
        Data("v1:\(position):\(Self.fingerprint(scope))".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    private static func fingerprint(_ scope: [String]) -> String {
        String(HubToken.sha256Hex(Data(scope.sorted().joined(separator: ",").utf8)).prefix(12))
    }
}
