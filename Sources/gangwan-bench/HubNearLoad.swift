import Foundation
import GangwanKit
import GangwanSync

/// Closed-loop load on the hub's `near` endpoint: keep-alive connections, each sending the next
/// request as soon as the previous answer has arrived.
struct HubNearLoad {
    let baseURL: String
    let limit: Int
    let connections: Int

    /// Distinct query points per connection, cycled through.
    static let pointsPerConnection = 4_096

    /// What one run measured, all connections together.
    struct Result {
        /// Seconds from starting the first connection until the last one stopped.
        var seconds: Double
        /// The time of every completed request, as the client saw it.
        var latencies: [Double]
        /// Requests not answered 200 with a JSON array (a connection that fails stops the run).
        var errors: Int
        var firstError: String?
        /// Body bytes of the 200 answers.
        var bytes: Int
    }

    /// One request, checked: the answer is a JSON array of stations.
    func sampleAnswer() throws -> (stations: Int, bytes: Int) {
        let origin = SyntheticStations.cities[0]
        let response = try CurlTransport().send(
            HTTPRequest(method: "GET", url: url(Coordinate(unchecked: origin.lat, origin.lon))), timeout: .seconds(10))
        guard response.status == 200, let answer = try JSONSerialization.jsonObject(with: response.body) as? [Any] else {
            throw HubNearLoadFailure(message: "the hub answered \(response.status): \(String(decoding: response.body, as: UTF8.self))")
        }
        return (answer.count, response.body.count)
    }

    /// Runs every connection for `seconds`; connection `i` draws its points from seed `seed + i`.
    ///
    /// One thread drives every connection through `poll(2)`, writing each request as prepared
    /// bytes and reading its answer by `Content-Length`, as `wrk` does: the two cores are shared with
    /// the hub, and a client that costs little leaves them to it (libcurl on a thread per
    /// connection took 0.35–0.37 of a core for 4,400–4,800 requests/s).
    func run(seconds: Double, seed: UInt64) throws -> Result {
        guard let components = URLComponents(string: baseURL), let host = components.host, let port = components.port else {
            throw HubNearLoadFailure(message: "cannot read host and port from \(baseURL)")
        }
        let connections = try (0..<connections).map { index in
            var random = SeededGenerator(seed: seed &+ UInt64(index))
            let requests = (0..<Self.pointsPerConnection).map { _ in
                Array("GET \(path(SyntheticStations.randomOrigin(using: &random))) HTTP/1.1\r\nHost: \(host):\(port)\r\n\r\n".utf8)
            }
            return try RawConnection(host: host, port: UInt16(port), requests: requests)
        }
        var result = Result(seconds: 0, latencies: [], errors: 0, firstError: nil, bytes: 0)
        result.latencies.reserveCapacity(1 << 17)
        let start = Timer.now()
        let deadline = start + seconds
        for connection in connections { try connection.send(at: start) }
        var polled = connections.map { pollfd(fd: $0.socket, events: Int16(POLLIN), revents: 0) }
        while connections.contains(where: \.busy) {
            guard poll(&polled, nfds_t(polled.count), 10_000) > 0 else { throw HubNearLoadFailure(message: "no answer for 10 s") }
            for (index, connection) in connections.enumerated() where polled[index].revents != 0 {
                guard let answer = try connection.receive() else { continue }
                let now = Timer.now()
                result.latencies.append(now - answer.sent)
                if answer.status == 200 && answer.isArray {
                    result.bytes += answer.bodyBytes
                } else {
                    result.errors += 1
                    if result.firstError == nil { result.firstError = "status \(answer.status)" }
                }
                if now < deadline {
                    try connection.send(at: now)
                } else {
                    // Done: poll(2) skips a negative descriptor, so a socket the hub closes meanwhile
                    // does not wake this loop again and again.
                    polled[index].fd = -1
                }
            }
        }
        result.seconds = Timer.now() - start
        return result
    }

    private func url(_ origin: Coordinate) -> String {
        baseURL + path(origin)
    }

    private func path(_ origin: Coordinate) -> String {
        String(format: "/v1/stations/near?lat=%.6f&lon=%.6f&limit=%d", origin.latitude, origin.longitude, limit)
    }

    /// One keep-alive HTTP/1.1 connection with at most one request in flight.
    private final class RawConnection {
        let socket: Int32
        private let requests: [[UInt8]]
        private var next = 0
        private var buffer: [UInt8] = []
        private var chunk = [UInt8](repeating: 0, count: 65_536)
        /// When the request in flight was written; nil when none is.
        private var sent: Double?

        var busy: Bool { sent != nil }

        struct Answer {
            var status: Int
            var bodyBytes: Int
            /// Whether the body is bracketed as a JSON array (the first answer is checked whole).
            var isArray: Bool
            var sent: Double
        }

        init(host: String, port: UInt16, requests: [[UInt8]]) throws {
            self.requests = requests
            socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            guard socket >= 0, inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
                throw HubNearLoadFailure(message: "cannot make a socket for \(host)")
            }
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { throw HubNearLoadFailure(message: "cannot connect to \(host):\(port): errno \(errno)") }
            var noDelay: Int32 = 1
            setsockopt(socket, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
        }

        deinit { close(socket) }

        /// Writes the next request whole (a few hundred bytes: the socket's buffer takes them at once).
        func send(at time: Double) throws {
            let request = requests[next]
            next = (next + 1) % requests.count
            let written = request.withUnsafeBytes { write(socket, $0.baseAddress, $0.count) }
            guard written == request.count else { throw HubNearLoadFailure(message: "writing a request failed: errno \(errno)") }
            sent = time
        }

        /// Reads what has arrived; the answer, once whole.
        func receive() throws -> Answer? {
            let count = chunk.withUnsafeMutableBytes { read(socket, $0.baseAddress, $0.count) }
            guard count > 0 else { throw HubNearLoadFailure(message: "the hub closed a connection (read \(count), errno \(errno))") }
            buffer += chunk[..<count]
            guard let sent, let (status, length) = try Self.head(buffer), buffer.count >= length.head + length.body else { return nil }
            guard buffer.count == length.head + length.body else { throw HubNearLoadFailure(message: "more bytes than one answer") }
            let isArray = length.body >= 2 && buffer[length.head] == UInt8(ascii: "[") && buffer[buffer.count - 1] == UInt8(ascii: "]")
            buffer.removeAll(keepingCapacity: true)
            self.sent = nil
            return Answer(status: status, bodyBytes: length.body, isArray: isArray, sent: sent)
        }

        /// The status and the lengths of head and body, once the head has arrived.
        private static func head(_ bytes: [UInt8]) throws -> (Int, (head: Int, body: Int))? {
            let end = Array("\r\n\r\n".utf8)
            guard let headEnd = bytes.indices.dropLast(3).first(where: { bytes[$0..<$0 + 4].elementsEqual(end) }) else { return nil }
            let lines = String(decoding: bytes[..<headEnd], as: UTF8.self).split(separator: "\r\n")
            let statusWords = lines.first?.split(separator: " ") ?? []
            guard statusWords.count >= 2, let status = Int(statusWords[1]) else { throw HubNearLoadFailure(message: "not an HTTP answer") }
            let lengthLine = lines.dropFirst().first { $0.lowercased().hasPrefix("content-length:") }
            guard let lengthLine, let length = Int(lengthLine.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) else {
                throw HubNearLoadFailure(message: "an answer without Content-Length")
            }
            return (status, (headEnd + 4, length))
        }
    }
}
