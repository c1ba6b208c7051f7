/// The statements that write a whole record row: inserted when new, replaced by id otherwise, or
/// inserted only when new.
enum Upsert {
    /// `INSERT … ON CONFLICT (id) DO UPDATE SET …` over `columns`, of which `id` is one.
    static func sql(table: String, columns: [String]) -> String {
        let updates = columns.filter { $0 != "id" }.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        return insert(table, columns) + " ON CONFLICT (id) DO UPDATE SET \(updates)"
    }

    /// `INSERT … ON CONFLICT DO NOTHING` over `columns`: nothing happens when the row would break
    /// any uniqueness constraint.
    static func insertIfNew(table: String, columns: [String]) -> String {
        insert(table, columns) + " ON CONFLICT DO NOTHING"
    }

    private static func insert(_ table: String, _ columns: [String]) -> String {
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))"
    }
}
