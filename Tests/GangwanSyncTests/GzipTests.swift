import Foundation
import GangwanKit
import Testing

@Suite struct GzipTests {
    let json = Data(String(repeating: #"{"entity":"worker","fields":{"name":"王芳","seats":12}},"#, count: 2000).utf8)

    @Test func roundTripsAndWritesGzipHeader() throws {
        let compressed = Gzip.compress(json)
        #expect(Array(compressed.prefix(3)) == [0x1F, 0x8B, 0x08])
        #expect(compressed.count < json.count / 10)
        #expect(try Gzip.decompress(compressed, limit: json.count) == json)
    }

    @Test func roundTripsEmptyData() throws {
        #expect(try Gzip.decompress(Gzip.compress(Data()), limit: 0) == Data())
    }

    @Test func readsWhatTheGzipToolWrites() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-c"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(json)
        try input.fileHandleForWriting.close()
        let compressed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(try Gzip.decompress(compressed, limit: json.count) == json)
    }

    @Test func refusesOutputBeyondTheLimit() {
        let bomb = Gzip.compress(Data(count: 10 << 20))
        #expect(bomb.count < 20_000)
        #expect(throws: GzipError.tooLarge(limit: 1 << 20)) { try Gzip.decompress(bomb, limit: 1 << 20) }
    }

    @Test func acceptsOutputExactlyAtTheLimit() throws {
        #expect(try Gzip.decompress(Gzip.compress(json), limit: json.count).count == json.count)
    }

    @Test func refusesATruncatedBody() {
        let compressed = Gzip.compress(json)
        #expect(throws: GzipError.truncated) { try Gzip.decompress(compressed.prefix(compressed.count - 20), limit: 1 << 20) }
        #expect(throws: GzipError.truncated) { try Gzip.decompress(Data(), limit: 1 << 20) }
    }

    @Test func refusesNonGzipAndTrailingBytes() {
        #expect(throws: GzipError.self) { try Gzip.decompress(Data(#"{"plain":"json"}"#.utf8), limit: 1 << 20) }
        var corrupt = Gzip.compress(json)
        corrupt[corrupt.count - 6] ^= 0xFF  // inside the CRC-32 trailer
        #expect(throws: GzipError.self) { try Gzip.decompress(corrupt, limit: 1 << 20) }
        let trailing = Gzip.compress(json) + Data("junk".utf8)
        #expect(throws: GzipError.malformed("4 bytes follow the end of the gzip stream")) { try Gzip.decompress(trailing, limit: 1 << 20) }
    }

    @Test func malformedInputIsNotMistakenForTruncation() throws {
        let error = #expect(throws: GzipError.self) { try Gzip.decompress(Data("not gzip at all".utf8), limit: 1 << 20) }
        guard case .malformed = try #require(error) else {
            Issue.record("expected .malformed, got \(String(describing: error))")
            return
        }
    }
}
