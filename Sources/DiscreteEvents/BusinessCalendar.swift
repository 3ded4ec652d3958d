/// One opening interval within a day, [start, end) as times of day (e.g. 08:00–12:00).
///
/// An interval cannot cross midnight: a night shift is two intervals on consecutive weekdays.
public struct OpeningHours: Hashable, Sendable, CustomStringConvertible {
    /// The opening time of day.
    public var start: SimDuration
    /// The closing time of day (exclusive; at most 24:00).
    public var end: SimDuration

    /// The interval [start, end) of times of day; validated when a calendar is built.
    public init(from start: SimDuration, to end: SimDuration) {
        self.start = start
        self.end = end
    }

    /// The interval fromHour:fromMinute – toHour:toMinute, e.g. `OpeningHours(fromHour: 8, toHour: 12)`.
    public init(fromHour: Int, fromMinute: Int = 0, toHour: Int, toMinute: Int = 0) {
        self.init(from: .hours(Int64(fromHour)) + .minutes(Int64(fromMinute)),
                  to: .hours(Int64(toHour)) + .minutes(Int64(toMinute)))
    }

    /// `08:00–12:00`.
    public var description: String { "\(start.clockString)–\(end.clockString)" }
}

/// Why a business calendar could not be built; names the weekday and the interval.
public enum BusinessCalendarError: Error, Hashable, Sendable, CustomStringConvertible {
    /// An interval whose end is not after its start (empty or reversed).
    case intervalEndsBeforeStart(weekday: Weekday, interval: OpeningHours)
    /// An interval that starts before 00:00 or ends after 24:00.
    case intervalOutsideDay(weekday: Weekday, interval: OpeningHours)
    /// Two intervals of the same weekday that overlap.
    case overlappingIntervals(weekday: Weekday, first: OpeningHours, second: OpeningHours)

    /// One readable line, e.g. `opening hours on tuesday: 13:00–12:00 must end after it starts`.
    public var description: String {
        switch self {
        case .intervalEndsBeforeStart(let day, let interval):
            "opening hours on \(day): \(interval) must end after it starts"
        case .intervalOutsideDay(let day, let interval):
            "opening hours on \(day): \(interval) must lie within 00:00–24:00"
        case .overlappingIntervals(let day, let first, let second):
            "opening hours on \(day): \(first) and \(second) overlap"
        }
    }
}

/// Opening hours per weekday plus holidays: the clock that SLA deadlines ("72 business hours",
/// "5 business days") are counted on.
///
/// Built once, then queried in O(intervals per day + log holidays), whatever the span: whole weeks are
/// skipped arithmetically. Day 0 is a Monday (`SimTime.weekday`). A calendar with no open hours at all
/// is valid; arithmetic on it answers `SimTime.distantFuture` ("never") instead of looping.
public struct BusinessCalendar: Sendable, Hashable {
    /// Interval bounds (ticks from midnight), all weekdays back to back, each weekday's sorted.
    let intervalStart: [Int64]
    let intervalEnd: [Int64]
    /// Weekday w's intervals are `dayFirst[w] ..< dayFirst[w + 1]` (8 entries).
    let dayFirst: [Int]
    /// The holidays (day indices), sorted, without duplicates.
    public let holidays: [Int]
    /// Cumulative open ticks and business days, by weekday and over the holidays.
    let openTicks: DayWeights
    let businessDays: DayWeights

    /// A calendar from each weekday's opening intervals (weekdays absent are closed) and holiday days.
    ///
    /// Intervals may come in any order; intervals that touch (12:00–13:00, 13:00–14:00) are joined.
    /// Throws `BusinessCalendarError` for an interval that ends before it starts, lies outside the day,
    /// or overlaps another. - Complexity: O(k log k + h log h) for k intervals and h holidays.
    public init<Holidays: Sequence>(openingHours: [Weekday: [OpeningHours]], holidays: Holidays)
        throws(BusinessCalendarError) where Holidays.Element == Int
    {
        var starts: [Int64] = []
        var ends: [Int64] = []
        var first = [0]
        for weekday in Weekday.allCases {  // fixed order: the dictionary is only looked up
            let intervals = (openingHours[weekday] ?? []).sorted { ($0.start, $0.end) < ($1.start, $1.end) }
            for interval in intervals {
                if interval.end <= interval.start {
                    throw .intervalEndsBeforeStart(weekday: weekday, interval: interval)
                }
                if interval.start < .zero || interval.end > .days(1) {
                    throw .intervalOutsideDay(weekday: weekday, interval: interval)
                }
            }
            var previous: OpeningHours?
            for interval in intervals {
                if let p = previous, interval.start < p.end {
                    throw .overlappingIntervals(weekday: weekday, first: p, second: interval)
                }
                if let last = ends.last, starts.count > first[first.count - 1], last == interval.start.ticks {
                    ends[ends.count - 1] = interval.end.ticks  // touching: join
                } else {
                    starts.append(interval.start.ticks)
                    ends.append(interval.end.ticks)
                }
                previous = interval
            }
            first.append(starts.count)
        }
        self.init(starts: starts, ends: ends, dayFirst: first, holidays: holidays)
    }

    /// A calendar from each weekday's opening intervals, without holidays. See `init(openingHours:holidays:)`.
    public init(openingHours: [Weekday: [OpeningHours]]) throws(BusinessCalendarError) {
        try self.init(openingHours: openingHours, holidays: [])
    }

    /// Monday to Friday with the same `hours`, weekends closed, plus `holidays`.
    public static func weekdays<Holidays: Sequence>(_ hours: [OpeningHours], holidays: Holidays)
        throws(BusinessCalendarError) -> BusinessCalendar where Holidays.Element == Int
    {
        var week: [Weekday: [OpeningHours]] = [:]
        for day in Weekday.allCases where !day.isWeekend { week[day] = hours }
        return try BusinessCalendar(openingHours: week, holidays: holidays)
    }

    /// Monday to Friday with the same `hours`, weekends closed, no holidays.
    public static func weekdays(_ hours: [OpeningHours]) throws(BusinessCalendarError) -> BusinessCalendar {
        try weekdays(hours, holidays: [])
    }

    /// Open around the clock, every day: business time equals elapsed time.
    public static let alwaysOpen = BusinessCalendar(
        starts: [Int64](repeating: 0, count: 7), ends: [Int64](repeating: SimDuration.ticksPerDay, count: 7),
        dayFirst: Array(0...7), holidays: [])

    /// Never open: every deadline on it is `SimTime.distantFuture`.
    public static let neverOpen = BusinessCalendar(
        starts: [], ends: [], dayFirst: [Int](repeating: 0, count: 8), holidays: [])

    /// Builds the prefix tables from validated, sorted, disjoint intervals.
    init<Holidays: Sequence>(starts: [Int64], ends: [Int64], dayFirst: [Int], holidays: Holidays)
        where Holidays.Element == Int
    {
        intervalStart = starts
        intervalEnd = ends
        self.dayFirst = dayFirst
        var unique: [Int] = []
        for day in holidays.sorted() where unique.last != day { unique.append(day) }
        self.holidays = unique
        var open = [Int64](repeating: 0, count: 7)
        for w in 0..<7 {
            for i in dayFirst[w]..<dayFirst[w + 1] { open[w] += ends[i] - starts[i] }
        }
        openTicks = DayWeights(perWeekday: open, holidays: unique)
        businessDays = DayWeights(perWeekday: open.map { $0 > 0 ? 1 : 0 }, holidays: unique)
    }

    // MARK: - Queries

    /// The opening intervals of `weekday`, sorted (touching intervals joined).
    public func openingHours(on weekday: Weekday) -> [OpeningHours] {
        let w = weekday.rawValue
        return (dayFirst[w]..<dayFirst[w + 1]).map {
            OpeningHours(from: SimDuration(ticks: intervalStart[$0]), to: SimDuration(ticks: intervalEnd[$0]))
        }
    }

    /// The open time in one ordinary (non-holiday) week.
    public var weeklyOpenTime: SimDuration { SimDuration(ticks: openTicks.perWeek) }

    /// Whether `day` is a holiday. - Complexity: O(log holidays).
    public func isHoliday(day: Int) -> Bool {
        let i = DayWeights.lowerBound(of: day, in: holidays)
        return i < holidays.count && holidays[i] == day
    }

    /// Whether `day` has any open hours (an opening weekday that is not a holiday).
    /// - Complexity: O(log holidays).
    public func isBusinessDay(_ day: Int) -> Bool {
        openTicks.perWeekday[Weekday(dayIndex: day).rawValue] > 0 && !isHoliday(day: day)
    }

    /// Whether the calendar is open at `time` (intervals are half-open: open at 08:00, closed at 12:00).
    /// - Complexity: O(intervals per day + log holidays).
    public func isOpen(at time: SimTime) -> Bool {
        if isHoliday(day: time.day) { return false }
        let w = time.weekday.rawValue
        let tod = time.timeOfDay.ticks
        for i in dayFirst[w]..<dayFirst[w + 1] where intervalStart[i] <= tod && tod < intervalEnd[i] {
            return true
        }
        return false
    }
}

/// A per-weekday weight (open ticks, or 1 for a business day) and its cumulative sums, so the total
/// over any run of days is whole weeks × `perWeek` plus two table lookups minus the holidays in range.
struct DayWeights: Sendable, Hashable {
    let perWeekday: [Int64]
    /// weekPrefix[r] = Σ perWeekday[0..<r].
    let weekPrefix: [Int64]
    let perWeek: Int64
    /// holidayPrefix[i] = Σ weight of the first i holidays.
    let holidayPrefix: [Int64]

    init(perWeekday: [Int64], holidays: [Int]) {
        self.perWeekday = perWeekday
        var prefix: [Int64] = [0]
        for w in perWeekday { prefix.append(prefix[prefix.count - 1] + w) }
        weekPrefix = prefix
        perWeek = prefix[7]
        var hp: [Int64] = [0]
        for h in holidays { hp.append(hp[hp.count - 1] + perWeekday[Weekday(dayIndex: h).rawValue]) }
        holidayPrefix = hp
    }

    /// Σ weight of the days before `day`, counted from day 0 (negative for days before 0); only
    /// differences are meaningful. - Complexity: O(log holidays).
    func before(day: Int64, holidays: [Int]) -> Int64 {
        let q = day.floorDiv(7)
        let r = Int(day - 7 * q)
        let h = DayWeights.lowerBound(of: day, in: holidays)
        return q * perWeek + weekPrefix[r] - holidayPrefix[h]
    }

    /// The first index of `holidays` whose day is ≥ `day`. - Complexity: O(log holidays).
    static func lowerBound(of day: Int, in holidays: [Int]) -> Int {
        lowerBound(of: Int64(day), in: holidays)
    }

    /// The first index of `holidays` whose day is ≥ `day`. - Complexity: O(log holidays).
    static func lowerBound(of day: Int64, in holidays: [Int]) -> Int {
        var lo = 0, hi = holidays.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int64(holidays[mid]) < day { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
