import DiscreteEvents

/// The calendar's granularity: a day cut into equal slots (15 minutes by default, at most 128 per day).
public struct SlotGrid: Hashable, Sendable {
    /// Minutes per slot.
    public let minutesPerSlot: Int
    /// Slots per day (1440 / minutesPerSlot).
    public let slotsPerDay: Int
    /// Ticks per slot.
    public let ticksPerSlot: Int64

    /// The default grid: 15-minute slots, 96 per day.
    public static let quarterHour = try! SlotGrid(minutesPerSlot: 15)

    /// A grid of `minutesPerSlot`-minute slots; it must divide a day into at most 128 slots.
    ///
    /// - Throws: `AllocatorError.invalidParameter` naming `minutesPerSlot`. - Complexity: O(1).
    public init(minutesPerSlot: Int) throws(AllocatorError) {
        guard minutesPerSlot > 0, 1440 % minutesPerSlot == 0, 1440 / minutesPerSlot <= 128 else {
            throw .invalidParameter(name: "minutesPerSlot", message: "must divide 1440 into at most 128 slots (e.g. 15, 30, 60), got \(minutesPerSlot)")
        }
        self.minutesPerSlot = minutesPerSlot
        self.slotsPerDay = 1440 / minutesPerSlot
        self.ticksPerSlot = Int64(minutesPerSlot) * SimDuration.ticksPerMinute
    }

    /// Whole slots needed to cover `d` (rounded up). - Complexity: O(1).
    @inlinable public func slots(covering d: SimDuration) -> Int {
        Int((d.ticks + ticksPerSlot - 1) / ticksPerSlot)
    }

    /// Whole slots needed to cover `minutes` (rounded up). - Complexity: O(1).
    @inlinable public func slots(coveringMinutes minutes: Int) -> Int {
        (minutes + minutesPerSlot - 1) / minutesPerSlot
    }

    /// The instant slot `slot` of `day` starts. - Complexity: O(1).
    @inlinable public func time(day: Int, slot: Int) -> SimTime {
        SimTime(ticks: Int64(day) * SimDuration.ticksPerDay + Int64(slot) * ticksPerSlot)
    }

    /// The slot mask of daily opening hours (minutes from midnight, half-open; rounded inward to whole slots).
    /// - Complexity: O(windows).
    public func mask(_ windows: [TimeWindow]) -> DayMask {
        var m = DayMask.empty
        for w in windows {
            let a = (w.startMinute + minutesPerSlot - 1) / minutesPerSlot
            let b = w.endMinute / minutesPerSlot
            if b > a { m |= DayMask(slots: a ..< min(b, slotsPerDay)) }
        }
        return m
    }

    /// The weekly slot masks of `hours`. - Complexity: O(windows).
    public func mask(_ hours: WeeklyHours) -> WeeklyMask {
        var w = WeeklyMask(repeating: .empty)
        for d in Weekday.allCases { w[d] = mask(hours.windows[d.rawValue]) }
        return w
    }
}

/// A daily time window in minutes from midnight, half-open: `[startMinute, endMinute)`.
public struct TimeWindow: Hashable, Sendable {
    /// First minute inside the window.
    public var startMinute: Int
    /// First minute after the window.
    public var endMinute: Int
    /// The window `startHour:00 ..< endHour:00` shifted by the given minutes. - Complexity: O(1).
    public init(from startHour: Int, _ startMinute: Int = 0, to endHour: Int, _ endMinute: Int = 0) {
        self.startMinute = startHour * 60 + startMinute
        self.endMinute = endHour * 60 + endMinute
    }
}

/// Opening or working hours for each weekday (Monday first), as lists of windows.
public struct WeeklyHours: Hashable, Sendable {
    /// Seven lists of windows, Monday first.
    public var windows: [[TimeWindow]]
    /// Hours from explicit per-weekday windows (seven lists, Monday first). - Complexity: O(1).
    public init(windows: [[TimeWindow]]) {
        precondition(windows.count == 7, "WeeklyHours(windows:): need 7 weekdays, got \(windows.count)")
        self.windows = windows
    }
    /// The same window Monday to Friday, nothing at weekends. - Complexity: O(1).
    public static func weekdays(_ w: TimeWindow) -> WeeklyHours {
        WeeklyHours(windows: (0..<7).map { $0 < 5 ? [w] : [] })
    }
    /// The same windows on all seven days. - Complexity: O(1).
    public static func everyDay(_ w: [TimeWindow]) -> WeeklyHours { WeeklyHours(windows: Array(repeating: w, count: 7)) }
}
