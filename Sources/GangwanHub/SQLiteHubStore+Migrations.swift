import GRDB

extension SQLiteHubStore {
    /// The hub's own tables, beside the office schema. Names start with `hub-` so they never clash
    /// with the office migrations recorded in the same `grdb_migrations` table. Appended, never edited.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("hub-v1-tokens") { db in
            try db.execute(sql: """
                CREATE TABLE hub_token (
                    node TEXT PRIMARY KEY,
                    scope TEXT NOT NULL,
                    token_hash TEXT NOT NULL UNIQUE,
                    issued_at TEXT,
                    revoked_at TEXT
                )
                """)
        }
        migrator.registerMigration("hub-v2-pushes") { db in
            // Each answered push batch, by the office and its idempotency key: a retry with the same
            // body gets the same answer without applying anything again.
            try db.execute(sql: """
                CREATE TABLE hub_push (
                    node TEXT NOT NULL,
                    key TEXT NOT NULL,
                    digest TEXT NOT NULL,
                    answer BLOB NOT NULL,
                    at TEXT NOT NULL,
                    PRIMARY KEY (node, key)
                ) WITHOUT ROWID
                """)
        }
        return migrator
    }
}
