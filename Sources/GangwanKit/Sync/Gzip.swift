import CZlib
import Foundation

/// Gzip compression for the bodies of sync requests, used by both the client and the hub.
public enum Gzip {
    /// zlib's window size (32 KiB) plus 16, which asks zlib for a gzip header and trailer rather than
    /// a bare zlib stream.
    private static let gzipWindowBits: Int32 = 15 + 16
    private static let chunkSize = 64 * 1024

    /// Compresses `data` into the gzip format (RFC 1952) at zlib's default level.
    public static func compress(_ data: Data) -> Data {
        var stream = z_stream()
        let status = deflateInit2_(
            &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, gzipWindowBits, 8, Z_DEFAULT_STRATEGY,
            zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        // Only a zlib built without deflate or out of memory fails here; neither can be handled.
        precondition(status == Z_OK, "deflateInit2 failed: \(status)")
        defer { deflateEnd(&stream) }

        var output = Data()
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            var fed = 0
            var result = Z_OK
            while result != Z_STREAM_END {
                if stream.avail_in == 0 { fed += feed(&stream, from: input, at: fed) }
                let flush = fed == input.count ? Z_FINISH : Z_NO_FLUSH
                chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    result = deflate(&stream, flush)
                    output.append(buffer.baseAddress!, count: buffer.count - Int(stream.avail_out))
                }
                precondition(result == Z_OK || result == Z_STREAM_END || result == Z_BUF_ERROR, "deflate failed: \(result)")
            }
        }
        return output
    }

    /// Decompresses one gzip stream, refusing to produce more than `limit` bytes.
    ///
    /// The limit guards against a small body that inflates to gigabytes (a "zip bomb"): inflating
    /// stops as soon as the output would pass it.
    public static func decompress(_ data: Data, limit: Int) throws(GzipError) -> Data {
        guard !data.isEmpty else { throw .truncated }
        var stream = z_stream()
        guard inflateInit2_(&stream, gzipWindowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .malformed("zlib could not start inflating")
        }
        defer { inflateEnd(&stream) }

        var output = Data()
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        let outcome: Result<Void, GzipError> = data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            var fed = 0
            while true {
                if stream.avail_in == 0 { fed += feed(&stream, from: input, at: fed) }
                var result = Z_OK
                chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    result = inflate(&stream, Z_NO_FLUSH)
                    output.append(buffer.baseAddress!, count: buffer.count - Int(stream.avail_out))
                }
                if output.count > limit { return .failure(.tooLarge(limit: limit)) }
                switch result {
                case Z_STREAM_END:
                    let trailing = Int(stream.avail_in) + input.count - fed
                    return trailing == 0 ? .success(()) : .failure(.malformed("\(trailing) bytes follow the end of the gzip stream"))
                case Z_OK:
                    continue
                case Z_BUF_ERROR where stream.avail_in == 0 && fed == input.count:
                    return .failure(.truncated)
                case Z_MEM_ERROR:
                    return .failure(.malformed("zlib ran out of memory"))
                default:
                    let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(result)"
                    return .failure(.malformed(reason))
                }
            }
        }
        try outcome.get()
        return output
    }

    /// Points zlib at the next piece of `input` starting at `offset` (zlib counts input in 32 bits)
    /// and returns the piece's length.
    private static func feed(_ stream: inout z_stream, from input: UnsafeRawBufferPointer, at offset: Int) -> Int {
        let count = min(input.count - offset, Int(UInt32.max))
        stream.next_in = count == 0 ? nil : UnsafeMutablePointer(mutating: (input.baseAddress! + offset).assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(count)
        return count
    }
}

// MARK: - Errors

/// Why a gzip body could not be decompressed.
public enum GzipError: Error, LocalizedError, Equatable, Sendable {
    /// The body inflates to more than the limit allows.
    case tooLarge(limit: Int)
    /// The body ends before the gzip stream does (or is empty).
    case truncated
    /// The body is not gzip, or is corrupt; the reason comes from zlib.
    case malformed(String)

    public var errorDescription: String? {
        switch self {
        case .tooLarge(let limit):
            localized(
                "the gzip body inflates to more than \(limit) bytes; it was refused",
                "gzip 内容解压后超过 \(limit) 字节，已拒绝")
        case .truncated:
            localized("the gzip body is cut short", "gzip 内容不完整")
        case .malformed(let reason):
            localized("the body is not valid gzip: \(reason)", "内容不是有效的 gzip：\(reason)")
        }
    }
}
