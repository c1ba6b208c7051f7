import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The text encoding of an import file, as detected from its bytes.
///
/// Excel on Chinese Windows saves plain "CSV" in the ANSI code page, GBK, which GB18030 contains (as it
/// contains GB2312); "CSV UTF-8" is UTF-8 with a byte-order mark. Nothing else is accepted.
public enum TextEncoding: String, Sendable, Equatable {
    /// UTF-8, with or without a byte-order mark.
    case utf8 = "UTF-8"
    /// GB18030, or its subsets GBK and GB2312.
    case gb18030 = "GB18030"

    /// How many well-formed multibyte UTF-8 characters before the first malformed byte make a file
    /// "UTF-8 with a damaged line" rather than GB18030.
    ///
    /// GBK text breaks UTF-8 within its first few characters; decoding a damaged UTF-8 file as
    /// GB18030 instead would import every Chinese name as mojibake without a word.
    static let utf8Evidence = 8

    /// Detects the encoding of the open file `descriptor`, reading it whole with `pread` in chunks.
    ///
    /// A UTF-8 byte-order mark, or a file that is UTF-8 throughout, is UTF-8; anything else is taken
    /// as GB18030 unless the file was plainly UTF-8 before its first malformed byte (see ``utf8Evidence``).
    /// The file offset is left untouched.
    /// - Throws: ``CSVError/invalidUTF8(line:)`` naming the first bad line of a UTF-8 file, or a
    ///   `POSIXError` if the file cannot be read.
    static func detect(_ descriptor: Int32, chunkSize: Int) throws -> TextEncoding {
        // Room for a sequence of up to 3 bytes cut by the end of the previous chunk.
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize + 3)
        defer { buffer.deallocate() }
        var bufferOffset = 0  // the file offset of buffer[0]
        var carried = 0
        var characters = 0
        var hasBOM = false
        while true {
            let count = try preadSome(descriptor, buffer + carried, chunkSize, offset: bufferOffset + carried)
            let atEOF = count == 0
            let available = carried + count
            if bufferOffset == 0 && available >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
                hasBOM = true
            }
            let scan = validateUTF8(UnsafePointer(buffer), count: available, atEOF: atEOF)
            characters += scan.multibyte
            if scan.invalid {
                guard hasBOM || characters >= utf8Evidence else { return .gb18030 }
                throw CSVError.invalidUTF8(line: try line(atOffset: bufferOffset + scan.end, in: descriptor))
            }
            if atEOF { return .utf8 }
            carried = available - scan.end
            buffer.update(from: buffer + scan.end, count: carried)
            bufferOffset += scan.end
        }
    }

    /// Checks `count` bytes for well-formed UTF-8 (Unicode table 3-7: no overlongs, surrogates or
    /// scalars above U+10FFFF).
    ///
    /// - Returns: `end`, where the scan stopped: `count`, the start of the malformed sequence when
    ///   `invalid`, or the start of a sequence cut by the end of the buffer (only when not `atEOF`);
    ///   and how many multibyte characters were seen before `end`.
    static func validateUTF8(_ bytes: UnsafePointer<UInt8>, count: Int, atEOF: Bool)
        -> (end: Int, invalid: Bool, multibyte: Int)
    {
        let raw = UnsafeRawPointer(bytes)
        let highBits: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        var multibyte = 0
        while i < count {
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                // Then eight ASCII bytes at a time: most CSV bytes are digits, letters and punctuation.
                while i + 8 <= count, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & highBits == 0 {
                    i += 8
                }
                continue
            }
            // Most of the rest is Chinese: 3 bytes, E1...EC lead, no special ranges to check.
            if lead &- 0xE1 < 0x0C && i + 2 < count && bytes[i + 1] & 0xC0 == 0x80 && bytes[i + 2] & 0xC0 == 0x80 {
                i += 3
                multibyte += 1
                continue
            }
            var length = 3
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: low = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: break
            case 0xED: high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return (i, true, multibyte)
            }
            let present = min(length, count - i)
            if present >= 2 {
                let second = bytes[i + 1]
                guard second >= low && second <= high else { return (i, true, multibyte) }
            }
            var k = 2
            while k < present {
                guard bytes[i + k] & 0xC0 == 0x80 else { return (i, true, multibyte) }
                k += 1
            }
            if present < length { return (i, atEOF, multibyte) }
            i += length
            multibyte += 1
        }
        return (count, false, multibyte)
    }

    /// The 1-based physical line holding the byte at `offset`: LF, CRLF and a lone CR each end a line.
    ///
    /// Only called to report an error, so it rereads the file rather than making every scan count.
    /// Valid in GB18030 too, whose multibyte sequences never contain the bytes of CR or LF.
    static func line(atOffset offset: Int, in descriptor: Int32) throws -> Int {
        let chunk = 1 << 16
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: chunk)
        defer { buffer.deallocate() }
        var line = 1
        var position = 0
        var pendingCR = false
        while position < offset {
            let count = try preadSome(descriptor, buffer, min(chunk, offset - position), offset: position)
            guard count > 0 else { break }
            for index in 0..<count {
                let byte = buffer[index]
                if pendingCR && byte != 0x0A { line += 1 }
                pendingCR = byte == 0x0D
                if byte == 0x0A { line += 1 }
            }
            position += count
        }
        // A CR just before `offset` ends a line: the byte at `offset` is the bad one, not an LF.
        return pendingCR ? line + 1 : line
    }

    /// `pread(2)` retried on EINTR; 0 at the end of the file.
    static func preadSome(_ descriptor: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int, offset: Int) throws -> Int {
        while true {
            let result = pread(descriptor, buffer, count, off_t(offset))
            if result >= 0 { return result }
            guard errno == EINTR else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        }
    }
}
