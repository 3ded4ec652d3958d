/// The result of a full calendar audit; `isClean` when every count of violations is zero.
public struct CalendarAudit: Hashable, Sendable, CustomStringConvertible {
    /// Live holds found.
    public var holds = 0
    /// Live bookings found.
    public var bookings = 0
    /// Reservations overlapping another reservation of the same technician.
    public var doubleBookings = 0
    /// Reservations outside their technician's shift.
    public var outsideShift = 0
    /// Reservations whose technician lacks the skill, level or kind.
    public var skillMismatches = 0
    /// Calendar cells whose stored masks differ from the reservations, stale member copies, or load
    /// counters that differ.
    public var maskMismatches = 0
    /// (group, day) summaries that are not a superset of their members' free slots.
    public var summaryViolations = 0

    /// Whether no violation was found. - Complexity: O(1).
    public var isClean: Bool { doubleBookings + outsideShift + skillMismatches + maskMismatches + summaryViolations == 0 }

    /// One line for logs.
    public var description: String {
        "holds \(holds), bookings \(bookings), doubleBookings \(doubleBookings), outsideShift \(outsideShift), skillMismatches \(skillMismatches), maskMismatches \(maskMismatches), summaryViolations \(summaryViolations)"
    }
}

extension TechnicianAllocator {
    /// Rebuilds every calendar from the reservation slab and checks the invariants: no overlap per
    /// technician, inside shifts, skills match, stored masks, loads and summaries consistent, every
    /// reservation inside the calendar window.
    /// - Complexity: O(technicians × days × skills + reservations).
    public func audit() -> CalendarAudit {
        var a = CalendarAudit()
        var booked = Array(repeating: DayMask.empty, count: cells.count)
        var held = booked
        var load = Array(repeating: Int32(0), count: technicianCount)
        for i in 0..<resState.count where resState[i] != .free {
            if !inWindow(Int(resDay[i])) { a.maskMismatches += 1; continue }
            let t = Int(resTech[i]), ci = t * days + phys(Int(resDay[i]))
            let m = mask(i)
            if (booked[ci] | held[ci]).intersects(m) { a.doubleBookings += 1 }
            if !cells[ci].shift.isSuperset(of: m) { a.outsideShift += 1 }
            let r = resRequest[i]
            if techKind[t] != r.kind || techSkills[t][r.skill] < max(1, r.minimumLevel) { a.skillMismatches += 1 }
            if resState[i] == .held { held[ci] |= m; a.holds += 1 } else { booked[ci] |= m; a.bookings += 1; load[t] += Int32(m.count) }
        }
        for ci in 0..<cells.count where cells[ci].booked != booked[ci] || cells[ci].held != held[ci] { a.maskMismatches += 1 }
        for t in 0..<technicianCount where load[t] != techLoad[t] { a.maskMismatches += 1 }
        if a.holds != holdCount || a.bookings != bookingCount { a.maskMismatches += 1 }
        for g in 0..<groupMaxLevel.count {
            for m in Int(memberStart[g])..<Int(memberStart[g + 1]) {
                let t = Int(members[m] >> 3)
                let m0 = Int(memberStart[g]), size = Int(memberStart[g + 1]) - m0
                for d in 0..<days {
                    let free = cells[t * days + d].free
                    if !summary[g * days + d].isSuperset(of: free) { a.summaryViolations += 1 }
                    if !summaryLong[g * days + d].isSuperset(of: free.runStarts(TechnicianAllocator.longRun)) { a.summaryViolations += 1 }
                    if memberFree[m0 * days + d * size + (m - m0)] != free { a.maskMismatches += 1 }
                    if memberLong[m0 * days + d * size + (m - m0)] != free.runStarts(TechnicianAllocator.longRun) { a.maskMismatches += 1 }
                }
            }
        }
        return a
    }
}
