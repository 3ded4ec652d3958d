// Internal consistency checks of the allocator's derived structures (member copies of free slots,
// (group, day) summary masks), compiled in only under JORNADA_INTERNAL_CHECKS (`swift test
// -Xswiftc -DJORNADA_INTERNAL_CHECKS`); otherwise the hooks are empty inlinable functions and
// release code pays nothing.

extension TechnicianAllocator {
    /// After `touch(t, day)` (`day` the ring index): traps unless every member copy of (t, day) equals its calendar's free
    /// slots and long-run starts, and each of its (group, day) summaries still covers all members,
    /// when built with `JORNADA_INTERNAL_CHECKS`; otherwise does nothing.
    /// - Complexity: O(1) without the flag; O(skills × group size) with it.
    @inlinable @inline(__always)
    func checkCellInvariantsIfEnabled(_ t: Int, _ day: Int) {
        #if JORNADA_INTERNAL_CHECKS
        let free = cells[t * days + day].free
        let base = Int(techSlot[t]) * Skill.count
        for s in 0..<Skill.count {
            let m = Int(techMember[t * Skill.count + s])
            if m < 0 { continue }
            let g = base + s
            let m0 = Int(memberStart[g]), size = Int(memberStart[g + 1]) - m0
            let i = m0 * days + day * size + (m - m0)
            precondition(memberFree[i] == free, "TechnicianAllocator: member copy of technician \(t) day \(day) is stale")
            precondition(memberLong[i] == free.runStarts(TechnicianAllocator.longRun), "TechnicianAllocator: long-run copy of technician \(t) day \(day) is stale")
            checkGroupInvariantsIfEnabled(group: g, day: day, exact: false)
        }
        #endif
    }

    /// Traps unless the (group, ring-index `day`) summaries cover the union of the members' free slots and
    /// long-run starts (equal them when `exact`, as right after an offer scan), when built with
    /// `JORNADA_INTERNAL_CHECKS`; otherwise does nothing.
    /// - Complexity: O(1) without the flag; O(group size) with it.
    @inlinable @inline(__always)
    func checkGroupInvariantsIfEnabled(group g: Int, day: Int, exact: Bool) {
        #if JORNADA_INTERNAL_CHECKS
        let m0 = Int(memberStart[g]), size = Int(memberStart[g + 1]) - m0
        var union = DayMask.empty, unionLong = DayMask.empty
        for i in 0..<size {
            union |= memberFree[m0 * days + day * size + i]
            unionLong |= memberLong[m0 * days + day * size + i]
        }
        let si = g * days + day
        precondition(summary[si].isSuperset(of: union) && summaryLong[si].isSuperset(of: unionLong),
                     "TechnicianAllocator: summary of group \(g) day \(day) misses a member's free slots")
        precondition(!exact || (summary[si] == union && summaryLong[si] == unionLong),
                     "TechnicianAllocator: summary of group \(g) day \(day) is not the exact union after a scan")
        #endif
    }
}
