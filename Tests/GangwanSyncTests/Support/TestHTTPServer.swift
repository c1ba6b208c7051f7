import Foundation
import Glibc

/// A scriptable HTTP/1.1 server on 127.0.0.1 for tests, over plain POSIX sockets.
///
/// It records every request, then answers it as its script says: a normal response, a failure
/// (503 or 429 with `Retry-After`), a connection closed halfway through the answer, or silence until
/// the client gives up. Given an upstream port it is also a fault-injecting proxy: `.forward`
/// passes a request to the real hub and its answer back, and the same faults can be injected on
/// chosen requests, including `.forwardThenClose`, where the hub acts on a request whose answer
/// never reaches the client.
///
/// Each connection is served on its own thread and kept alive between requests (unless the client
/// sends `Connection: close`), except that a forwarded exchange ends its connection: the upstream is
/// asked to close, and its answer is relayed as it comes. Anything that does not start like an HTTP
/// request (a TLS ClientHello, say) is answered by closing the connection. Call ``stop()`` when done: the threads keep the server alive until then.
final class TestHTTPServer: @unchecked Sendable {
    /// One request as it arrived.
    struct Request: Sendable {
        let method: String
        /// The path and query, as sent.
        let target: String
        /// Header values by lower-cased name.
        let headers: [String: String]
        let body: Data
        /// Which connection it came on, numbered from 0 in the order they were accepted.
        let connection: Int

        /// The value of the header `name`, whatever its case.
        func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    /// What the server does with one request.
    enum Reply: Sendable {
        /// Answers normally, with `Content-Length` set from the body.
        case respond(status: Int, headers: [String: String] = [:], body: Data = Data())
        /// Announces the whole body but sends only its first half, then closes the connection.
        case closeMidway(status: Int, body: Data)
        /// Closes the connection without answering.
        case closeWithoutAnswer
        /// Sends nothing, holding the connection open until the client gives up (or the server stops).
        case stall
        /// Passes the request to the upstream and its answer back.
        case forward
        /// Passes the request to the upstream, then closes the client's connection without its answer.
        case forwardThenClose

        /// A 200 answer with `body` as JSON.
        static func ok(_ body: String = "{}") -> Reply {
            .respond(status: 200, headers: ["Content-Type": "application/json"], body: Data(body.utf8))
        }
    }

    /// The port the server listens on.
    let port: UInt16
    private let listener: Int32
    private let upstreamPort: UInt16?
    private let answer: @Sendable (Request, Int) -> Reply
    private let lock = NSCondition()
    private var recorded: [Request] = []
    private var openConnections: Set<Int32> = []
    private var acceptedCount = 0
    private var stopped = false

    /// Starts a server that answers request number `index` (from 0) with `answer(request, index)`.
    init(upstreamPort: UInt16? = nil, answer: @escaping @Sendable (_ request: Request, _ index: Int) -> Reply) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw SocketError("socket") }
        var address = TestSocket.loopbackAddress(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && listen(listener, 64) == 0 && getsockname(listener, $0, &length) == 0
            }
        }
        guard bound else {
            let error = SocketError("bind/listen")
            close(listener)
            throw error
        }
        self.listener = listener
        port = UInt16(bigEndian: address.sin_port)
        self.upstreamPort = upstreamPort
        self.answer = answer
        Thread { [self] in acceptConnections() }.start()
    }

    /// Starts a server that gives request number `i` the reply `replies[i]`, and later ones `otherwise`.
    convenience init(upstreamPort: UInt16? = nil, replies: [Reply], otherwise: Reply = .respond(status: 404)) throws {
        try self.init(upstreamPort: upstreamPort) { _, index in index < replies.count ? replies[index] : otherwise }
    }

    /// `http://127.0.0.1:PORT`.
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Every request received so far, in order of arrival.
    var requests: [Request] {
        lock.withLock { recorded }
    }

    /// Stops accepting, and wakes every connection thread blocked on a socket so it can end.
    func stop() {
        lock.withLock {
            guard !stopped else { return }
            stopped = true
            shutdown(listener, Int32(SHUT_RDWR))
            for descriptor in openConnections { shutdown(descriptor, Int32(SHUT_RDWR)) }
        }
    }

    /// A port on 127.0.0.1 where nothing listens: bound (never listened on) to learn a free number, then closed.
    static func closedPort() throws -> UInt16 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw SocketError("socket") }
        defer { close(descriptor) }
        var address = TestSocket.loopbackAddress(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        guard bound else { throw SocketError("bind") }
        return UInt16(bigEndian: address.sin_port)
    }

    // MARK: - Serving

    private func acceptConnections() {
        defer { close(listener) }
        while true {
            let descriptor = accept(listener, nil, nil)
            guard descriptor >= 0 else { return }
            let number: Int? = lock.withLock {
                guard !stopped else { return nil }
                openConnections.insert(descriptor)
                acceptedCount += 1
                return acceptedCount - 1
            }
            guard let number else {
                close(descriptor)
                return
            }
            Thread { [self] in
                serve(TestSocket(descriptor: descriptor), number: number)
                lock.withLock { _ = openConnections.remove(descriptor) }
                close(descriptor)
            }.start()
        }
    }

    /// Answers requests on one connection until it closes or a reply ends it.
    private func serve(_ socket: TestSocket, number: Int) {
        while let (head, body) = socket.readMessage() {
            let request = Self.parse(head: head, body: body, connection: number)
            let index: Int = lock.withLock {
                recorded.append(request)
                return recorded.count - 1
            }
            switch answer(request, index) {
            case .respond(let status, var headers, let body):
                let closing = request.header("Connection")?.lowercased() == "close"
                if closing { headers["Connection"] = "close" }
                guard socket.write(Self.responseHead(status: status, headers: headers, length: body.count) + body), !closing else { return }
            case .closeMidway(let status, let body):
                socket.write(Self.responseHead(status: status, headers: [:], length: body.count) + body.prefix(body.count / 2))
                return
            case .closeWithoutAnswer:
                return
            case .stall:
                _ = socket.readToEnd()
                return
            case .forward:
                socket.write(forwardUpstream(request))
                return
            case .forwardThenClose:
                _ = forwardUpstream(request)
                return
            }
        }
    }

    /// Sends `request` to the upstream with `Connection: close` and returns its whole answer as
    /// bytes; a 502 if there is no upstream or it cannot be reached.
    private func forwardUpstream(_ request: Request) -> Data {
        guard let upstreamPort, let upstream = try? TestSocket.connect(toLoopbackPort: upstreamPort) else {
            return Self.responseHead(status: 502, headers: [:], length: 0)
        }
        defer { upstream.close() }
        var head = "\(request.method) \(request.target) HTTP/1.1\r\n"
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) where name != "connection" {
            head += "\(name): \(value)\r\n"
        }
        head += "Connection: close\r\n\r\n"
        upstream.write(Data(head.utf8) + request.body)
        return upstream.readToEnd()
    }

    private static func parse(head: [String], body: Data, connection: Int) -> Request {
        let requestLine = head[0].split(separator: " ")
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let name = parts[0].lowercased()
            let value = parts[1].trimmingCharacters(in: .whitespaces)
            headers[name] = headers[name].map { $0 + ", " + value } ?? value
        }
        return Request(
            method: requestLine.first.map(String.init) ?? "", target: requestLine.dropFirst().first.map(String.init) ?? "",
            headers: headers, body: body, connection: connection)
    }

    private static func responseHead(status: Int, headers: [String: String], length: Int) -> Data {
        var head = "HTTP/1.1 \(status) Status\(status)\r\nContent-Length: \(length)\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        return Data((head + "\r\n").utf8)
    }
}
