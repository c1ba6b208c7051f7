import GRDB

extension Database {
    /// Runs `body` with the named triggers or indexes dropped, then re-creates them from their own
    /// text in `sqlite_master`. Call it inside a transaction: no other connection then sees the
    /// schema without them, and a rollback (`body` throwing) restores them.
    func settingAside<T>(_ objects: [(type: String, name: String)], _ body: () throws -> T) throws -> T {
        let definitions = try objects.map { type, name in
            guard let sql = try String.fetchOne(self, sql: "SELECT sql FROM sqlite_master WHERE type = ? AND name = ?", arguments: [type, name]) else {
                throw StoreError.corrupt("the \(type) \(name) is missing")
            }
            return sql
        }
        for (type, name) in objects {
            try execute(sql: "DROP \(type.uppercased()) \(name)")
        }
        let result = try body()
        for sql in definitions {
            try execute(sql: sql)
        }
        return result
    }
}
