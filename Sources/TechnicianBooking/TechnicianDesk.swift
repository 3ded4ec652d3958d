import DiscreteEvents

/// One request to a `TechnicianDesk` batch.
public enum DeskRequest: Sendable {
    /// Rank slots for a request.
    case offer(OfferRequest)
    /// Hold an offered slot (fails with `slotUnavailable` when another client was faster). Strict when
    /// `expectedVersion` is set (usually `slot.calendarVersion`): also fails with `staleOffer` if the
    /// technician-day changed since the offer; nil (the default) keeps the lenient check.
    case hold(SlotOffer, OfferRequest, ttl: SimDuration, expectedVersion: UInt32? = nil)
    /// Offer and hold the best slot in one step.
    case offerAndHold(OfferRequest, ttl: SimDuration)
    /// Confirm a hold.
    case confirm(ReservationID)
    /// Release a hold.
    case release(ReservationID)
    /// Cancel a booking or hold.
    case cancel(ReservationID)
    /// Book an offered slot directly.
    case book(SlotOffer, OfferRequest)
    /// Move a reservation to another slot.
    case reschedule(ReservationID, SlotOffer)
}

/// The answer to one `DeskRequest`, in batch order.
public enum DeskResponse: Sendable {
    /// Ranked slots (non-empty).
    case offered([SlotOffer])
    /// A hold was placed on this slot.
    case held(ReservationID, SlotOffer)
    /// A booking was made.
    case booked(ReservationID)
    /// Confirm, release, cancel or reschedule succeeded.
    case done
    /// No slot, and why.
    case empty(NoOfferReason)
    /// A typed error (bad input, stale handle, slot taken).
    case failed(AllocatorError)
}

/// The actor serving one region's `TechnicianAllocator` to concurrent clients.
///
/// Every operation runs on the actor, so two clients can never take the same slots: a hold succeeds
/// only if the slots are still free when it runs (optimistic offers, versioned calendars) — and, when
/// strict, only if the technician-day's calendar version is still the offered one — and a confirm only
/// for a live hold. Batches amortise the actor hop.
public actor TechnicianDesk {
    /// The region this desk serves.
    public nonisolated let region: Int
    var allocator: TechnicianAllocator
    var scratch: [SlotOffer] = []

    /// A desk owning `allocator`. - Complexity: O(1).
    public init(region: Int, allocator: TechnicianAllocator) {
        self.region = region
        self.allocator = allocator
        scratch.reserveCapacity(TechnicianAllocator.maxTopK)
    }

    /// Runs `batch` in order at virtual time `now` (expired holds are reaped first).
    /// - Complexity: the sum of the requests' costs.
    public func submit(_ batch: [DeskRequest], now: SimTime) -> [DeskResponse] {
        allocator.reapExpiredHolds(now: now)
        var out: [DeskResponse] = []
        out.reserveCapacity(batch.count)
        for r in batch { out.append(run(r, now: now)) }
        return out
    }

    func run(_ r: DeskRequest, now: SimTime) -> DeskResponse {
        do throws(AllocatorError) {
            switch r {
            case .offer(let q):
                if let reason = try allocator.offer(q, now: now, into: &scratch) { return .empty(reason) }
                return .offered(scratch)
            case .hold(let slot, let q, let ttl, let expected):
                return .held(try allocator.hold(slot, for: q, ttl: ttl, now: now, expectedVersion: expected), slot)
            case .offerAndHold(let q, let ttl):
                if let reason = try allocator.offer(q, now: now, into: &scratch) { return .empty(reason) }
                let best = scratch[0]
                return .held(try allocator.hold(best, for: q, ttl: ttl, now: now), best)
            case .confirm(let id):
                try allocator.confirm(id, now: now); return .done
            case .release(let id):
                try allocator.release(id); return .done
            case .cancel(let id):
                try allocator.cancel(id); return .done
            case .book(let slot, let q):
                return .booked(try allocator.book(slot, for: q))
            case .reschedule(let id, let slot):
                try allocator.reschedule(id, to: slot); return .done
            }
        } catch {
            return .failed(error)
        }
    }

    /// Ranked slots for `request`. - Complexity: as `TechnicianAllocator.offer`.
    public func offer(_ request: OfferRequest, now: SimTime) throws(AllocatorError) -> Offer {
        try allocator.offer(request, now: now)
    }

    /// Holds `slot` (strict when `expectedVersion` is set). - Complexity: as `TechnicianAllocator.hold`.
    public func hold(_ slot: SlotOffer, for request: OfferRequest, ttl: SimDuration, now: SimTime,
                     expectedVersion: UInt32? = nil) throws(AllocatorError) -> ReservationID {
        try allocator.hold(slot, for: request, ttl: ttl, now: now, expectedVersion: expectedVersion)
    }

    /// Confirms a hold. - Complexity: as `TechnicianAllocator.confirm`.
    public func confirm(_ id: ReservationID, now: SimTime) throws(AllocatorError) { try allocator.confirm(id, now: now) }

    /// Releases a hold. - Complexity: O(skills).
    public func release(_ id: ReservationID) throws(AllocatorError) { try allocator.release(id) }

    /// Cancels a booking or hold. - Complexity: O(skills).
    public func cancel(_ id: ReservationID) throws(AllocatorError) { try allocator.cancel(id) }

    /// Reaps expired holds and returns their ids. - Complexity: O(expired × log holds).
    @discardableResult
    public func expireHolds(now: SimTime) -> [ReservationID] { allocator.expireHolds(now: now) }

    /// Rolls the calendar window to start at `day`. - Complexity: as `TechnicianAllocator.advance(toDay:)`.
    @discardableResult
    public func advance(toDay day: Int) throws(AllocatorError) -> CalendarAdvance { try allocator.advance(toDay: day) }

    /// The calendar window, `firstDay ... lastDay`. - Complexity: O(1).
    public func calendarWindow() -> ClosedRange<Int> { allocator.firstDay ... allocator.lastDay }

    /// Marks an absence and re-offers the displaced visits. - Complexity: as `TechnicianAllocator.markAbsence`.
    public func markAbsence(technician: Int, from: SimTime, to: SimTime, now: SimTime, holdTTL: SimDuration) throws(AllocatorError) -> [Displacement] {
        try allocator.markAbsence(technician: technician, from: from, to: to, now: now, holdTTL: holdTTL)
    }

    /// A full calendar audit. - Complexity: as `TechnicianAllocator.audit`.
    public func audit() -> CalendarAudit { allocator.audit() }

    /// A copy of the allocator (for reports and tests). - Complexity: O(1) (copy-on-write).
    public func snapshot() -> TechnicianAllocator { allocator }
}

/// Routes requests to one `TechnicianDesk` per region.
public struct TechnicianDeskRouter: Sendable {
    /// The desks, indexed by region.
    public let desks: [TechnicianDesk]

    /// One desk per allocator, region = index. - Complexity: O(regions).
    public init(allocators: [TechnicianAllocator]) {
        desks = allocators.enumerated().map { TechnicianDesk(region: $0.offset, allocator: $0.element) }
    }

    /// The desk of `region`.
    /// - Throws: `invalidParameter` naming `region`. - Complexity: O(1).
    public func desk(region: Int) throws(AllocatorError) -> TechnicianDesk {
        guard region >= 0 && region < desks.count else {
            throw .invalidParameter(name: "region", message: "must be in 0..<\(desks.count), got \(region)")
        }
        return desks[region]
    }

    /// Audits every region, in region order. - Complexity: the sum of the audits.
    public func audit() async -> [CalendarAudit] {
        var out: [CalendarAudit] = []
        for d in desks { out.append(await d.audit()) }
        return out
    }
}
