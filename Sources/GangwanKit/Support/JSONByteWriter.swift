/// Appends JSON tokens as UTF-8 bytes, written as `JSONEncoder` with `.withoutEscapingSlashes`
/// writes them: strings escape only `"`, `\` and U+0000…U+001F (`\b`, `\f`, `\n`, `\r`, `\t`, the
/// others as `\u001f`), not `/`.
///
/// For the answers the hub and the sync client write by the thousand (locator results, pages
/// and batches of changes), where `JSONEncoder`'s tree of boxed values cost more than the work
/// behind them. The caller writes brackets into ``bytes`` itself.
struct JSONByteWriter {
    var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// `"name":`, after a comma unless it is the object's first key.
    mutating func key(_ name: String) {
        if bytes.last != UInt8(ascii: "{") { bytes.append(UInt8(ascii: ",")) }
        string(name)
        bytes.append(UInt8(ascii: ":"))
    }

    /// A comma unless this is the array's first element.
    mutating func element() {
        if bytes.last != UInt8(ascii: "[") { bytes.append(UInt8(ascii: ",")) }
    }

    mutating func null() {
        bytes.append(contentsOf: "null".utf8)
    }

    mutating func bool(_ value: Bool) {
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    mutating func string(_ text: String?) {
        guard let text else { return null() }
        string(text)
    }

    /// An array of quoted strings.
    mutating func strings(_ values: [String]) {
        bytes.append(UInt8(ascii: "["))
        for value in values {
            element()
            string(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// A quoted string, copying runs of bytes that need no escape in one go.
    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        if text.utf8.withContiguousStorageIfAvailable({ append(escaping: $0) }) == nil {
            var copy = text
            copy.withUTF8 { append(escaping: $0) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// The bytes of a string's content, escaped. Runs are appended as buffers, which copies them
    /// at once (appending a slice of a buffer went byte by byte).
    private mutating func append(escaping utf8: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for index in utf8.indices {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
            escape(byte)
            start = index + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
    }

    /// The escape `JSONEncoder` writes for a quote, a backslash or a control character.
    private mutating func escape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x00..<0x20:
            bytes.append(contentsOf: "u00".utf8)
            bytes.append(Hex.digits[Int(byte >> 4)])
            bytes.append(Hex.digits[Int(byte & 0x0F)])
        default: bytes.append(byte)
        }
    }
}
