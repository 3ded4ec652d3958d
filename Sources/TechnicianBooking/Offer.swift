import DiscreteEvents

/// How offers are ranked; the raw value is the CLI name.
public enum RankingPolicy: String, CaseIterable, Sendable, Hashable {
    /// Earliest visit start first, then least travel.
    case earliest
    /// Least travel first, then earliest.
    case leastTravel
    /// The technician of the last visit first (`preferredTechnician`), then earliest.
    case sameTechnician
    /// The earliest feasible day first; within a day the least-loaded technician (booked slots over the
    /// calendar), so work spreads without making the retailer wait longer.
    case balancedLoad
}

/// "Which slots can take this visit?": one retailer's request for a visit or a remote call.
public struct OfferRequest: Hashable, Sendable {
    /// The retailer (informational; kept with the booking).
    public var retailer: Int
    /// The retailer's zone.
    public var zone: Int
    /// Field visit or remote call.
    public var kind: ResourceKind
    /// Required skill.
    public var skill: Skill
    /// Minimum skill level (0 or 1 = any holder of the skill).
    public var minimumLevel: Int
    /// Visit length (rounded up to whole slots).
    public var duration: SimDuration
    /// Severity: sets the SLA horizon and the displacement priority.
    public var severity: Severity
    /// The retailer's own availability (visit slots must lie inside it).
    public var availability: WeeklyMask
    /// Ranking policy.
    public var policy: RankingPolicy
    /// How many offers to return (1…`TechnicianAllocator.maxTopK`).
    public var topK: Int
    /// The technician of the last visit, for `.sameTechnician` (-1 = none).
    public var preferredTechnician: Int
    /// No reservation starts before this instant (e.g. the installation not before the equipment's
    /// delivery day); `.zero`, the default, means "from the request time". The SLA deadline is still
    /// counted from the request time.
    public var earliestStart: SimTime

    /// A request; defaults: field visit, level 1, always available, earliest, top 3, from now. - Complexity: O(1).
    public init(retailer: Int = 0, zone: Int, kind: ResourceKind = .field, skill: Skill, minimumLevel: Int = 1,
                duration: SimDuration, severity: Severity = .degraded, availability: WeeklyMask = .always,
                policy: RankingPolicy = .earliest, topK: Int = 3, preferredTechnician: Int = -1,
                earliestStart: SimTime = .zero) {
        self.retailer = retailer; self.zone = zone; self.kind = kind; self.skill = skill
        self.minimumLevel = minimumLevel; self.duration = duration; self.severity = severity
        self.availability = availability; self.policy = policy; self.topK = topK
        self.preferredTechnician = preferredTechnician; self.earliestStart = earliestStart
    }
}

/// One offered slot: (day, window, technician), with the calendar version it was read at.
public struct SlotOffer: Hashable, Sendable {
    /// Technician id.
    public var technician: Int
    /// Calendar day.
    public var day: Int
    /// First reserved slot (travel starts here).
    public var startSlot: Int
    /// Travel slots before the visit.
    public var travelSlots: Int
    /// Visit slots.
    public var visitSlots: Int
    /// The (technician, day) calendar version when offered. A lenient hold succeeds iff the slots are still
    /// free; a strict hold (`expectedVersion: calendarVersion`) also fails with `staleOffer` if it changed.
    public var calendarVersion: UInt32
    /// Ranking key (lower is better), policy-specific.
    public var rankKey: UInt64
    /// When the visit starts.
    public var visitStart: SimTime
    /// When the visit ends.
    public var visitEnd: SimTime

    /// Slots reserved in the technician's calendar (travel + visit).
    @inlinable public var reservedSlots: Int { travelSlots + visitSlots }

    /// An offer. - Complexity: O(1).
    @inlinable
    public init(technician: Int, day: Int, startSlot: Int, travelSlots: Int, visitSlots: Int,
                calendarVersion: UInt32, rankKey: UInt64, visitStart: SimTime, visitEnd: SimTime) {
        self.technician = technician; self.day = day; self.startSlot = startSlot; self.travelSlots = travelSlots
        self.visitSlots = visitSlots; self.calendarVersion = calendarVersion; self.rankKey = rankKey
        self.visitStart = visitStart; self.visitEnd = visitEnd
    }
}

/// Why an offer is empty; the description is the sentence a planner or Maria sees.
public enum NoOfferReason: Hashable, Sendable, CustomStringConvertible {
    /// Nobody in the roster has the skill at that level in that pool.
    case noTechnicianWithSkill(Skill, minimumLevel: Int, kind: ResourceKind)
    /// Somebody has it, but nobody within travel reach of the zone.
    case noTechnicianInReach(Skill, zone: Int)
    /// Nobody free (within shifts and the retailer's availability) before the SLA deadline.
    case noFreeWindow(Skill, zone: Int, horizon: SLAHorizon)
    /// The SLA calendar has no open hours, so a business-hours horizon never elapses (a configuration fault).
    case calendarNeverOpen(horizon: SLAHorizon)
    /// The earliest start (`day`) is after the calendar window `firstDay ... lastDay`: advance it first.
    case outsideCalendarWindow(day: Int, firstDay: Int, lastDay: Int)

    /// e.g. `no technician with skill draught systems in zone 3 within 48 business hours`.
    public var description: String {
        switch self {
        case .noTechnicianWithSkill(let s, let l, let k):
            "no \(k == .remote ? "remote specialist" : "technician") with skill \(s) at level \(l) or above"
        case .noTechnicianInReach(let s, let z): "no technician with skill \(s) within travel reach of zone \(z)"
        case .noFreeWindow(let s, let z, let h): "no technician with skill \(s) in zone \(z) within \(h)"
        case .calendarNeverOpen(let h): "the business calendar never opens, so no slot is within \(h)"
        case .outsideCalendarWindow(let d, let f, let l): "day \(d) is outside the calendar window \(f)...\(l)"
        }
    }
}

/// The result of an offer: the ranked slots, or the reason there are none.
public struct Offer: Hashable, Sendable {
    /// Ranked slots, best first.
    public var slots: [SlotOffer]
    /// Why `slots` is empty (nil when it is not).
    public var reason: NoOfferReason?
    /// An offer. - Complexity: O(1).
    public init(slots: [SlotOffer], reason: NoOfferReason?) { self.slots = slots; self.reason = reason }
}

/// A handle to a hold or a booking; stale handles (released, cancelled, expired) are rejected.
@frozen
public struct ReservationID: Hashable, Sendable, CustomStringConvertible {
    /// Slab index.
    public var index: Int32
    /// Generation of the slab entry.
    public var generation: UInt32
    /// A handle. - Complexity: O(1).
    @inlinable public init(index: Int32, generation: UInt32) { self.index = index; self.generation = generation }
    /// `#index.generation`.
    public var description: String { "#\(index).\(generation)" }
}

/// The state of a reservation slab entry.
public enum ReservationState: UInt8, Sendable, Hashable {
    /// Unused entry.
    case free = 0
    /// Tentative, expires at its TTL.
    case held
    /// Confirmed booking.
    case booked
}
