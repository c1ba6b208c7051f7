import Foundation

/// The hub's answer to one request.
public struct HTTPResponse: Sendable, Equatable {
    /// The status code, such as 200 or 503.
    public var status: Int
    /// Header values by lower-cased name; a repeated header's values are joined with ", ".
    public var headers: [String: String]
    /// The body, already decoded if the hub sent it gzip-compressed.
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { $0 + ", " + $1 })
        self.body = body
    }

    /// The value of the header `name`, whatever its case.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }
}
