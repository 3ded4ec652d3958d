import DiscreteEvents

/// An absence, holiday (technician -1: everyone) or overtime over `[from, to)` ticks that reaches past the
/// calendar window, kept to apply to each of its days when the day enters.
@usableFromInline
struct CalendarException: Sendable {
    @usableFromInline var technician: Int32
    @usableFromInline var from: Int64
    @usableFromInline var to: Int64
    /// Overtime (adds slots) rather than an absence or holiday (removes them).
    @usableFromInline var adds: Bool
    @usableFromInline init(technician: Int32, from: Int64, to: Int64, adds: Bool) {
        self.technician = technician; self.from = from; self.to = to; self.adds = adds
    }
}

/// What `advance(toDay:)` retired.
public struct CalendarAdvance: Hashable, Sendable {
    /// Bookings on retired days (done: their visits are in the past), removed from the slab.
    public var retiredBookings: Int
    /// Holds on retired days, released.
    public var releasedHolds: Int
    /// Days that left the window (and as many entered at its end).
    public var retiredDays: Int
}

extension TechnicianAllocator {
    /// Rolls the calendar window forward so that it starts at `day`: every day before `day` retires and
    /// its cells are reused for the days that enter at the end (memory stays technicians × window). Bookings
    /// on retired days are done and removed; holds on them are released; their ids become stale. An
    /// entering day starts from each technician's weekly shift with every absence, holiday and overtime
    /// marked for it beforehand applied in the order they were marked, and no reservations. A `day` at or
    /// before `firstDay` changes nothing.
    ///
    /// - Throws: `dayOutOfRange` when `day` is too large for `SimTime`.
    /// - Complexity: O(reservations + entering days × technicians × skills + kept exceptions × entering days).
    @discardableResult
    public mutating func advance(toDay day: Int) throws(AllocatorError) -> CalendarAdvance {
        var result = CalendarAdvance(retiredBookings: 0, releasedHolds: 0, retiredDays: 0)
        guard day > firstDay else { return result }
        guard day < SimTime.distantFuture.day - days else { throw .dayOutOfRange(day, firstDay: firstDay, lastDay: lastDay) }
        // Reservations on retired days: the cells they sit in are rebuilt below.
        for i in 0..<resState.count where resState[i] != .free && Int(resDay[i]) < day {
            if resState[i] == .held {
                liveHolds -= 1
                result.releasedHolds += 1
            } else {
                techLoad[Int(resTech[i])] &-= Int32(mask(i).count)
                liveBookings -= 1
                result.retiredBookings += 1
            }
            resState[i] = .free
            resGeneration[i] &+= 1
            freeEntries.append(Int32(i))
        }
        let oldEnd = lastDay + 1
        let entering = max(oldEnd, day) ..< day + days
        result.retiredDays = min(day - firstDay, days)
        windowStart = day
        ringStart = day % days
        for d in entering { layOut(day: d) }
        // Exceptions wholly inside the window now are applied; keep only those reaching beyond it.
        let windowEnd = SimTime(day: lastDay + 1).ticks
        futureExceptions.removeAll { $0.to <= windowEnd }
        if holdQueue.count > 2 * liveHolds + 4096 { compactHolds() }
        return result
    }

    /// Resets absolute `day` (in the window, just entered) for every technician: weekly shift, the kept
    /// exceptions overlapping it in order, nothing reserved; then its member copies and exact summaries.
    /// - Complexity: O(technicians × skills + kept exceptions).
    mutating func layOut(day: Int) {
        let p = phys(day)
        let weekday = Weekday(dayIndex: day)
        for t in 0..<technicianCount {
            let ci = t * days + p
            cells[ci] = DayCell(shift: techWeekly[t][weekday], booked: .empty, held: .empty)
            cellVersion[ci] &+= 1
        }
        for e in futureExceptions {
            let m = slots(of: day, from: e.from, to: e.to)
            if m.isEmpty { continue }
            if e.technician < 0 {
                for t in 0..<technicianCount { cells[t * days + p].shift = e.adds ? cells[t * days + p].shift | m : cells[t * days + p].shift & ~m }
            } else {
                let ci = Int(e.technician) * days + p
                cells[ci].shift = e.adds ? cells[ci].shift | m : cells[ci].shift & ~m
            }
        }
        // Member copies and exact (group, day) summaries.
        for g in 0..<groupMaxLevel.count {
            let m0 = Int(memberStart[g]), size = Int(memberStart[g + 1]) - m0
            var union = DayMask.empty, unionLong = DayMask.empty
            for k in 0..<size {
                let t = Int(members[m0 + k] >> 3)
                let free = cells[t * days + p].free
                let long = free.runStarts(TechnicianAllocator.longRun)
                memberFree[m0 * days + p * size + k] = free
                memberLong[m0 * days + p * size + k] = long
                union |= free
                unionLong |= long
            }
            summary[g * days + p] = union
            summaryLong[g * days + p] = unionLong
        }
    }
}
