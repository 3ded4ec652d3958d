import DiscreteEvents

/// A typed error of the technician allocator; its description names the offending parameter.
public enum AllocatorError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A construction or request parameter is out of range.
    case invalidParameter(name: String, message: String)
    /// The visit duration is zero or negative.
    case invalidDuration(SimDuration)
    /// The visit (plus travel) does not fit in one day.
    case durationTooLong(SimDuration, slotsPerDay: Int)
    /// `topK` is outside 1…`TechnicianAllocator.maxTopK`.
    case invalidTopK(Int)
    /// The zone is not in the zone map.
    case unknownZone(Int)
    /// The technician id is not in the roster.
    case unknownTechnician(Int)
    /// The day is outside the calendar window `firstDay ... lastDay` (retired, or not yet entered).
    case dayOutOfRange(Int, firstDay: Int, lastDay: Int)
    /// The slot range does not fit in the day.
    case slotOutOfRange(start: Int, length: Int)
    /// The technician lacks the skill (or the level, or is of the wrong kind) for the request.
    case skillMismatch(technician: Int, skill: Skill, level: Int)
    /// The slots are outside the technician's shift.
    case outsideShift(technician: Int, day: Int, start: Int)
    /// The slots are already held or booked (another client was faster).
    case slotUnavailable(technician: Int, day: Int, start: Int)
    /// The reservation id is unknown, already released, cancelled or expired.
    case unknownReservation(ReservationID)
    /// The reservation is not a hold (confirm or release of a booking).
    case notHeld(ReservationID)
    /// The hold expired before it was confirmed.
    case holdExpired(ReservationID)
    /// A hold's time-to-live must be positive.
    case invalidTTL(SimDuration)
    /// Strict hold: the (technician, day) calendar changed since the offer (version `offered`, now `current`),
    /// even if the slots may still be free; re-offer.
    case staleOffer(technician: Int, day: Int, offered: UInt32, current: UInt32)

    /// The message, naming the parameter.
    public var description: String {
        switch self {
        case .invalidParameter(let n, let m): "\(n): \(m)"
        case .invalidDuration(let d): "duration: must be > 0, got \(d.ticks) ticks"
        case .durationTooLong(let d, let s): "duration: \(d) plus travel does not fit in one day of \(s) slots"
        case .invalidTopK(let k): "topK: must be in 1...\(TechnicianAllocator.maxTopK), got \(k)"
        case .unknownZone(let z): "zone: unknown zone \(z)"
        case .unknownTechnician(let t): "technician: unknown technician \(t)"
        case .dayOutOfRange(let d, let f, let l): "day: must be in the calendar window \(f)...\(l), got \(d)"
        case .slotOutOfRange(let s, let l): "slot: \(s) + \(l) slots does not fit in the day"
        case .skillMismatch(let t, let s, let l): "technician: \(t) lacks \(s) at level \(l) (or is of the wrong kind)"
        case .outsideShift(let t, let d, let s): "slot: technician \(t) is off shift on day \(d) at slot \(s)"
        case .slotUnavailable(let t, let d, let s): "slot: technician \(t) day \(d) slot \(s) is no longer free"
        case .unknownReservation(let r): "reservation: unknown, released or expired \(r)"
        case .notHeld(let r): "reservation: \(r) is not a hold"
        case .holdExpired(let r): "reservation: hold \(r) expired"
        case .invalidTTL(let d): "ttl: must be > 0, got \(d.ticks) ticks"
        case .staleOffer(let t, let d, let o, let c):
            "expectedVersion: technician \(t)'s calendar for day \(d) changed \(c &- o) time\(c &- o == 1 ? "" : "s") since the offer (version \(o), now \(c)); request a new offer"
        }
    }
}
