import Foundation

extension OpeningHours {
    /// Whether the station is open at `instant`, reading its day and time of day in Asia/Shanghai.
    ///
    /// Rules apply in order as in OpenStreetMap's reference evaluator (opening_hours.js): a later
    /// opening rule that selects the day replaces what earlier rules said about it, spill past
    /// midnight included; an `off` rule closes its times (all day without times) and keeps the rest.
    /// A statutory holiday in `holidays` is a `PH` day that also keeps its weekday, so it follows the
    /// `PH` rules when there are any after the weekday rules; a make-up workday is a Monday and not a
    /// holiday. Does not allocate: it runs in the locator's inner loop.
    public func isOpen(at instant: Date, holidays: HolidayCalendar) -> Bool {
        let moment = Self.shanghaiMoment(of: instant)
        return isOpen(
            minute: moment.minute,
            today: Self.dayBits(dayNumber: moment.day, holidays: holidays),
            yesterday: Self.dayBits(dayNumber: moment.day - 1, holidays: holidays))
    }

    /// Whether the hours are open at every instant of every day, whatever the holiday table says.
    ///
    /// True for `24/7`, `00:00-24:00` or `Mo-Su 00:00-24:00`; false for `24/7; PH off`.
    public var isAlwaysOpen: Bool {
        guard let last = rules.last, last.opens else { return false }
        if rules.count == 1, last.mask & DaySet.allWeekdays == DaySet.allWeekdays,
           last.spans.isEmpty || last.spans.contains(where: { $0.start == 0 && $0.end >= 1440 }) {
            return true
        }
        // The state can only change where some range starts or ends, so those minutes suffice.
        var minutes = [0]
        for rule in rules {
            for span in rule.spans {
                minutes.append(span.start)
                minutes.append(span.end % 1440)
            }
        }
        // Every pairing of (weekday, holiday?) for the day and the day before: a make-up workday can
        // make any day a Monday, so the pair need not be consecutive weekdays.
        let profiles = (0..<7).flatMap { [DaySet.weekday($0), DaySet.weekday($0) | DaySet.holiday] }
        for today in profiles {
            for yesterday in profiles {
                for minute in minutes where !isOpen(minute: minute, today: today, yesterday: yesterday) {
                    return false
                }
            }
        }
        return true
    }

    /// The state at `minute` (0..<1440) of a day whose ``DaySet`` bits are `today`, after a day with bits `yesterday`.
    ///
    /// opening_hours.js lists, for the day, each rule that selects it and, right after each rule, the
    /// part of its ranges that spills from the day before, then lets the last match decide. A rule
    /// that opens resets the list; spill and `off` rules never do. One pass keeps the same order.
    func isOpen(minute: Int, today: UInt8, yesterday: UInt8) -> Bool {
        var open = false
        for rule in rules {
            let mask = rule.mask
            if mask & today != 0 {
                if rule.opens { open = false }
                if rule.spans.isEmpty {
                    open = rule.opens
                } else if rule.spans.contains(where: { $0.start <= minute && minute < min($0.end, 1440) }) {
                    open = rule.opens
                }
            }
            if mask & yesterday != 0, rule.spans.contains(where: { minute < $0.end - 1440 }) {
                open = rule.opens
            }
        }
        return open
    }

    /// The ``DaySet`` bits for a day: its weekday, plus `PH` on a holiday; a make-up workday is a Monday.
    static func dayBits(dayNumber: Int, holidays: HolidayCalendar) -> UInt8 {
        switch holidays.dayKind(dayNumber: dayNumber) {
        case nil: DaySet.weekday(LocalDate.weekdayIndex(ofDayNumber: dayNumber))
        case .holiday?: DaySet.weekday(LocalDate.weekdayIndex(ofDayNumber: dayNumber)) | DaySet.holiday
        case .workday?: DaySet.weekday(0)
        }
    }
}

// MARK: - Asia/Shanghai

extension OpeningHours {
    /// 1992-01-01T00:00:00Z. China last used daylight saving time in 1991; since then Asia/Shanghai is UTC+8 all year.
    static let fixedOffsetSince: TimeInterval = 694_224_000
    /// 10000-01-01T00:00:00Z, past which ``LocalDate`` ends.
    static let fixedOffsetUntil: TimeInterval = 253_402_300_800

    /// The Shanghai day (a ``LocalDate/dayNumber``) and minute of the day of `instant`.
    ///
    /// From 1992 on this is integer arithmetic on UTC+8, which is what the zone's rules say and costs
    /// no `Calendar` call in the locator's loop; earlier instants (the 1986–1991 summer times and the
    /// pre-1901 local mean time) ask a Gregorian calendar in the Asia/Shanghai zone.
    static func shanghaiMoment(of instant: Date) -> (day: Int, minute: Int) {
        let seconds = instant.timeIntervalSince1970
        if seconds >= fixedOffsetSince, seconds < fixedOffsetUntil {
            let local = Int(seconds.rounded(.down)) + 8 * 3600
            return (local / 86_400, local % 86_400 / 60)
        }
        return calendarMoment(of: instant)
    }

    static let shanghaiCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        return calendar
    }()

    /// ``shanghaiMoment(of:)`` by the time-zone database, for any instant.
    static func calendarMoment(of instant: Date) -> (day: Int, minute: Int) {
        let parts = shanghaiCalendar.dateComponents([.era, .year, .month, .day, .hour, .minute], from: instant)
        guard parts.era == 1, let year = parts.year, let month = parts.month, let day = parts.day,
              let date = LocalDate(year: year, month: month, day: day),
              let hour = parts.hour, let minute = parts.minute
        else { return (0, 0) }
        return (date.dayNumber, hour * 60 + minute)
    }
}
