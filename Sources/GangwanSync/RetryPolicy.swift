/// How many times, and how patiently, ``RetryingClient`` sends a request again.
///
/// Waits grow exponentially with full jitter (a uniformly random wait between zero and the
/// exponential ceiling), so offices whose cron jobs fail together do not retry together. A
/// `Retry-After` from the hub replaces the computed wait.
public struct RetryPolicy: Sendable, Equatable {
    /// The most attempts, the first included.
    public var maxAttempts: Int
    /// The ceiling of the first wait; each later ceiling doubles.
    public var baseDelay: Duration
    /// The highest ceiling a computed wait can reach (a `Retry-After` may ask for longer).
    public var maxDelay: Duration
    /// The most one attempt may take, however far away the deadline is.
    public var attemptTimeout: Duration

    public init(
        maxAttempts: Int = 8, baseDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(60),
        attemptTimeout: Duration = .seconds(120)
    ) {
        precondition(maxAttempts >= 1, "a request needs at least one attempt")
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.attemptTimeout = attemptTimeout
    }

    /// Whether an answer with this status is worth asking for again: 429 (too many requests) and
    /// every 5xx. Other statuses, 4xx included, would come back the same.
    public func retries(status: Int) -> Bool {
        status == 429 || (500..<600).contains(status)
    }

    /// The wait after attempt number `attempt` (1 for the first) before the next one.
    ///
    /// - Parameters:
    ///   - retryAfter: the wait the hub asked for, which is used as it is.
    ///   - fraction: a random number in `0..<1` that picks the wait below the ceiling
    ///     `min(maxDelay, baseDelay × 2^(attempt − 1))`.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration?, fraction: Double) -> Duration {
        if let retryAfter { return max(.zero, retryAfter) }
        let doublings = Double(min(max(attempt - 1, 0), 62))
        let ceiling = min(maxDelay, baseDelay * Double.pow2(doublings))
        return ceiling * min(max(fraction, 0), 1)
    }
}

extension Double {
    /// 2 to the power `exponent`.
    fileprivate static func pow2(_ exponent: Double) -> Double {
        Double(sign: .plus, exponent: Int(exponent), significand: 1)
    }
}
