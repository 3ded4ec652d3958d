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
    /// each best alternative held for `holdTTL` so that earlier ones choose first. The part beyond the
    /// calendar window is kept and applied when its days enter (`advance(toDay:)`); the part before the
    /// window is ignored (those days are over).
    ///
    /// - Throws: `unknownTechnician`, `invalidParameter` (`to` not after `from`), `invalidTTL`.
    /// - Complexity: O(days spanned in the window + live reservations + displaced × offer).
    public mutating func markAbsence(technician: Int, from: SimTime, to: SimTime, now: SimTime, holdTTL: SimDuration) throws(AllocatorError) -> [Displacement] {
        try checkTechnician(technician)
        guard to > from else { throw .invalidParameter(name: "to", message: "absence must end after it starts (\(from) … \(to))") }
        guard holdTTL.ticks > 0 else { throw .invalidTTL(holdTTL) }
        var removed = Array(repeating: DayMask.empty, count: days)
        for (day, m) in dayRanges(from: from, to: to) {
            let ci = technician * days + phys(day)
            cells[ci].shift &= ~m
            touch(technician, day)
            removed[day - firstDay] = m
        }
        keepFuturePart(technician: technician, from: from, to: to, adds: false)
        let first = firstDay
        return displace(now: now, holdTTL: holdTTL) { t, day, m in t == technician && removed[day - first].intersects(m) }
    }

    /// A holiday on `day` for everyone: all shifts lose the day and its reservations are displaced. A day
    /// beyond the calendar window is kept and applied when it enters (nothing to displace yet).
    /// - Throws: `dayOutOfRange` (a day before the window), `invalidTTL`.
    /// - Complexity: O(technicians + live reservations + displaced × offer).
    public mutating func markHoliday(day: Int, now: SimTime, holdTTL: SimDuration) throws(AllocatorError) -> [Displacement] {
        guard day >= firstDay && day < SimTime.distantFuture.day else { throw .dayOutOfRange(day, firstDay: firstDay, lastDay: lastDay) }
        guard holdTTL.ticks > 0 else { throw .invalidTTL(holdTTL) }
        if day > lastDay {
            futureExceptions.append(CalendarException(technician: -1, from: SimTime(day: day).ticks, to: SimTime(day: day + 1).ticks, adds: false))
            return []
        }
        for t in 0..<technicianCount {
            cells[t * days + phys(day)].shift = .empty
            touch(t, day)
        }
        return displace(now: now, holdTTL: holdTTL) { _, d, _ in d == day }
    }

    /// Adds overtime slots `[from, to)` to `technician`'s shift; they become offerable at once (the part
    /// beyond the calendar window when its days enter).
    /// - Throws: `unknownTechnician`, `invalidParameter`. - Complexity: O(days spanned in the window × skills).
    public mutating func addOvertime(technician: Int, from: SimTime, to: SimTime) throws(AllocatorError) {
        try checkTechnician(technician)
        guard to > from else { throw .invalidParameter(name: "to", message: "overtime must end after it starts (\(from) … \(to))") }
        for (day, m) in dayRanges(from: from, to: to) {
            let ci = technician * days + phys(day)
            cells[ci].shift |= m
            touch(technician, day)
        }
        keepFuturePart(technician: technician, from: from, to: to, adds: true)
    }

    /// Each day of the calendar window overlapping `[from, to)` with the slots it covers (partly covered
    /// slots included). - Complexity: O(days spanned in the window).
    func dayRanges(from: SimTime, to: SimTime) -> [(Int, DayMask)] {
        let d0 = max(firstDay, from.day), d1 = min(lastDay, SimTime(ticks: to.ticks - 1).day)
        if d0 > d1 { return [] }
        var out: [(Int, DayMask)] = []
        for day in d0...d1 {
            let m = slots(of: day, from: from.ticks, to: to.ticks)
            if !m.isEmpty { out.append((day, m)) }
        }
        return out
    }

    /// The slots of absolute `day` that `[from, to)` (ticks) covers, partly covered slots included.
    /// - Complexity: O(1).
    func slots(of day: Int, from: Int64, to: Int64) -> DayMask {
        let tps = config.grid.ticksPerSlot
        let start = SimTime(day: day).ticks, end = SimTime(day: day + 1).ticks
        if to <= start || from >= end { return .empty }
        let a = from <= start ? 0 : Int((from - start) / tps)
        let b = to >= end ? slotsPerDay : Int((to - start + tps - 1) / tps)
        return b > a ? DayMask(slots: a ..< b) : .empty
    }

    /// Keeps `[from, to)` for the days after the window, to apply when they enter. - Complexity: O(1).
    mutating func keepFuturePart(technician: Int, from: SimTime, to: SimTime, adds: Bool) {
        let windowEnd = SimTime(day: lastDay + 1).ticks
        guard to.ticks > windowEnd else { return }
        futureExceptions.append(CalendarException(technician: Int32(technician), from: max(from.ticks, windowEnd), to: to.ticks, adds: adds))
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
