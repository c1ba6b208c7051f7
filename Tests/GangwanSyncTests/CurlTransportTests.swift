import Foundation
import GangwanKit
import Testing
@testable import GangwanSync

@Suite struct CurlTransportTests {
    let transport = CurlTransport()

    @Test func sendsMethodHeadersAndBodyAndReadsTheAnswer() throws {
        let server = try TestHTTPServer(replies: [.respond(status: 201, headers: ["X-Hub-Note": "stored"], body: Data("done".utf8))])
        defer { server.stop() }
        let request = TestRequests.push(to: server.baseURL, body: Data([0, 1, 2, 0xFF, 0]))
        let response = try transport.send(request, timeout: .seconds(5))

        #expect(response.status == 201)
        #expect(response.header("X-HUB-NOTE") == "stored" && response.headers["x-hub-note"] == "stored")
        #expect(response.body == Data("done".utf8))
        let received = try #require(server.requests.first)
        #expect(received.method == "POST" && received.target == "/v1/changes")
        #expect(received.body == Data([0, 1, 2, 0xFF, 0]))
        #expect(received.header("Authorization") == "Bearer \(TestRequests.token)")
        #expect(received.header("Expect") == nil)
    }

    @Test func sendsOtherMethodsAndEmptyBodies() throws {
        let server = try TestHTTPServer(replies: [], otherwise: .respond(status: 204))
        defer { server.stop() }
        _ = try transport.send(HTTPRequest(method: "POST", url: server.baseURL + "/v1/changes"), timeout: .seconds(5))
        _ = try transport.send(HTTPRequest(method: "PUT", url: server.baseURL + "/x", body: Data("put".utf8)), timeout: .seconds(5))
        _ = try transport.send(HTTPRequest(method: "GET", url: server.baseURL + "/v1/changes?since=a%2Bb"), timeout: .seconds(5))
        let received = server.requests
        #expect(received.map(\.method) == ["POST", "PUT", "GET"])
        #expect(received.map(\.body) == [Data(), Data("put".utf8), Data()])
        #expect(received[0].header("Content-Length") == "0")
        #expect(received[2].target == "/v1/changes?since=a%2Bb")
    }

    @Test func gzipRequestBodiesRoundTrip() throws {
        let server = try TestHTTPServer(replies: [.ok()])
        defer { server.stop() }
        let json = Data(String(repeating: #"{"name":"王芳"}"#, count: 500).utf8)
        _ = try transport.send(TestRequests.push(to: server.baseURL, body: Gzip.compress(json)), timeout: .seconds(5))

        let received = try #require(server.requests.first)
        #expect(received.header("Content-Encoding") == "gzip")
        #expect(received.body.count < json.count)
        #expect(try Gzip.decompress(received.body, limit: 1 << 20) == json)
    }

    @Test func decodesAGzipAnswer() throws {
        let json = Data(String(repeating: #"{"result":"applied"}"#, count: 300).utf8)
        let server = try TestHTTPServer(replies: [.respond(status: 200, headers: ["Content-Encoding": "gzip"], body: Gzip.compress(json))])
        defer { server.stop() }
        let response = try transport.send(HTTPRequest(method: "GET", url: server.baseURL + "/v1/changes"), timeout: .seconds(5))
        #expect(response.body == json)
        #expect(server.requests.first?.header("Accept-Encoding")?.contains("gzip") == true)
    }

    @Test func refusesAnAnswerLargerThanTheLimit() throws {
        let server = try TestHTTPServer(replies: [.respond(status: 200, body: Data(count: 4096))])
        defer { server.stop() }
        let small = CurlTransport(configuration: .init(maxResponseBytes: 1000))
        #expect(throws: TransportError.responseTooLarge(host: "127.0.0.1:\(server.port)", limit: 1000)) {
            try small.send(HTTPRequest(method: "GET", url: server.baseURL + "/"), timeout: .seconds(5))
        }
    }

    @Test func reusesOneConnectionForSuccessiveRequests() throws {
        let server = try TestHTTPServer(replies: [], otherwise: .ok())
        defer { server.stop() }
        for _ in 0..<3 { _ = try transport.send(HTTPRequest(method: "GET", url: server.baseURL + "/healthz"), timeout: .seconds(5)) }
        #expect(server.requests.map(\.connection) == [0, 0, 0])
    }

    @Test func aClosedPortIsUnreachable() throws {
        let error = try #require(#expect(throws: TransportError.self) { try transport.send(TestRequests.toClosedPort(), timeout: .seconds(5)) })
        guard case .unreachable = error else {
            Issue.record("expected unreachable, got \(error)")
            return
        }
        #expect(error.isRetryable)
    }

    @Test(arguments: [TestHTTPServer.Reply.closeMidway(status: 200, body: Data(count: 1000)), .closeWithoutAnswer])
    func aConnectionClosedBeforeTheAnswerEndsIsLost(reply: TestHTTPServer.Reply) throws {
        let server = try TestHTTPServer(replies: [reply])
        defer { server.stop() }
        let error = try #require(#expect(throws: TransportError.self) { try transport.send(TestRequests.push(to: server.baseURL), timeout: .seconds(5)) })
        guard case .connectionLost = error else {
            Issue.record("expected connectionLost, got \(error)")
            return
        }
        #expect(server.requests.count == 1)
    }

    @Test func aStalledHubTimesOutWithinTheTimeout() throws {
        let server = try TestHTTPServer(replies: [.stall])
        defer { server.stop() }
        let start = ContinuousClock.now
        let error = try #require(#expect(throws: TransportError.self) {
            try transport.send(TestRequests.push(to: server.baseURL), timeout: .milliseconds(300))
        })
        let elapsed = ContinuousClock.now - start
        guard case .timedOut = error else {
            Issue.record("expected timedOut, got \(error)")
            return
        }
        // libcurl's timers count whole milliseconds and may fire a fraction of one early (it failed
        // once in many runs at `>= 300 ms`): what matters is that it waits about that long, no more.
        #expect(elapsed >= .milliseconds(280) && elapsed < .seconds(2), "\(elapsed)")
    }

    @Test func theLowSpeedLimitCatchesAStallLongBeforeTheTimeout() throws {
        let server = try TestHTTPServer(replies: [.stall])
        defer { server.stop() }
        // libcurl averages speed over the last five seconds, uploaded bytes included; a limit well
        // above this request's few hundred bytes makes the stall count from the start.
        let impatient = CurlTransport(configuration: .init(lowSpeedLimit: 1000, lowSpeedTime: .seconds(1)))
        let start = ContinuousClock.now
        let error = #expect(throws: TransportError.self) { try impatient.send(TestRequests.push(to: server.baseURL), timeout: .seconds(60)) }
        guard case .timedOut = error else {
            Issue.record("expected timedOut, got \(String(describing: error))")
            return
        }
        #expect(ContinuousClock.now - start < .seconds(4))
    }

    @Test func aHubWithAPrivateCertificateAuthorityIsReachedWithItsCAFile() throws {
        let server = try TestTLSServer()
        let verified = CurlTransport(configuration: .init(caFile: server.certificate))
        let response = try verified.send(HTTPRequest(method: "GET", url: server.baseURL + "/healthz"), timeout: .seconds(10))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self).contains("<HTML>"))
    }

    @Test func withoutItsCAFileAPrivateCertificateIsRefused() throws {
        let server = try TestTLSServer()
        let error = try #require(#expect(throws: TransportError.self) {
            try transport.send(HTTPRequest(method: "GET", url: server.baseURL + "/healthz"), timeout: .seconds(10))
        })
        guard case .tlsFailure = error else {
            Issue.record("expected a TLS failure, got \(error)")
            return
        }
        #expect(error.localizedDescription.contains("--ca-file"))
    }

    @Test func aCertificateForAnotherNameIsRefusedEvenFromATrustedAuthority() throws {
        let server = try TestTLSServer(certificateFor: "hub.example.org")
        let verified = CurlTransport(configuration: .init(caFile: server.certificate))
        let error = try #require(#expect(throws: TransportError.self) {
            try verified.send(HTTPRequest(method: "GET", url: server.baseURL + "/healthz"), timeout: .seconds(10))
        })
        guard case .tlsFailure = error else {
            Issue.record("expected a TLS failure, got \(error)")
            return
        }
    }

    @Test func plainHTTPToAnotherHostIsRefusedBeforeConnecting() {
        // 192.0.2.1 is TEST-NET-1: were a connection tried it would hang, not fail at once.
        let start = ContinuousClock.now
        let error = #expect(throws: TransportError.self) {
            try transport.send(TestRequests.push(to: "http://192.0.2.1:8080"), timeout: .seconds(10))
        }
        guard case .invalidEndpoint = error else {
            Issue.record("expected invalidEndpoint, got \(String(describing: error))")
            return
        }
        #expect(ContinuousClock.now - start < .seconds(1))
    }

    @Test func aHeaderWithALineBreakIsNotSent() throws {
        let server = try TestHTTPServer(replies: [.ok()])
        defer { server.stop() }
        var request = TestRequests.push(to: server.baseURL)
        request.headers["X-Note"] = "a\r\nX-Injected: yes"
        #expect(throws: TransportError.invalidHeader(name: "X-Note")) { try transport.send(request, timeout: .seconds(5)) }
        #expect(server.requests.isEmpty)
    }
}
