import DiscreteEvents

/// What a region tells the daily barrier about one keg batch it has not flagged itself.
public struct BatchFact: Sendable, Hashable {
    /// The batch (its production day).
    public var batch: Int
    /// Reports of the batch inside the detection window.
    public var reportsInWindow: Int
    /// Kegs of the batch the region has delivered.
    public var kegs: Int
}

extension RegionModel {
    /// The batches with reports inside the detection window that this region has not detected: what the
    /// national check at the barrier sums. - Complexity: O(batches with reports × their reports).
    func batchFacts(at now: SimTime) -> [BatchFact] {
        let since = now - .days(Int64(max(1, scenario.journeys.returns.detectionWindowDays)))
        var out: [BatchFact] = []
        for b in batches.reports.indices where !batches.detected[b] && !batches.reports[b].isEmpty {
            var n = 0
            for t in batches.reports[b] where t >= since { n += 1 }
            if n > 0 { out.append(BatchFact(batch: b, reportsInWindow: n, kegs: batches.kegs[b])) }
        }
        return out
    }

    /// A batch found nationally (its reports summed over regions pass the mass-problem rule) is flagged
    /// here too, and its recipients in this region are warned. - Complexity: O(recipients of the batch).
    mutating func detectNationally(batch b: Int, now: SimTime) {
        guard b < batches.detected.count, !batches.detected[b], batches.firstDelivery[b] != .distantFuture else { return }
        if batches.firstReport[b] == .distantFuture { batches.firstReport[b] = now }
        detect(batch: b, now: now)
    }
}

/// Runs `count` independent jobs, possibly in parallel, and returns when all are done; job `i` touches only
/// its own region. The tools supply one (e.g. with Dispatch); the simulation itself starts no thread.
public typealias ParallelFor = @Sendable (_ count: Int, _ body: @Sendable (Int) -> Void) -> Void
