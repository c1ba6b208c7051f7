/// A list bound as one JSON array to `json_each(?)`, so that one statement takes any number of values.
enum JSONEachList {
    /// Stored ids (hexadecimal digits and dashes: nothing to escape) as a JSON array of strings.
    static func ids(_ ids: some Sequence<String>) -> String {
        "[" + ids.map { "\"\($0)\"" }.joined(separator: ",") + "]"
    }

    /// Row numbers as a JSON array.
    static func numbers(_ numbers: [Int64]) -> String {
        "[" + numbers.map(String.init).joined(separator: ",") + "]"
    }
}
