// Internal consistency checks of the pending-job heap, compiled in only under
// JORNADA_INTERNAL_CHECKS (`swift test -Xswiftc -DJORNADA_INTERNAL_CHECKS`); otherwise the hook
// is an empty inlinable function and release code pays nothing.

extension PendingHeap {
    /// Traps unless the heap is in 8-ary order and `positions` names every entry's place, when
    /// built with `JORNADA_INTERNAL_CHECKS`; otherwise does nothing.
    /// - Complexity: O(1) without the flag; O(n) with it.
    @inlinable @inline(__always)
    func checkInvariantsIfEnabled(positions: [Int32]) {
        #if JORNADA_INTERNAL_CHECKS
        precondition(isValid(positions: positions), "PendingHeap: heap order or position column broken (\(count) entries)")
        #endif
    }
}
