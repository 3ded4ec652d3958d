import DiscreteEvents

extension DeliveryScheduler {
    /// Takes a planned or frozen job off its truck and puts it back in its depot's queue (a stop the
    /// truck will not reach in time): it can then be rescheduled, refused or planned again.
    ///
    /// - Throws: `.unknownJob`, `.wrongState` (pending jobs are already queued). - Complexity: O(log n).
    public mutating func returnToQueue(_ id: JobID) throws(DeliverySchedulingError) {
        guard let s = liveSlot(id) else { throw .unknownJob(id) }
        guard core[s].state == .planned || core[s].state == .frozen else { throw .wrongState(id, expected: "planned or frozen") }
        core[s].state = .planned
        core[s].metaDirty = true
        requeue(slot: s)
    }
}
