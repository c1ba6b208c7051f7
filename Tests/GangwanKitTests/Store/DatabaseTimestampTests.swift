import Foundation
import GRDB
import Testing
@testable import GangwanKit

@Suite struct DatabaseTimestampTests {
    @Test func textIsWhatGRDBWritesForTheSameInstant() throws {
        var random = SeededGenerator(seed: 11)
        for _ in 0..<300 {
            let instant = Date(timeIntervalSince1970: Double(Int.random(in: -1_000_000_000_000...4_000_000_000_000, using: &random)) / 1000)
            #expect(DatabaseTimestamp.text(instant) == (instant.databaseValue.storage.value as? String))
        }
    }

    @Test func textReadsBackAsTheSameMillisecond() throws {
        let instant = Date(timeIntervalSince1970: 1_796_107_999.123)
        let read = try #require(Date.fromDatabaseValue(DatabaseTimestamp.text(instant).databaseValue))
        #expect(abs(read.timeIntervalSince1970 - instant.timeIntervalSince1970) < 0.001)
    }
}
