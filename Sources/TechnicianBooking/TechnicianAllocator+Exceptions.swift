import DiscreteEvents

/// A booking or hold displaced by an absence, with what was re-offered for it.
public struct Displacement: Hashable, Sendable {
    /// The retired reservation id.
    public var original: ReservationID
    /// Where it was.
    public var previous: ReservationInfo
    /// The ranked alternatives offered (best first), at the time of re-offer.
    public var offers: [SlotOffer]
    /// A hold on the best alternative, so higher-priority displaced visits choose first (nil if none).
    public var newHold: ReservationID?
    /// Why there is no alternative.
    public var reason: NoOfferReason?
}

extension TechnicianAllocator {
    /// Marks `technician` absent over `[from, to)`: the shift loses those slots and every hold or booking
    /// overlapping them is displaced and re-offered in priority order (severity, then booking order),
    /// each best alternative held for `holdTTL` so that earlier ones choose first.
    ///
    /// - Throws: `unknownTechnician`, `invalidParameter` (`to` not after `from`), `invalidTTL`.
    /// - Complexity: O(days spanned + live reservations + displaced × offer).
    public mutating func markAbsence(technician: Int, from: SimTime, to: SimTime, now: SimTime, holdTTL: SimDuration) throws(AllocatorError) -> [Displacement] {
        try checkTechnician(technician)
        guard to > from else { throw .invalidParameter(name: "to", message: "absence must end after it starts (\(from) … \(to))") }
        guard holdTTL.ticks > 0 else { throw .invalidTTL(holdTTL) }
        var removed = Array(repeating: DayMask.empty, count: days)
        for (day, m) in dayRanges(from: from, to: to) {
            let ci = technician * days + day
            cells[ci].shift &= ~m
            touch(technician, day)
            removed[day] = m
        }
        return displace(now: now, holdTTL: holdTTL) { t, day, m in t == technician && removed[day].intersects(m) }
    }

    /// A holiday on `day` for everyone: all shifts lose the day and its reservations are displaced.
    /// - Throws: `dayOutOfRange`, `invalidTTL`. - Complexity: O(technicians + live reservations + displaced × offer).
    public mutating func markHoliday(day: Int, now: SimTime, holdTTL: SimDuration) throws(AllocatorError) -> [Displacement] {
        guard day >= 0 && day < days else { throw .dayOutOfRange(day, days: days) }
        guard holdTTL.ticks > 0 else { throw .invalidTTL(holdTTL) }
        for t in 0..<technicianCount {
            cells[t * days + day].shift = .empty
            touch(t, day)
        }
        return displace(now: now, holdTTL: holdTTL) { _, d, _ in d == day }
    }

    /// Adds overtime slots `[from, to)` to `technician`'s shift; they become offerable at once.
    /// - Throws: `unknownTechnician`, `invalidParameter`. - Complexity: O(days spanned × skills).
    public mutating func addOvertime(technician: Int, from: SimTime, to: SimTime) throws(AllocatorError) {
        try checkTechnician(technician)
        guard to > from else { throw .invalidParameter(name: "to", message: "overtime must end after it starts (\(from) … \(to))") }
        for (day, m) in dayRanges(from: from, to: to) {
            let ci = technician * days + day
            cells[ci].shift |= m
            touch(technician, day)
        }
    }

    /// Each calendar day overlapping `[from, to)` with the slots it covers (partly covered slots
    /// included). - Complexity: O(days spanned).
    func dayRanges(from: SimTime, to: SimTime) -> [(Int, DayMask)] {
        let tps = config.grid.ticksPerSlot
        let d0 = max(0, from.day), d1 = min(days - 1, SimTime(ticks: to.ticks - 1).day)
        if d0 > d1 { return [] }
        var out: [(Int, DayMask)] = []
        for day in d0...d1 {
            let a = day == from.day ? Int(from.timeOfDay.ticks / tps) : 0
            let b = day == to.day ? Int((to.timeOfDay.ticks + tps - 1) / tps) : slotsPerDay
            if b > a { out.append((day, DayMask(slots: a ..< b))) }
        }
        return out
    }

    /// Retires every live reservation matching `hit(technician, day, mask)`, then re-offers them in
    /// priority order. - Complexity: O(live reservations + displaced × offer).
    mutating func displace(now: SimTime, holdTTL: SimDuration, _ hit: (Int, Int, DayMask) -> Bool) -> [Displacement] {
        var victims: [Int] = []
        for i in 0..<resState.count where resState[i] != .free && hit(Int(resTech[i]), Int(resDay[i]), mask(i)) {
            victims.append(i)
        }
        victims.sort { (resRequest[$0].severity.priority, resSequence[$0]) < (resRequest[$1].severity.priority, resSequence[$1]) }
        var retired: [(ReservationID, ReservationInfo)] = []
        for i in victims {
            let id = ReservationID(index: Int32(i), generation: resGeneration[i])
            retired.append((id, reservation(id)!))
            freeEntry(i)
        }
        var result: [Displacement] = []
        for (id, info) in retired {
            var offers: [SlotOffer] = []
            var reason: NoOfferReason?
            var newHold: ReservationID?
            do {
                reason = try offer(info.request, now: now, into: &offers)
                if let best = offers.first { newHold = try hold(best, for: info.request, ttl: holdTTL, now: now) }
            } catch {
                reason = .noFreeWindow(info.request.skill, zone: info.request.zone, horizon: config.slaPolicy.horizon(info.request.severity))
            }
            result.append(Displacement(original: id, previous: info, offers: offers, newHold: newHold, reason: reason))
        }
        return result
    }
}
