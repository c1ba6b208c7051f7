import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import GangwanKit

@Suite struct TextEncodingTests {
    typealias F = CSVFixtures

    /// The encoding detected for `bytes`, or the error.
    func detect(_ bytes: [UInt8], chunkSize: Int = CSVReader.defaultChunkSize) throws -> TextEncoding {
        let url = try F.file(bytes)
        let descriptor = open(url.path, O_RDONLY)
        defer { close(descriptor) }
        return try TextEncoding.detect(descriptor, chunkSize: chunkSize)
    }

    /// The validator's verdict on `bytes` as one whole buffer at the end of the file.
    func validate(_ bytes: [UInt8], atEOF: Bool = true) -> (end: Int, invalid: Bool, multibyte: Int) {
        bytes.withUnsafeBufferPointer { TextEncoding.validateUTF8($0.baseAddress!, count: $0.count, atEOF: atEOF) }
    }

    @Test func theGB18030FixtureMatchesIconvInTheShell() {
        // `printf 名称 | iconv -f utf-8 -t gb18030 | xxd -p` gives c3fbb3c6; 𠀀 is a 4-byte sequence.
        #expect(F.gb18030("名称") == [0xC3, 0xFB, 0xB3, 0xC6])
        #expect(F.gb18030("𠀀") == [0x95, 0x32, 0x82, 0x36])
    }

    @Test func asciiIsUTF8() throws {
        #expect(try detect(Array("code,name\nQH-1,harbor\n".utf8)) == .utf8)
    }

    @Test func chineseUTF8IsUTF8() throws {
        #expect(try detect(Array("名称,地址\n城中区南大街劳动者港湾,𠀀\n".utf8)) == .utf8)
    }

    @Test func aByteOrderMarkMeansUTF8() throws {
        #expect(try detect([0xEF, 0xBB, 0xBF] + Array("名称\n".utf8)) == .utf8)
    }

    @Test func gbkFromExcelIsGB18030() throws {
        let text = "编号,名称,类型,纬度,经度,区划代码,地址\nQH-1,城中区南大街劳动者港湾,劳动者港湾,36.6171,101.7782,630103,西宁市城中区南大街12号\n"
        #expect(try detect(F.gb18030(text)) == .gb18030)
    }

    @Test(arguments: 1...8)
    func multibyteCharactersCutByChunksAreStillUTF8(chunkSize: Int) throws {
        #expect(try detect(Array("é港𠀀,x\né港𠀀\n".utf8), chunkSize: chunkSize) == .utf8)
    }

    @Test func malformedSequencesAreInvalid() {
        #expect(validate([0x61, 0xC0, 0x80]) == (1, true, 0))  // overlong
        #expect(validate([0xE0, 0x80, 0x80]).invalid)  // overlong
        #expect(validate([0xED, 0xA0, 0x80]).invalid)  // a surrogate
        #expect(validate([0xF4, 0x90, 0x80, 0x80]).invalid)  // above U+10FFFF
        #expect(validate([0xE6, 0xB8, 0x2C]).invalid)  // cut short by a comma
        #expect(validate([0x80]).invalid)  // a lone continuation byte
        #expect(validate([0xF0, 0x9F, 0x98, 0x80, 0xEF, 0xBF, 0xBF]) == (7, false, 2))
    }

    @Test func aSequenceCutByTheBufferEndWaitsForMoreUnlessAtTheEnd() {
        let cut: [UInt8] = [0x61, 0xE6, 0xB8]
        #expect(validate(cut, atEOF: false) == (1, false, 0))
        #expect(validate(cut, atEOF: true) == (1, true, 0))
    }

    @Test func aDamagedLineInAUTF8FileIsReportedNotDecodedAsGB18030() {
        let bytes = Array("名称,地址\r\n城中区南大街劳动者港湾,西宁市\r\n湟源县,x\n".utf8) + [0xB8, 0xDB] + Array("\n".utf8)
        #expect(throws: CSVError.invalidUTF8(line: 4)) { try detect(bytes) }
    }

    @Test func aByteOrderMarkMakesAnyMalformedByteAnError() {
        #expect(throws: CSVError.invalidUTF8(line: 2)) { try detect([0xEF, 0xBB, 0xBF, 0x61, 0x0A, 0xC3, 0xFB]) }
    }

    @Test func linesAreCountedAcrossLFCRLFAndLoneCR() throws {
        let url = try F.file("a\nb\r\nc\rd\r\n")
        let descriptor = open(url.path, O_RDONLY)
        defer { close(descriptor) }
        #expect(try TextEncoding.line(atOffset: 0, in: descriptor) == 1)
        #expect(try TextEncoding.line(atOffset: 2, in: descriptor) == 2)
        #expect(try TextEncoding.line(atOffset: 5, in: descriptor) == 3)
        #expect(try TextEncoding.line(atOffset: 7, in: descriptor) == 4)
    }
}
