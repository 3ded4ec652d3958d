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

/// How far ahead a visit must start: elapsed time, or business hours counted on the policy's
/// `BusinessCalendar` (opening hours per weekday, holidays).
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

/// The horizon per severity, and the business calendar that `.businessHours` horizons are counted on.
public struct SLAPolicy: Hashable, Sendable {
    /// Horizons indexed by `Severity.rawValue`.
    public var horizons: [SLAHorizon]
    /// The calendar business hours are counted on (a region's opening hours and holidays).
    public var calendar: BusinessCalendar

    /// Default horizons: machine down 24 business hours, degraded 48, installation 80, minor 120.
    public static let standardHorizons: [SLAHorizon] = [.businessHours(24), .businessHours(48), .businessHours(80), .businessHours(120)]

    /// Default calendar: Monday–Friday 08:00–17:00, no holidays.
    public static let officeHours: BusinessCalendar = {
        do {
            return try BusinessCalendar.weekdays([OpeningHours(fromHour: 8, toHour: 17)])
        } catch {
            preconditionFailure("SLAPolicy.officeHours: \(error)")
        }
    }()

    /// The standard horizons on the default calendar (Monday–Friday 08:00–17:00, no holidays).
    public static let standard = SLAPolicy()

    /// A policy from one horizon per severity (in `Severity` order) and a business calendar.
    /// - Complexity: O(1).
    public init(horizons: [SLAHorizon] = SLAPolicy.standardHorizons, calendar: BusinessCalendar = SLAPolicy.officeHours) {
        precondition(horizons.count == Severity.allCases.count, "SLAPolicy: need one horizon per severity")
        self.horizons = horizons
        self.calendar = calendar
    }

    /// The horizon of `severity`. - Complexity: O(1).
    @inlinable public func horizon(_ severity: Severity) -> SLAHorizon { horizons[severity.rawValue] }

    /// The instant `horizon` after `start`: business hours are counted on `calendar` (skipping closed
    /// hours, weekends and holidays); `SimTime.distantFuture` when the calendar never opens. A negative
    /// count counts as zero. - Complexity: O(intervals per day + log(span in days) · log holidays).
    public func deadline(after start: SimTime, horizon: SLAHorizon) -> SimTime {
        switch horizon {
        case .elapsed(let d): start + d
        case .businessHours(let h): calendar.add(.hours(Int64(max(0, h))), to: start)
        }
    }

    /// The SLA deadline of `severity` for a request made at `start`. - Complexity: as `deadline(after:horizon:)`.
    public func deadline(_ severity: Severity, after start: SimTime) -> SimTime {
        deadline(after: start, horizon: horizon(severity))
    }
}
