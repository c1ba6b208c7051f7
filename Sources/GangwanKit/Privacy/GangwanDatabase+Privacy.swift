import Foundation
import GRDB

extension GangwanDatabase {
    /// The key that opens this database's personal data, from `file`.
    ///
    /// A missing file is created (mode 0600) only while the database holds no sealed data; after
    /// that a missing or different key is an error, never a silent new key that would orphan the data.
    public func personalDataKey(from file: KeyFile) throws -> PersonalDataKey {
        let recorded = try writer.read(Self.keyFingerprint)
        guard file.exists else {
            if let recorded { throw PrivacyError.missingKey(path: file.path, fingerprint: recorded) }
            return try file.create()
        }
        let key = try file.load()
        if let recorded, recorded != key.fingerprint {
            throw PrivacyError.wrongKey(path: file.path, expected: recorded, found: key.fingerprint)
        }
        return key
    }

    /// Records the key's fingerprint with the first sealed value, and refuses a different key later.
    static func claim(_ db: Database, _ key: PersonalDataKey) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO meta (name, value) VALUES ('key_fingerprint', ?)", arguments: [key.fingerprint])
        if let recorded = try keyFingerprint(db), recorded != key.fingerprint {
            throw PrivacyError.wrongKey(path: "", expected: recorded, found: key.fingerprint)
        }
    }

    private static func keyFingerprint(_ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'key_fingerprint'")
    }
}
