import DiscreteEvents

/// A share with its counts: `hits` of `count` (SLA compliance, OTIF, acceptance).
public struct Share: Sendable, Hashable {
    /// Cases counted.
    public var count = 0
    /// Cases that met the criterion.
    public var hits = 0
    /// An empty tally. - Complexity: O(1).
    public init() {}
    /// Counts one case. - Complexity: O(1).
    @inlinable public mutating func record(_ hit: Bool) { count += 1; if hit { hits += 1 } }
    /// `hits / count`, NaN when nothing was counted.
    public var value: Double { count == 0 ? .nan : Double(hits) / Double(count) }
    /// Adds another tally. - Complexity: O(1).
    public mutating func merge(_ o: Share) { count += o.count; hits += o.hits }
}

/// A sample of durations (or any positive values): mean, and quantiles from a log-linear histogram
/// (relative error under 1 %), mergeable across regions in a fixed order.
public struct Sample: Sendable, Hashable {
    /// Count, mean, min, max.
    public private(set) var stats = RunningStatistics()
    /// Quantiles.
    public private(set) var histogram: Histogram
    /// An empty sample. - Complexity: O(buckets).
    public init() {
        // Values from 1 ms to ~30 years in hours; the configuration is valid, so the fallback is unreachable.
        histogram = (try? Histogram(lowest: 1e-4, highest: 1e6, significantBits: 7)) ?? Sample.fallbackHistogram
    }
    private static var fallbackHistogram: Histogram {
        if let h = try? Histogram() { return h }
        preconditionFailure("the default histogram configuration is valid")
    }
    /// Records one value (negative values count as 0). - Complexity: O(1).
    public mutating func record(_ v: Double) {
        let x = max(0, v)
        stats.add(x)
        histogram.record(max(x, 1e-4))
    }
    /// Adds another sample of the same configuration. - Complexity: O(buckets).
    public mutating func merge(_ o: Sample) {
        stats.merge(o.stats)
        try? histogram.merge(o.histogram)
    }
    /// Values recorded.
    public var count: Int { stats.count }
    /// Their mean (NaN when empty).
    public var mean: Double { stats.count == 0 ? .nan : stats.mean }
    /// The q-quantile (NaN when empty). - Complexity: O(buckets).
    public func quantile(_ q: Double) -> Double { stats.count == 0 ? .nan : histogram.quantile(q) }
}

/// One day of the daily series.
public struct DailyRow: Sendable, Hashable {
    /// The day.
    public var day: Int
    /// Orders placed.
    public var ordersPlaced = 0
    /// Orders delivered.
    public var ordersDelivered = 0
    /// Orders delivered on time and in full.
    public var ordersOTIF = 0
    /// Orders promised for the day or earlier and not delivered at its end (the carry-over backlog).
    public var deliveryBacklog = 0
    /// Jobs carried over to the next day by planning (overflow) or refusal.
    public var carriedOver = 0
    /// Reschedule proposals made.
    public var reschedules = 0
    /// Returns registered.
    public var returnsRegistered = 0
    /// Pickups done.
    public var pickupsDone = 0
    /// Assistance tickets opened.
    public var ticketsOpened = 0
    /// Technician visits done.
    public var visitsDone = 0
    /// Open assistance tickets at the day's end.
    public var ticketsOpen = 0
    /// Distance driven, km.
    public var distance = 0.0
    /// Trucks that left.
    public var trucksOut = 0
    /// Orders blocked by credit waiting at the day's end.
    public var blockedOrders = 0
    /// Service cases opened.
    public var casesOpened = 0
    /// Service cases closed.
    public var casesClosed = 0
    /// Service cases open at the day's end (the desk's backlog).
    public var casesOpen = 0
    /// A row for `day`. - Complexity: O(1).
    public init(day: Int) { self.day = day }

    /// Adds another region's row for the same day. - Complexity: O(1).
    public mutating func merge(_ o: DailyRow) {
        ordersPlaced += o.ordersPlaced; ordersDelivered += o.ordersDelivered; ordersOTIF += o.ordersOTIF
        deliveryBacklog += o.deliveryBacklog; carriedOver += o.carriedOver; reschedules += o.reschedules
        returnsRegistered += o.returnsRegistered; pickupsDone += o.pickupsDone; ticketsOpened += o.ticketsOpened
        visitsDone += o.visitsDone; ticketsOpen += o.ticketsOpen; distance += o.distance; trucksOut += o.trucksOut
        blockedOrders += o.blockedOrders
        casesOpened += o.casesOpened; casesClosed += o.casesClosed; casesOpen += o.casesOpen
    }
}
