import Foundation
import Testing
@testable import GangwanSync

/// The test server's proxy mode, which end-to-end tests put in front of a real hub.
@Suite struct TestHTTPServerTests {
    @Test func forwardsRequestsAndAnswersUnchanged() throws {
        let upstream = try TestHTTPServer(replies: [.respond(status: 207, headers: ["X-From": "hub"], body: Data("answer".utf8))])
        let proxy = try TestHTTPServer(upstreamPort: upstream.port, replies: [], otherwise: .forward)
        defer { [proxy, upstream].forEach { $0.stop() } }
        let request = TestRequests.push(to: proxy.baseURL, body: Data("body bytes".utf8))
        let response = try CurlTransport().send(request, timeout: .seconds(5))

        #expect(response.status == 207 && response.header("x-from") == "hub" && response.body == Data("answer".utf8))
        let seen = try #require(upstream.requests.first)
        #expect(seen.method == "POST" && seen.target == "/v1/changes" && seen.body == request.body)
        #expect(seen.header("Idempotency-Key") == request.headers["Idempotency-Key"])
        #expect(proxy.requests.count == 1)
    }

    @Test func anAnswerLostAfterTheHubActedIsRetriedWithTheSameKey() throws {
        let upstream = try TestHTTPServer(replies: [], otherwise: .ok(#"{"results":["applied"]}"#))
        let proxy = try TestHTTPServer(upstreamPort: upstream.port, replies: [.forwardThenClose], otherwise: .forward)
        defer { [proxy, upstream].forEach { $0.stop() } }
        let (client, _) = RetryingClient.instant(policy: RetryPolicy(baseDelay: .milliseconds(10)))
        let request = TestRequests.push(to: proxy.baseURL)
        let response = try client.send(request, deadline: .inSeconds(30))

        #expect(response.body == Data(#"{"results":["applied"]}"#.utf8))
        let seen = upstream.requests
        #expect(seen.count == 2)
        #expect(seen.allSatisfy { $0.body == request.body && $0.header("Idempotency-Key") == request.headers["Idempotency-Key"] })
    }

    @Test func injectsAFaultOnAChosenRequestOnly() throws {
        let upstream = try TestHTTPServer(replies: [], otherwise: .ok())
        let proxy = try TestHTTPServer(upstreamPort: upstream.port) { request, _ in
            request.method == "POST" ? .respond(status: 503, headers: ["Retry-After": "2"]) : .forward
        }
        defer { [proxy, upstream].forEach { $0.stop() } }
        let transport = CurlTransport()
        #expect(try transport.send(HTTPRequest(method: "GET", url: proxy.baseURL + "/healthz"), timeout: .seconds(5)).status == 200)
        let refused = try transport.send(TestRequests.push(to: proxy.baseURL), timeout: .seconds(5))
        #expect(refused.status == 503 && refused.header("Retry-After") == "2")
        #expect(upstream.requests.map(\.target) == ["/healthz"])
    }
}
