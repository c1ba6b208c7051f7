import GangwanKit

/// A plain-text table whose columns line up with Chinese text (a CJK character is two cells).
struct Table {
    var headers: [String]
    var rows: [[String]] = []
    /// Widest a column may grow before its cells are cut with `…`.
    var maxColumnWidth = 40

    /// The table as lines ready to print.
    func render() -> String {
        let widths = headers.indices.map { column in
            min(maxColumnWidth, ([headers] + rows).map { $0[column].displayWidth }.max() ?? 0)
        }
        return ([headers] + rows).map { row in
            row.indices.map { column in
                let cell = row[column].truncated(toWidth: widths[column])
                return column == row.count - 1 ? cell : cell.padded(toWidth: widths[column])
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
