import Foundation
import GangwanKit

/// Why ``RetryingClient`` gave up on a request. The three cases are the three different reasons to
/// stop, so a caller can tell a deadline from an unreachable hub from a failing one.
public enum RetryError: Error, LocalizedError, Equatable, Sendable {
    /// No answer came from the hub: every attempt failed on the network, or the failure was one
    /// that retrying cannot fix (a TLS or endpoint problem). Holds the last failure.
    case unreachable(TransportError, attempts: Int)
    /// The hub answered every attempt with a status worth retrying (429 or 5xx); holds the last one.
    case status(Int, attempts: Int)
    /// The next attempt, or the wait before it, would have ended after the deadline. Holds why the
    /// last attempt failed (`nil` if the deadline had passed before the first).
    case deadlineReached(attempts: Int, last: RetryCause?)

    public var errorDescription: String? {
        let language = Language.current
        switch self {
        case .unreachable(let error, let attempts):
            let message = error.localizedDescription
            return attempts > 1 ? language.pick("after \(attempts) attempts, \(message)", "尝试 \(attempts) 次后，\(message)") : message
        case .status(let status, let attempts):
            return language.pick(
                "the hub answered HTTP \(status) to all \(attempts) attempts; it is busy or failing, try again later",
                "中心服务器对全部 \(attempts) 次尝试均返回 HTTP \(status)；服务器繁忙或出错，请稍后再试")
        case .deadlineReached(let attempts, let last):
            let lastText = last.map { language.pick("; the last attempt failed: \($0)", "；最后一次失败原因：\($0)") } ?? ""
            return language.pick(
                "stopped at the deadline after \(attempts) attempts\(lastText); try again later",
                "已到截止时间，共尝试 \(attempts) 次\(lastText)；请稍后再试")
        }
    }
}
