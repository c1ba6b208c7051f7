import Foundation
import GangwanKit

/// Why a sync stopped before it was done. Each case maps to one exit code a cron wrapper acts on.
public enum SyncError: Error, LocalizedError, Equatable, Sendable {
    /// Another sync of this database holds the lock (exit 75: try later).
    case anotherSyncRunning(lock: String)
    /// The hub could not be reached, kept failing, or the deadline came (exit 75: try later).
    case hubUnavailable(RetryError)
    /// The hub refused the token (exit 77).
    case tokenRefused(status: Int)
    /// The hub refused a request for another reason, or answered something unreadable (exit 65).
    case hubRefused(status: Int, message: String)
    /// The endpoint or token is missing or unusable (exit 78).
    case notConfigured(String)

    public var errorDescription: String? {
        let language = Language.current
        switch self {
        case .anotherSyncRunning(let lock):
            return language.pick(
                "another sync of this database is running (lock \(lock)); this run stops, try again later",
                "本数据库的另一次同步正在进行（锁文件 \(lock)）；本次退出，请稍后再试")
        case .hubUnavailable(let error):
            return language.pick("the hub is unavailable: ", "无法连接中心服务器：") + (error.errorDescription ?? "")
        case .tokenRefused(let status):
            return language.pick(
                "the hub refused the token (HTTP \(status)): it is wrong, revoked, or not allowed this; ask the federation for a new one",
                "中心服务器拒绝了令牌（HTTP \(status)）：令牌错误、已吊销或无此权限；请向总工会申请新令牌")
        case .hubRefused(let status, let message):
            return language.pick("the hub refused the request (HTTP \(status)): \(message)", "中心服务器拒绝了请求（HTTP \(status)）：\(message)")
        case .notConfigured(let what):
            return what
        }
    }
}
