import Foundation

/// Prints a JSON array one element at a time, so a long listing starts at once and never sits in memory.
struct JSONArrayWriter {
    private var count = 0
    private let encoder = OutputOptions.jsonEncoder(pretty: false)

    mutating func append(_ value: some Encodable) throws {
        print(count == 0 ? "[" : ",", terminator: "\n")
        print("  " + String(decoding: try encoder.encode(value), as: UTF8.self), terminator: "")
        count += 1
    }

    func finish() {
        print(count == 0 ? "[]" : "\n]")
    }
}
