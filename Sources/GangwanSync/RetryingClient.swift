import Foundation

/// Sends a request until the hub answers it, retrying network failures, 429 and 5xx with backoff,
/// all before a deadline.
///
/// Every attempt sends the same ``HTTPRequest`` value: the same body bytes and the same headers,
/// so an `Idempotency-Key` set by the caller makes a retried push safe to apply once.
///
/// It blocks the calling thread (while sending and while waiting), like ``CurlTransport``.
public struct RetryingClient {
    /// The transport every attempt goes through.
    public let transport: any HTTPTransport
    /// How many attempts and how long between them.
    public let policy: RetryPolicy
    private let sleep: (Duration) -> Void
    private let random: () -> Double

    /// - Parameters:
    ///   - sleep: waits between attempts; tests pass one that records the wait and returns at once.
    ///   - random: a number in `0..<1` for the jitter of each wait.
    public init(
        transport: any HTTPTransport, policy: RetryPolicy = RetryPolicy(),
        sleep: @escaping (Duration) -> Void = RetryingClient.sleepThread,
        random: @escaping () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.transport = transport
        self.policy = policy
        self.sleep = sleep
        self.random = random
    }

    /// Sends `request` until an answer comes that is not worth retrying, and returns it, whatever
    /// its status (2xx, 3xx, or a 4xx other than 429, which the caller interprets).
    ///
    /// No attempt is started, and no wait begun, that would end after `deadline`: each attempt's
    /// timeout is the time left (at most ``RetryPolicy/attemptTimeout``), and a wait that would pass
    /// the deadline ends the loop with ``RetryError/deadlineReached(attempts:last:)``.
    public func send(_ request: HTTPRequest, deadline: ContinuousClock.Instant) throws(RetryError) -> HTTPResponse {
        var attempts = 0
        var last: RetryCause?
        while true {
            let timeLeft = deadline - .now
            guard timeLeft > .zero else { throw .deadlineReached(attempts: attempts, last: last) }
            attempts += 1
            var retryAfter: Duration?
            switch Result(catching: { () throws(TransportError) in try transport.send(request, timeout: min(timeLeft, policy.attemptTimeout)) }) {
            case .success(let response):
                guard policy.retries(status: response.status) else { return response }
                guard attempts < policy.maxAttempts else { throw .status(response.status, attempts: attempts) }
                last = .status(response.status)
                retryAfter = response.retryAfter(now: Date())
            case .failure(let error):
                guard error.isRetryable, attempts < policy.maxAttempts else { throw .unreachable(error, attempts: attempts) }
                last = .transport(error)
            }
            let wait = policy.delay(afterAttempt: attempts, retryAfter: retryAfter, fraction: random())
            guard .now + wait < deadline else { throw .deadlineReached(attempts: attempts, last: last) }
            sleep(wait)
        }
    }

    /// Blocks the calling thread for `duration`.
    public static func sleepThread(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        Thread.sleep(forTimeInterval: Double(seconds) + Double(attoseconds) / 1e18)
    }
}
