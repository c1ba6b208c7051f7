import Foundation
@testable import GangwanSync

/// Requests and helpers shared by the transport and retry tests.
enum TestRequests {
    /// A bearer token that must never appear in any error message.
    static let token = "gw-test-token-7f3a9c1e5b"

    /// A push-like request: a gzip body, a bearer token and an idempotency key.
    static func push(to baseURL: String, body: Data = Data(#"{"changes":[{"id":"甲"}]}"#.utf8)) -> HTTPRequest {
        HTTPRequest(
            method: "POST", url: baseURL + "/v1/changes",
            headers: [
                "Authorization": "Bearer \(token)", "Idempotency-Key": "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
                "Content-Type": "application/json", "Content-Encoding": "gzip",
            ],
            body: body)
    }

    /// A request to a port where nothing listens.
    static func toClosedPort() throws -> HTTPRequest {
        push(to: "http://127.0.0.1:\(try TestHTTPServer.closedPort())")
    }
}

/// A sleep that returns at once and remembers how long it was asked to wait.
final class RecordingSleeper {
    private(set) var waits: [Duration] = []

    func sleep(_ duration: Duration) {
        waits.append(duration)
    }
}

extension RetryingClient {
    /// A client over a new curl transport that records its waits instead of sleeping.
    static func instant(policy: RetryPolicy = RetryPolicy(), fraction: Double = 1) -> (RetryingClient, RecordingSleeper) {
        let sleeper = RecordingSleeper()
        let client = RetryingClient(transport: CurlTransport(), policy: policy, sleep: sleeper.sleep, random: { fraction })
        return (client, sleeper)
    }
}

extension ContinuousClock.Instant {
    /// The instant `seconds` from now.
    static func inSeconds(_ seconds: Double) -> ContinuousClock.Instant {
        .now + .milliseconds(Int(seconds * 1000))
    }
}
