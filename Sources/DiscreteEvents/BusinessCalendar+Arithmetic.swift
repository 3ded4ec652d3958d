extension BusinessCalendar {
    /// The last day whose start is representable with a day to spare.
    static let maxDay: Int64 = Int64.max / SimDuration.ticksPerDay - 1

    /// Open ticks in `day` before time of day `tod` (0 on a holiday). - Complexity: O(intervals per day).
    func openTicks(inDay day: Int64, before tod: Int64) -> Int64 {
        if isHoliday(day: Int(day)) { return 0 }
        let w = Weekday(dayIndex: Int(day)).rawValue
        var total: Int64 = 0
        for i in dayFirst[w]..<dayFirst[w + 1] {
            if tod <= intervalStart[i] { break }
            total += Swift.min(tod, intervalEnd[i]) - intervalStart[i]
        }
        return total
    }

    /// Open ticks from day 0 00:00 to `time` (negative before day 0); only differences are meaningful.
    /// - Complexity: O(intervals per day + log holidays).
    func cumulativeOpenTicks(at time: SimTime) -> Int64 {
        let day = Int64(time.day)
        return openTicks.before(day: day, holidays: holidays)
            + openTicks(inDay: day, before: time.timeOfDay.ticks)
    }

    /// The last day D ≥ `from` with `weights.before(D) < target`, or nil when that lies beyond the
    /// representable range. Requires `weights.before(from) < target` and `weights.perWeek > 0`.
    /// - Complexity: O(log(span in days) · log holidays): a bounded binary search, no day-by-day walk.
    func lastDay(before target: Int64, weights: DayWeights, from: Int64) -> Int64? {
        let remaining = target - weights.before(day: from, holidays: holidays)
        // k whole weeks gain at least (k − h)·perWeek when h holidays fall among them.
        let laterHolidays = Int64(holidays.count - DayWeights.lowerBound(of: from, in: holidays))
        let baseWeeks = remaining / weights.perWeek
        let roomWeeks = (BusinessCalendar.maxDay - from) / 7
        var hi = baseWeeks >= roomWeeks || laterHolidays + 2 >= roomWeeks - baseWeeks
            ? BusinessCalendar.maxDay
            : from + 7 * (baseWeeks + 2 + laterHolidays)
        if weights.before(day: hi, holidays: holidays) < target { return nil }
        var lo = from
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2
            if weights.before(day: mid, holidays: holidays) < target { lo = mid } else { hi = mid }
        }
        return lo
    }

    /// The instant `duration` of open time after `time`: "this instant plus 72 business hours".
    ///
    /// The earliest instant at which that much open time has elapsed since `time`; when the count ends
    /// exactly at a closing time, the answer is that closing time (not the next opening). Starting
    /// outside hours, on a weekend or a holiday, the count starts at the next opening. Zero duration
    /// gives `time` itself. `SimTime.distantFuture` when the calendar is never open (or the deadline lies
    /// beyond the representable range). A negative `duration` is a programmer error.
    /// - Complexity: O(intervals per day + log(span in days) · log holidays).
    public func add(_ duration: SimDuration, to time: SimTime) -> SimTime {
        precondition(duration >= .zero, "BusinessCalendar.add: duration must be ≥ 0, got \(duration)")
        if duration == .zero { return time }
        if openTicks.perWeek == 0 { return .distantFuture }
        let (target, overflow) = cumulativeOpenTicks(at: time).addingReportingOverflow(duration.ticks)
        if overflow { return .distantFuture }
        guard let day = lastDay(before: target, weights: openTicks, from: Int64(time.day)) else {
            return .distantFuture
        }
        // Day `day` holds the target: walk its intervals.
        var need = target - openTicks.before(day: day, holidays: holidays)
        let w = Weekday(dayIndex: Int(day)).rawValue
        let dayStart = day * SimDuration.ticksPerDay
        for i in dayFirst[w]..<dayFirst[w + 1] {
            let length = intervalEnd[i] - intervalStart[i]
            if need <= length { return SimTime(ticks: dayStart + intervalStart[i] + need) }
            need -= length
        }
        preconditionFailure("BusinessCalendar.add: internal error, day \(day) lacks the open time it was chosen for")
    }

    /// The open time between two instants: the inverse of `add(_:to:)`, negative when `end` < `start`.
    ///
    /// `businessTime(from: t, to: add(d, to: t)) == d` for every d ≥ 0 on a calendar with open hours.
    /// - Complexity: O(intervals per day + log holidays).
    public func businessTime(from start: SimTime, to end: SimTime) -> SimDuration {
        SimDuration(ticks: cumulativeOpenTicks(at: end) - cumulativeOpenTicks(at: start))
    }

    /// The earliest instant ≥ `time` at which the calendar is open: `time` itself when open now, else the
    /// next opening (skipping weekends and holidays); `SimTime.distantFuture` when it never opens.
    /// - Complexity: as `add(_:to:)`.
    public func nextOpening(after time: SimTime) -> SimTime {
        if isOpen(at: time) { return time }
        let firstOpenTick = add(.microseconds(1), to: time)
        return firstOpenTick == .distantFuture ? firstOpenTick : firstOpenTick - .microseconds(1)
    }

    /// The same time of day on the `days`-th business day after `time`'s day ("answer within 5 business
    /// days"). Business days are days with open hours that are not holidays; `time`'s own day never
    /// counts, whether or not it is one. Zero gives `time`; `SimTime.distantFuture` when there are no
    /// business days. A negative count is a programmer error.
    /// - Complexity: O(log(span in days) · log holidays).
    public func addBusinessDays(_ days: Int, to time: SimTime) -> SimTime {
        precondition(days >= 0, "BusinessCalendar.addBusinessDays: days must be ≥ 0, got \(days)")
        if days == 0 { return time }
        if businessDays.perWeek == 0 { return .distantFuture }
        let from = Int64(time.day) + 1
        guard from < BusinessCalendar.maxDay else { return .distantFuture }
        // The n-th business day D after time.day is the last day with before(D) < before(from) + n.
        let (target, overflow) = businessDays.before(day: from, holidays: holidays)
            .addingReportingOverflow(Int64(days))
        if overflow { return .distantFuture }
        guard let day = lastDay(before: target, weights: businessDays, from: from) else { return .distantFuture }
        return SimTime(ticks: day * SimDuration.ticksPerDay) + time.timeOfDay
    }

    /// The number of business days in the days `from ..< to` (negative when `to` < `from`).
    /// - Complexity: O(log holidays).
    public func businessDayCount(from: Int, to: Int) -> Int {
        Int(businessDays.before(day: Int64(to), holidays: holidays)
            - businessDays.before(day: Int64(from), holidays: holidays))
    }
}
