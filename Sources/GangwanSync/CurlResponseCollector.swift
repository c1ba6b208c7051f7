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
    func appendHeaderLine(_ data: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
        guard let data else { return count }
        let line = String(decoding: UnsafeRawBufferPointer(start: data, count: count), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            // A new status line starts a new response (after a `100 Continue`, for one): forget the old headers.
            headers = [:]
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
            headers[name] = headers[name].map { $0 + ", " + value } ?? value
        }
        return count
    }
}
