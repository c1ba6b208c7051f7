import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a GB18030 file and hands out its text as UTF-8, chunk by chunk, through the C library's iconv.
///
/// A multibyte character cut by the end of a chunk is carried over to the next one; a sequence that
/// is not GB18030 is reported with its physical line.
final class GB18030Decoder {
    private let descriptor: Int32
    private let converter: iconv_t
    private let input: UnsafeMutablePointer<CChar>
    private let inputCapacity: Int
    private var inputStart = 0
    private var inputEnd = 0
    /// The file offset of `input[0]`, to find the line of a bad sequence.
    private var inputOffset = 0
    private var inputAtEOF = false
    /// The unconverted input ends inside a character: read more before converting again.
    private var inputIncomplete = false

    /// Decodes the file `descriptor` from its current offset, reading `chunkSize` bytes at a time;
    /// the descriptor stays the caller's to close.
    init(descriptor: Int32, chunkSize: Int) throws {
        let converter = iconv_open("UTF-8", "GB18030")
        guard let converter, converter != iconv_t(bitPattern: -1) else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EINVAL)
        }
        self.descriptor = descriptor
        self.converter = converter
        // A 4-byte sequence cut at the end of a chunk leaves at most 3 bytes behind.
        inputCapacity = chunkSize + 3
        input = .allocate(capacity: inputCapacity)
    }

    deinit {
        iconv_close(converter)
        input.deallocate()
    }

    /// Writes up to `capacity` bytes of UTF-8 (at least 4) to `destination`; 0 at the end of the file.
    ///
    /// - Throws: ``CSVError/invalidEncoding(line:)`` at the first sequence that is not GB18030, or a
    ///   `POSIXError` if the file cannot be read.
    func read(into destination: UnsafeMutablePointer<UInt8>, capacity: Int) throws -> Int {
        precondition(capacity >= 4, "one character of UTF-8 takes up to 4 bytes")
        var produced = 0
        while true {
            if inputStart == inputEnd || inputIncomplete {
                if inputAtEOF {
                    guard inputStart == inputEnd else { throw try invalid() }
                    return produced
                }
                try refill()
                continue
            }
            var inLeft = inputEnd - inputStart
            var outLeft = capacity - produced
            var inPointer: UnsafeMutablePointer<CChar>? = input + inputStart
            let result = destination.withMemoryRebound(to: CChar.self, capacity: capacity) { start in
                var outPointer: UnsafeMutablePointer<CChar>? = start + produced
                return iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
            }
            let failure = errno
            inputStart = inputEnd - inLeft
            produced = capacity - outLeft
            if result != -1 {
                if produced > 0 { return produced }
                continue
            }
            switch failure {
            case E2BIG:
                return produced
            case EINVAL:
                // The chunk ends inside a character: keep its first bytes for the next read.
                inputIncomplete = true
                if produced > 0 { return produced }
            case EILSEQ:
                throw try invalid()
            default:
                throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO)
            }
        }
    }

    /// Moves the unconverted tail to the front of the input buffer and reads the next chunk after it.
    private func refill() throws {
        let tail = inputEnd - inputStart
        input.update(from: input + inputStart, count: tail)
        inputOffset += inputStart
        inputStart = 0
        inputEnd = tail
        let count = try input.withMemoryRebound(to: UInt8.self, capacity: inputCapacity) { start in
            try CSVReader.readSome(descriptor, start + tail, inputCapacity - tail)
        }
        if count == 0 {
            inputAtEOF = true
            inputIncomplete = tail > 0
        } else {
            inputEnd += count
            inputIncomplete = false
        }
    }

    private func invalid() throws -> CSVError {
        .invalidEncoding(line: try TextEncoding.line(atOffset: inputOffset + inputStart, in: descriptor))
    }
}
