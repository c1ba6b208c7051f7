import Foundation
import GangwanKit
import Hummingbird

/// Push and pull: `POST /v1/changes` and `GET /v1/changes`, behind a bearer token.
struct ChangesController<Store: HubStore> {
    /// The most a pushed body may weigh as sent (compressed or not).
    static var maximumBodySize: Int { 8 * 1024 * 1024 }
    /// The most a gzip body may inflate to.
    static var maximumInflatedSize: Int { 64 * 1024 * 1024 }
    /// The page size of a pull without `limit`, and the largest allowed.
    static var defaultPullLimit: Int { 500 }
    static var maximumPullLimit: Int { PullPage.largestPage }

    let store: Store

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.post(use: push)
        group.get(use: pull)
    }

    /// Applies a batch and answers per change; a retried batch is answered from the store's record.
    @Sendable func push(_ request: Request, context: HubRequestContext) async throws -> Response {
        let node = try context.authenticatedNode()
        let key = try Self.idempotencyKey(request.headers)
        let body = try await Self.inflatedBody(request)
        let batch: PushBatch
        do {
            batch = try PushBatch(json: body)
        } catch {
            throw HubHTTPError.badRequest(localized("the body is not a batch of changes: ", "请求内容不是变更批次：") + error.description)
        }
        let digest = HubToken.sha256Hex(body)
        do {
            let answer = try await store.push(batch, idempotencyKey: key, bodyDigest: digest, from: node)
            return JSONResponse.make(json: answer.json)
        } catch HubStoreError.idempotencyKeyReused {
            throw HubHTTPError(status: .unprocessableContent, message: HubStoreError.idempotencyKeyReused.localizedDescription)
        }
    }

    /// A page of the feed the node may read; gzip-compressed when the client accepts it.
    @Sendable func pull(_ request: Request, context: HubRequestContext) async throws -> Response {
        let node = try context.authenticatedNode()
        let parameters = request.uri.queryParameters
        var limit = Self.defaultPullLimit
        if let text = parameters.get("limit") {
            guard let value = Int(text), (1...Self.maximumPullLimit).contains(value) else {
                throw HubHTTPError.badRequest(FieldError(field: "limit", value: shown(text), reason: localized(
                    "is not a whole number from 1 to \(Self.maximumPullLimit)",
                    "不是 1 至 \(Self.maximumPullLimit) 的整数")).localizedDescription)
            }
            limit = value
        }
        let cursor = parameters.get("since").flatMap { $0.isEmpty ? nil : $0 }
        do {
            let page = try await store.pull(since: cursor, limit: limit, for: node)
            var response = JSONResponse.make(json: page.json, gzip: Self.acceptsGzip(request.headers))
            response.headers[.vary] = "Accept-Encoding"
            return response
        } catch HubStoreError.badCursor {
            throw HubHTTPError.badRequest(HubStoreError.badCursor.localizedDescription)
        }
    }

    /// The `Idempotency-Key` header: 1 to 128 visible ASCII characters (the client sends a UUID).
    static func idempotencyKey(_ headers: HTTPFields) throws(HubHTTPError) -> String {
        guard let key = headers.first(where: { $0.name.canonicalName == "idempotency-key" })?.value,
              (1...128).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7E).contains($0) })
        else {
            throw .badRequest(localized(
                "the Idempotency-Key header is required: 1 to 128 visible ASCII characters, such as the batch's UUID",
                "缺少 Idempotency-Key 请求头：须为 1 至 128 个可见 ASCII 字符，例如批次的 UUID"))
        }
        return key
    }

    /// The body as JSON bytes: read up to the size limit, then inflated if it came gzip-compressed.
    static func inflatedBody(_ request: Request) async throws -> Data {
        let encoding = (request.headers[.contentEncoding] ?? "identity").trimmingCharacters(in: .whitespaces).lowercased()
        guard encoding == "gzip" || encoding == "identity" else {
            throw HubHTTPError(status: .unsupportedMediaType, message: localized(
                "Content-Encoding \"\(shown(encoding))\" is not supported; send gzip or identity",
                "不支持 Content-Encoding“\(shown(encoding))”；请使用 gzip 或 identity"))
        }
        // Refused at once when the client says up front that the body is too large.
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maximumBodySize {
            throw HubHTTPError.bodyTooLarge(limit: maximumBodySize)
        }
        var sent = Data()
        for try await chunk in request.body {
            guard sent.count + chunk.readableBytes <= maximumBodySize else { throw HubHTTPError.bodyTooLarge(limit: maximumBodySize) }
            sent.append(contentsOf: chunk.readableBytesView)
        }
        guard encoding == "gzip" else { return sent }
        do {
            return try Gzip.decompress(sent, limit: maximumInflatedSize)
        } catch .tooLarge {
            throw HubHTTPError.inflatedTooLarge(limit: maximumInflatedSize)
        } catch {
            throw HubHTTPError.badRequest(error.localizedDescription)
        }
    }

    /// Whether `Accept-Encoding` lists gzip without refusing it (`gzip;q=0`).
    static func acceptsGzip(_ headers: HTTPFields) -> Bool {
        guard let accepted = headers[.acceptEncoding] else { return false }
        return accepted.split(separator: ",").contains { item in
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard parts.first == "gzip" else { return false }
            return !parts.dropFirst().contains { $0 == "q=0" || $0 == "q=0.0" || $0 == "q=0.00" || $0 == "q=0.000" }
        }
    }
}
