import Foundation
@testable import GangwanHub
import GangwanKit
import GRDB
import Testing

/// Tokens in the SQLite store, on a real database file.
@Suite struct HubTokenStoreTests {
    let folder: URL
    let store: SQLiteHubStore

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gangwan-hub-store-\(UUID().uuidString)")
        store = try SQLiteHubStore(
            path: folder.appendingPathComponent("hub.sqlite").path, keyFile: KeyFile(path: folder.appendingPathComponent("hub.key").path))
    }

    @Test func anIssuedTokenFindsItsNode() async throws {
        let token = try await store.issueToken(node: "xining-chengzhong", scope: ["6301", "6302"])
        #expect(try await store.node(forToken: token) == HubNode(name: "xining-chengzhong", scope: ["6301", "6302"]))
    }

    @Test func tokensAreRandomBase64URLWithAPrefix() async throws {
        let first = try await store.issueToken(node: "a", scope: ["63"])
        let second = try await store.issueToken(node: "b", scope: ["63"])
        #expect(first != second)
        for token in [first, second] {
            #expect(token.hasPrefix("gwt_"))
            let body = token.dropFirst(4)
            #expect(body.count == 43, "32 bytes in unpadded base64url")
            #expect(body.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        }
    }

    @Test func onlyTheSHA256OfTheTokenIsStored() async throws {
        let token = try await store.issueToken(node: "xining-chengzhong", scope: ["6301"])
        let stored = try await store.pool.read { db in try String.fetchOne(db, sql: "SELECT token_hash FROM hub_token") }
        #expect(stored == HubToken.hash(token))
        #expect(stored?.count == 64)
        _ = try await store.pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        let file = try Data(contentsOf: folder.appendingPathComponent("hub.sqlite"))
        #expect(file.range(of: Data(token.utf8)) == nil, "the token itself must not be in the database file")
    }

    @Test func hashingIsSHA256InLowercaseHex() {
        #expect(HubToken.sha256Hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func unknownTokensFindNothing() async throws {
        _ = try await store.issueToken(node: "xining-chengzhong", scope: ["6301"])
        #expect(try await store.node(forToken: "gwt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA") == nil)
        #expect(try await store.node(forToken: "") == nil)
    }

    @Test func aRevokedTokenFindsNothing() async throws {
        let token = try await store.issueToken(node: "xining-chengzhong", scope: ["6301"])
        #expect(try await store.revokeToken(node: "xining-chengzhong"))
        #expect(try await store.node(forToken: token) == nil)
        #expect(try await store.tokens().first?.revokedAt != nil)
    }

    @Test func revokingTwiceOrAnUnknownNodeRevokesNothing() async throws {
        _ = try await store.issueToken(node: "xining-chengzhong", scope: ["6301"])
        #expect(try await store.revokeToken(node: "xining-chengzhong"))
        #expect(try await store.revokeToken(node: "xining-chengzhong") == false)
        #expect(try await store.revokeToken(node: "nobody") == false)
    }

    @Test func reissuingReplacesTheEarlierToken() async throws {
        let old = try await store.issueToken(node: "xining-chengzhong", scope: ["6301"])
        _ = try await store.revokeToken(node: "xining-chengzhong")
        let new = try await store.issueToken(node: "xining-chengzhong", scope: ["6302"])
        #expect(try await store.node(forToken: old) == nil)
        #expect(try await store.node(forToken: new) == HubNode(name: "xining-chengzhong", scope: ["6302"]))
        let tokens = try await store.tokens()
        #expect(tokens.count == 1)
        #expect(tokens.first?.revokedAt == nil)
        #expect(tokens.first?.scope == ["6302"])
    }

    @Test func tokensListsEveryNodeInOrder() async throws {
        _ = try await store.issueToken(node: "haidong", scope: ["6302"])
        _ = try await store.issueToken(node: "xining", scope: ["6301", "630103"])
        _ = try await store.revokeToken(node: "haidong")
        let tokens = try await store.tokens()
        #expect(tokens.map(\.node) == ["haidong", "xining"])
        #expect(tokens.map(\.scope) == [["6302"], ["6301", "630103"]])
        #expect(tokens.map { $0.revokedAt != nil } == [true, false])
    }

    @Test(arguments: ["", "Xining", "xi ning", "西宁", "xining_chengzhong", String(repeating: "a", count: 65)])
    func badNodeNamesAreRefused(name: String) async throws {
        await #expect(throws: HubStoreError.self) { try await store.issueToken(node: name, scope: ["6301"]) }
        #expect(try await store.tokens().isEmpty)
    }

    @Test(arguments: [[], [""], ["6"], ["6301011"], ["63a1"], ["6301", "x"], ["9999"]])
    func badScopesAreRefused(scope: [String]) async throws {
        await #expect(throws: HubStoreError.self) { try await store.issueToken(node: "xining", scope: scope) }
        #expect(try await store.tokens().isEmpty)
    }

    @Test func aBadScopeMessageNamesTheScopeAndTheValue() async throws {
        do {
            _ = try await store.issueToken(node: "xining", scope: ["63a1"])
            Issue.record("a bad scope was accepted")
        } catch {
            #expect(error.localizedDescription.contains("scope"))
            #expect(error.localizedDescription.contains("63a1"))
        }
    }

    @Test func theKeyFileIsCreatedOwnerOnly() throws {
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("hub.key").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func reopeningKeepsTokensAndTheKey() async throws {
        let token = try await store.issueToken(node: "xining", scope: ["6301"])
        let reopened = try SQLiteHubStore(
            path: folder.appendingPathComponent("hub.sqlite").path, keyFile: KeyFile(path: folder.appendingPathComponent("hub.key").path))
        #expect(try await reopened.node(forToken: token)?.name == "xining")
        #expect(reopened.key.fingerprint == store.key.fingerprint)
    }

    @Test func theLocatorReadsTheOfficeTables() async throws {
        var fields = StationFields()
        fields.name = "城中区南大街劳动者港湾"
        fields.kind = "劳动者港湾"
        fields.lat = "36.6171"
        fields.lon = "101.7782"
        fields.region = "630103"
        _ = try store.database.addStation(fields, crs: .wgs84, actor: "tester")
        let found = try await store.nearestStations(NearQuery(origin: Coordinate(unchecked: 36.62, 101.78)))
        #expect(found.map(\.station.name) == ["城中区南大街劳动者港湾"])
    }
}
