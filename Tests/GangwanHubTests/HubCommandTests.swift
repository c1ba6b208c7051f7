import Foundation
@testable import GangwanHub
import Testing

/// `gangwan-hub token …`, end to end, on a real database file.
@Suite struct HubCommandTests {
    let hub: HubProcess

    init() throws {
        hub = try HubProcess()
    }

    @Test func issuePrintsTheTokenAloneOnOneLine() throws {
        let result = try hub.run(["token", "issue", "--node", "xining-chengzhong", "--scope", "6301,6302"] + hub.storeArguments)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("gwt_") == true)
        #expect(lines.first?.count == 47)
    }

    @Test func listShowsNodesAndScopesButNeitherTokensNorHashes() throws {
        let token = try hub.issueToken(node: "xining-chengzhong", scope: "6301,6302")
        let result = try hub.run(["token", "list", "--json"] + hub.storeArguments)
        #expect(result.status == 0, "\(result.stderr)")
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(listed.count == 1)
        #expect(listed.first?["node"] as? String == "xining-chengzhong")
        #expect(listed.first?["scope"] as? [String] == ["6301", "6302"])
        #expect(listed.first?["issued_at"] is String)
        #expect(listed.first?["revoked_at"] is NSNull)
        #expect(Set(listed.first?.keys.map { $0 } ?? []) == ["node", "scope", "issued_at", "revoked_at"])
        let table = try hub.run(["token", "list"] + hub.storeArguments)
        for output in [result.stdout, table.stdout] {
            #expect(!output.contains(token))
            #expect(!output.contains(HubToken.hash(token)))
        }
        #expect(table.stdout.contains("xining-chengzhong"))
    }

    @Test func revokeMarksTheTokenRevoked() throws {
        _ = try hub.issueToken()
        let revoke = try hub.run(["token", "revoke", "--node", "xining-chengzhong"] + hub.storeArguments)
        #expect(revoke.status == 0, "\(revoke.stderr)")
        let listed = try JSONSerialization.jsonObject(with: Data(try hub.run(["token", "list", "--json"] + hub.storeArguments).stdout.utf8)) as? [[String: Any]]
        #expect(listed?.first?["revoked_at"] is String)
    }

    @Test func revokingAnUnknownNodeExits66NamingIt() throws {
        let result = try hub.run(["token", "revoke", "--node", "nobody"] + hub.storeArguments)
        #expect(result.status == 66)
        #expect(result.stderr.contains("nobody"))
    }

    @Test func aBadScopeExits65NamingIt() throws {
        let result = try hub.run(["token", "issue", "--node", "xining", "--scope", "6301,abc"] + hub.storeArguments)
        #expect(result.status == 65)
        #expect(result.stderr.contains("scope"))
        #expect(result.stderr.contains("abc"))
        #expect(result.stdout.isEmpty)
    }

    @Test func aBadNodeNameExits65() throws {
        let result = try hub.run(["token", "issue", "--node", "Xining Office", "--scope", "6301"] + hub.storeArguments)
        #expect(result.status == 65)
        #expect(result.stderr.contains("node"))
    }

    @Test func theKeyFileDefaultsToBesideTheDatabase() throws {
        let result = try hub.run("token", "list", "--db", hub.databasePath)
        #expect(result.status == 0, "\(result.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: hub.databasePath + ".key")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func anUnwritableDatabaseExits73() throws {
        let result = try hub.run("token", "list", "--db", "/proc/gangwan/hub.sqlite", "--key-file", hub.keyFilePath)
        #expect(result.status == 73)
        #expect(result.stderr.contains("/proc/gangwan/hub.sqlite"))
    }

    @Test func serveRefusesAPortOutOfRange() throws {
        let result = try hub.run(["serve", "--port", "70000"] + hub.storeArguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains("--port"))
    }
}
