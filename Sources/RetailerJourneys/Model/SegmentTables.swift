import DeliveryScheduling
import DiscreteEvents

/// What the per-event handlers read of a retailer's segment, computed once when a region is built: the
/// delivery windows per weekday as the scheduler's `TimeWindowSet`, the channel-mix weights in
/// `OrderChannel.allCases` order, and the order values and payment terms. Reading these is an array
/// load; reading the `SegmentSpec` itself copied the struct (its arrays, its dictionary) and rebuilt the
/// windows on every order.
struct SegmentTables: Sendable {
    /// Delivery windows, index `segment * 7 + weekday`.
    let windows: [TimeWindowSet]
    /// Whether the segment receives deliveries, index `segment * 7 + weekday`.
    let receives: [Bool]
    /// Channel-mix weights per segment, in `OrderChannel.allCases` order.
    let channelWeights: [[Double]]
    /// Value of a keg, per segment.
    let kegValue: [Double]
    /// Value of a case, per segment.
    let caseValue: [Double]
    /// Payment term in days, per segment.
    let paymentTermDays: [Int]

    /// The tables of `segments`. - Complexity: O(segments × (7 + channels)).
    init(_ segments: [SegmentSpec]) {
        var windows: [TimeWindowSet] = [], receives: [Bool] = []
        for s in segments {
            for wd in Weekday.allCases {
                let hours = s.deliveryHours.windows(wd)
                let ws = hours.prefix(TimeWindowSet.capacity).map { DeliveryScheduling.TimeWindow(from: $0.start, to: $0.end) }
                windows.append((try? TimeWindowSet(ws)) ?? .anyTime)
                receives.append(!hours.isEmpty)
            }
        }
        self.windows = windows
        self.receives = receives
        channelWeights = segments.map { s in OrderChannel.allCases.map { s.channelMix[$0] ?? 0 } }
        kegValue = segments.map(\.kegValue)
        caseValue = segments.map(\.caseValue)
        paymentTermDays = segments.map(\.paymentTermDays)
    }

    /// The windows of `segment` on the weekday of `day`. - Complexity: O(1).
    @inline(__always)
    func windows(segment: Int, day: Int) -> TimeWindowSet { windows[segment * 7 + Weekday(dayIndex: day).rawValue] }

    /// Whether `segment` receives on the weekday of `day`. - Complexity: O(1).
    @inline(__always)
    func receives(segment: Int, day: Int) -> Bool { receives[segment * 7 + Weekday(dayIndex: day).rawValue] }
}
