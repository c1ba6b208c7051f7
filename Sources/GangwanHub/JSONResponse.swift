import Foundation
import GangwanKit
import Hummingbird

/// How the hub writes JSON: one encoder style, optionally gzip-compressed.
enum JSONResponse {
    /// A response with `value` as compact JSON (keys sorted, as the CLI's `--json` prints them).
    /// With `gzip`, the body is compressed and marked `Content-Encoding: gzip`.
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok, gzip: Bool = false) throws -> Response {
        var body = try encoder.encode(value)
        var headers: HTTPFields = [.contentType: contentType]
        if gzip {
            body = Gzip.compress(body)
            headers[.contentEncoding] = "gzip"
        }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// A `200 OK` response with JSON written in the same style without `JSONEncoder`,
    /// such as ``StationJSONWriter``'s.
    static func make(json: [UInt8]) -> Response {
        Response(status: .ok, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: ByteBuffer(bytes: json)))
    }

    private static let contentType = "application/json; charset=utf-8"

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
