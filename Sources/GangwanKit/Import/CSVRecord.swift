/// One row of a CSV file, with the physical line it starts on.
public struct CSVRecord: Sendable, Equatable {
    /// The physical line where the row starts: the header is line 1, and a quoted field holding line
    /// breaks pushes the rows after it down, as a text editor numbers them.
    public let line: Int
    /// The fields in file order, without their quotes and with `""` read as `"`.
    public let fields: [String]

    /// Creates a record starting on `line`.
    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}
