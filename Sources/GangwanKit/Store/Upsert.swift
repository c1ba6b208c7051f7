/// The one statement that writes a whole record row: inserted when new, replaced by id otherwise.
enum Upsert {
    /// `INSERT … ON CONFLICT (id) DO UPDATE SET …` over `columns`, of which `id` is one.
    static func sql(table: String, columns: [String]) -> String {
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let updates = columns.filter { $0 != "id" }.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders)) ON CONFLICT (id) DO UPDATE SET \(updates)"
    }
}
