import Foundation
import Testing
@testable import GangwanKit

/// The 2026 dates the tests need, as published by the State Council (国务院办公厅, 2026 年部分节假日安排).
private let holidays2026 = try! HolidayCalendar(csv: """
    date,kind,name
    2026-02-14,workday,春节
    2026-02-16,holiday,春节
    2026-10-01,holiday,国庆节
    2026-10-02,holiday,国庆节
    2026-10-03,holiday,国庆节
    2026-10-04,holiday,国庆节
    2026-10-05,holiday,国庆节
    2026-10-06,holiday,国庆节
    2026-10-07,holiday,国庆节
    2026-10-10,workday,国庆节
    """)

/// The instant written in UTC (`2026-11-23T00:30:00Z`); comments give the Shanghai time it stands for.
private func utc(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    guard let date = formatter.date(from: text) else { fatalError("bad test instant \(text)") }
    return date
}

private func hours(_ text: String) -> OpeningHours {
    do {
        return try OpeningHours(parsing: text)
    } catch {
        fatalError("\(text): \(error.reason)")
    }
}

/// Whether `text` is open at the UTC instant `instant`, with the 2026 holiday table.
private func open(_ text: String, _ instant: String, holidays: HolidayCalendar = holidays2026) -> Bool {
    hours(text).isOpen(at: utc(instant), holidays: holidays)
}

@Suite struct OpeningHoursTests {
    // MARK: - Parsing

    static let canonicalForms: [(text: String, canonical: String)] = [
        ("24/7", "24/7"),
        ("Mo-Fr 08:00-18:00", "Mo-Fr 08:00-18:00"),
        ("Sa,Su 09:00-17:00", "Sa,Su 09:00-17:00"),
        ("Mo-Fr 08:00-12:00,14:00-18:00", "Mo-Fr 08:00-12:00,14:00-18:00"),
        ("Mo 20:00-02:00", "Mo 20:00-02:00"),
        ("  mo - fr   08:00 - 12:00 , 14:00-18:00 ;  SA,su  OFF ; ", "Mo-Fr 08:00-12:00,14:00-18:00; Sa,Su off"),
        ("Mo－Fr 08：00～18：00；Sa，Su 09：00—17：00", "Mo-Fr 08:00-18:00; Sa,Su 09:00-17:00"),
        ("Mo、We 8:00——12:00", "Mo,We 08:00-12:00"),
        ("Ｍｏ－Ｆｒ\u{3000}０８：００－１８：００", "Mo-Fr 08:00-18:00"),
        ("Su closed", "Su off"),
        ("Su,Mo,Tu,We,Th,Fr,Sa 10:00-16:00", "Mo-Su 10:00-16:00"),
        ("Mo,Tu,We", "Mo-We"),
        ("Fr-Mo 10:00-16:00", "Fr-Mo 10:00-16:00"),
        ("Mo,Sa,Su", "Sa-Mo"),
        ("Mo,We,Su", "Mo,We,Su"),
        ("Mo-Fr,Su", "Mo-Fr,Su"),
        ("Su-Fr", "Mo-Fr,Su"),
        ("Sa-Tu", "Sa-Tu"),
        ("Mo,Su", "Mo,Su"),
        ("PH,Sa 10:00-14:00", "Sa,PH 10:00-14:00"),
        ("Mo 08:00-00:00", "Mo 08:00-24:00"),
        ("20:00-26:00", "20:00-02:00"),
        ("03:00-28:00", "03:00-28:00"),
        ("00:00-00:00", "00:00-24:00"),
        ("Mo-Fr 08:00-18:00;", "Mo-Fr 08:00-18:00"),
        ("off", "off"),
        ("24/7; PH off", "24/7; PH off"),
        ("Sa", "Sa"),
        ("08:00-18:00 off", "08:00-18:00 off"),
        ("Mo-Fr 08:00-18:00; PH 10:00-14:00", "Mo-Fr 08:00-18:00; PH 10:00-14:00"),
        ("Mo-Fr08:00-18:00", "Mo-Fr 08:00-18:00"),
        ("mo - fr 8:00 - 18:00 ; sa,su closed ;", "Mo-Fr 08:00-18:00; Sa,Su off"),
        ("Sa,Su,PH 09:00-12:00", "Sa,Su,PH 09:00-12:00"),
        ("Mo 08:00-12:00\n;\tTu 08:00-12:00", "Mo 08:00-12:00; Tu 08:00-12:00"),
    ]

    @Test(arguments: canonicalForms)
    func parsesToCanonicalForm(text: String, canonical: String) throws {
        #expect(try OpeningHours(parsing: text).description == canonical)
    }

    @Test(arguments: canonicalForms)
    func canonicalFormReadsBackEqual(text: String, canonical: String) throws {
        let parsed = try OpeningHours(parsing: text)
        let reread = try OpeningHours(parsing: parsed.description)
        #expect(reread == parsed)
        #expect(reread.description == parsed.description)
    }

    @Test func endAtMidnightIsEndAt24() throws {
        #expect(try OpeningHours(parsing: "Mo 08:00-00:00") == OpeningHours(parsing: "Mo 08:00-24:00"))
    }

    @Test func differentHoursAreNotEqual() throws {
        #expect(try OpeningHours(parsing: "Mo-Fr 08:00-18:00") != OpeningHours(parsing: "Mo-Fr 08:00-17:00"))
    }

    @Test func codableUsesCanonicalText() throws {
        let value = try OpeningHours(parsing: "mo-fr 08:00-18:00 ; ph closed")
        let json = try JSONEncoder().encode([value])
        #expect(String(decoding: json, as: UTF8.self) == #"["Mo-Fr 08:00-18:00; PH off"]"#)
        #expect(try JSONDecoder().decode([OpeningHours].self, from: json) == [value])
    }

    @Test func decodingMalformedTextFails() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([OpeningHours].self, from: Data(#"["Mo-Fx 08:00-18:00"]"#.utf8))
        }
    }

    // MARK: - Errors

    static let malformed: [(text: String, position: Int, found: String, expected: OpeningHoursError.Expectation)] = [
        ("", 1, "", .ruleStart),
        ("   ", 4, "", .ruleStart),
        ("Mx 08:00-18:00", 1, "Mx", .ruleStart),
        ("Mo-Fx 08:00-18:00", 4, "Fx", .weekday),
        ("Mo 25:00-26:00", 4, "25:00", .startTime),
        ("Mo 24:00-02:00", 4, "24:00", .startTime),
        ("Mo 08:00", 9, "", .rangeDash),
        ("Mo 08:00-18:00;;", 16, ";", .ruleStart),
        ("; Mo 08:00-18:00", 1, ";", .ruleStart),
        ("Mo 08:00-18:60", 10, "18:60", .endTime),
        ("Mo 08:00-49:00", 10, "49:00", .endTime),
        ("Mo 8-18", 4, "8", .time),
        ("Mo 08:0-18:00", 4, "08:0", .time),
        ("Mo 08:00-", 10, "", .time),
        ("Mo,08:00-18:00", 4, "08:00", .weekdayOrHoliday),
        ("Mo-PH 08:00-18:00", 4, "PH", .weekday),
        ("Mo-Fr 08:00-12:00, Sa 09:00-12:00", 20, "Sa", .timeAfterComma),
        ("Mo 08:00-18:00 open", 16, "open", .afterTimes),
        ("Mo Tu 08:00-18:00", 4, "Tu", .afterDays),
        ("24/7 Mo", 6, "Mo", .afterAlways),
        ("Mo off 08:00-12:00", 8, "08:00", .ruleEnd),
        ("Jan 08:00-18:00", 1, "Jan", .ruleStart),
        ("SH off", 1, "SH", .ruleStart),
        ("周一 08:00-18:00", 1, "周一", .ruleStart),
        ("Mo 08：00－18：00；周六", 16, "周六", .ruleStart),
        ("Mo 08:00-18:00 @", 16, "@", .afterTimes),
        ("Mo 10:00", 9, "", .rangeDash),
        ("Mo 17:00+", 9, "+", .rangeDash),
        ("Mo[1] 10:00-12:00", 3, "[", .afterDays),
        ("PH Mo 10:00-12:00", 4, "Mo", .afterDays),
        ("Mo 08.00-18.00", 4, "08", .time),
        ("Mo 8:00至18:00", 8, "至", .rangeDash),
        ("Mo-Fr 08:00-18:00 || Sa 10:00-12:00", 19, "|", .afterTimes),
    ]

    @Test(arguments: malformed)
    func malformedHoursAreRefusedAtTheirPosition(
        text: String, position: Int, found: String, expected: OpeningHoursError.Expectation
    ) {
        let error = #expect(throws: OpeningHoursError.self) { try OpeningHours(parsing: text) }
        #expect(error == OpeningHoursError(position: position, found: found, expected: expected))
    }

    @Test func errorMessageNamesFieldTokenAndPosition() throws {
        let error = try #require(#expect(throws: OpeningHoursError.self) { try OpeningHours(parsing: "Mo-Fx 08:00-18:00") })
        let message = try #require(error.errorDescription)
        #expect(message.hasPrefix("hours"))
        #expect(message.contains("\"Fx\"") || message.contains("“Fx”"))
        #expect(message.contains("4"))
        #expect(message.contains("Mo Tu We Th Fr Sa Su"))
    }

    @Test func bothLanguagesExplainEveryExpectation() {
        let all: [OpeningHoursError.Expectation] = [
            .ruleStart, .weekday, .weekdayOrHoliday, .time, .timeAfterComma, .startTime, .endTime, .rangeDash,
            .afterAlways, .afterDays, .afterTimes, .ruleEnd,
        ]
        #expect(Set(all.map(\.texts.english)).count == all.count)
        #expect(Set(all.map(\.texts.chinese)).count == all.count)
    }

    // MARK: - Ordinary days

    @Test func rangesIncludeTheirStartAndExcludeTheirEnd() {
        let weekdays = "Mo-Fr 08:00-18:00"
        #expect(open(weekdays, "2026-11-23T00:00:00Z"))  // Mon 08:00
        #expect(!open(weekdays, "2026-11-22T23:59:00Z"))  // Mon 07:59
        #expect(open(weekdays, "2026-11-23T09:59:00Z"))  // Mon 17:59
        #expect(!open(weekdays, "2026-11-23T10:00:00Z"))  // Mon 18:00
    }

    @Test func instantsAreReadInShanghaiTime() {
        #expect(open("Mo 08:00-09:00", "2026-11-23T00:30:00Z"))  // Mon 08:30
        // Sunday 16:30 in UTC is Monday 00:30 in Shanghai.
        #expect(open("Mo 00:00-01:00", "2026-11-22T16:30:00Z"))
        #expect(!open("Su 16:00-17:00", "2026-11-22T16:30:00Z"))
    }

    @Test func severalRangesInOneDay() {
        let split = "Mo-Fr 08:00-12:00,14:00-18:00"
        #expect(open(split, "2026-11-24T03:00:00Z"))  // Tue 11:00
        #expect(!open(split, "2026-11-24T05:00:00Z"))  // Tue 13:00
        #expect(open(split, "2026-11-24T07:00:00Z"))  // Tue 15:00
    }

    @Test func laterRuleClosesTheDayItNames() {
        let hours = "Mo-Su 08:00-20:00; Su off"
        #expect(!open(hours, "2026-11-22T02:00:00Z"))  // Sun 10:00
        #expect(open(hours, "2026-11-21T02:00:00Z"))  // Sat 10:00
    }

    @Test func laterRuleReplacesEarlierTimesRatherThanAdding() {
        let hours = "Mo-Fr 08:00-18:00; We 10:00-12:00"
        #expect(!open(hours, "2026-11-25T01:00:00Z"))  // Wed 09:00
        #expect(open(hours, "2026-11-25T03:00:00Z"))  // Wed 11:00
        #expect(open(hours, "2026-11-26T01:00:00Z"))  // Thu 09:00
    }

    @Test func offWithTimesClosesOnlyThoseTimes() {
        let hours = "Mo-Fr 08:00-18:00; Mo-Fr 12:00-13:00 off"
        #expect(open(hours, "2026-11-23T03:00:00Z"))  // Mon 11:00
        #expect(!open(hours, "2026-11-23T04:30:00Z"))  // Mon 12:30
        #expect(open(hours, "2026-11-23T05:00:00Z"))  // Mon 13:00
    }

    @Test func timesWithoutDaysApplyEveryDay() {
        #expect(open("08:00-18:00", "2026-11-22T02:00:00Z"))  // Sun 10:00
        #expect(!open("08:00-18:00", "2026-11-22T11:00:00Z"))  // Sun 19:00
    }

    @Test func ruleWithoutDaysReplacesEarlierRules() {
        // The specification's reading, which opening_hours.js issue #231 agrees it should follow.
        let hours = "Mo-Sa 08:00-13:00; 15:00-18:00"
        #expect(!open(hours, "2026-11-23T02:00:00Z"))  // Mon 10:00
        #expect(open(hours, "2026-11-23T08:00:00Z"))  // Mon 16:00
    }

    @Test func daysWithoutTimesAreOpenAllDay() {
        #expect(open("Sa,Su", "2026-11-20T19:00:00Z"))  // Sat 03:00
        #expect(open("Sa,Su", "2026-11-22T15:59:00Z"))  // Sun 23:59
        #expect(!open("Sa,Su", "2026-11-20T04:00:00Z"))  // Fri 12:00
    }

    @Test func offAloneIsAlwaysClosed() {
        #expect(!open("off", "2026-11-23T02:00:00Z"))
        #expect(!open("off", "2026-10-01T02:00:00Z"))
    }

    @Test func weekdayRangeWrapsPastSunday() {
        let hours = "Fr-Mo 10:00-16:00"
        #expect(open(hours, "2026-11-22T04:00:00Z"))  // Sun 12:00
        #expect(open(hours, "2026-11-23T04:00:00Z"))  // Mon 12:00
        #expect(!open(hours, "2026-11-25T04:00:00Z"))  // Wed 12:00
    }

    // MARK: - Past midnight

    @Test func rangePastMidnightOpensTheNextMorning() {
        let monday = "Mo 20:00-02:00"
        #expect(open(monday, "2026-11-23T15:59:00Z"))  // Mon 23:59
        #expect(open(monday, "2026-11-23T17:30:00Z"))  // Tue 01:30
        #expect(!open(monday, "2026-11-23T18:00:00Z"))  // Tue 02:00
        #expect(!open(monday, "2026-11-23T11:59:00Z"))  // Mon 19:59
        #expect(!open(monday, "2026-11-22T17:00:00Z"))  // Mon 01:00: nothing spills from Sunday
    }

    @Test func spillSurvivesAnEarlierRuleForTheNextDay() {
        let hours = "Tu 10:00-12:00; Mo 20:00-02:00"
        #expect(open(hours, "2026-11-23T17:30:00Z"))  // Tue 01:30
        #expect(open(hours, "2026-11-24T03:00:00Z"))  // Tue 11:00
    }

    @Test func laterRuleForTheNextDayReplacesTheSpill() {
        let hours = "Mo 20:00-02:00; Tu 10:00-12:00"
        #expect(open(hours, "2026-11-23T13:00:00Z"))  // Mon 21:00
        #expect(!open(hours, "2026-11-23T17:30:00Z"))  // Tue 01:30
        #expect(open(hours, "2026-11-24T03:00:00Z"))  // Tue 11:00
    }

    @Test func agreesWithReferenceEvaluatorOnOverriddenSpill() {
        // opening_hours.js test "Time ranges spanning midnight with date overwriting".
        let hours = "22:00-02:00; Tu 12:00-14:00"
        #expect(open(hours, "2026-11-23T15:00:00Z"))  // Mon 23:00
        #expect(!open(hours, "2026-11-23T17:00:00Z"))  // Tue 01:00
        #expect(open(hours, "2026-11-24T05:00:00Z"))  // Tue 13:00
        #expect(!open(hours, "2026-11-24T15:00:00Z"))  // Tue 23:00
        #expect(open(hours, "2026-11-24T17:00:00Z"))  // Wed 01:00
    }

    @Test func offForTheNextDayClosesTheSpill() {
        #expect(!open("Mo 20:00-02:00; Tu off", "2026-11-23T17:00:00Z"))  // Tue 01:00
    }

    @Test func equalStartAndEndMeanTwentyFourHours() {
        let hours = "We 22:00-22:00"
        #expect(open(hours, "2026-11-26T13:59:00Z"))  // Thu 21:59
        #expect(!open(hours, "2026-11-26T14:00:00Z"))  // Thu 22:00
        #expect(!open(hours, "2026-11-25T13:59:00Z"))  // Wed 21:59
    }

    @Test func dailyNightHoursSpillIntoEveryMorning() {
        let nightly = "Mo-Su 18:00-02:00"
        #expect(open(nightly, "2026-11-21T17:00:00Z"))  // Sun 01:00, from Saturday
        #expect(open(nightly, "2026-11-22T17:00:00Z"))  // Mon 01:00, from Sunday
        #expect(!open(nightly, "2026-11-22T19:00:00Z"))  // Mon 03:00
    }

    @Test func endTimePast24SpillsLikeAWrappedRange() {
        let hours = "Fr 20:00-28:00"
        #expect(open(hours, "2026-11-20T19:59:00Z"))  // Sat 03:59
        #expect(!open(hours, "2026-11-20T20:00:00Z"))  // Sat 04:00
    }

    // MARK: - Holidays

    @Test func phOffClosesAStatutoryHoliday() {
        #expect(!open("Mo-Fr 08:00-18:00; PH off", "2026-10-01T02:00:00Z"))  // Thu 1 Oct 10:00, 国庆节
    }

    @Test func dayAfterTheHolidaysIsAnOrdinaryWeekday() {
        #expect(open("Mo-Fr 08:00-18:00; PH off", "2026-10-08T02:00:00Z"))  // Thu 8 Oct 10:00
    }

    @Test func phTimesReplaceWeekdayHoursOnAHoliday() {
        let hours = "Mo-Su 08:00-20:00; PH 10:00-14:00"
        #expect(!open(hours, "2026-10-01T01:00:00Z"))  // 1 Oct 09:00
        #expect(open(hours, "2026-10-01T03:00:00Z"))  // 1 Oct 11:00
        #expect(!open(hours, "2026-10-01T07:00:00Z"))  // 1 Oct 15:00
        #expect(open(hours, "2026-10-08T01:00:00Z"))  // 8 Oct 09:00, ordinary
    }

    @Test func holidayWithoutPHRuleKeepsItsWeekdayHours() {
        #expect(open("Mo-Fr 08:00-18:00", "2026-10-01T02:00:00Z"))  // Thu 1 Oct 10:00
        #expect(!open("Mo-Fr 08:00-18:00", "2026-10-03T02:00:00Z"))  // Sat 3 Oct 10:00
    }

    @Test func phRuleBeforeWeekdayRulesIsOverriddenByThem() {
        // Rule order decides, as in OSM: write PH rules last.
        #expect(open("PH off; Mo-Fr 08:00-18:00", "2026-10-01T02:00:00Z"))
    }

    @Test func makeUpWorkdayKeepsMondayHours() {
        let hours = "Mo 09:00-12:00; Tu-Fr 08:00-18:00; Sa,Su off"
        #expect(open(hours, "2026-10-10T02:00:00Z"))  // Sat 10 Oct 10:00, 调休上班
        #expect(!open(hours, "2026-10-10T05:00:00Z"))  // Sat 10 Oct 13:00, Monday hours are over
        #expect(!open(hours, "2026-10-17T02:00:00Z"))  // Sat 17 Oct 10:00, ordinary Saturday
        #expect(open(hours, "2026-02-14T02:00:00Z"))  // Sat 14 Feb 10:00, 调休上班 before 春节
    }

    @Test func makeUpWorkdayOfAStationClosedOnMondaysIsClosed() {
        #expect(!open("Tu-Su 08:00-18:00", "2026-10-10T02:00:00Z"))  // Sat 10 Oct, a Monday for the day
        #expect(open("Tu-Su 08:00-18:00", "2026-10-17T02:00:00Z"))  // Sat 17 Oct
    }

    @Test func phOffAlsoClosesTheSpillIntoTheHoliday() {
        let hours = "Mo-Su 20:00-02:00; PH off"
        #expect(open(hours, "2026-09-30T15:00:00Z"))  // Wed 30 Sep 23:00
        #expect(!open(hours, "2026-09-30T17:00:00Z"))  // Thu 1 Oct 01:00
    }

    @Test func phRuleCanKeepTheNightBeforeAHoliday() {
        let hours = "Mo-Su 20:00-02:00; PH 00:00-02:00"
        #expect(open(hours, "2026-09-30T17:00:00Z"))  // Thu 1 Oct 01:00
        #expect(!open(hours, "2026-10-01T13:00:00Z"))  // Thu 1 Oct 21:00
    }

    @Test func spillFromAHolidayFollowsThePHRule() {
        let hours = "Mo-Su 08:00-18:00; PH 20:00-02:00"
        #expect(!open(hours, "2026-10-07T02:00:00Z"))  // Wed 7 Oct 10:00, holiday
        #expect(open(hours, "2026-10-07T17:00:00Z"))  // Thu 8 Oct 01:00, spill from the holiday
        #expect(open(hours, "2026-10-08T02:00:00Z"))  // Thu 8 Oct 10:00
    }

    @Test func emptyCalendarKnowsNoHolidays() {
        #expect(open("Mo-Fr 08:00-18:00; PH off", "2026-10-01T02:00:00Z", holidays: .empty))
    }

    // MARK: - Time zone

    @Test func arithmeticAgreesWithTheTimeZoneDatabase() {
        var seconds = OpeningHours.fixedOffsetSince
        while seconds < 2_900_000_000 {  // to 2061
            let instant = Date(timeIntervalSince1970: seconds)
            let fast = OpeningHours.shanghaiMoment(of: instant)
            let slow = OpeningHours.calendarMoment(of: instant)
            #expect(fast == slow, "\(instant)")
            if fast != slow { return }
            seconds += 1_000_003
        }
    }

    @Test func instantsBefore1992FollowChineseSummerTime() {
        // 1990-07-01T00:30Z was Sunday 09:30 in Shanghai, on summer time (UTC+9).
        #expect(open("Su 09:00-10:00", "1990-07-01T00:30:00Z", holidays: .empty))
        #expect(!open("Su 08:00-09:00", "1990-07-01T00:30:00Z", holidays: .empty))
    }

    // MARK: - Always open

    @Test(arguments: [
        ("24/7", true), ("00:00-24:00", true), ("Mo-Su 00:00-24:00", true), ("Mo-Su", true),
        ("Mo-Su 12:00-12:00", true), ("24/7; PH off", false), ("Mo-Sa 00:00-24:00", false),
        ("Mo-Su 00:00-24:00; Su 12:00-13:00 off", false), ("off", false), ("Mo-Fr 08:00-18:00", false),
    ])
    func alwaysOpenMeansOpenAtEveryInstant(text: String, always: Bool) throws {
        #expect(try OpeningHours(parsing: text).isAlwaysOpen == always)
    }
}
