/// An instant of simulated time: a whole number of ticks since the simulation's epoch.
///
/// One tick is one microsecond (`SimDuration.ticksPerSecond`). The epoch is day 0 at 00:00, and day 0
/// is a Monday. Two instants cannot be added; an instant plus a `SimDuration` is an instant, and the
/// difference of two instants is a `SimDuration`.
@frozen
public struct SimTime: Hashable, Comparable, Sendable {
    /// Ticks (microseconds) since the epoch; never negative in a simulation.
    public var ticks: Int64

    /// Creates the instant `ticks` microseconds after the epoch.
    @inlinable public init(ticks: Int64) { self.ticks = ticks }

    /// The epoch: day 0, 00:00.
    public static let zero = SimTime(ticks: 0)

    /// The latest representable instant, used as "never".
    public static let distantFuture = SimTime(ticks: Int64.max)

    /// The instant at `day` (0-based), `hour`:`minute`:`second`.
    @inlinable
    public init(day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.ticks = Int64(day) * SimDuration.ticksPerDay
            + Int64(hour) * SimDuration.ticksPerHour
            + Int64(minute) * SimDuration.ticksPerMinute
            + Int64(second) * SimDuration.ticksPerSecond
    }

    /// The 0-based day this instant falls on.
    @inlinable public var day: Int { Int(ticks.floorDiv(SimDuration.ticksPerDay)) }

    /// The time elapsed since the start of this instant's day.
    @inlinable public var timeOfDay: SimDuration {
        SimDuration(ticks: ticks - Int64(day) * SimDuration.ticksPerDay)
    }

    /// The weekday of this instant (day 0 is a Monday).
    @inlinable public var weekday: Weekday { Weekday(dayIndex: day) }

    /// The start (00:00) of this instant's day.
    @inlinable public var startOfDay: SimTime { SimTime(ticks: Int64(day) * SimDuration.ticksPerDay) }

    /// This instant expressed in (fractional) seconds since the epoch, for statistics only.
    @inlinable public var seconds: Double { Double(ticks) / Double(SimDuration.ticksPerSecond) }

    /// Whether `a` is earlier than `b`.
    @inlinable public static func < (a: SimTime, b: SimTime) -> Bool { a.ticks < b.ticks }

    /// The instant `d` after `t`.
    @inlinable public static func + (t: SimTime, d: SimDuration) -> SimTime { SimTime(ticks: t.ticks + d.ticks) }
    /// The instant `d` after `t`.
    @inlinable public static func + (d: SimDuration, t: SimTime) -> SimTime { SimTime(ticks: t.ticks + d.ticks) }
    /// The instant `d` before `t`.
    @inlinable public static func - (t: SimTime, d: SimDuration) -> SimTime { SimTime(ticks: t.ticks - d.ticks) }
    /// The interval from `b` to `a` (negative when `a` is earlier).
    @inlinable public static func - (a: SimTime, b: SimTime) -> SimDuration { SimDuration(ticks: a.ticks - b.ticks) }
    /// Moves `t` forward by `d`.
    @inlinable public static func += (t: inout SimTime, d: SimDuration) { t.ticks += d.ticks }
    /// Moves `t` back by `d`.
    @inlinable public static func -= (t: inout SimTime, d: SimDuration) { t.ticks -= d.ticks }
}

extension SimTime: CustomStringConvertible {
    /// Human form: `day 12 14:30`, with seconds (`day 12 14:30:05`) and fractions when present.
    public var description: String {
        if self == .distantFuture { return "never" }
        let tod = timeOfDay
        return "day \(day) " + tod.clockString
    }
}

/// A day of the week; the simulation's day 0 is a Monday.
public enum Weekday: Int, CaseIterable, Sendable, Hashable, Comparable {
    /// Monday (day 0, 7, 14, …).
    case monday = 0
    /// Tuesday.
    case tuesday
    /// Wednesday.
    case wednesday
    /// Thursday.
    case thursday
    /// Friday.
    case friday
    /// Saturday.
    case saturday
    /// Sunday.
    case sunday

    /// The weekday of 0-based simulation day `dayIndex`.
    @inlinable public init(dayIndex: Int) {
        let r = dayIndex % 7
        self = Weekday(rawValue: r < 0 ? r + 7 : r)!
    }

    /// Whether Saturday or Sunday.
    @inlinable public var isWeekend: Bool { self == .saturday || self == .sunday }

    /// Whether `a` comes before `b` in a Monday-first week.
    @inlinable public static func < (a: Weekday, b: Weekday) -> Bool { a.rawValue < b.rawValue }
}

extension Int64 {
    /// Division rounding toward negative infinity.
    @usableFromInline func floorDiv(_ d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}
