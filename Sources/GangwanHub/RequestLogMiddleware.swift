import GRDB
import Hummingbird
import Logging
import NIOHTTP1

/// The outermost layer: turns every failure into a JSON error answer and logs one line per request
/// (method, path, status, duration, node) — never a token, a query string, a body or personal data.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = HubRequestContext

    /// How long a client should wait before retrying when the database is busy.
    static let retryAfterSeconds = 5

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = try Self.refusal(for: error, logger: context.logger).response(from: request, context: context)
        }
        let elapsed = (ContinuousClock.now - start) / .microseconds(1)
        var metadata: Logger.Metadata = [
            "method": "\(request.method.rawValue)",
            "path": "\(shown(request.uri.path))",
            "status": "\(response.status.code)",
            "duration_ms": "\(Double(Int(elapsed.rounded())) / 1000)",
        ]
        if let node = context.logFields.node { metadata["node"] = "\(node)" }
        context.logger.log(level: response.status.code >= 500 ? .warning : .info, "request", metadata: metadata)
        return response
    }

    /// The answer for an error a handler threw.
    private static func refusal(for error: any Error, logger: Logger) -> HubHTTPError {
        switch error {
        case let error as HubHTTPError:
            return error
        case let error as any HTTPResponseError:
            // Hummingbird's own, such as 404 for an unknown path.
            return HubHTTPError(status: error.status, message: error.status.reasonPhrase.lowercased())
        case is HTTPParserError:
            // A body that breaks HTTP framing (a bad chunk size, say), found while the handler read it.
            return HubHTTPError(status: .badRequest, message: localized(
                "the request is not well-formed HTTP", "请求不是格式正确的 HTTP"))
        case let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED:
            return HubHTTPError(
                status: .serviceUnavailable,
                message: localized("the hub is busy; try again shortly", "中心服务器正忙，请稍后再试"),
                headers: [.retryAfter: "\(retryAfterSeconds)"])
        default:
            // The type and code only: a message could quote a value from the request.
            logger.error("request failed", metadata: ["error": "\(String(reflecting: type(of: error)))", "code": "\(errorCode(error))"])
            return HubHTTPError(status: .internalServerError, message: localized(
                "the hub failed to handle the request; its log has the details", "中心服务器处理请求失败；详情见其日志"))
        }
    }

    /// A short code to tell failures apart in the log: SQLite's result code, else the error's case.
    private static func errorCode(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return "\(error.resultCode)" }
        return "\(error)".prefix(while: { $0 != "(" }).description
    }
}
