import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a CSV file record by record (RFC 4180), streaming: memory stays flat whatever the file's size.
///
/// The file may be UTF-8, UTF-8 with a byte-order mark, or GB18030 (GBK, GB2312), detected when the
/// reader is created; records always come out as Swift strings. Fields are separated by `,`; a field
/// starting with `"` is quoted and may hold commas, line breaks and `""` for a quote. Lines end in LF,
/// CRLF or a lone CR; the last line needs no line break. Empty lines are skipped (a line holding `""`
/// is a record of one empty field). Each record carries the physical line it starts on, so errors
/// and rejected rows point where a text editor would.
///
/// Refused, with the line and field: a quote left open at the end of the file, a quote inside an
/// unquoted field, text after a closing quote, a NUL byte, a field over 64 KiB or a record over
/// 1 MiB in the file (what a forgotten quote or a hostile file produces), and bytes in neither encoding.
///
/// ```swift
/// var reader = try CSVReader(url: file)
/// while let record = try reader.next() { print(record.line, record.fields) }
/// ```
///
/// The reader holds the open file; copies of it share one position. Not for use across threads.
public struct CSVReader {
    /// The longest field accepted, in bytes as stored in the file (its quotes included).
    public static let maximumFieldBytes = 64 * 1024
    /// The longest record accepted, in bytes as stored in the file (its line break included).
    public static let maximumRecordBytes = 1024 * 1024
    static let defaultChunkSize = 1 << 20

    /// The encoding detected for the file.
    public let encoding: TextEncoding
    private let storage: Storage

    /// Opens the CSV file at `url` and detects its encoding, which reads the whole file once.
    ///
    /// - Throws: ``CSVError/invalidUTF8(line:)`` for a UTF-8 file with a malformed line, or a
    ///   `POSIXError` when the file cannot be opened or read.
    public init(url: URL) throws {
        try self.init(url: url, chunkSize: Self.defaultChunkSize)
    }

    /// Opens the file reading `chunkSize` bytes at a time; tests pass tiny chunks to cut characters
    /// and quoted fields at chunk boundaries.
    init(url: URL, chunkSize: Int) throws {
        precondition(chunkSize > 0)
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        storage = Storage(descriptor: descriptor, chunkSize: chunkSize)
        // The file is read twice, by position: a device such as /dev/zero never ends, and a pipe cannot be.
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            throw ImportError.cannotRead(path: url.path, reason: localized(
                "it is not a regular file; save what you import to a file first", "不是普通文件；请先将要导入的内容保存为文件"))
        }
        encoding = try TextEncoding.detect(descriptor, chunkSize: chunkSize)
        if encoding == .gb18030 {
            storage.decoder = try GB18030Decoder(descriptor: descriptor, chunkSize: chunkSize)
        }
    }

    /// The next record, or `nil` at the end of the file.
    ///
    /// - Throws: ``CSVError`` for broken or hostile content, or a `POSIXError` if reading fails.
    public mutating func next() throws -> CSVRecord? {
        try storage.next()
    }

    /// `read(2)` retried on EINTR; 0 at the end of the file.
    static func readSome(_ descriptor: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) throws -> Int {
        while true {
            let result = read(descriptor, buffer, count)
            if result >= 0 { return result }
            guard errno == EINTR else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        }
    }
}

extension CSVReader {
    /// The open file, the window of UTF-8 bytes read but not yet parsed, and the line count.
    private final class Storage {
        let descriptor: Int32
        let chunkSize: Int
        var decoder: GB18030Decoder?
        var buffer: UnsafeMutablePointer<UInt8>
        var capacity: Int
        /// The start of the next record in `buffer`.
        var start = 0
        /// The end of the bytes read into `buffer`.
        var end = 0
        var atEOF = false
        var atFileStart = true
        /// The physical line of the next record.
        var line = 1
        var fieldsPerRecord = 16
        /// Where a quoted field with `""` in it is put together.
        var scratch: [UInt8] = []

        init(descriptor: Int32, chunkSize: Int) {
            self.descriptor = descriptor
            self.chunkSize = chunkSize
            // Room for a record cut by the end of a chunk plus the next chunk, without growing.
            capacity = 2 * max(chunkSize, 4)
            buffer = .allocate(capacity: capacity)
        }

        deinit {
            close(descriptor)
            buffer.deallocate()
        }

        func next() throws -> CSVRecord? {
            var fields: [String] = []
            fields.reserveCapacity(fieldsPerRecord)
            while true {
                if start == end {
                    if atEOF { return nil }
                    try fill()
                    continue
                }
                if atFileStart {
                    if end - start < 3 && !atEOF {
                        try fill()
                        continue
                    }
                    if end - start >= 3 && buffer[start] == 0xEF && buffer[start + 1] == 0xBB && buffer[start + 2] == 0xBF {
                        start += 3
                    }
                    atFileStart = false
                    continue
                }
                let step = try CSVReader.parseRecord(
                    buffer, from: start, to: end, atEOF: atEOF, line: line, fields: &fields, scratch: &scratch)
                switch step {
                case .blank(let next):
                    start = next
                    line += 1
                case .record(let next, let nextLine):
                    guard next - start <= CSVReader.maximumRecordBytes else { throw CSVError.recordTooLong(line: line) }
                    let record = CSVRecord(line: line, fields: fields)
                    start = next
                    line = nextLine
                    fieldsPerRecord = fields.count
                    return record
                case .needMore(let fieldStart, let fieldLine, let column):
                    // Refuse a runaway field or record before reading more of it.
                    guard end - fieldStart <= CSVReader.maximumFieldBytes else {
                        throw CSVError.fieldTooLong(line: fieldLine, column: column)
                    }
                    guard end - start <= CSVReader.maximumRecordBytes else { throw CSVError.recordTooLong(line: line) }
                    fields.removeAll(keepingCapacity: true)
                    try fill()
                }
            }
        }

        /// Keeps the unparsed bytes, moved to the front, and reads the next chunk after them.
        private func fill() throws {
            let kept = end - start
            if start > 0 {
                buffer.update(from: buffer + start, count: kept)
                start = 0
                end = kept
            }
            let room = max(chunkSize, 4)
            if capacity - end < room {
                let grown = max(2 * capacity, end + room)
                let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
                larger.update(from: buffer, count: end)
                buffer.deallocate()
                buffer = larger
                capacity = grown
            }
            let count = try decoder?.read(into: buffer + end, capacity: room)
                ?? CSVReader.readSome(descriptor, buffer + end, room)
            if count == 0 { atEOF = true } else { end += count }
        }
    }

    enum Step {
        /// A record ends before `next`; the one after starts on `nextLine`.
        case record(next: Int, nextLine: Int)
        /// An empty line ends before `next`.
        case blank(next: Int)
        /// The buffer ends inside the record; the current field started at `fieldStart`.
        case needMore(fieldStart: Int, fieldLine: Int, column: Int)
    }

    /// Parses one record from `bytes[start..<end]` into `fields`, or says it needs more bytes.
    ///
    /// When the buffer ends inside a record the caller reads more and parses the record again from its
    /// start: records are short next to a chunk, so that costs little and keeps this a plain loop.
    /// Never returns `.needMore` when `atEOF`.
    static func parseRecord(
        _ bytes: UnsafeMutablePointer<UInt8>, from start: Int, to end: Int, atEOF: Bool, line startLine: Int,
        fields: inout [String], scratch: inout [UInt8]
    ) throws(CSVError) -> Step {
        let nul: UInt8 = 0x00, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D, quote: UInt8 = 0x22, comma: UInt8 = 0x2C
        var i = start
        var line = startLine
        if bytes[i] == lf { return .blank(next: i + 1) }
        if bytes[i] == cr {
            if i + 1 < end { return .blank(next: bytes[i + 1] == lf ? i + 2 : i + 1) }
            return atEOF ? .blank(next: i + 1) : .needMore(fieldStart: i, fieldLine: line, column: 1)
        }
        var column = 1
        while true {
            let fieldStart = i
            let fieldLine = line
            if i < end && bytes[i] == quote {
                i += 1
                var segment = i
                var unescaped = false
                while true {
                    while true {
                        i = skip(bytes, from: i, to: end, whileAbove: quote)
                        guard i < end else { break }
                        let byte = bytes[i]
                        if byte > quote {
                            i += 1
                            continue
                        }
                        if byte == quote { break }
                        if byte == lf {
                            line += 1
                        } else if byte == cr {
                            if i + 1 < end && bytes[i + 1] != lf { line += 1 }
                        } else if byte == nul {
                            throw .nulByte(line: line, column: column)
                        }
                        i += 1
                    }
                    if i == end {
                        if atEOF { throw .unterminatedQuote(line: fieldLine) }
                        return .needMore(fieldStart: fieldStart, fieldLine: fieldLine, column: column)
                    }
                    if i + 1 < end {
                        guard bytes[i + 1] == quote else { break }
                        // `""`: keep one quote and go on.
                        if !unescaped {
                            scratch.removeAll(keepingCapacity: true)
                            unescaped = true
                        }
                        scratch.append(contentsOf: UnsafeBufferPointer(start: bytes + segment, count: i + 1 - segment))
                        i += 2
                        segment = i
                    } else if atEOF {
                        break
                    } else {
                        return .needMore(fieldStart: fieldStart, fieldLine: fieldLine, column: column)
                    }
                }
                let contentEnd = i
                i += 1
                guard i - fieldStart <= maximumFieldBytes else { throw .fieldTooLong(line: fieldLine, column: column) }
                let tail = UnsafeBufferPointer(start: bytes + segment, count: contentEnd - segment)
                if unescaped {
                    scratch.append(contentsOf: tail)
                    fields.append(String(decoding: scratch, as: UTF8.self))
                } else {
                    fields.append(String(decoding: tail, as: UTF8.self))
                }
                if i < end {
                    let byte = bytes[i]
                    if byte != comma && byte != lf && byte != cr {
                        throw .textAfterClosingQuote(line: line, column: column)
                    }
                } else if !atEOF {
                    return .needMore(fieldStart: fieldStart, fieldLine: fieldLine, column: column)
                }
            } else {
                while true {
                    i = skip(bytes, from: i, to: end, whileAbove: comma)
                    guard i < end else { break }
                    let byte = bytes[i]
                    if byte > comma {
                        i += 1
                        continue
                    }
                    if byte == comma || byte == lf || byte == cr { break }
                    if byte == quote { throw .strayQuote(line: line, column: column) }
                    if byte == nul { throw .nulByte(line: line, column: column) }
                    i += 1
                }
                if i == end && !atEOF {
                    return .needMore(fieldStart: fieldStart, fieldLine: fieldLine, column: column)
                }
                guard i - fieldStart <= maximumFieldBytes else { throw .fieldTooLong(line: fieldLine, column: column) }
                fields.append(String(decoding: UnsafeBufferPointer(start: bytes + fieldStart, count: i - fieldStart), as: UTF8.self))
            }
            // At a comma, a line break, or the end of the file.
            if i == end { return .record(next: i, nextLine: line) }
            let byte = bytes[i]
            if byte == comma {
                i += 1
                column += 1
                continue
            }
            if byte == lf { return .record(next: i + 1, nextLine: line + 1) }
            if i + 1 < end { return .record(next: bytes[i + 1] == lf ? i + 2 : i + 1, nextLine: line + 1) }
            if atEOF { return .record(next: i + 1, nextLine: line + 1) }
            return .needMore(fieldStart: fieldStart, fieldLine: fieldLine, column: column)
        }
    }

    /// Skips bytes above `limit` (below 0x80) eight at a time: the bytes a field scan stops at are all
    /// control characters, `"` or `,`, while text, and all of UTF-8 beyond ASCII, is above them.
    ///
    /// Returns the index of the first byte at most `limit`, or, if there is none, the first index from
    /// which fewer than eight bytes remain: the caller goes on byte by byte from there.
    @inline(__always)
    static func skip(_ bytes: UnsafeMutablePointer<UInt8>, from start: Int, to end: Int, whileAbove limit: UInt8) -> Int {
        let raw = UnsafeRawPointer(bytes)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let threshold = ones &* UInt64(limit &+ 1)
        var i = start
        while i &+ 8 <= end {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            // The high bit of each byte below `threshold` (the classic "has less than" test); the lowest
            // one set is exact, higher ones may be false alarms from a borrow, which the caller rechecks.
            let below = (word &- threshold) & ~word & (ones &* 0x80)
            if below != 0 { return i &+ below.trailingZeroBitCount &>> 3 }
            i &+= 8
        }
        return i
    }
}
