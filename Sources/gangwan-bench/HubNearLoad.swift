import Foundation
import GangwanKit
import GangwanSync

/// Closed-loop load on the hub's `near` endpoint: each connection is a thread of its own with one
/// keep-alive libcurl handle, sending the next request as soon as the previous answer has arrived.
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
        /// The time of every completed request, answered or failed, as the client saw it.
        var latencies: [Double]
        /// Requests that failed in transport or were not answered 200.
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
    func run(seconds: Double, seed: UInt64) -> Result {
        let workers = (0..<connections).map { index in
            var random = SeededGenerator(seed: seed &+ UInt64(index))
            let urls = (0..<Self.pointsPerConnection).map { _ in url(SyntheticStations.randomOrigin(using: &random)) }
            return Worker(urls: urls)
        }
        let group = DispatchGroup()
        let start = Timer.now()
        let deadline = start + seconds
        for worker in workers {
            group.enter()
            let thread = Thread {
                worker.run(until: deadline)
                group.leave()
            }
            thread.start()
        }
        group.wait()
        let elapsed = Timer.now() - start
        return Result(
            seconds: elapsed, latencies: workers.flatMap(\.latencies), errors: workers.reduce(0) { $0 + $1.errors },
            firstError: workers.lazy.compactMap(\.firstError).first, bytes: workers.reduce(0) { $0 + $1.bytes })
    }

    private func url(_ origin: Coordinate) -> String {
        String(format: "%@/v1/stations/near?lat=%.6f&lon=%.6f&limit=%d", baseURL, origin.latitude, origin.longitude, limit)
    }

    /// One connection's loop and tallies; only its own thread touches it until that thread has
    /// finished, and the tallies are read after the join.
    private final class Worker: @unchecked Sendable {
        let urls: [String]
        var latencies: [Double] = []
        var errors = 0
        var firstError: String?
        var bytes = 0

        init(urls: [String]) {
            self.urls = urls
        }

        func run(until deadline: Double) {
            let transport = CurlTransport(configuration: .init(userAgent: "gangwan-bench"))
            latencies.reserveCapacity(1 << 16)
            var next = 0
            var now = Timer.now()
            while now < deadline {
                let request = HTTPRequest(method: "GET", url: urls[next])
                next = (next + 1) % urls.count
                let start = now
                do {
                    let response = try transport.send(request, timeout: .seconds(10))
                    if response.status == 200 {
                        bytes += response.body.count
                    } else {
                        fail("status \(response.status)")
                    }
                } catch {
                    fail(error.localizedDescription)
                }
                now = Timer.now()
                latencies.append(now - start)
            }
        }

        private func fail(_ message: String) {
            errors += 1
            if firstError == nil { firstError = message }
        }
    }
}
