import ArgumentParser
import Foundation
import GangwanHub
import GangwanKit

/// `gangwan-hub token list`: which offices hold tokens, with what scope; never the tokens or their hashes.
struct TokenList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the offices' tokens (node, scope, issued, revoked).")

    @OptionGroup var options: HubOptions
    @Flag(help: "Print JSON for scripts instead of a table.") var json = false

    func run() async throws {
        let tokens = try await options.openStore().tokens()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(tokens.map(TokenJSON.init)), as: UTF8.self))
            return
        }
        guard !tokens.isEmpty else {
            print(Language.current.pick("No token has been issued.", "尚未签发任何令牌。"))
            return
        }
        let headers = Language.current == .chinese ? ["节点", "范围", "签发", "吊销"] : ["NODE", "SCOPE", "ISSUED", "REVOKED"]
        let rows = tokens.map { token in
            [token.node, token.scope.joined(separator: ","), ShanghaiTime.timestamp(of: token.issuedAt),
             token.revokedAt.map(ShanghaiTime.timestamp(of:)) ?? "-"]
        }
        let widths = headers.indices.map { column in ([headers] + rows).map { $0[column].displayWidth }.max() ?? 0 }
        for row in [headers] + rows {
            print(row.indices.map { column in
                column == row.count - 1 ? row[column] : row[column].padded(toWidth: widths[column])
            }.joined(separator: "  "))
        }
    }
}

/// A token as `token list --json` prints it.
struct TokenJSON: Encodable {
    let node: String
    let scope: [String]
    let issuedAt: String
    let revokedAt: String?

    init(_ info: HubTokenInfo) {
        node = info.node
        scope = info.scope
        issuedAt = ShanghaiTime.timestamp(of: info.issuedAt)
        revokedAt = info.revokedAt.map(ShanghaiTime.timestamp(of:))
    }

    enum CodingKeys: String, CodingKey {
        case node, scope, issuedAt = "issued_at", revokedAt = "revoked_at"
    }

    /// Writes `revoked_at` as `null` rather than leaving it out, so scripts see a stable shape.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(node, forKey: .node)
        try container.encode(scope, forKey: .scope)
        try container.encode(issuedAt, forKey: .issuedAt)
        try container.encode(revokedAt, forKey: .revokedAt)
    }
}
