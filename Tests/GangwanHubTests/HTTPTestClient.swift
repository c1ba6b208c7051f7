import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A request to a hub over real HTTP, and what came back.
struct HTTPAnswer {
    var status: Int
    var headers: [String: String]
    var body: Data

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The `error` of a JSON error answer.
    var errorMessage: String? {
        (try? JSONSerialization.jsonObject(with: body) as? [String: Any])?["error"] as? String
    }

    func header(_ name: String) -> String? {
        headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// Sends requests with URLSession, a fresh session per client so no connection is shared between tests.
struct HTTPTestClient {
    let baseURL: URL
    private let session = URLSession(configuration: .ephemeral)

    init(_ baseURL: URL) {
        self.baseURL = baseURL
    }

    func send(
        _ method: String, _ pathAndQuery: String, token: String? = nil, headers: [String: String] = [:], body: Data? = nil
    ) async throws -> HTTPAnswer {
        var request = URLRequest(url: URL(string: baseURL.absoluteString + pathAndQuery)!)
        request.httpMethod = method
        request.httpBody = body
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw HubTestFailure("not an HTTP response") }
        var fields: [String: String] = [:]
        for case let (name as String, value as String) in http.allHeaderFields { fields[name] = value }
        return HTTPAnswer(status: http.statusCode, headers: fields, body: data)
    }
}
