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

    /// A date that does not exist is refused with an offset too (Foundation's parser had rolled
    /// `2026-02-30T10:30:00+08:00` over to 2 March); an offset may follow minutes alone.
    @Test func instantWithOffsetMustBeARealTime() {
        #expect(ShanghaiTime.instant(from: "2026-02-30T10:30:00+08:00") == nil)
        #expect(ShanghaiTime.instant(from: "2026-02-29T10:30:00Z") == nil)
        #expect(ShanghaiTime.instant(from: "2026-04-31T10:30:00-05:00") == nil)
        #expect(ShanghaiTime.instant(from: "2026-03-01T12:30:60Z") == nil)
        #expect(ShanghaiTime.instant(from: "2026-03-01T12:30:00+08") == nil)
        #expect(ShanghaiTime.instant(from: "2026-03-01T12:30:00Zjunk") == nil)
        #expect(ShanghaiTime.instant(from: "2026-03-01T12:30:00.Z") == nil)
        let utc = ShanghaiTime.instant(from: "2026-03-01T12:30:00Z")
        #expect(utc == Date(timeIntervalSince1970: 1_772_368_200))
        #expect(ShanghaiTime.instant(from: "2026-03-01T20:30+08:00") == utc)
        #expect(ShanghaiTime.instant(from: "2026-03-01T20:30:00+0800") == utc)
        #expect(ShanghaiTime.instant(from: "2026-03-01T07:30:00-05:00") == utc)
        #expect(ShanghaiTime.instant(from: "2028-02-29T20:30:00+08:00") != nil)
        #expect(ShanghaiTime.instant(from: "2026-03-01T12:30:00.25Z") == utc?.addingTimeInterval(0.25))
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
