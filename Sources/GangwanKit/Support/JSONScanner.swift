import Foundation

/// Why a body is not the JSON a sync message should be: where (a path such as `changes.3.hlc`)
/// and what, without quoting the body.
public struct JSONFormatError: Error, Equatable, CustomStringConvertible {
    public var path: [String]
    public var reason: String

    init(_ reason: String, at path: [String] = []) {
        self.reason = reason
        self.path = path
    }

    /// The same error seen from the object or array that holds it.
    func within(_ step: String) -> JSONFormatError {
        JSONFormatError(reason, at: [step] + path)
    }

    public var description: String {
        path.isEmpty ? reason : "\(path.joined(separator: ".")): \(reason)"
    }
}

/// Reads JSON text value by value, the caller saying what it expects next, for the sync messages
/// offices and the hub exchange by the thousand (`JSONDecoder` took more time than merging them).
///
/// Strict as RFC 8259: no comments, no trailing commas, strings valid UTF-8 with the standard
/// escapes (a surrogate pair for a character beyond U+FFFF). Keys the caller does not know are
/// skipped, as `JSONDecoder` skips them.
struct JSONScanner {
    private let bytes: [UInt8]
    private var index = 0
    /// How many objects and arrays enclose the current position.
    private var depth = 0

    /// The deepest nesting read: sync messages need four levels, and each level of a skipped value
    /// costs stack, so a small body nested tens of thousands deep cannot overflow it.
    static let deepestNesting = 32

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Reads an object; `member` is called with each key and must read its value.
    mutating func object(_ member: (inout JSONScanner, String) throws -> Void) throws {
        try expect(UInt8(ascii: "{"), "an object")
        try enter()
        defer { depth -= 1 }
        if try peek() == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            let key = try string()
            try expect(UInt8(ascii: ":"), "a colon")
            do {
                try member(&self, key)
            } catch let error as JSONFormatError {
                throw error.within(key)
            }
            guard try take(UInt8(ascii: ",")) else { return try expect(UInt8(ascii: "}"), "a comma or }") }
        }
    }

    /// Reads an array; `element` is called with each position and must read the value.
    mutating func array(_ element: (inout JSONScanner, Int) throws -> Void) throws {
        try expect(UInt8(ascii: "["), "an array")
        try enter()
        defer { depth -= 1 }
        if try peek() == UInt8(ascii: "]") {
            index += 1
            return
        }
        var position = 0
        while true {
            do {
                try element(&self, position)
            } catch let error as JSONFormatError {
                throw error.within(String(position))
            }
            position += 1
            guard try take(UInt8(ascii: ",")) else { return try expect(UInt8(ascii: "]"), "a comma or ]") }
        }
    }

    /// A string, or `nil` for `null`.
    mutating func optionalString() throws -> String? {
        if try peek() == UInt8(ascii: "n") {
            try literal("null")
            return nil
        }
        return try string()
    }

    mutating func bool() throws -> Bool {
        if try peek() == UInt8(ascii: "t") {
            try literal("true")
            return true
        }
        try literal("false", expected: "true or false")
        return false
    }

    mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""), "a string")
        let start = index
        // Scanned and decoded through the array's buffer: a string is read per key and per value,
        // and indexing the array byte by byte, with its checks, was most of reading a batch.
        let (end, escaped, text) = bytes.withUnsafeBufferPointer { buffer -> (Int, Bool, String?) in
            var end = start
            var escaped = false
            var highBits: UInt8 = 0
            while end < buffer.count {
                let byte = buffer[end]
                if byte == UInt8(ascii: "\"") || byte < 0x20 { break }
                highBits |= byte
                if byte == UInt8(ascii: "\\") {
                    escaped = true
                    end += 2
                } else {
                    end += 1
                }
            }
            guard !escaped, end < buffer.count, buffer[end] == UInt8(ascii: "\"") else { return (end, escaped, nil) }
            let utf8 = UnsafeBufferPointer(rebasing: buffer[start..<end])
            // ASCII is always valid UTF-8.
            return (end, false, highBits < 0x80 ? String(decoding: utf8, as: UTF8.self) : Self.validText(utf8))
        }
        index = end
        guard index < bytes.count else { throw failure("a string does not end") }
        guard bytes[index] == UInt8(ascii: "\"") else { throw failure("a control character inside a string must be escaped") }
        index += 1
        if let text { return text }
        if escaped, let text = try Self.unescaped(bytes[start..<end]).withUnsafeBufferPointer(Self.validText) { return text }
        throw failure("a string is not valid UTF-8")
    }

    /// The text if `utf8` is valid UTF-8, else `nil`. Decoding copies valid UTF-8 byte for byte and
    /// replaces whatever is not, so the same bytes back mean it was valid. (`String(validating:as:)`
    /// looks up generic metadata on every call: a third of the time of reading a batch.)
    private static func validText(_ utf8: UnsafeBufferPointer<UInt8>) -> String? {
        var text = String(decoding: utf8, as: UTF8.self)
        let same = text.withUTF8 { decoded in
            decoded.count == utf8.count && (utf8.isEmpty || memcmp(decoded.baseAddress!, utf8.baseAddress!, utf8.count) == 0)
        }
        return same ? text : nil
    }

    /// Passes over a value of any kind.
    mutating func skipValue() throws {
        switch try peek() {
        case UInt8(ascii: "{"): try object { scanner, _ in try scanner.skipValue() }
        case UInt8(ascii: "["): try array { scanner, _ in try scanner.skipValue() }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try bool()
        case UInt8(ascii: "n"): try literal("null")
        default: try number()
        }
    }

    private mutating func enter() throws {
        guard depth < Self.deepestNesting else { throw failure("nested deeper than \(Self.deepestNesting) levels") }
        depth += 1
    }

    /// Checks that nothing but white space follows.
    mutating func end() throws {
        skipSpace()
        guard index == bytes.count else { throw failure("unexpected text after the end") }
    }

    /// An error at the current position.
    func failure(_ reason: String) -> JSONFormatError {
        JSONFormatError("\(reason) (byte \(index))")
    }

    // MARK: - Tokens

    private mutating func number() throws {
        let start = index
        while index < bytes.count, Self.isNumberByte(bytes[index]) { index += 1 }
        guard index > start, Double(String(decoding: bytes[start..<index], as: UTF8.self)) != nil else {
            index = start
            throw failure("expected a value")
        }
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
             UInt8(ascii: "e"), UInt8(ascii: "E"): true
        default: false
        }
    }

    private mutating func literal(_ word: StaticString, expected: String? = nil) throws {
        skipSpace()
        let length = word.utf8CodeUnitCount
        guard index + length <= bytes.count,
              word.withUTF8Buffer({ $0.elementsEqual(bytes[index..<index + length]) })
        else { throw failure("expected \(expected ?? word.description)") }
        index += length
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws {
        guard try take(byte) else { throw failure("expected \(what)") }
    }

    /// Consumes `byte` if it comes next.
    private mutating func take(_ byte: UInt8) throws -> Bool {
        guard try peek() == byte else { return false }
        index += 1
        return true
    }

    /// The next byte after white space, not consumed.
    private mutating func peek() throws -> UInt8 {
        skipSpace()
        guard index < bytes.count else { throw failure("the text ends too soon") }
        return bytes[index]
    }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): index += 1
            default: return
            }
        }
    }

    /// The bytes of a string with its escapes resolved.
    private static func unescaped(_ text: ArraySlice<UInt8>) throws -> ArraySlice<UInt8> {
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        var index = text.startIndex
        func hexUnit() throws -> UInt32 {
            guard index + 6 <= text.endIndex, text[index + 1] == UInt8(ascii: "u") else {
                throw JSONFormatError("a \\u escape needs four hex digits")
            }
            var value: UInt32 = 0
            for byte in text[index + 2..<index + 6] {
                guard let digit = Character(UnicodeScalar(byte)).hexDigitValue else {
                    throw JSONFormatError("a \\u escape needs four hex digits")
                }
                value = value << 4 | UInt32(digit)
            }
            index += 6
            return value
        }
        while index < text.endIndex {
            guard text[index] == UInt8(ascii: "\\") else {
                output.append(text[index])
                index += 1
                continue
            }
            guard index + 1 < text.endIndex else { throw JSONFormatError("a string ends inside an escape") }
            let simple: UInt8? = switch text[index + 1] {
            case UInt8(ascii: "\""): UInt8(ascii: "\"")
            case UInt8(ascii: "\\"): UInt8(ascii: "\\")
            case UInt8(ascii: "/"): UInt8(ascii: "/")
            case UInt8(ascii: "b"): 0x08
            case UInt8(ascii: "f"): 0x0C
            case UInt8(ascii: "n"): 0x0A
            case UInt8(ascii: "r"): 0x0D
            case UInt8(ascii: "t"): 0x09
            default: nil
            }
            if let simple {
                output.append(simple)
                index += 2
                continue
            }
            var scalar = try hexUnit()
            if (0xD800..<0xDC00).contains(scalar) {
                guard index < text.endIndex, text[index] == UInt8(ascii: "\\") else {
                    throw JSONFormatError("a \\u escape of a high surrogate must be followed by its low surrogate")
                }
                let low = try hexUnit()
                guard (0xDC00..<0xE000).contains(low) else {
                    throw JSONFormatError("a \\u escape of a high surrogate must be followed by its low surrogate")
                }
                scalar = 0x10000 + (scalar - 0xD800) << 10 + (low - 0xDC00)
            }
            guard let character = Unicode.Scalar(scalar) else { throw JSONFormatError("a \\u escape names a lone surrogate") }
            output.append(contentsOf: String(character).utf8)
        }
        return output[...]
    }
}
