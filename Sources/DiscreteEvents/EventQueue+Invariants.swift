// Internal consistency checks of the event queue, compiled in only under JORNADA_INTERNAL_CHECKS
// (as swift-collections does with COLLECTIONS_INTERNAL_CHECKS): `swift test -Xswiftc
// -DJORNADA_INTERNAL_CHECKS` runs every test with a full check after every mutation. In other
// builds the hook is an empty inlinable function, so release code pays nothing (the callgrind
// instruction counts in Benchmarks/Thresholds/kernel-instructions.json gate that).

extension EventQueue {
    /// Runs `checkInvariants()` when built with `JORNADA_INTERNAL_CHECKS`; otherwise does nothing.
    /// - Complexity: O(1) without the flag; O(pending entries + slots) with it.
    @inlinable @inline(__always)
    func checkInvariantsIfEnabled() {
        #if JORNADA_INTERNAL_CHECKS
        checkInvariants()
        #endif
    }

    #if JORNADA_INTERNAL_CHECKS
    /// Traps with a description of the first broken invariant: the front is a 4-ary heap; bucket
    /// `b` holds exactly the entries whose time first differs from `last` at bit `b − 1`, and only
    /// above `frontLevel`; the occupied mask matches the buckets; no bucket entry is before `last`, and
    /// a front entry is either within `frontLevel` of `last` or an early entry below it (scheduled
    /// between the clock and `last`), never a live one before the clock; the slot table, free list and
    /// live count agree, and every live slot has exactly one live entry.
    /// (Internal checks only.) - Complexity: O(pending entries + slots).
    public func checkInvariants() {
        let front = storage.vectors[0]
        for i in 1..<Swift.max(1, front.count) {
            precondition(!Entry.before(front[i], front[(i - 1) >> 2]), "EventQueue: front heap order broken at \(i)")
        }
        var liveEntries = 0, posted = 0
        for b in 0...64 {
            let v = storage.vectors[b]
            if b > 0 {
                precondition((occupied & (1 << UInt64(b - 1)) != 0) == (v.count > 0), "EventQueue: occupied bit \(b - 1) disagrees with bucket \(b)")
                precondition(v.count == 0 || b > frontLevel, "EventQueue: bucket \(b) non-empty at or below the front level \(frontLevel)")
            }
            for i in 0..<v.count {
                let e = v[i]
                if e.slot == Self.unhandled { posted += 1 }
                if isLive(e) { precondition(e.time >= clock, "EventQueue: a live entry at \(e.time) is before the clock \(clock)") }
                if b == 0 && e.time < last {
                    if isLive(e) { liveEntries += 1 }
                    continue   // an early entry: below every bucket and every other front entry
                }
                precondition(e.time >= last, "EventQueue: an entry at \(e.time) is before the reference time \(last)")
                let level = 64 - (e.time ^ last).leadingZeroBitCount
                if b == 0 {
                    precondition(level <= frontLevel, "EventQueue: a front entry at level \(level) above the front level \(frontLevel)")
                } else {
                    precondition(level == b, "EventQueue: an entry at level \(level) in bucket \(b)")
                }
                if isLive(e) { liveEntries += 1 }
            }
        }
        let table = storage.liveSequence.pointee
        let free = storage.freeSlots.pointee
        var liveSlots = 0
        for s in 0..<table.count where table[s] != .max { liveSlots += 1 }
        precondition(liveSlots + posted == liveCount, "EventQueue: \(liveSlots) live slots and \(posted) posted entries but liveCount \(liveCount)")
        precondition(liveSlots + free.count == table.count, "EventQueue: \(liveSlots) live + \(free.count) free slots ≠ \(table.count)")
        for i in 0..<free.count { precondition(table[Int(free[i])] == .max, "EventQueue: free slot \(free[i]) is live") }
        precondition(liveEntries == liveCount, "EventQueue: \(liveEntries) live entries but \(liveCount) live events")
    }
    #endif
}
