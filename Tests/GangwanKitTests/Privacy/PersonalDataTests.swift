import Foundation
import Testing
@testable import GangwanKit

@Suite struct PersonalDataKeyTests {
    let key = PersonalDataKey.generate()

    @Test func sealedValueOpensOnlyInItsOwnContext() {
        let sealed = key.seal("13812345678", context: "worker/a/phone")
        #expect(key.open(sealed, context: "worker/a/phone") == "13812345678")
        #expect(key.open(sealed, context: "worker/b/phone") == nil)
        #expect(PersonalDataKey.generate().open(sealed, context: "worker/a/phone") == nil)
    }

    @Test func sealingTwiceGivesDifferentBytes() {
        #expect(key.seal("13812345678", context: "c") != key.seal("13812345678", context: "c"))
    }

    @Test func blindIndexIsStablePerKeyAndFieldOnly() {
        #expect(key.blindIndex("13812345678", field: "phone") == key.blindIndex("13812345678", field: "phone"))
        #expect(key.blindIndex("13812345678", field: "phone") != key.blindIndex("13812345678", field: "id_number"))
        #expect(key.blindIndex("13812345678", field: "phone") != PersonalDataKey.generate().blindIndex("13812345678", field: "phone"))
    }
}

@Suite struct KeyFileTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gangwan-key-\(UUID().uuidString)")

    @Test func createdKeyIsPrivateAndLoadsBack() throws {
        let file = KeyFile(path: folder.appendingPathComponent("nested/key").path)
        let created = try file.create()
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try file.load().fingerprint == created.fingerprint)
    }

    @Test func existingKeyIsNeverOverwritten() throws {
        let file = KeyFile(path: folder.appendingPathComponent("key").path)
        let first = try file.create()
        #expect(throws: PrivacyError.self) { try file.create() }
        #expect(try file.load().fingerprint == first.fingerprint)
    }

    @Test func keyReadableByOthersIsRefused() throws {
        let file = KeyFile(path: folder.appendingPathComponent("key").path)
        _ = try file.create()
        chmod(file.path, 0o644)
        #expect(throws: PrivacyError.keyFileExposed(path: file.path)) { try file.load() }
    }

    @Test func fileThatIsNotAKeyIsRefused() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("key").path
        FileManager.default.createFile(atPath: path, contents: Data("not a key\n".utf8), attributes: [.posixPermissions: 0o600])
        #expect(throws: PrivacyError.malformedKey(path: path)) { try KeyFile(path: path).load() }
    }
}
