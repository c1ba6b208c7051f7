import Foundation
import Testing
@testable import GangwanKit

@Suite struct CSVReaderTests {
    typealias F = CSVFixtures

    /// A file mixing everything the reader handles, for the chunk-boundary tests.
    static let mixed = "\u{FEFF}code,name,note\r\n"
        + "QH-1,城中区南大街劳动者港湾,\"含逗号, 和\"\"引号\"\"\"\r\n"
        + "\r\n"
        + "QH-2,\"格尔木\n昆仑路\r\n爱心驿站\",€ 𠀀 ok\n"
        + "QH-3,\"\",\r"
        + "QH-4,湟源县,\"末行\""
    static let mixedRecords = [
        CSVRecord(line: 1, fields: ["code", "name", "note"]),
        CSVRecord(line: 2, fields: ["QH-1", "城中区南大街劳动者港湾", "含逗号, 和\"引号\""]),
        CSVRecord(line: 4, fields: ["QH-2", "格尔木\n昆仑路\r\n爱心驿站", "€ 𠀀 ok"]),
        CSVRecord(line: 7, fields: ["QH-3", "", ""]),
        CSVRecord(line: 8, fields: ["QH-4", "湟源县", "末行"]),
    ]

    @Test func recordsCarryTheirLineNumbers() throws {
        let records = try F.records("code,name\nQH-1,a\nQH-2,b\n")
        #expect(records == [
            CSVRecord(line: 1, fields: ["code", "name"]),
            CSVRecord(line: 2, fields: ["QH-1", "a"]),
            CSVRecord(line: 3, fields: ["QH-2", "b"]),
        ])
    }

    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() throws {
        let records = try F.records("\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\"\n")
        #expect(records.map(\.fields) == [["a, b", "say \"hi\"", "two\nlines"]])
    }

    @Test func lineBreaksInsideQuotedFieldsPushLaterRecordsDown() throws {
        let records = try F.records("h\n\"one\ntwo\nthree\"\nnext\n\"x\r\ny\"\nlast\n\"p\rq\"\nend\n")
        #expect(records.map(\.line) == [1, 2, 5, 6, 8, 9, 11])
    }

    @Test func crlfLineEndsAreNotPartOfFields() throws {
        let records = try F.records("a,b\r\n1,2\r\n")
        #expect(records == [CSVRecord(line: 1, fields: ["a", "b"]), CSVRecord(line: 2, fields: ["1", "2"])])
    }

    @Test func aLoneCREndsALine() throws {
        let records = try F.records("a,b\r1,2\r3,4")
        #expect(records == [
            CSVRecord(line: 1, fields: ["a", "b"]), CSVRecord(line: 2, fields: ["1", "2"]), CSVRecord(line: 3, fields: ["3", "4"]),
        ])
    }

    @Test func theLastLineNeedsNoLineBreak() throws {
        #expect(try F.records("a,b\n1,2").map(\.fields) == [["a", "b"], ["1", "2"]])
        #expect(try F.records("a,\"b\"").map(\.fields) == [["a", "b"]])
    }

    @Test func emptyLinesAreSkippedButCounted() throws {
        let records = try F.records("a\n\n\r\n\rb\n\n")
        #expect(records == [CSVRecord(line: 1, fields: ["a"]), CSVRecord(line: 5, fields: ["b"])])
    }

    @Test func emptyFieldsAreKept() throws {
        #expect(try F.records(",,\n\"\"\nx,\n").map(\.fields) == [["", "", ""], [""], ["x", ""]])
    }

    @Test func anEmptyFileHasNoRecords() throws {
        #expect(try F.records("").isEmpty)
        #expect(try F.records("\u{FEFF}").isEmpty)
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        let records = try F.records("\u{FEFF}code,名称\n")
        #expect(records.first?.fields == ["code", "名称"])
        #expect(records.first?.fields.first?.unicodeScalars.count == 4)
    }

    @Test func chineseUTF8IsRead() throws {
        var reader = try CSVReader(url: try F.file("名称,地址\n城中区南大街劳动者港湾,西宁市城中区南大街12号\n"))
        #expect(reader.encoding == .utf8)
        #expect(try reader.next()?.fields == ["名称", "地址"])
        #expect(try reader.next()?.fields == ["城中区南大街劳动者港湾", "西宁市城中区南大街12号"])
        #expect(try reader.next() == nil)
    }

    @Test func theSameTextInGB18030GivesTheSameRecords() throws {
        let text = "名称,地址,服务\n城中区南大街劳动者港湾,\"西宁市城中区\n南大街12号\",饮水、热饭\n€,𠀀,㐀\n"
        var reader = try CSVReader(url: try F.file(F.gb18030(text)))
        #expect(reader.encoding == .gb18030)
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        #expect(records == (try F.records(text)))
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test(arguments: 1...16)
    func chunkBoundariesAnywhereChangeNothingInUTF8(chunkSize: Int) throws {
        #expect(try F.records(Self.mixed, chunkSize: chunkSize) == Self.mixedRecords)
    }

    @Test(arguments: 1...16)
    func chunkBoundariesAnywhereChangeNothingInGB18030(chunkSize: Int) throws {
        let url = try F.file(F.gb18030(Self.mixed))
        #expect(try F.records(url, chunkSize: chunkSize) == Self.mixedRecords)
    }

    @Test func aSevenByteChunkCutsACharacterAndAQuotedField() throws {
        // "港" spans bytes 6...8 and the quoted field bytes 10...16: the chunks end after bytes 6 and 13.
        let text = "h,a,b\n"
        let records = try F.records(text + "港,\"x\ny,z\",w\n", chunkSize: 7)
        #expect(records == [CSVRecord(line: 1, fields: ["h", "a", "b"]), CSVRecord(line: 2, fields: ["港", "x\ny,z", "w"])])
    }

    @Test func anUnclosedQuoteIsReportedWhereTheFieldStarts() {
        let error = F.error(Array("code,name\nQH-1,ok\nQH-2,\"never closed\nQH-3,more\nQH-4,rows\n".utf8))
        #expect(error == .unterminatedQuote(line: 3))
    }

    @Test func aQuoteInsideAnUnquotedFieldIsReported() {
        #expect(F.error(Array("a,b,c\n1,西宁\"市,3\n".utf8)) == .strayQuote(line: 2, column: 2))
        #expect(F.error(Array("a, \"b\"\n".utf8)) == .strayQuote(line: 1, column: 2))
    }

    @Test func textAfterAClosingQuoteIsReported() {
        #expect(F.error(Array("a,b,c\n1,2,\"x\ny\"z\n".utf8)) == .textAfterClosingQuote(line: 3, column: 3))
        #expect(F.error(Array("\"a\" ,b\n".utf8)) == .textAfterClosingQuote(line: 1, column: 1))
    }

    @Test func aNulByteIsReported() {
        #expect(F.error(Array("a,b\n1,x\u{0}y\n".utf8)) == .nulByte(line: 2, column: 2))
        #expect(F.error(Array("a,b\n1,\"x\n\u{0}\"\n".utf8)) == .nulByte(line: 3, column: 2))
    }

    @Test func aFieldOf64KiBIsAcceptedAndOneMoreByteIsNot() throws {
        let limit = CSVReader.maximumFieldBytes
        #expect(try F.records("h\n" + String(repeating: "港", count: limit / 3) + "a\n").count == 2)
        #expect(F.error(Array(("h\n" + String(repeating: "x", count: limit + 1) + "\n").utf8)) == .fieldTooLong(line: 2, column: 1))
    }

    @Test func aQuoteLeftOpenInALargeFileStopsAt64KiB() {
        let rows = String(repeating: "QH-1,城中区南大街劳动者港湾,harbor\n", count: 5_000)
        #expect(F.error(Array(("a,b,c\nQH-0,\"oops,harbor\n" + rows).utf8)) == .fieldTooLong(line: 2, column: 2))
    }

    @Test func aRecordOverOneMiBIsRefused() {
        let field = String(repeating: "x", count: 60_000)
        let record = Array(repeating: field, count: 18).joined(separator: ",")
        #expect(F.error(Array(("h\n" + record + "\n").utf8), chunkSize: 4096) == .recordTooLong(line: 2))
        #expect(F.error(Array(("h\n" + record + "\n").utf8)) == .recordTooLong(line: 2))
    }

    @Test func bytesInNeitherEncodingAreReportedWithTheirLine() {
        let bytes = Array("code,name\nQH-1,a\nQH-2,".utf8) + [0xFF, 0xFE] + Array("\nQH-3,c\n".utf8)
        #expect(F.error(bytes) == .invalidEncoding(line: 3))
    }

    @Test func gb18030CutShortAtTheEndIsReported() {
        #expect(F.error(F.gb18030("名称\r\n港湾\r\n") + [0xC3]) == .invalidEncoding(line: 3))
    }

    @Test func errorsNameTheLineInTheMessage() {
        let message = CSVError.unterminatedQuote(line: 12).localizedDescription
        #expect(message.hasPrefix("line 12:") || message.hasPrefix("第 12 行："))
        let field = CSVError.strayQuote(line: 3, column: 2).localizedDescription
        #expect(field.hasPrefix("line 3, column 2:") || field.hasPrefix("第 3 行第 2 列："))
    }

    @Test func aMissingFileThrowsAPOSIXError() {
        #expect(throws: POSIXError.self) {
            _ = try CSVReader(url: CSVFixtures.folder.appendingPathComponent("missing.csv"))
        }
    }
}
