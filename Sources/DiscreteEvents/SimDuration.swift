/// An interval of simulated time: a signed whole number of ticks (one tick is one microsecond).
@frozen
public struct SimDuration: Hashable, Comparable, Sendable, AdditiveArithmetic {
    /// The length in ticks (microseconds); negative for an interval that runs backwards.
    public var ticks: Int64

    /// Creates an interval of `ticks` microseconds.
    @inlinable public init(ticks: Int64) { self.ticks = ticks }

    /// Ticks in one second.
    public static let ticksPerSecond: Int64 = 1_000_000
    /// Ticks in one minute.
    public static let ticksPerMinute: Int64 = 60 * ticksPerSecond
    /// Ticks in one hour.
    public static let ticksPerHour: Int64 = 60 * ticksPerMinute
    /// Ticks in one day.
    public static let ticksPerDay: Int64 = 24 * ticksPerHour

    /// The empty interval.
    public static let zero = SimDuration(ticks: 0)

    /// `n` microseconds.
    @inlinable public static func microseconds(_ n: Int64) -> SimDuration { SimDuration(ticks: n) }
    /// `n` milliseconds.
    @inlinable public static func milliseconds(_ n: Int64) -> SimDuration { SimDuration(ticks: n * 1_000) }
    /// `n` seconds.
    @inlinable public static func seconds(_ n: Int64) -> SimDuration { SimDuration(ticks: n * ticksPerSecond) }
    /// `n` minutes.
    @inlinable public static func minutes(_ n: Int64) -> SimDuration { SimDuration(ticks: n * ticksPerMinute) }
    /// `n` hours.
    @inlinable public static func hours(_ n: Int64) -> SimDuration { SimDuration(ticks: n * ticksPerHour) }
    /// `n` days of 24 hours.
    @inlinable public static func days(_ n: Int64) -> SimDuration { SimDuration(ticks: n * ticksPerDay) }

    /// `n` microseconds (an `Int` spelling, so that integer literals pick this overload).
    @inlinable public static func microseconds(_ n: Int) -> SimDuration { .microseconds(Int64(n)) }
    /// `n` milliseconds.
    @inlinable public static func milliseconds(_ n: Int) -> SimDuration { .milliseconds(Int64(n)) }
    /// `n` seconds.
    @inlinable public static func seconds(_ n: Int) -> SimDuration { .seconds(Int64(n)) }
    /// `n` minutes.
    @inlinable public static func minutes(_ n: Int) -> SimDuration { .minutes(Int64(n)) }
    /// `n` hours.
    @inlinable public static func hours(_ n: Int) -> SimDuration { .hours(Int64(n)) }
    /// `n` days of 24 hours.
    @inlinable public static func days(_ n: Int) -> SimDuration { .days(Int64(n)) }

    /// `s` seconds, rounded to the nearest tick (for sampled durations).
    @inlinable public static func seconds(_ s: Double) -> SimDuration {
        SimDuration(ticks: Int64((s * Double(ticksPerSecond)).rounded()))
    }
    /// `m` minutes, rounded to the nearest tick.
    @inlinable public static func minutes(_ m: Double) -> SimDuration { .seconds(m * 60) }
    /// `h` hours, rounded to the nearest tick.
    @inlinable public static func hours(_ h: Double) -> SimDuration { .seconds(h * 3_600) }

    /// This interval in (fractional) seconds, for statistics only.
    @inlinable public var seconds: Double { Double(ticks) / Double(SimDuration.ticksPerSecond) }
    /// This interval in (fractional) minutes, for statistics only.
    @inlinable public var minutes: Double { Double(ticks) / Double(SimDuration.ticksPerMinute) }
    /// This interval in (fractional) hours, for statistics only.
    @inlinable public var hours: Double { Double(ticks) / Double(SimDuration.ticksPerHour) }

    /// Whether `a` is shorter than `b`.
    @inlinable public static func < (a: SimDuration, b: SimDuration) -> Bool { a.ticks < b.ticks }
    /// The sum of two intervals.
    @inlinable public static func + (a: SimDuration, b: SimDuration) -> SimDuration { SimDuration(ticks: a.ticks + b.ticks) }
    /// The difference of two intervals.
    @inlinable public static func - (a: SimDuration, b: SimDuration) -> SimDuration { SimDuration(ticks: a.ticks - b.ticks) }
    /// The interval repeated `n` times.
    @inlinable public static func * (a: SimDuration, n: Int64) -> SimDuration { SimDuration(ticks: a.ticks * n) }
    /// The interval repeated `n` times.
    @inlinable public static func * (n: Int64, a: SimDuration) -> SimDuration { SimDuration(ticks: a.ticks * n) }
    /// The interval divided into `n` parts (rounded toward zero).
    @inlinable public static func / (a: SimDuration, n: Int64) -> SimDuration { SimDuration(ticks: a.ticks / n) }
    /// How many times `b` fits in `a` (rounded toward zero).
    @inlinable public static func / (a: SimDuration, b: SimDuration) -> Int64 { a.ticks / b.ticks }
    /// The negated interval.
    @inlinable public static prefix func - (a: SimDuration) -> SimDuration { SimDuration(ticks: -a.ticks) }
}

extension SimDuration: CustomStringConvertible {
    /// Human form: `2d 3h 05m`, `14:30`-style parts; `1.5s` under a minute; `-` prefix when negative.
    public var description: String {
        if ticks < 0 { return "-" + SimDuration(ticks: -ticks).description }
        if ticks < SimDuration.ticksPerMinute {
            return "\(Double(ticks) / Double(SimDuration.ticksPerSecond))s"
        }
        let d = ticks / SimDuration.ticksPerDay
        let rest = SimDuration(ticks: ticks - d * SimDuration.ticksPerDay)
        var parts: [String] = []
        if d > 0 { parts.append("\(d)d") }
        let h = rest.ticks / SimDuration.ticksPerHour
        let m = (rest.ticks % SimDuration.ticksPerHour) / SimDuration.ticksPerMinute
        let s = (rest.ticks % SimDuration.ticksPerMinute) / SimDuration.ticksPerSecond
        if h > 0 { parts.append("\(h)h") }
        if m > 0 { parts.append(m < 10 && !parts.isEmpty ? "0\(m)m" : "\(m)m") }
        if s > 0 { parts.append("\(s)s") }
        return parts.joined(separator: " ")
    }

    /// Clock form of a time of day: `14:30`, `14:30:05`, or `14:30:05.250` when sub-second.
    public var clockString: String {
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let h = ticks / SimDuration.ticksPerHour
        let m = (ticks % SimDuration.ticksPerHour) / SimDuration.ticksPerMinute
        let s = (ticks % SimDuration.ticksPerMinute) / SimDuration.ticksPerSecond
        let us = ticks % SimDuration.ticksPerSecond
        var out = "\(two(h)):\(two(m))"
        if s != 0 || us != 0 { out += ":\(two(s))" }
        if us != 0 {
            let ms = us / 1_000
            out += "." + (ms < 10 ? "00\(ms)" : ms < 100 ? "0\(ms)" : "\(ms)")
        }
        return out
    }
}
