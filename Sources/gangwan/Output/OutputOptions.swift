import ArgumentParser
import Foundation
import GangwanKit

/// How a read command prints: a table for people, JSON for scripts, positions in the map's system.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON for scripts instead of a table.")
    var json = false

    @Option(name: .customLong("output-crs"), help: "Coordinate system of printed positions: wgs84, gcj02 (Amap, Tencent, WeChat) or bd09 (Baidu).")
    var outputCRS: CoordinateSystem = .wgs84

    /// Prints a value as pretty JSON on standard output.
    static func printJSON(_ value: some Encodable) throws {
        print(try jsonText(value))
    }

    /// A value as pretty JSON with snake_case keys.
    static func jsonText(_ value: some Encodable) throws -> String {
        String(decoding: try jsonEncoder(pretty: true).encode(value), as: UTF8.self)
    }

    /// The one JSON style of every `--json`: snake_case keys, sorted; pretty unless streamed line by line.
    static func jsonEncoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }
}

/// Picks the English or Chinese text for the current `LANG`.
func text(_ english: String, _ chinese: String) -> String {
    Language.current.pick(english, chinese)
}
