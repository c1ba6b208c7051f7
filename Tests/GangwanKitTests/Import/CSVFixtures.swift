import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import GangwanKit

/// Temporary CSV files and GB18030 bytes for the reader, encoding and writer tests.
enum CSVFixtures {
    static let folder: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gangwan-csv-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }()

    /// A new temporary file holding exactly `bytes`.
    static func file(_ bytes: [UInt8]) throws -> URL {
        let url = folder.appendingPathComponent("\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        return url
    }

    /// A new temporary file holding `text` in UTF-8.
    static func file(_ text: String) throws -> URL {
        try file(Array(text.utf8))
    }

    /// Every record of the file, read `chunkSize` bytes at a time.
    static func records(_ url: URL, chunkSize: Int = CSVReader.defaultChunkSize) throws -> [CSVRecord] {
        var reader = try CSVReader(url: url, chunkSize: chunkSize)
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    /// Every record of `text` written as UTF-8.
    static func records(_ text: String, chunkSize: Int = CSVReader.defaultChunkSize) throws -> [CSVRecord] {
        try records(try file(text), chunkSize: chunkSize)
    }

    /// The error reading the whole file throws, or `nil`.
    static func error(_ bytes: [UInt8], chunkSize: Int = CSVReader.defaultChunkSize) -> CSVError? {
        do {
            _ = try records(try file(bytes), chunkSize: chunkSize)
            return nil
        } catch {
            return error as? CSVError
        }
    }

    /// `text` in GB18030, converted by glibc's iconv independently of the reader's decoder.
    static func gb18030(_ text: String) -> [UInt8] {
        let converter = iconv_open("GB18030", "UTF-8")!
        defer { iconv_close(converter) }
        var input = Array(text.utf8CString.dropLast())
        var output = [CChar](repeating: 0, count: input.count * 2 + 4)
        var inLeft = input.count
        var outLeft = output.count
        input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                var inPointer = source.baseAddress
                var outPointer = target.baseAddress
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                precondition(result != -1 && inLeft == 0, "iconv could not convert the fixture")
            }
        }
        return output[..<(output.count - outLeft)].map { UInt8(bitPattern: $0) }
    }
}
