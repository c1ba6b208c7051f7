import Foundation
import GangwanKit

/// Why an HTTP exchange with the hub failed before a complete answer arrived.
///
/// Messages name the host and what to check, and never include request headers or bodies: the
/// `Authorization` header carries the node's bearer token.
public enum TransportError: Error, LocalizedError, Equatable, Sendable {
    /// The URL cannot be used: not https, plain http to a host that is not loopback, no host, and so on.
    case invalidEndpoint(String, reason: String)
    /// A header value holds a line break, which would let it forge further headers; nothing was sent.
    case invalidHeader(name: String)
    /// The host name does not resolve, or nothing accepts connections at the address.
    case unreachable(host: String, detail: String)
    /// The hub did not answer within the time allowed, or the answer stalled.
    case timedOut(host: String, detail: String)
    /// The connection broke before the answer was complete.
    case connectionLost(host: String, detail: String)
    /// A verified TLS connection could not be set up (bad certificate, wrong host name, missing CA).
    case tlsFailure(host: String, detail: String)
    /// The answer is larger than the transport accepts.
    case responseTooLarge(host: String, limit: Int)
    /// Any other libcurl failure, with its code.
    case failed(host: String, code: Int, detail: String)

    /// Whether sending the same request again may succeed: true for network trouble, false for
    /// problems only a change of configuration or code can fix.
    public var isRetryable: Bool {
        switch self {
        case .unreachable, .timedOut, .connectionLost: true
        case .invalidEndpoint, .invalidHeader, .tlsFailure, .responseTooLarge, .failed: false
        }
    }

    public var errorDescription: String? {
        let language = Language.current
        switch self {
        case .invalidEndpoint(let url, let reason):
            return language.pick("the hub endpoint \(url) cannot be used: \(reason)", "无法使用中心服务器地址 \(url)：\(reason)")
        case .invalidHeader(let name):
            return language.pick(
                "the request header \(name) holds a line break; the request was not sent",
                "请求头 \(name) 含有换行符，请求未发送")
        case .unreachable(let host, let detail):
            return language.pick(
                "cannot reach the hub at \(host) (\(detail)); check the endpoint, the network and any proxy settings",
                "无法连接中心服务器 \(host)（\(detail)）；请检查地址、网络和代理设置")
        case .timedOut(let host, let detail):
            return language.pick(
                "the hub at \(host) did not answer in time (\(detail)); it may be busy or the network slow",
                "中心服务器 \(host) 未及时应答（\(detail)）；服务器可能繁忙或网络缓慢")
        case .connectionLost(let host, let detail):
            return language.pick(
                "the connection to the hub at \(host) broke before the answer was complete (\(detail))",
                "与中心服务器 \(host) 的连接在应答完成前中断（\(detail)）")
        case .tlsFailure(let host, let detail):
            return language.pick(
                "cannot set up a verified TLS connection to \(host) (\(detail)); if the hub uses a private certificate authority, pass its certificate with --ca-file",
                "无法与 \(host) 建立经过验证的 TLS 连接（\(detail)）；如中心服务器使用私有证书机构，请用 --ca-file 指定其证书")
        case .responseTooLarge(let host, let limit):
            return language.pick(
                "the answer from \(host) is larger than \(limit) bytes; it was refused",
                "来自 \(host) 的应答超过 \(limit) 字节，已拒绝")
        case .failed(let host, let code, let detail):
            return language.pick(
                "the request to \(host) failed (curl error \(code): \(detail))",
                "发往 \(host) 的请求失败（curl 错误 \(code)：\(detail)）")
        }
    }
}
