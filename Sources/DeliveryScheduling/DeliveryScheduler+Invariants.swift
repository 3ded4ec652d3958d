// Test-only observation of the scheduler's internals, compiled in only under
// JORNADA_INTERNAL_CHECKS (`swift test -Xswiftc -DJORNADA_INTERNAL_CHECKS`), so the engine's
// public API in a normal build is the engine. The pending heaps check themselves after every
// mutation under the same flag (PendingHeap+Invariants.swift).

#if JORNADA_INTERNAL_CHECKS
extension DeliveryScheduler {
    /// Every live job id in slot order (internal checks only). - Complexity: O(slots).
    public var liveJobs: [JobID] {
        core.indices.filter { core[$0].state != .unknown }.map { JobID(slot: UInt32($0), generation: core[$0].generation) }
    }

    /// The (tier, policy) order key of a live job: smaller is more urgent (internal checks only).
    /// - Complexity: O(1).
    public func orderKey(_ id: JobID) -> UInt64? { liveSlot(id).map { heapKey(slot: $0) } }

    /// Whether heap order and slot bookkeeping hold: every pending job sits in its depot's heap
    /// exactly once, live and free slots add up (internal checks only). - Complexity: O(n).
    public func checkInvariants() -> Bool {
        var inHeaps = 0
        for d in heaps.indices {
            guard heaps[d].isValid(positions: heapPos) else { return false }
            inHeaps += heaps[d].count
            for s in heaps[d].slots where core[Int(s)].state != .pending || Int(core[Int(s)].depot) != d { return false }
        }
        let pendingCount = core.filter { $0.state == .pending }.count
        let live = core.filter { $0.state != .unknown }.count
        return inHeaps == pendingCount && live == liveCount && live + freeSlots.count == core.count
    }
}
#endif
