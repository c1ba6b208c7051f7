import Foundation

/// Checks shared by every typed-in field: text a clerk could have typed, and calendar days.
public enum FieldText {
    /// Reads a real calendar day written `YYYY-MM-DD`.
    static func day(_ text: String, field: String) throws(FieldError) -> String? {
        let trimmed = text.trimmed
        if trimmed.isEmpty { return nil }
        if ShanghaiTime.plausibleDay(trimmed) != nil { return trimmed }
        throw FieldError(field: field, value: trimmed, reason: localized("is not a date like 2026-03-01", "不是形如 2026-03-01 的日期"))
    }

    /// Who makes a change, as the audit trail and every node record it: text a clerk could type.
    public static func actor(_ text: String) throws(FieldError) -> String {
        try required(text, field: "actor", maxLength: 64)
    }

    static func required(_ text: String, field: String, maxLength: Int) throws(FieldError) -> String {
        guard let value = try optional(text, field: field, maxLength: maxLength) else {
            throw FieldError(field: field, value: "", reason: localized("must not be empty", "不能为空"))
        }
        return value
    }

    /// Trims the text and refuses what no clerk types: control and bidi-override characters, or too much.
    ///
    /// Line breaks and tabs inside a cell (Alt+Enter in Excel) become single spaces.
    static func optional(_ text: String, field: String, maxLength: Int, allowSpaces: Bool = true) throws(FieldError) -> String? {
        // Every control or bidi character starts with one of these UTF-8 bytes; most cells have none,
        // and skipping the scalar checks for them is much of an import's speed.
        let suspicious = text.utf8.contains { (byte: UInt8) -> Bool in
            byte < 0x20 || byte == 0x7F || byte == 0xC2 || byte == 0xE2
        }
        let trimmed = suspicious
            ? text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" || $0 == "\t" })
                .map { $0.trimmed }.filter { !$0.isEmpty }.joined(separator: " ")
            : text.trimmed
        // Nothing but invisible characters (a zero-width space, a byte-order mark) is no text
        // either. Those lie outside ASCII and below U+3001 or from U+FE00 on, so text that starts
        // with a letter, a digit or a Chinese character is not looked at again.
        let first = trimmed.unicodeScalars.first?.value ?? 0
        if trimmed.isEmpty || (suspicious || first >= 0x80 && (first <= 0x3000 || first >= 0xFE00))
            && trimmed.unicodeScalars.allSatisfy({ $0.properties.isWhitespace || $0.properties.generalCategory == .format }) {
            return nil
        }
        var shown: String { String(trimmed.prefix(40)) }
        if suspicious || !allowSpaces,
           let bad = trimmed.unicodeScalars.first(where: { isHostile($0) || (!allowSpaces && $0.isWhitespace) }) {
            let codePoint = String(format: "U+%04X", bad.value)
            throw FieldError(field: field, value: shown, reason: localized(
                "contains a character that is not allowed here (\(codePoint))", "包含不允许的字符（\(codePoint)）"))
        }
        // No text has more characters than UTF-8 bytes: most cells need no counting.
        guard trimmed.utf8.count <= maxLength || trimmed.count <= maxLength else {
            throw FieldError(field: field, value: shown + "…", reason: localized(
                "is longer than \(maxLength) characters", "超过 \(maxLength) 个字符"))
        }
        return trimmed
    }

    /// The text without the characters ``isHostile(_:)`` refuses, as a message may show it: a value
    /// echoed to a terminal must not move its cursor, clear it or reverse its text.
    static func visible(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { !isHostile($0) }))
    }

    private static func isHostile(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar.value < 0x20 || scalar.value == 0x7F }
        return scalar.properties.generalCategory == .control
            || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }
}
