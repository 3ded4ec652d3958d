import DiscreteEvents

/// How bad the failure is; sets the SLA horizon and the priority when bookings are displaced.
public enum Severity: Int, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    /// The machine is down: no draught, no coffee. Highest priority.
    case machineDown = 0
    /// Works, badly (warm beer, foaming).
    case degraded
    /// A new installation (journey 1: draught needs equipment first).
    case installation
    /// Minor or cosmetic.
    case minor

    /// Displacement priority: lower is re-offered first.
    @inlinable public var priority: Int { rawValue }

    /// Human name.
    public var description: String {
        switch self {
        case .machineDown: "machine down"
        case .degraded: "degraded"
        case .installation: "installation"
        case .minor: "minor"
        }
    }
}

/// How far ahead a visit must start: elapsed time, or business hours counted on a business calendar.
///
/// Business hours are resolved by `BusinessHours` (a weekly opening pattern). When the kernel's
/// `BusinessCalendar` (with holidays) lands, it plugs in behind `BusinessHours.deadline(after:hours:)`.
public enum SLAHorizon: Hashable, Sendable, CustomStringConvertible {
    /// A plain elapsed interval.
    case elapsed(SimDuration)
    /// A count of business hours.
    case businessHours(Int)

    /// `48 business hours` or `2d`.
    public var description: String {
        switch self {
        case .elapsed(let d): "\(d)"
        case .businessHours(let h): "\(h) business hours"
        }
    }
}

/// The horizon per severity.
public struct SLAPolicy: Hashable, Sendable {
    /// Horizons indexed by `Severity.rawValue`.
    public var horizons: [SLAHorizon]

    /// Defaults: machine down 24 business hours, degraded 48, installation 80, minor 120.
    public static let standard = SLAPolicy(horizons: [.businessHours(24), .businessHours(48), .businessHours(80), .businessHours(120)])

    /// A policy from one horizon per severity (in `Severity` order). - Complexity: O(1).
    public init(horizons: [SLAHorizon]) {
        precondition(horizons.count == Severity.allCases.count, "SLAPolicy: need one horizon per severity")
        self.horizons = horizons
    }

    /// The horizon of `severity`. - Complexity: O(1).
    @inlinable public func horizon(_ severity: Severity) -> SLAHorizon { horizons[severity.rawValue] }
}

/// Business hours: the same opening window on working weekdays (default Monday–Friday 08:00–17:00).
///
/// A stand-in until the kernel's `BusinessCalendar` is available on this branch; it has no holidays.
@frozen
public struct BusinessHours: Hashable, Sendable {
    /// Opening minute of a business day.
    public var openMinute: Int
    /// Closing minute of a business day.
    public var closeMinute: Int
    /// Bit `w` set when weekday `w` (Monday = 0) is a business day.
    public var workdays: UInt8

    /// Monday–Friday, 08:00–17:00.
    public static let standard = BusinessHours(openMinute: 8 * 60, closeMinute: 17 * 60, workdays: 0b0011111)

    /// Business hours from an opening window and a weekday bit set. - Complexity: O(1).
    @inlinable public init(openMinute: Int, closeMinute: Int, workdays: UInt8) {
        self.openMinute = openMinute; self.closeMinute = closeMinute; self.workdays = workdays
    }

    /// The instant `hours` business hours after `start`.
    ///
    /// - Complexity: O(days spanned).
    public func deadline(after start: SimTime, hours: Int) -> SimTime {
        var remaining = Int64(max(0, hours)) * SimDuration.ticksPerHour
        let perDay = Int64(max(0, closeMinute - openMinute)) * SimDuration.ticksPerMinute
        guard perDay > 0, workdays & 0x7F != 0 else { return .distantFuture }
        var day = start.day
        var from = start.timeOfDay.ticks
        let open = Int64(openMinute) * SimDuration.ticksPerMinute, close = Int64(closeMinute) * SimDuration.ticksPerMinute
        while true {
            if workdays & (1 << UInt8(Weekday(dayIndex: day).rawValue)) != 0 {
                let a = max(open, from)
                if a < close {
                    let avail = close - a
                    if remaining <= avail { return SimTime(ticks: Int64(day) * SimDuration.ticksPerDay + a + remaining) }
                    remaining -= avail
                }
            }
            day += 1
            from = 0
        }
    }

    /// The deadline of `horizon` counted from `start`. - Complexity: O(days spanned).
    public func deadline(after start: SimTime, horizon: SLAHorizon) -> SimTime {
        switch horizon {
        case .elapsed(let d): start + d
        case .businessHours(let h): deadline(after: start, hours: h)
        }
    }
}
