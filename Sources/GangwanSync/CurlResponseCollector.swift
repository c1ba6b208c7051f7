import Foundation

/// Gathers the status-line headers and body of one transfer from libcurl's callbacks.
///
/// libcurl's C callbacks cannot capture Swift state; they receive this object through their
/// user-data pointer instead.
final class CurlResponseCollector {
    private let limit: Int
    private(set) var headers: [String: String] = [:]
    private(set) var body = Data()
    /// Set when the body passed `limit` and the transfer was stopped.
    private(set) var overflowed = false

    init(limit: Int) {
        self.limit = limit
    }

    /// Takes one chunk of body; returning less than `count` makes libcurl stop with a write error.
    func appendBody(_ data: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
        guard body.count + count <= limit else {
            overflowed = true
            return 0
        }
        if let data, count > 0 { body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: count) }
        return count
    }

    /// Takes one header line, such as `HTTP/1.1 200 OK` or `Retry-After: 5`.
    ///
    /// Splits and trims the raw bytes before making strings: Foundation's `trimmingCharacters`
    /// cost an eighth of the client's CPU per request.
    func appendHeaderLine(_ data: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
        guard let data else { return count }
        let line = UnsafeRawBufferPointer(start: data, count: count)
        if line.starts(with: "HTTP/".utf8) {
            // A new status line starts a new response (after a `100 Continue`, for one): forget the old headers.
            headers = [:]
        } else if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            let name = String(decoding: Self.trimmed(line[..<colon]), as: UTF8.self).lowercased()
            let value = String(decoding: Self.trimmed(line[(colon + 1)...]), as: UTF8.self)
            headers[name] = headers[name].map { $0 + ", " + value } ?? value
        }
        return count
    }

    /// `bytes` without leading and trailing spaces, tabs, CR and LF: the whitespace HTTP allows
    /// around names and values (RFC 9110 §5.6.3), and the line's own CRLF.
    private static func trimmed(_ bytes: Slice<UnsafeRawBufferPointer>) -> Slice<UnsafeRawBufferPointer> {
        func isSpace(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n")
        }
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return bytes[start..<end]
    }
}
