import GangwanKit

/// Why one attempt failed in a way that may pass if the request is sent again.
public enum RetryCause: Sendable, Equatable, CustomStringConvertible {
    /// No complete answer arrived: refused, unresolvable, timed out, dropped.
    case transport(TransportError)
    /// The hub answered with a status worth retrying (429 or 5xx).
    case status(Int)

    public var description: String {
        switch self {
        case .transport(let error): error.localizedDescription
        case .status(let status): Language.current.pick("the hub answered HTTP \(status)", "中心服务器返回 HTTP \(status)")
        }
    }
}
