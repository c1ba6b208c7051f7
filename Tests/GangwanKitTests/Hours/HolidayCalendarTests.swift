import Foundation
import Testing
@testable import GangwanKit

@Suite struct HolidayCalendarTests {
    /// Real 2026 lines (国务院办公厅, 2026 年部分节假日安排).
    static let csv2026 = """
        date,kind,name
        2026-02-14,workday,春节
        2026-02-16,holiday,春节
        2026-10-01,holiday,国庆节
        2026-10-07,holiday,国庆节
        2026-10-10,workday,国庆节
        """

    private func date(_ text: String) throws -> LocalDate {
        try #require(LocalDate(text))
    }

    /// The error reading `csv` raises; fails the test if it reads.
    private func csvError(_ csv: String) throws -> HolidayCalendar.CSVError {
        try #require(#expect(throws: HolidayCalendar.CSVError.self) { try HolidayCalendar(csv: csv) })
    }

    // MARK: - Reading

    @Test func readsHolidaysAndMakeUpWorkdays() throws {
        let calendar = try HolidayCalendar(csv: Self.csv2026)
        #expect(calendar.dayKind(on: try date("2026-10-01")) == .holiday)
        #expect(calendar.dayKind(on: try date("2026-10-10")) == .workday)
        #expect(calendar.dayKind(on: try date("2026-02-14")) == .workday)
        #expect(calendar.dayKind(on: try date("2026-10-08")) == nil)
    }

    @Test func keepsTheNameOfEachListedDay() throws {
        let calendar = try HolidayCalendar(csv: Self.csv2026)
        #expect(calendar.name(on: try date("2026-02-16")) == "春节")
        #expect(calendar.name(on: try date("2026-10-10")) == "国庆节")
        #expect(calendar.name(on: try date("2026-10-08")) == nil)
    }

    @Test func looksUpByYearMonthAndDay() throws {
        let calendar = try HolidayCalendar(csv: Self.csv2026)
        #expect(calendar.dayKind(year: 2026, month: 10, day: 7) == .holiday)
        #expect(calendar.dayKind(year: 2026, month: 2, day: 30) == nil)
    }

    @Test func rowsNeedNotBeInDateOrder() throws {
        let calendar = try HolidayCalendar(csv: "date,kind,name\n2026-10-10,workday,国庆节\n2026-02-16,holiday,春节\n")
        #expect(calendar.dayKind(year: 2026, month: 2, day: 16) == .holiday)
        #expect(calendar.dayKind(year: 2026, month: 10, day: 10) == .workday)
    }

    @Test func toleratesByteOrderMarkCRLFBlankLinesCommentsAndSpaces() throws {
        let csv = "\u{FEFF}date,kind,name\r\n# 2026, State Council\r\n\r\n 2026-10-01 , holiday , 国庆节 \r\n"
        let calendar = try HolidayCalendar(csv: csv)
        #expect(calendar.dayKind(year: 2026, month: 10, day: 1) == .holiday)
        #expect(calendar.name(on: try date("2026-10-01")) == "国庆节")
    }

    @Test func headerAloneIsAnEmptyCalendar() throws {
        #expect(try HolidayCalendar(csv: "date,kind,name\n") == .empty)
        #expect(HolidayCalendar.empty.dayKind(year: 2026, month: 10, day: 1) == nil)
    }

    // MARK: - Bad tables

    @Test func emptyTextIsRefused() throws {
        #expect(try csvError("") == .init(line: 1, content: "", problem: .header))
    }

    @Test func missingHeaderIsRefusedOnLine1() throws {
        #expect(try csvError("2026-10-01,holiday,国庆节\n")
            == .init(line: 1, content: "2026-10-01,holiday,国庆节", problem: .header))
    }

    @Test func impossibleDateIsRefusedNamingItsLine() throws {
        #expect(try csvError("date,kind,name\n2026-02-16,holiday,春节\n2026-02-30,holiday,春节\n")
            == .init(line: 3, content: "2026-02-30,holiday,春节", problem: .date))
    }

    @Test func dateInAnotherFormatIsRefused() throws {
        #expect(try csvError("date,kind,name\n2026/10/01,holiday,国庆节").problem == .date)
    }

    @Test func unknownKindIsRefused() throws {
        #expect(try csvError("date,kind,name\n2026-10-01,rest,国庆节").problem == .kind)
    }

    @Test func wrongFieldCountIsRefused() throws {
        #expect(try csvError("date,kind,name\n2026-10-01,holiday").problem == .fieldCount(2))
        #expect(try csvError("date,kind,name\n2026-10-01,holiday,国庆节,extra").problem == .fieldCount(4))
    }

    @Test func repeatedDateIsRefusedNamingBothLines() throws {
        let error = try csvError("date,kind,name\n2026-10-01,holiday,国庆节\n2026-10-02,holiday,国庆节\n2026-10-01,workday,国庆节")
        #expect(error.line == 4)
        #expect(error.problem == .duplicate(firstLine: 2))
    }

    @Test func errorMessageNamesTheLineAndItsText() throws {
        let message = try #require(try csvError("date,kind,name\n2026-10-01,holiday,国庆节\n2026-13-01,holiday,x").errorDescription)
        #expect(message.contains("3"))
        #expect(message.contains("2026-13-01,holiday,x"))
    }

    // MARK: - LocalDate

    @Test func localDateReadsOnlyRealDaysInISOForm() {
        #expect(LocalDate("2026-10-01") == LocalDate(year: 2026, month: 10, day: 1))
        #expect(LocalDate("2028-02-29") != nil)
        for bad in ["2026-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "20261001", "2026/10/01", "２０２６-10-01", ""] {
            #expect(LocalDate(bad) == nil, "\(bad)")
        }
    }

    @Test func localDatePrintsZeroPaddedAndOrdersByTime() throws {
        #expect(LocalDate(year: 987, month: 1, day: 2)?.description == "0987-01-02")
        #expect(try date("2026-02-16") < date("2026-10-01"))
        #expect(try date("2025-12-31") < date("2026-01-01"))
    }

    @Test func dayNumbersAreConsecutiveAndInvertible() throws {
        #expect(try date("1970-01-01").dayNumber == 0)
        #expect(try date("2026-10-01").dayNumber - date("2026-09-30").dayNumber == 1)
        #expect(try date("2025-01-01").dayNumber - date("2024-12-31").dayNumber == 1)
        for dayNumber in stride(from: -719_162, through: 2_932_896, by: 997) {  // 0001-01-01 … 9999-12-31
            #expect(LocalDate(dayNumber: dayNumber).dayNumber == dayNumber)
        }
    }

    @Test func weekdaysMatchTheCalendar() throws {
        #expect(try date("2026-10-10").weekdayIndex == 5)  // Saturday
        #expect(try date("2026-02-14").weekdayIndex == 5)  // Saturday
        #expect(try date("2026-11-23").weekdayIndex == 0)  // Monday
        #expect(try date("1900-01-01").weekdayIndex == 0)  // Monday
        #expect(try date("1969-12-31").weekdayIndex == 2)  // Wednesday
    }
}
