import Foundation
import GRDB

/// One row of `hub_token`: the node a token was issued for, its scope and the SHA-256 of the token.
struct HubTokenRecord: Codable, Sendable, Equatable {
    var node: String
    /// The region-code prefixes, comma-separated (`6301,6302`).
    var scope: String
    /// Lowercase hex SHA-256 of the token; the token itself is never stored.
    var tokenHash: String
    var issuedAt: Date
    var revokedAt: Date?

    /// The node as the protocol layer sees it.
    var hubNode: HubNode {
        HubNode(name: node, scope: scopePrefixes)
    }

    /// The token as `token list` shows it.
    var info: HubTokenInfo {
        HubTokenInfo(node: node, scope: scopePrefixes, issuedAt: issuedAt, revokedAt: revokedAt)
    }

    private var scopePrefixes: [String] {
        scope.split(separator: ",").map(String.init)
    }
}

// MARK: - Database

extension HubTokenRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "hub_token"

    enum CodingKeys: String, CodingKey {
        case node, scope
        case tokenHash = "token_hash", issuedAt = "issued_at", revokedAt = "revoked_at"
    }

    enum Columns {
        static let node = Column(CodingKeys.node)
        static let tokenHash = Column(CodingKeys.tokenHash)
        static let revokedAt = Column(CodingKeys.revokedAt)
    }
}
