import Foundation
import GangwanKit
import Glibc

/// The hub's base URL, checked before anything is sent to it.
///
/// Only `https://` is accepted, except that plain `http://` is allowed to a loopback host
/// (127.0.0.0/8, `::1`, `localhost`) for a hub on the same machine and for tests: a bearer token must
/// never cross a network unencrypted.
public struct Endpoint: Sendable, Equatable, CustomStringConvertible {
    /// The base URL without a trailing slash, such as `https://hub.example.org/gangwan`.
    public let baseURL: String
    /// The host and port, as shown in messages (`hub.example.org`, `127.0.0.1:8080`).
    public let host: String
    /// Whether the host is this machine, so that proxies are bypassed.
    public let isLoopback: Bool

    /// Checks `text` and keeps it as the base of every request URL.
    public init(_ text: String) throws(TransportError) {
        let checked = try Self.check(text)
        guard checked.components.percentEncodedQuery == nil, checked.components.fragment == nil else {
            throw .invalidEndpoint(
                checked.shown, reason: Language.current.pick("the base URL must not have a query or a fragment", "基础地址不能带查询参数或片段"))
        }
        var base = checked.shown
        while base.hasSuffix("/") { base.removeLast() }
        baseURL = base
        host = checked.host
        isLoopback = checked.isLoopback
    }

    public var description: String { baseURL }

    /// The full URL of `path` (which starts with `/`) on this hub, with `query` percent-encoded.
    ///
    /// Every character outside RFC 3986's unreserved set is encoded, `+` and `=` included, so an
    /// opaque base64 cursor arrives unchanged.
    public func url(path: String, query: [(name: String, value: String)] = []) -> String {
        let encodedQuery = query.map { Self.percentEncoded($0.name) + "=" + Self.percentEncoded($0.value) }
        return baseURL + path + (encodedQuery.isEmpty ? "" : "?" + encodedQuery.joined(separator: "&"))
    }

    // MARK: - Checking

    /// A URL that passed ``check(_:)``.
    struct Checked {
        let components: URLComponents
        /// The URL without any user name or password, safe to show.
        let shown: String
        let host: String
        let isLoopback: Bool
    }

    /// Checks a full URL against the rules above; ``CurlTransport`` checks every request this way too.
    static func check(_ text: String) throws(TransportError) -> Checked {
        let language = Language.current
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            // The text is not echoed: a value this broken may be a token passed in the wrong place.
            throw .invalidEndpoint(
                language.pick("(the given text)", "（所给文本）"),
                reason: language.pick("it is not a URL such as https://hub.example.org", "不是形如 https://hub.example.org 的地址"))
        }
        var safe = components
        safe.user = nil
        safe.password = nil
        safe.percentEncodedQuery = nil
        safe.fragment = nil
        let shown = safe.string ?? language.pick("(the given URL)", "（所给地址）")

        guard let rawHost = components.host, !rawHost.isEmpty else {
            throw .invalidEndpoint(shown, reason: language.pick("it has no host name", "缺少主机名"))
        }
        guard components.user == nil, components.password == nil else {
            throw .invalidEndpoint(
                shown,
                reason: language.pick(
                    "it holds a user name or password; put the token in the token file instead",
                    "地址中含有用户名或密码；令牌应放在令牌文件中"))
        }
        let bareHost = rawHost.hasPrefix("[") && rawHost.hasSuffix("]") ? String(rawHost.dropFirst().dropLast()) : rawHost
        let isLoopback = Self.isLoopback(bareHost)
        switch scheme {
        case "https":
            break
        case "http" where isLoopback:
            break
        case "http":
            throw .invalidEndpoint(
                shown,
                reason: language.pick(
                    "plain http:// is allowed only to this machine (127.0.0.1, ::1, localhost), because the token would cross the network unencrypted; use https://",
                    "http:// 只允许用于本机（127.0.0.1、::1、localhost），否则令牌会以明文经过网络；请使用 https://"))
        default:
            throw .invalidEndpoint(shown, reason: language.pick("only https:// is supported", "只支持 https://"))
        }
        let hostShown = bareHost.contains(":") ? "[\(bareHost)]" : bareHost
        return Checked(
            components: components, shown: shown, host: components.port.map { "\(hostShown):\($0)" } ?? hostShown,
            isLoopback: isLoopback)
    }

    /// Whether `host` (without brackets) names this machine: `localhost`, 127.0.0.0/8 or `::1`.
    static func isLoopback(_ host: String) -> Bool {
        if host.lowercased() == "localhost" { return true }
        var ipv4 = in_addr()
        if inet_pton(AF_INET, host, &ipv4) == 1 {
            return UInt32(bigEndian: ipv4.s_addr) >> 24 == 127
        }
        var ipv6 = in6_addr()
        if inet_pton(AF_INET6, host, &ipv6) == 1 {
            return withUnsafeBytes(of: &ipv6) { $0.elementsEqual([UInt8](repeating: 0, count: 15) + [1]) }
        }
        return false
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    private static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}
