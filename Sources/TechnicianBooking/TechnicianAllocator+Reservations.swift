import DiscreteEvents

/// A hold or booking as stored.
public struct ReservationInfo: Hashable, Sendable {
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
    /// Held or booked.
    public var state: ReservationState
    /// When a hold expires (`distantFuture` for bookings).
    public var expiry: SimTime
    /// The request it was made for.
    public var request: OfferRequest
}

extension TechnicianAllocator {
    /// Places a tentative hold on `slot` for `request`, expiring at `now + ttl` unless confirmed.
    ///
    /// Lenient (`expectedVersion == nil`, the default): succeeds iff the slots are still free whatever the
    /// calendar version was when offered (a concurrent client may have taken them: `slotUnavailable`).
    /// Strict (`expectedVersion: slot.calendarVersion`): optimistic concurrency on the whole technician-day —
    /// fails with `staleOffer` if that (technician, day) calendar changed at all since the offer (any hold,
    /// confirm, release, expiry, booking, cancellation, reschedule or exception), even when the slots are
    /// still free. The version is compared before this call reaps expired holds, so a hold that had already
    /// lapsed (unreaped) when the offer was made does not make the offer stale. Expired holds are then reaped.
    /// - Throws: `invalidTTL`, `unknownTechnician`, `dayOutOfRange`, `staleOffer`, `slotOutOfRange`,
    ///   `skillMismatch`, `outsideShift`, `slotUnavailable`, `invalidDuration`.
    /// - Complexity: O(log holds) amortised.
    @inlinable
    public mutating func hold(_ slot: SlotOffer, for request: OfferRequest, ttl: SimDuration, now: SimTime,
                              expectedVersion: UInt32? = nil) throws(AllocatorError) -> ReservationID {
        guard ttl.ticks > 0 else { throw .invalidTTL(ttl) }
        if let expected = expectedVersion { try checkVersion(slot, expected) }
        reapExpiredHolds(now: now)
        let id = try reserve(slot, request, state: .held, expiry: (now + ttl).ticks)
        holdQueue.push(.init(expiry: (now + ttl).ticks, index: id.index, generation: id.generation))
        if holdQueue.count > 2 * liveHolds + 4096 { compactHolds() }
        return id
    }

    /// Throws `staleOffer` unless (`slot.technician`, `slot.day`)'s calendar version is `expected`.
    /// - Throws: `unknownTechnician`, `dayOutOfRange`, `staleOffer`. - Complexity: O(1).
    @inlinable
    func checkVersion(_ slot: SlotOffer, _ expected: UInt32) throws(AllocatorError) {
        try checkTechnician(slot.technician)
        try checkDay(slot.day)
        let current = cellVersion[slot.technician * days + phys(slot.day)]
        guard current == expected else {
            throw .staleOffer(technician: slot.technician, day: slot.day, offered: expected, current: current)
        }
    }

    /// Books `slot` directly (a hold and its confirmation in one step).
    /// - Throws: as `hold` except `invalidTTL`. - Complexity: O(1) amortised.
    @inlinable
    public mutating func book(_ slot: SlotOffer, for request: OfferRequest) throws(AllocatorError) -> ReservationID {
        try reserve(slot, request, state: .booked, expiry: Int64.max)
    }

    /// Turns a live hold into a booking.
    /// - Throws: `unknownReservation`, `notHeld`, `holdExpired` (when `now` is past its expiry).
    /// - Complexity: O(log holds) amortised.
    @inlinable
    public mutating func confirm(_ id: ReservationID, now: SimTime) throws(AllocatorError) {
        let i = try live(id)
        guard resState[i] == .held else { throw .notHeld(id) }
        if resExpiry[i] <= now.ticks {
            reapExpiredHolds(now: now)
            throw .holdExpired(id)
        }
        let t = Int(resTech[i]), ci = t * days + phys(Int(resDay[i]))
        let m = mask(i)
        cells[ci].held &= ~m
        cells[ci].booked |= m
        touch(t, Int(resDay[i]))
        techLoad[t] &+= Int32(m.count)
        resState[i] = .booked
        resExpiry[i] = Int64.max
        liveHolds -= 1; liveBookings += 1
    }

    /// Releases a hold before its expiry; its slots become offerable again.
    /// - Throws: `unknownReservation`, `notHeld`. - Complexity: O(skills).
    @inlinable
    public mutating func release(_ id: ReservationID) throws(AllocatorError) {
        let i = try live(id)
        guard resState[i] == .held else { throw .notHeld(id) }
        freeEntry(i)
    }

    /// Cancels a booking or a hold; its slots become offerable again.
    /// - Throws: `unknownReservation`. - Complexity: O(skills).
    @inlinable
    public mutating func cancel(_ id: ReservationID) throws(AllocatorError) {
        freeEntry(try live(id))
    }

    /// Moves a hold or booking to `slot` atomically: on any error the old reservation is kept unchanged.
    /// - Throws: as `hold`, plus `unknownReservation`. - Complexity: O(skills).
    @inlinable
    public mutating func reschedule(_ id: ReservationID, to slot: SlotOffer) throws(AllocatorError) {
        let i = try live(id)
        let request = resRequest[i]
        let state = resState[i]
        let oldTech = Int(resTech[i]), oldDay = Int(resDay[i])
        let old = mask(i)
        let oc = oldTech * days + phys(oldDay)
        // Free the old slots, try the new ones, restore on failure.
        if state == .held { cells[oc].held &= ~old } else { cells[oc].booked &= ~old; techLoad[oldTech] &-= Int32(old.count) }
        do {
            let m = try checkSlot(slot, request)
            let nc = slot.technician * days + phys(slot.day)
            if state == .held { cells[nc].held |= m } else { cells[nc].booked |= m; techLoad[slot.technician] &+= Int32(m.count) }
            touch(slot.technician, slot.day)
            touch(oldTech, oldDay)
            resTech[i] = Int32(slot.technician); resDay[i] = Int32(slot.day); resStart[i] = Int16(slot.startSlot)
            resTravel[i] = Int16(slot.travelSlots); resVisit[i] = Int16(slot.visitSlots)
        } catch {
            if state == .held { cells[oc].held |= old } else { cells[oc].booked |= old; techLoad[oldTech] &+= Int32(old.count) }
            throw error
        }
    }

    /// Releases every hold whose expiry is at or before `now`; returns their ids (in expiry order, ties
    /// by slab index). - Complexity: O(expired × log holds).
    @inlinable @discardableResult
    public mutating func expireHolds(now: SimTime) -> [ReservationID] {
        var out: [ReservationID] = []
        expireHolds(now: now, into: &out)
        return out
    }

    /// Releases every hold whose expiry is at or before `now`, appending their ids to `out` (no allocation
    /// once `out` has capacity); returns how many expired. - Complexity: O(expired × log holds).
    @inlinable @discardableResult
    public mutating func expireHolds(now: SimTime, into out: inout [ReservationID]) -> Int {
        reapExpiredHolds(now: now) { out.append($0) }
    }

    /// Releases every expired hold, passing each id to `report`; returns how many.
    /// - Complexity: O(expired × log holds).
    @inlinable @discardableResult
    mutating func reapExpiredHolds(now: SimTime, _ report: (ReservationID) -> Void = { _ in }) -> Int {
        var n = 0
        while let top = holdQueue.min, top.expiry <= now.ticks {
            holdQueue.popMin()
            let i = Int(top.index)
            if resGeneration[i] == top.generation && resState[i] == .held && resExpiry[i] == top.expiry {
                report(ReservationID(index: top.index, generation: top.generation))
                freeEntry(i); n += 1
            }
        }
        return n
    }

    /// The stored hold or booking, or nil for a stale id. - Complexity: O(1).
    public func reservation(_ id: ReservationID) -> ReservationInfo? {
        guard let i = try? live(id) else { return nil }
        return ReservationInfo(technician: Int(resTech[i]), day: Int(resDay[i]), startSlot: Int(resStart[i]),
                               travelSlots: Int(resTravel[i]), visitSlots: Int(resVisit[i]), state: resState[i],
                               expiry: SimTime(ticks: resExpiry[i]), request: resRequest[i])
    }

    // MARK: internals

    @inlinable
    func live(_ id: ReservationID) throws(AllocatorError) -> Int {
        let i = Int(id.index)
        guard i >= 0 && i < resState.count, resGeneration[i] == id.generation, resState[i] != .free else {
            throw .unknownReservation(id)
        }
        return i
    }

    @inlinable
    func mask(_ i: Int) -> DayMask {
        let s = Int(resStart[i])
        return DayMask(slots: s ..< s + Int(resTravel[i]) + Int(resVisit[i]))
    }

    /// Validates `slot` against `request` and the calendar; returns its mask. - Complexity: O(1).
    @inlinable
    func checkSlot(_ slot: SlotOffer, _ request: OfferRequest) throws(AllocatorError) -> DayMask {
        let t = slot.technician
        try checkTechnician(t)
        try checkDay(slot.day)
        let len = slot.travelSlots + slot.visitSlots
        guard slot.startSlot >= 0, slot.travelSlots >= 0, slot.visitSlots >= 1, slot.startSlot + len <= slotsPerDay else {
            throw .slotOutOfRange(start: slot.startSlot, length: len)
        }
        guard request.duration.ticks > 0 else { throw .invalidDuration(request.duration) }
        let level = max(1, request.minimumLevel)
        guard techKind[t] == request.kind, techSkills[t][request.skill] >= level else {
            throw .skillMismatch(technician: t, skill: request.skill, level: level)
        }
        if request.kind == .field {
            guard request.zone >= 0 && request.zone < zones.count else { throw .unknownZone(request.zone) }
            let travel = config.grid.slots(coveringMinutes: zones.minutes(from: Int(techSlot[t]), to: request.zone))
            guard slot.travelSlots >= travel else {
                throw .invalidParameter(name: "slot.travelSlots", message: "technician \(t) needs \(travel) travel slots to zone \(request.zone), got \(slot.travelSlots)")
            }
        }
        guard slot.visitSlots >= config.grid.slots(covering: request.duration) else {
            throw .invalidParameter(name: "slot.visitSlots", message: "\(slot.visitSlots) slots are shorter than the request's duration")
        }
        let m = DayMask(slots: slot.startSlot ..< slot.startSlot + len)
        let c = cells[t * days + phys(slot.day)]
        guard c.shift.isSuperset(of: m) else { throw .outsideShift(technician: t, day: slot.day, start: slot.startSlot) }
        guard !(c.booked | c.held).intersects(m) else { throw .slotUnavailable(technician: t, day: slot.day, start: slot.startSlot) }
        return m
    }

    @inlinable
    mutating func reserve(_ slot: SlotOffer, _ request: OfferRequest, state: ReservationState, expiry: Int64) throws(AllocatorError) -> ReservationID {
        let m = try checkSlot(slot, request)
        let t = slot.technician
        let ci = t * days + phys(slot.day)
        if state == .held { cells[ci].held |= m; liveHolds += 1 } else {
            cells[ci].booked |= m; techLoad[t] &+= Int32(m.count); liveBookings += 1
        }
        touch(t, slot.day)
        nextSequence &+= 1
        let i: Int
        if let f = freeEntries.popLast() {
            i = Int(f)
            resTech[i] = Int32(t); resDay[i] = Int32(slot.day); resStart[i] = Int16(slot.startSlot)
            resTravel[i] = Int16(slot.travelSlots); resVisit[i] = Int16(slot.visitSlots); resState[i] = state
            resExpiry[i] = expiry; resSequence[i] = nextSequence; resRequest[i] = request
        } else {
            i = resState.count
            resTech.append(Int32(t)); resDay.append(Int32(slot.day)); resStart.append(Int16(slot.startSlot))
            resTravel.append(Int16(slot.travelSlots)); resVisit.append(Int16(slot.visitSlots)); resState.append(state)
            resGeneration.append(0); resExpiry.append(expiry); resSequence.append(nextSequence); resRequest.append(request)
        }
        return ReservationID(index: Int32(i), generation: resGeneration[i])
    }

    /// Frees slab entry `i`: clears its slots, widens the summaries, retires the id. - Complexity: O(skills).
    @inlinable
    mutating func freeEntry(_ i: Int) {
        let t = Int(resTech[i]), day = Int(resDay[i])
        let ci = t * days + phys(day)
        let m = mask(i)
        if resState[i] == .held { cells[ci].held &= ~m; liveHolds -= 1 } else {
            cells[ci].booked &= ~m; techLoad[t] &-= Int32(m.count); liveBookings -= 1
        }
        touch(t, day)
        resState[i] = .free
        resGeneration[i] &+= 1
        freeEntries.append(Int32(i))
    }

    @usableFromInline
    mutating func compactHolds() {
        let gen = resGeneration, st = resState, ex = resExpiry
        holdQueue.compact { e in
            let i = Int(e.index)
            return gen[i] == e.generation && st[i] == .held && ex[i] == e.expiry
        }
    }
}
