import GangwanKit

/// One record shown in full: a label and a value per line, the values lined up.
enum Detail {
    static func render(_ lines: [(String, String)]) -> String {
        let width = lines.map(\.0.displayWidth).max() ?? 0
        return lines.map { "\($0.0.padded(toWidth: width))  \($0.1)" }.joined(separator: "\n")
    }
}
