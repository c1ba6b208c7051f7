/// Lowercase hexadecimal digits as bytes, for the hand-written formatters of ids, clocks and JSON.
enum Hex {
    static let digits = Array("0123456789abcdef".utf8)
}
