import Foundation
import Testing
@testable import GangwanKit

@Suite struct CSVWriterTests {
    @Test func plainFieldsAreNotQuotedAndTheLineEndsInCRLF() {
        #expect(CSVWriter.line(["QH-1", "城中区南大街劳动者港湾", "36.6171", ""]) == "QH-1,城中区南大街劳动者港湾,36.6171,\r\n")
    }

    @Test func fieldsWithCommasQuotesOrLineBreaksAreQuoted() {
        #expect(CSVWriter.line(["a,b", "say \"hi\"", "x\ny", "x\ry"]) == "\"a,b\",\"say \"\"hi\"\"\",\"x\ny\",\"x\ry\"\r\n")
    }

    @Test func leadingAndTrailingSpacesAreQuoted() {
        #expect(CSVWriter.line([" a", "b ", "\tc", "d e"]) == "\" a\",\"b \",\"\tc\",d e\r\n")
    }

    @Test func aLoneEmptyFieldIsWrittenAsTwoQuotes() {
        #expect(CSVWriter.line([""]) == "\"\"\r\n")
    }

    @Test func aLeadingByteOrderMarkCharacterIsQuoted() {
        #expect(CSVWriter.line(["\u{FEFF}x", "y"]) == "\"\u{FEFF}x\",y\r\n")
    }

    @Test func randomRecordsReadBackIdentical() throws {
        var random = SeededGenerator(seed: 4180)
        let pieces = ["港湾", "西宁市", "𠀀", "€", "a", " ", ",", "\"", "\"\"", "\n", "\r\n", "\r", "\t", "x y", "'", "=1+2", "\u{FEFF}", ""]
        var records: [[String]] = []
        for _ in 0..<500 {
            let count = Int.random(in: 1...8, using: &random)
            records.append((0..<count).map { _ in
                (0..<Int.random(in: 0...5, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            })
        }
        let url = try CSVFixtures.file(records.map(CSVWriter.line).joined())
        #expect(try CSVFixtures.records(url).map(\.fields) == records)
        #expect(try CSVFixtures.records(url, chunkSize: 5).map(\.fields) == records)
    }
}
