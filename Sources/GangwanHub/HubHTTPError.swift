import Hummingbird

/// A refusal the hub answers with: a status and a message a clerk (or the sync client's log) can
/// act on, sent as `{"error": "..."}`. Messages never hold a token or a request body.
struct HubHTTPError: Error, HTTPResponseError {
    let status: HTTPResponse.Status
    let message: String
    var headers: HTTPFields = [:]

    /// 400, naming what was wrong with the request.
    static func badRequest(_ message: String) -> HubHTTPError {
        HubHTTPError(status: .badRequest, message: message)
    }

    /// 401 with the challenge the client needs.
    static func unauthorized() -> HubHTTPError {
        HubHTTPError(
            status: .unauthorized,
            message: localized(
                "a valid bearer token is required (Authorization: Bearer TOKEN); it may be missing, unknown or revoked",
                "需要有效的令牌（Authorization: Bearer TOKEN）；令牌可能缺失、未知或已吊销"),
            headers: [.wwwAuthenticate: "Bearer"])
    }

    /// 413 for a body over `limit` bytes as sent.
    static func bodyTooLarge(limit: Int) -> HubHTTPError {
        HubHTTPError(status: .contentTooLarge, message: localized(
            "the request body is over \(limit / mebibyte) MiB; send smaller batches",
            "请求内容超过 \(limit / mebibyte) MiB；请分成更小的批次发送"))
    }

    /// 413 for a gzip body that inflates to more than `limit` bytes.
    static func inflatedTooLarge(limit: Int) -> HubHTTPError {
        HubHTTPError(status: .contentTooLarge, message: localized(
            "the gzip body inflates to over \(limit / mebibyte) MiB; send smaller batches",
            "gzip 内容解压后超过 \(limit / mebibyte) MiB；请分成更小的批次发送"))
    }

    private static let mebibyte = 1024 * 1024

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try JSONResponse.make(ErrorBody(error: message), status: status)
        response.headers.append(contentsOf: headers)
        return response
    }

    private struct ErrorBody: Encodable {
        let error: String
    }
}
