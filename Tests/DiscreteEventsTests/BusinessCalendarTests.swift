import Testing

@testable import DiscreteEvents

@Suite("BusinessCalendar")
struct BusinessCalendarTests {
    /// Monday–Friday 08:00–12:00 and 13:00–18:00: 9 h a day, 45 h a week. Day 0 is a Monday.
    static func office(holidays: [Int] = []) throws -> BusinessCalendar {
        try .weekdays([OpeningHours(fromHour: 8, toHour: 12), OpeningHours(fromHour: 13, toHour: 18)],
                      holidays: holidays)
    }

    static func at(_ day: Int, _ hour: Int, _ minute: Int = 0) -> SimTime {
        SimTime(day: day, hour: hour, minute: minute)
    }

    static func hours(_ h: Int64) -> SimDuration { .hours(h) }

    @Test func openingHoursAreHalfOpen() throws {
        let cal = try Self.office(holidays: [2])
        #expect(cal.isOpen(at: Self.at(0, 8)))
        #expect(!cal.isOpen(at: Self.at(0, 7, 59)))
        #expect(cal.isOpen(at: Self.at(0, 11, 59)))
        #expect(!cal.isOpen(at: Self.at(0, 12)))  // lunch
        #expect(cal.isOpen(at: Self.at(0, 17, 59)))
        #expect(!cal.isOpen(at: Self.at(0, 18)))
        #expect(!cal.isOpen(at: Self.at(2, 10)))  // holiday (a Wednesday)
        #expect(!cal.isOpen(at: Self.at(5, 10)))  // Saturday
        #expect(!cal.isOpen(at: Self.at(6, 10)))  // Sunday
        #expect(cal.isOpen(at: Self.at(7, 10)))   // next Monday
        #expect(cal.weeklyOpenTime == Self.hours(45))
        #expect(cal.isBusinessDay(1) && !cal.isBusinessDay(2) && !cal.isBusinessDay(5))
    }

    @Test func addCountsOnlyOpenTime() throws {
        let cal = try Self.office()
        // Ending exactly at a closing time gives that closing time, not the next opening.
        #expect(cal.add(Self.hours(4), to: Self.at(0, 8)) == Self.at(0, 12))
        #expect(cal.add(Self.hours(5), to: Self.at(0, 8)) == Self.at(0, 14))
        #expect(cal.add(.minutes(Int64(30)), to: Self.at(0, 12, 30)) == Self.at(0, 13, 30))  // from lunch
        #expect(cal.add(Self.hours(1), to: Self.at(0, 7)) == Self.at(0, 9))                  // before opening
        #expect(cal.add(Self.hours(2), to: Self.at(4, 17)) == Self.at(7, 9))                 // over the weekend
        #expect(cal.add(Self.hours(1), to: Self.at(5, 10)) == Self.at(7, 9))                 // from Saturday
        #expect(cal.add(Self.hours(1), to: Self.at(4, 23)) == Self.at(7, 9))                 // Friday night
        // 72 business hours from Monday 08:00: a 45 h week ends Friday 18:00, then 27 h = three days.
        #expect(cal.add(Self.hours(72), to: Self.at(0, 8)) == Self.at(9, 18))
    }

    @Test func zeroDurationIsTheSameInstant() throws {
        let cal = try Self.office()
        for t in [Self.at(0, 8), Self.at(5, 3), Self.at(0, 12, 30)] {
            #expect(cal.add(.zero, to: t) == t)
            #expect(cal.addBusinessDays(0, to: t) == t)
            #expect(cal.businessTime(from: t, to: t) == .zero)
        }
    }

    @Test func holidaysAreSkipped() throws {
        let cal = try Self.office(holidays: [2, 7, 7])  // a Wednesday and the next Monday (duplicate ignored)
        #expect(cal.holidays == [2, 7])
        #expect(cal.add(Self.hours(1), to: Self.at(1, 17, 30)) == Self.at(3, 8, 30))  // Tue → Thu
        #expect(cal.add(Self.hours(1), to: Self.at(2, 9)) == Self.at(3, 9))           // from the holiday
        #expect(cal.add(Self.hours(2), to: Self.at(4, 17)) == Self.at(8, 9))          // Fri → Tue
        #expect(cal.businessTime(from: Self.at(0, 8), to: Self.at(4, 18)) == Self.hours(36))
        #expect(cal.businessTime(from: Self.at(0, 0), to: Self.at(14, 0)) == Self.hours(90 - 18))
    }

    @Test func longSpansSkipWholeWeeks() throws {
        let cal = try Self.office(holidays: [100, 3_000, 365_000])
        // 52 weeks of open time from Monday 08:00 ends on the Friday of week 51 at 18:00, plus the one
        // holiday that falls in that year (day 100, a Wednesday) costs 9 h: the whole next Monday.
        #expect(cal.add(Self.hours(45 * 52), to: Self.at(0, 8)) == Self.at(7 * 52, 18))
        let noHolidays = try Self.office()
        // About a thousand years of business hours: answered arithmetically, not hour by hour.
        #expect(noHolidays.add(Self.hours(45 * 52_000), to: Self.at(0, 8)) == Self.at(7 * 51_999 + 4, 18))
        let far = Self.at(7 * 51_999 + 4, 18)
        #expect(noHolidays.businessTime(from: Self.at(0, 8), to: far) == Self.hours(45 * 52_000))
    }

    @Test func nextOpening() throws {
        let cal = try Self.office(holidays: [7])
        #expect(cal.nextOpening(after: Self.at(0, 9)) == Self.at(0, 9))       // open now
        #expect(cal.nextOpening(after: Self.at(0, 12, 30)) == Self.at(0, 13))
        #expect(cal.nextOpening(after: Self.at(0, 18)) == Self.at(1, 8))
        #expect(cal.nextOpening(after: Self.at(5, 10)) == Self.at(8, 8))      // Saturday, Monday holiday
    }

    @Test func businessDays() throws {
        let cal = try Self.office(holidays: [7])
        #expect(cal.addBusinessDays(1, to: Self.at(4, 10)) == Self.at(8, 10))  // Fri → Tue (Mon holiday)
        #expect(cal.addBusinessDays(1, to: Self.at(5, 10)) == Self.at(8, 10))  // Saturday → Tue
        #expect(cal.addBusinessDays(5, to: Self.at(0, 9)) == Self.at(8, 9))    // Mon + 5 → Tue (skips Mon 7)
        #expect(cal.addBusinessDays(2, to: Self.at(0, 9)) == Self.at(2, 9))
        #expect(cal.businessDayCount(from: 0, to: 14) == 9)
        #expect(cal.businessDayCount(from: 5, to: 7) == 0)
        // 5 business days per week, far out.
        #expect(try Self.office().addBusinessDays(5 * 10_000, to: Self.at(0, 9)) == Self.at(7 * 10_000, 9))
    }

    @Test func calendarWithNoOpenHoursNeverLoops() throws {
        let empty = try BusinessCalendar(openingHours: [:])
        for cal in [empty, .neverOpen] {
            #expect(cal.add(Self.hours(1), to: Self.at(0, 8)) == .distantFuture)
            #expect(cal.nextOpening(after: Self.at(0, 8)) == .distantFuture)
            #expect(cal.addBusinessDays(1, to: Self.at(0, 8)) == .distantFuture)
            #expect(cal.businessTime(from: Self.at(0, 0), to: Self.at(100, 0)) == .zero)
            #expect(!cal.isOpen(at: Self.at(3, 12)))
        }
        #expect(try Self.office().add(.days(Int64.max / SimDuration.ticksPerDay), to: Self.at(0, 8)) == .distantFuture)
    }

    @Test func alwaysOpenIsWallTime() {
        let cal = BusinessCalendar.alwaysOpen
        let t = Self.at(3, 17, 25)
        #expect(cal.add(Self.hours(100), to: t) == t + Self.hours(100))
        #expect(cal.businessTime(from: t, to: t + .days(Int64(30))) == .days(Int64(30)))
        #expect(cal.nextOpening(after: t) == t)
    }

    @Test func weekdaySpecificHours() throws {
        let cal = try BusinessCalendar(openingHours: [
            .monday: [OpeningHours(fromHour: 9, toHour: 17)],
            .saturday: [OpeningHours(fromHour: 10, toHour: 12), OpeningHours(fromHour: 8, toHour: 10)],  // joined
        ])
        #expect(cal.openingHours(on: .saturday) == [OpeningHours(fromHour: 8, toHour: 12)])
        #expect(cal.weeklyOpenTime == Self.hours(12))
        #expect(cal.add(Self.hours(9), to: Self.at(0, 9)) == Self.at(5, 9))  // 8 h Monday, then Saturday
        #expect(cal.nextOpening(after: Self.at(1, 0)) == Self.at(5, 8))
    }

    @Test func badIntervalsAreNamedErrors() {
        #expect(throws: BusinessCalendarError.intervalEndsBeforeStart(
            weekday: .tuesday, interval: OpeningHours(fromHour: 13, toHour: 12))) {
            try BusinessCalendar(openingHours: [.tuesday: [OpeningHours(fromHour: 13, toHour: 12)]])
        }
        #expect(throws: BusinessCalendarError.self) {
            try BusinessCalendar(openingHours: [.monday: [OpeningHours(fromHour: 9, toHour: 9)]])
        }
        #expect(throws: BusinessCalendarError.overlappingIntervals(
            weekday: .friday, first: OpeningHours(fromHour: 8, toHour: 12),
            second: OpeningHours(fromHour: 11, toHour: 14))) {
            try BusinessCalendar(openingHours: [.friday: [OpeningHours(fromHour: 11, toHour: 14),
                                                          OpeningHours(fromHour: 8, toHour: 12)]])
        }
        #expect(throws: BusinessCalendarError.intervalOutsideDay(
            weekday: .sunday, interval: OpeningHours(fromHour: 23, toHour: 25))) {
            try BusinessCalendar(openingHours: [.sunday: [OpeningHours(fromHour: 23, toHour: 25)]])
        }
        let message = BusinessCalendarError.intervalEndsBeforeStart(
            weekday: .tuesday, interval: OpeningHours(fromHour: 13, toHour: 12)).description
        #expect(message == "opening hours on tuesday: 13:00–12:00 must end after it starts")
    }

    /// A naive reference: walk day by day and interval by interval, consuming open time.
    static func referenceAdd(_ cal: BusinessCalendar, _ d: SimDuration, _ t: SimTime) -> SimTime {
        if d == .zero { return t }
        var need = d.ticks
        var day = t.day
        while true {
            if !cal.isHoliday(day: day) {
                for interval in cal.openingHours(on: Weekday(dayIndex: day)) {
                    let dayStart = Int64(day) * SimDuration.ticksPerDay
                    let s = max(dayStart + interval.start.ticks, t.ticks)
                    let e = dayStart + interval.end.ticks
                    if e <= s { continue }
                    if need <= e - s { return SimTime(ticks: s + need) }
                    need -= e - s
                }
            }
            day += 1
        }
    }

    /// Property: on random calendars, `add` equals the naive walk, `businessTime` inverts `add`, and
    /// `add(businessTime(t, u), t)` never passes u and lies in the same closed stretch as u.
    @Test func addMatchesReferenceAndInvertsBusinessTime() throws {
        var rng = RandomStream(seed: 71)
        let minute = SimDuration.ticksPerMinute
        for _ in 0..<40 {
            var week: [Weekday: [OpeningHours]] = [:]
            for day in Weekday.allCases where rng.nextUnit() < 0.7 {
                var intervals: [OpeningHours] = []
                var cursor = Int64(rng.nextInt(below: 10 * 60))
                while cursor < 23 * 60 && rng.nextUnit() < 0.8 {
                    let length = 1 + Int64(rng.nextInt(below: 5 * 60))
                    let end = min(cursor + length, 24 * 60)
                    intervals.append(OpeningHours(from: .minutes(cursor), to: .minutes(end)))
                    cursor = end + Int64(rng.nextInt(below: 3 * 60))  // a gap of 0 joins intervals
                }
                week[day] = intervals
            }
            let holidays = (0..<Int(rng.nextInt(below: 8))).map { _ in Int(rng.nextInt(below: 120)) }
            let cal = try BusinessCalendar(openingHours: week, holidays: holidays)
            if cal.weeklyOpenTime == .zero { continue }
            for _ in 0..<50 {
                let t = SimTime(ticks: Int64(rng.nextInt(below: 100)) * SimDuration.ticksPerDay
                                + Int64(rng.nextInt(below: UInt64(24 * 60))) * minute)
                let d = SimDuration(ticks: Int64(rng.nextInt(below: 300 * 60)) * minute
                                    + Int64(rng.nextInt(below: 2)))
                let end = cal.add(d, to: t)
                #expect(end == Self.referenceAdd(cal, d, t), "add \(d) to \(t)")
                #expect(cal.businessTime(from: t, to: end) == d)
                let u = t + SimDuration(ticks: Int64(rng.nextInt(below: 20 * 24 * 60)) * minute)
                let back = cal.add(cal.businessTime(from: t, to: u), to: t)
                #expect(back <= u)
                #expect(cal.businessTime(from: back, to: u) == .zero)
                // Landing exactly on u needs open time just before u (an opening instant is reached
                // already at the previous closing, or at t itself).
                if cal.isOpen(at: u - .microseconds(1)) && u > t { #expect(back == u) }
                let open = cal.nextOpening(after: t)
                #expect(open >= t && cal.isOpen(at: open))
                #expect(cal.businessTime(from: t, to: open) == .zero)
            }
        }
    }
}
