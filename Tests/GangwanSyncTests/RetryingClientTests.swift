import Foundation
import GangwanKit
import Testing
@testable import GangwanSync

@Suite struct RetryingClientTests {
    let fastPolicy = RetryPolicy(maxAttempts: 5, baseDelay: .milliseconds(100), maxDelay: .seconds(1))

    @Test func retriesServerErrorsAndResendsTheSameBytesAndKey() throws {
        let server = try TestHTTPServer(replies: [.respond(status: 503), .respond(status: 500), .ok(#"{"results":[]}"#)])
        defer { server.stop() }
        let (client, sleeper) = RetryingClient.instant(policy: fastPolicy)
        let request = TestRequests.push(to: server.baseURL, body: Gzip.compress(Data(#"{"changes":[1,2,3]}"#.utf8)))
        let response = try client.send(request, deadline: .inSeconds(30))

        #expect(response.status == 200 && response.body == Data(#"{"results":[]}"#.utf8))
        let received = server.requests
        #expect(received.count == 3)
        #expect(received.allSatisfy { $0.body == request.body })
        #expect(received.allSatisfy { $0.header("Idempotency-Key") == request.headers["Idempotency-Key"] })
        #expect(received.allSatisfy { $0.header("Authorization") == "Bearer \(TestRequests.token)" })
        // With the random fraction at 1 each wait is the full ceiling, which doubles.
        #expect(sleeper.waits == [.milliseconds(100), .milliseconds(200)])
    }

    @Test func retriesADroppedConnection() throws {
        let server = try TestHTTPServer(replies: [.closeMidway(status: 200, body: Data(count: 500)), .closeWithoutAnswer, .ok()])
        defer { server.stop() }
        let (client, sleeper) = RetryingClient.instant(policy: fastPolicy)
        #expect(try client.send(TestRequests.push(to: server.baseURL), deadline: .inSeconds(30)).status == 200)
        #expect(server.requests.count == 3)
        #expect(sleeper.waits.count == 2)
    }

    @Test func waitsAsLongAsRetryAfterAsks() throws {
        let server = try TestHTTPServer(replies: [.respond(status: 429, headers: ["Retry-After": "7"]), .ok()])
        defer { server.stop() }
        let (client, sleeper) = RetryingClient.instant(policy: fastPolicy)
        #expect(try client.send(TestRequests.push(to: server.baseURL), deadline: .inSeconds(30)).status == 200)
        #expect(sleeper.waits == [.seconds(7)])
    }

    @Test func honoursRetryAfterInRealTime() throws {
        let server = try TestHTTPServer(replies: [.respond(status: 503, headers: ["Retry-After": "1"]), .ok()])
        defer { server.stop() }
        let client = RetryingClient(transport: CurlTransport(), policy: fastPolicy)
        let start = ContinuousClock.now
        #expect(try client.send(TestRequests.push(to: server.baseURL), deadline: .inSeconds(10)).status == 200)
        #expect(ContinuousClock.now - start >= .seconds(1))
        #expect(server.requests.count == 2)
    }

    @Test(arguments: [400, 401, 403, 404, 422])
    func doesNotRetryAClientError(status: Int) throws {
        let server = try TestHTTPServer(replies: [], otherwise: .respond(status: status, body: Data("refused".utf8)))
        defer { server.stop() }
        let (client, sleeper) = RetryingClient.instant(policy: fastPolicy)
        let response = try client.send(TestRequests.push(to: server.baseURL), deadline: .inSeconds(30))
        #expect(response.status == status && response.body == Data("refused".utf8))
        #expect(server.requests.count == 1)
        #expect(sleeper.waits.isEmpty)
    }

    @Test func aHubThatKeepsFailingIsReportedByItsStatus() throws {
        let server = try TestHTTPServer(replies: [], otherwise: .respond(status: 503))
        defer { server.stop() }
        let (client, _) = RetryingClient.instant(policy: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(10)))
        #expect(throws: RetryError.status(503, attempts: 3)) {
            try client.send(TestRequests.push(to: server.baseURL), deadline: .inSeconds(30))
        }
        #expect(server.requests.count == 3)
    }

    @Test func aRefusedConnectionIsUnreachable() throws {
        let (client, sleeper) = RetryingClient.instant(policy: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(10)))
        let error = try #require(#expect(throws: RetryError.self) { try client.send(TestRequests.toClosedPort(), deadline: .inSeconds(30)) })
        guard case .unreachable(.unreachable, attempts: 3) = error else {
            Issue.record("expected unreachable after 3 attempts, got \(error)")
            return
        }
        #expect(sleeper.waits.count == 2)
    }

    @Test func aStalledHubEndsWithATimeoutInsideTheDeadline() throws {
        let server = try TestHTTPServer(replies: [], otherwise: .stall)
        defer { server.stop() }
        let policy = RetryPolicy(maxAttempts: 100, baseDelay: .milliseconds(20), attemptTimeout: .milliseconds(400))
        let client = RetryingClient(transport: CurlTransport(), policy: policy)
        let start = ContinuousClock.now
        let deadline = start + .milliseconds(1500)
        let error = try #require(#expect(throws: RetryError.self) { try client.send(TestRequests.push(to: server.baseURL), deadline: deadline) })
        let finished = ContinuousClock.now

        guard case .deadlineReached(let attempts, last: .transport(.timedOut)?) = error else {
            Issue.record("expected deadlineReached after a timeout, got \(error)")
            return
        }
        #expect(attempts >= 3 && attempts == server.requests.count)
        // curl checks its timeout every few milliseconds; allow a little past the deadline for that (more on a loaded machine).
        #expect(finished < deadline + .milliseconds(500))
        #expect(finished - start >= .milliseconds(1000))
    }

    @Test func aRetryAfterBeyondTheDeadlineStopsAtOnce() throws {
        let server = try TestHTTPServer(replies: [], otherwise: .respond(status: 503, headers: ["Retry-After": "3600"]))
        defer { server.stop() }
        let (client, sleeper) = RetryingClient.instant(policy: fastPolicy)
        #expect(throws: RetryError.deadlineReached(attempts: 1, last: .status(503))) {
            try client.send(TestRequests.push(to: server.baseURL), deadline: .inSeconds(60))
        }
        #expect(sleeper.waits.isEmpty)
    }

    @Test func aPassedDeadlineSendsNothing() throws {
        let server = try TestHTTPServer(replies: [.ok()])
        defer { server.stop() }
        let (client, _) = RetryingClient.instant(policy: fastPolicy)
        #expect(throws: RetryError.deadlineReached(attempts: 0, last: nil)) {
            try client.send(TestRequests.push(to: server.baseURL), deadline: .now - .seconds(1))
        }
        #expect(server.requests.isEmpty)
    }

    @Test func aTLSFailureIsNotRetried() throws {
        // A plain-HTTP server cannot complete a TLS handshake; it closes on the unreadable ClientHello.
        let server = try TestHTTPServer(replies: [], otherwise: .closeWithoutAnswer)
        defer { server.stop() }
        let (client, sleeper) = RetryingClient.instant(policy: fastPolicy)
        let error = try #require(#expect(throws: RetryError.self) {
            try client.send(TestRequests.push(to: "https://127.0.0.1:\(server.port)"), deadline: .inSeconds(10))
        })
        guard case .unreachable(let transportError, attempts: 1) = error, case .tlsFailure = transportError else {
            Issue.record("expected a TLS failure on the first attempt, got \(error)")
            return
        }
        #expect(sleeper.waits.isEmpty)
    }

    @Test func theTokenAppearsInNoError() throws {
        let stalling = try TestHTTPServer(replies: [], otherwise: .stall)
        let failing = try TestHTTPServer(replies: [], otherwise: .respond(status: 503, headers: ["Retry-After": "3600"]))
        let dropping = try TestHTTPServer(replies: [], otherwise: .closeMidway(status: 200, body: Data(count: 100)))
        defer { [stalling, failing, dropping].forEach { $0.stop() } }
        let policy = RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(10), attemptTimeout: .milliseconds(300))
        let (client, _) = RetryingClient.instant(policy: policy)
        let requests = [
            try TestRequests.toClosedPort(), TestRequests.push(to: stalling.baseURL), TestRequests.push(to: failing.baseURL),
            TestRequests.push(to: dropping.baseURL), TestRequests.push(to: "http://hub.example.org"),
            TestRequests.push(to: "https://127.0.0.1:\(try TestHTTPServer.closedPort())"),
        ]
        var descriptions: [String] = []
        for request in requests {
            let error = try #require(#expect(throws: RetryError.self) { try client.send(request, deadline: .inSeconds(10)) })
            descriptions += [error.localizedDescription, String(describing: error), String(reflecting: error)]
        }
        #expect(descriptions.count == 18)
        for description in descriptions {
            #expect(!description.contains(TestRequests.token), "token leaked in: \(description)")
        }
    }
}
