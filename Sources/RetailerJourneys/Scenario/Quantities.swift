import DiscreteEvents

/// A random duration: a kernel `Distribution` of numbers in `unit`, counted in wall-clock (simulated)
/// time or in business time on the scenario's calendar (`48bh` = 48 business hours).
///
/// Why a unit beside the distribution: scenario files write `exponential(mean: 90m)`; the number
/// sampled is in minutes, so the unit travels with it and a `3d` is never read as three minutes.
public struct RandomDuration: Sendable, Equatable, CustomStringConvertible {
    /// What is sampled (in `unit`s).
    public var distribution: Distribution
    /// The unit of one sampled number.
    public var unit: SimDuration
    /// Whether the duration counts business time on the scenario calendar (not elapsed time).
    public var businessTime: Bool

    /// A duration distribution. - Complexity: O(1).
    public init(_ distribution: Distribution, unit: SimDuration, businessTime: Bool = false) {
        self.distribution = distribution
        self.unit = unit
        self.businessTime = businessTime
    }

    /// A fixed duration. - Complexity: O(1).
    public static func fixed(_ d: SimDuration, businessTime: Bool = false) -> RandomDuration {
        // A constant of a finite value never throws.
        RandomDuration((try? Distribution.constant(Double(d.ticks))) ?? Distribution.zero, unit: .microseconds(1),
                       businessTime: businessTime)
    }

    /// A fixed number of minutes. - Complexity: O(1).
    public static func minutes(_ m: Double) -> RandomDuration { fixedNumber(m, unit: .minutes(1)) }
    /// A fixed number of hours. - Complexity: O(1).
    public static func hours(_ h: Double) -> RandomDuration { fixedNumber(h, unit: .hours(1)) }
    /// A fixed number of days. - Complexity: O(1).
    public static func days(_ d: Double) -> RandomDuration { fixedNumber(d, unit: .days(1)) }
    /// A fixed number of business hours on the scenario calendar. - Complexity: O(1).
    public static func businessHours(_ h: Double) -> RandomDuration {
        var r = fixedNumber(h, unit: .hours(1)); r.businessTime = true; return r
    }

    /// An exponential duration with the given mean in `unit`s (the mean must be > 0). - Complexity: O(1).
    public static func exponential(mean: Double, unit: SimDuration) -> RandomDuration {
        RandomDuration((try? Distribution.exponential(mean: mean)) ?? Distribution.zero, unit: unit)
    }

    static func fixedNumber(_ x: Double, unit: SimDuration) -> RandomDuration {
        RandomDuration((try? Distribution.constant(x)) ?? Distribution.zero, unit: unit)
    }

    /// Draws one duration (never negative: negative draws are clamped to zero). - Complexity: O(1) for most
    /// distributions (see `Distribution.sample`).
    @inlinable
    public func sample(_ rng: inout RandomStream) -> SimDuration {
        let d = distribution.sampleDuration(&rng, unit: unit)
        return d.ticks < 0 ? .zero : d
    }

    /// The mean duration (ignoring clamping). - Complexity: O(1).
    public var mean: SimDuration { .seconds(distribution.mean * unit.seconds) }

    /// `exponential(mean: 90.0) × 1m`, with ` business` when it counts business time.
    public var description: String { "\(distribution) × \(unit)\(businessTime ? " business" : "")" }
}

extension Distribution {
    /// The constant 0 (a fallback that cannot fail).
    static var zero: Distribution {
        // `constant(0)` validates a finite value; it cannot throw.
        if let d = try? Distribution.constant(0) { return d }
        preconditionFailure("Distribution.constant(0) is always valid")
    }
}

/// A time of day as minutes after midnight, e.g. `16:00` = 960.
public typealias MinuteOfDay = Int

/// A window of the day: `[from, to)` in minutes after midnight (`to` may be 1440).
public struct DayWindow: Sendable, Hashable, CustomStringConvertible {
    /// Start, minutes after midnight.
    public var from: MinuteOfDay
    /// End (exclusive), minutes after midnight.
    public var to: MinuteOfDay
    /// A window; `from < to` is checked by the scenario reader. - Complexity: O(1).
    public init(from: MinuteOfDay, to: MinuteOfDay) { self.from = from; self.to = to }
    /// Whole hours `fromHour:00–toHour:00`. - Complexity: O(1).
    public init(hours from: Int, _ to: Int) { self.from = from * 60; self.to = to * 60 }
    /// The start as a duration after midnight.
    public var start: SimDuration { .minutes(Int64(from)) }
    /// The end as a duration after midnight.
    public var end: SimDuration { .minutes(Int64(to)) }
    /// `08:00-12:00`.
    public var description: String {
        func hm(_ m: Int) -> String { let h = m / 60, mm = m % 60; return (h < 10 ? "0" : "") + "\(h):" + (mm < 10 ? "0" : "") + "\(mm)" }
        return "\(hm(from))-\(hm(to))"
    }
}

/// Opening hours per weekday (Monday first), each day a list of windows; an empty list is a closed day.
public struct WeekHours: Sendable, Hashable {
    /// Seven lists of windows, Monday … Sunday.
    public var days: [[DayWindow]]
    /// Hours given per weekday (Monday first; must have seven entries). - Complexity: O(1).
    public init(days: [[DayWindow]]) { self.days = days }
    /// The same windows Monday–Friday, closed at weekends. - Complexity: O(1).
    public static func weekdays(_ w: [DayWindow]) -> WeekHours { WeekHours(days: Array(repeating: w, count: 5) + [[], []]) }
    /// The same windows Monday–Saturday, closed on Sunday. - Complexity: O(1).
    public static func mondayToSaturday(_ w: [DayWindow]) -> WeekHours { WeekHours(days: Array(repeating: w, count: 6) + [[]]) }
    /// The same windows every day. - Complexity: O(1).
    public static func everyDay(_ w: [DayWindow]) -> WeekHours { WeekHours(days: Array(repeating: w, count: 7)) }
    /// The windows of a weekday. - Complexity: O(1).
    public func windows(_ weekday: Weekday) -> [DayWindow] { days[weekday.rawValue] }
}
