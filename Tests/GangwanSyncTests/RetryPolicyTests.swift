import Foundation
import Testing
@testable import GangwanSync

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(baseDelay: .seconds(1), maxDelay: .seconds(10))

    @Test func theCeilingDoublesEachAttemptUpToTheMaximum() {
        let ceilings = (1...6).map { policy.delay(afterAttempt: $0, retryAfter: nil, fraction: 1) }
        #expect(ceilings == [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(10), .seconds(10)])
        #expect(policy.delay(afterAttempt: 10_000, retryAfter: nil, fraction: 1) == .seconds(10))
    }

    @Test func fullJitterSpreadsWaitsFromZeroToTheCeiling() {
        #expect(policy.delay(afterAttempt: 3, retryAfter: nil, fraction: 0) == .zero)
        #expect(policy.delay(afterAttempt: 3, retryAfter: nil, fraction: 0.25) == .seconds(1))
        #expect(policy.delay(afterAttempt: 3, retryAfter: nil, fraction: 0.5) == .seconds(2))
    }

    @Test func retryAfterIsUsedAsGivenEvenAboveTheMaximum() {
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(42), fraction: 0) == .seconds(42))
    }

    @Test func retriesOnlyTooManyRequestsAndServerErrors() {
        #expect([429, 500, 502, 503, 504, 599].allSatisfy(policy.retries(status:)))
        #expect(![200, 204, 304, 400, 401, 403, 404, 409, 413, 422, 600].contains(where: policy.retries(status:)))
    }

    @Test func readsRetryAfterInSeconds() {
        let now = Date()
        #expect(HTTPResponse(status: 503, headers: ["Retry-After": "5"]).retryAfter(now: now) == .seconds(5))
        #expect(HTTPResponse(status: 503, headers: ["retry-after": " 120 "]).retryAfter(now: now) == .seconds(120))
        #expect(HTTPResponse(status: 503, headers: ["Retry-After": "99999999999999999999999"]).retryAfter(now: now) == .seconds(Int(Int32.max)))
    }

    @Test func readsRetryAfterAsAnHTTPDate() {
        let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18T11:06:40Z
        #expect(HTTPResponse(status: 429, headers: ["Retry-After": "Wed, 18 Nov 2026 11:07:10 GMT"]).retryAfter(now: now) == .seconds(30))
        #expect(HTTPResponse(status: 429, headers: ["Retry-After": "Wed, 18 Nov 2026 11:00:00 GMT"]).retryAfter(now: now) == .zero)
    }

    @Test func ignoresAMissingOrUnreadableRetryAfter() {
        #expect(HTTPResponse(status: 503).retryAfter(now: Date()) == nil)
        #expect(HTTPResponse(status: 503, headers: ["Retry-After": "soon"]).retryAfter(now: Date()) == nil)
        #expect(HTTPResponse(status: 503, headers: ["Retry-After": "-5"]).retryAfter(now: Date()) == nil)
    }
}
