import Foundation
import Glibc

/// A failed socket call in the test server, with its errno.
struct SocketError: Error, CustomStringConvertible {
    let call: String
    let code: Int32

    init(_ call: String) {
        self.call = call
        code = errno
    }

    var description: String { "\(call): \(String(cString: strerror(code)))" }
}

/// One connected TCP socket with a read buffer, for reading HTTP/1.1 messages and writing bytes.
final class TestSocket {
    let descriptor: Int32
    private var buffer: [UInt8] = []

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Connects to `127.0.0.1:port`.
    static func connect(toLoopbackPort port: UInt16) throws -> TestSocket {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw SocketError("socket") }
        var address = loopbackAddress(port: port)
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard status == 0 else {
            let error = SocketError("connect")
            Glibc.close(descriptor)
            throw error
        }
        return TestSocket(descriptor: descriptor)
    }

    static func loopbackAddress(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }

    func close() {
        Glibc.close(descriptor)
    }

    /// Writes all of `bytes`; false if the peer has gone.
    @discardableResult
    func write(_ bytes: some Sequence<UInt8>) -> Bool {
        let bytes = Array(bytes)
        var sent = 0
        while sent < bytes.count {
            // MSG_NOSIGNAL: a peer that hung up must not kill the test process with SIGPIPE.
            let count = bytes[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }

    /// Reads one HTTP/1.1 message: the head (start line and headers) and a body of `Content-Length`
    /// bytes (none without that header; chunked bodies are not supported). Nil when the peer closes
    /// or sends something that is not HTTP.
    func readMessage() -> (head: [String], body: Data)? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        while headEnd == nil {
            headEnd = buffer.firstRange(of: separator)?.lowerBound
            if headEnd == nil, !fill() { return nil }
            // Every HTTP method starts with a capital letter.
            guard let first = buffer.first, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) else { return nil }
        }
        let head = String(decoding: buffer[..<headEnd!], as: UTF8.self).components(separatedBy: "\r\n")
        buffer.removeFirst(headEnd! + separator.count)
        let length = head.dropFirst().compactMap { line -> Int? in
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
            return Int(parts[1].trimmingCharacters(in: .whitespaces))
        }.first ?? 0
        while buffer.count < length {
            guard fill() else { return nil }
        }
        let body = Data(buffer[..<length])
        buffer.removeFirst(length)
        return (head, body)
    }

    /// Reads until the peer closes and returns everything read.
    func readToEnd() -> Data {
        while fill() {}
        defer { buffer.removeAll() }
        return Data(buffer)
    }

    /// Appends what the socket has to the buffer, waiting for it; false at end of stream or error.
    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[..<count])
        return true
    }
}
