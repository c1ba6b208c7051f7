import Foundation
import GangwanKit
import Hummingbird

/// How the hub writes JSON: one encoder style, optionally gzip-compressed.
enum JSONResponse {
    /// A response with `value` as compact JSON (keys sorted, as the CLI's `--json` prints them).
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(status: status, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    /// A `200 OK` response with JSON written in the same style without `JSONEncoder`, such as
    /// ``StationJSONWriter``'s or a page of changes. With `gzip`, the body is compressed and marked
    /// `Content-Encoding: gzip`.
    static func make(json: [UInt8], gzip: Bool = false) -> Response {
        guard gzip else {
            return Response(status: .ok, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: ByteBuffer(bytes: json)))
        }
        return Response(
            status: .ok, headers: [.contentType: contentType, .contentEncoding: "gzip"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: Gzip.compress(Data(json)))))
    }

    private static let contentType = "application/json; charset=utf-8"

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
