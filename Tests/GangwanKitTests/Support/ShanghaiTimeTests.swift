import Foundation
import Testing
@testable import GangwanKit

@Suite struct ShanghaiTimeTests {
    @Test func timestampIsBeijingTimeWithItsOffset() {
        let instant = Date(timeIntervalSince1970: 1_796_107_999) // 2026-12-01T06:53:19Z
        #expect(ShanghaiTime.timestamp(of: instant) == "2026-12-01T14:53:19+08:00")
    }

    @Test func timestampAgreesWithFoundationAcrossMidnightAndYears() {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = ShanghaiTime.zone
        formatter.formatOptions = [.withInternetDateTime]
        var random = SeededGenerator(seed: 8)
        for _ in 0..<500 {
            let instant = Date(timeIntervalSince1970: Double(Int.random(in: 700_000_000...2_000_000_000, using: &random)))
            #expect(ShanghaiTime.timestamp(of: instant) == formatter.string(from: instant))
        }
    }

    @Test func dayIsTheShanghaiCalendarDay() {
        // 2026-11-23T16:30Z is already 00:30 on the 24th in Shanghai.
        #expect(ShanghaiTime.day(of: ShanghaiTime.instant(from: "2026-11-23T16:30:00Z")!) == "2026-11-24")
    }

    @Test func dayFromTextRejectsImpossibleDates() {
        #expect(ShanghaiTime.date(fromDay: "2026-02-29") == nil)
        #expect(ShanghaiTime.date(fromDay: "2026-2-1") == nil)
        #expect(ShanghaiTime.date(fromDay: "2028-02-29") != nil)
    }

    @Test func instantWithoutOffsetIsBeijingTime() {
        let utc = ShanghaiTime.instant(from: "2026-03-01T12:30:00Z")
        #expect(ShanghaiTime.instant(from: "2026-03-01T20:30") == utc)
        #expect(ShanghaiTime.instant(from: "2026-03-01 20:30:00") == utc)
        #expect(ShanghaiTime.instant(from: "2026-03-01T24:30") == nil)
        #expect(ShanghaiTime.instant(from: "2026-02-30T10:00") == nil)
        #expect(ShanghaiTime.instant(from: "2026-03-01T8:30") == nil)
    }

    /// Offsets beyond ±14:00 and years outside 1901–2999 are typing errors: Foundation took
    /// `+99:99`, and a year `0026` (for 2026) was stored and shown with Shanghai's 1900 offset.
    @Test func impossibleOffsetsAndImplausibleYearsAreRefused() throws {
        #expect(ShanghaiTime.instant(from: "2026-03-01T12:00:00+99:99") == nil)
        #expect(ShanghaiTime.instant(from: "2026-03-01T12:00:00-99:00") == nil)
        #expect(ShanghaiTime.instant(from: "2026-03-01T12:00:00+14:00") != nil)
        #expect(ShanghaiTime.instant(from: "2026-03-01T20:00:00+08:00") == ShanghaiTime.instant(from: "2026-03-01T12:00:00Z"))
        #expect(ShanghaiTime.instant(from: "0026-03-01T14:30") == nil)
        #expect(ShanghaiTime.instant(from: "0001-01-01T00:00:00Z") == nil)
        #expect(ShanghaiTime.date(fromDay: "0001-01-01") == nil)
        #expect(ShanghaiTime.date(fromDay: "1901-01-01") != nil)
        #expect(throws: FieldError.self) { try FieldText.day("0001-01-01", field: "consent-date") }
        #expect(try FieldText.day("2026-01-05", field: "consent-date") == "2026-01-05")
    }
}
