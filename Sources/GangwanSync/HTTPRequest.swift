import Foundation

/// One HTTP request, exactly as it is sent on every attempt.
///
/// A retried request is this same value sent again, so its body bytes and its headers (including an
/// `Idempotency-Key`) never change between attempts.
public struct HTTPRequest: Sendable, Equatable {
    /// The method, such as `GET` or `POST`.
    public var method: String
    /// The full URL, usually made by ``Endpoint/url(path:query:)``.
    public var url: String
    /// Header names and values. Values are never included in errors or logs: one of them is the
    /// bearer token.
    public var headers: [String: String]
    /// The body bytes, sent as they are (already gzip-compressed if the caller wants that).
    public var body: Data

    public init(method: String, url: String, headers: [String: String] = [:], body: Data = Data()) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}
