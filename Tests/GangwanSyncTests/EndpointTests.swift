import Foundation
import Testing
@testable import GangwanSync

@Suite struct EndpointTests {
    @Test func acceptsHTTPSAndDropsTrailingSlash() throws {
        let endpoint = try Endpoint("https://hub.example.org/gangwan/")
        #expect(endpoint.baseURL == "https://hub.example.org/gangwan")
        #expect(endpoint.host == "hub.example.org")
        #expect(!endpoint.isLoopback)
    }

    @Test(arguments: ["http://127.0.0.1:8080", "http://127.4.5.6", "http://[::1]:9000", "http://localhost:1", "HTTP://LocalHost"])
    func acceptsPlainHTTPToLoopback(url: String) throws {
        #expect(try Endpoint(url).isLoopback)
    }

    @Test(arguments: [
        "http://192.168.1.5:8080", "http://hub.example.org", "http://127.0.0.1.evil.example", "http://[::2]",
        "http://10.0.0.1", "http://localhost.evil.example",
    ])
    func refusesPlainHTTPToAnyOtherHost(url: String) throws {
        let error = try #require(#expect(throws: TransportError.self) { try Endpoint(url) })
        guard case .invalidEndpoint(_, let reason) = error else {
            Issue.record("expected invalidEndpoint, got \(error)")
            return
        }
        #expect(reason.contains("https://") && reason.contains("unencrypted"))
    }

    @Test(arguments: ["ftp://hub.example.org", "hub.example.org", "https://", "https://hub.example.org?x=1", "not a url at all"])
    func refusesWhatIsNotAnHTTPSBaseURL(url: String) {
        #expect(throws: TransportError.self) { try Endpoint(url) }
    }

    @Test func refusesCredentialsInTheURLWithoutRepeatingThem() throws {
        let error = try #require(#expect(throws: TransportError.self) { try Endpoint("https://office:s3cret-pass@hub.example.org") })
        #expect(error.localizedDescription.contains("token file"))
        #expect(!error.localizedDescription.contains("s3cret-pass"))
        #expect(!String(describing: error).contains("s3cret-pass"))
    }

    @Test func buildsURLsWithStrictlyEncodedQueries() throws {
        let endpoint = try Endpoint("https://hub.example.org")
        let url = endpoint.url(path: "/v1/changes", query: [("since", "ab+c/d=="), ("limit", "500"), ("q", "西宁 站")])
        #expect(url == "https://hub.example.org/v1/changes?since=ab%2Bc%2Fd%3D%3D&limit=500&q=%E8%A5%BF%E5%AE%81%20%E7%AB%99")
        #expect(endpoint.url(path: "/healthz") == "https://hub.example.org/healthz")
    }
}
