import DiscreteEvents

/// Up to four service windows of a job, stored inline in 36 bytes (no allocation), sorted by start.
///
/// Window bounds are kept to the millisecond (a bound with a finer part is rounded inward; a window
/// narrower than a millisecond becomes the instant of its rounded start) and may not reach beyond
/// 24 days after midnight. An empty
/// set means "any time in the vehicle's shift".
@frozen
public struct TimeWindowSet: Hashable, Sendable, CustomStringConvertible {
    /// The most windows a job may have.
    public static let capacity = 4
    /// The latest bound a window may have.
    public static let latestBound = SimDuration.milliseconds(Int64(Int32.max))

    // Bounds in milliseconds since midnight.
    @usableFromInline var f0: Int32 = 0
    @usableFromInline var t0: Int32 = 0
    @usableFromInline var f1: Int32 = 0
    @usableFromInline var t1: Int32 = 0
    @usableFromInline var f2: Int32 = 0
    @usableFromInline var t2: Int32 = 0
    @usableFromInline var f3: Int32 = 0
    @usableFromInline var t3: Int32 = 0
    @usableFromInline var storedCount: UInt8 = 0

    /// How many windows are set (0 = unrestricted).
    @inlinable public var count: Int { Int(storedCount) }

    /// No restriction: service may start at any time in the shift.
    public static let anyTime = TimeWindowSet()

    /// The unrestricted set.
    @inlinable public init() {}

    /// The set of `windows`, sorted by start.
    ///
    /// - Throws: `DeliverySchedulingError.invalidWindow` for a window that ends before it starts,
    ///   starts before midnight or ends after `latestBound`; `.tooManyWindows` for more than `capacity`.
    /// - Complexity: O(1) (at most four windows).
    public init(_ windows: [TimeWindow]) throws(DeliverySchedulingError) {
        self.init()
        guard windows.count <= TimeWindowSet.capacity else {
            throw .tooManyWindows(count: windows.count, maximum: TimeWindowSet.capacity)
        }
        for (i, w) in windows.enumerated() where !w.isValid || w.to > TimeWindowSet.latestBound {
            throw .invalidWindow(index: i, from: w.from, to: w.to)
        }
        for w in windows.sorted(by: { ($0.from, $0.to) < ($1.from, $1.to) }) { append(w) }
    }

    /// The single window `window` (checked by precondition: use `init(_:)` for untrusted input).
    @inlinable public init(single window: TimeWindow) {
        precondition(window.isValid && window.to <= TimeWindowSet.latestBound, "TimeWindowSet(single:): invalid window \(window)")
        self.init()
        append(window)
    }

    /// Appends a valid window (callers keep the start order). - Complexity: O(1).
    @inlinable mutating func append(_ w: TimeWindow) {
        let from = Int32((w.from.ticks + 999) / 1000)   // round the start up …
        let to = Int32(w.to.ticks / 1000)               // … and the end down: never wider
        switch storedCount {
        case 0: f0 = from; t0 = Swift.max(from, to)
        case 1: f1 = from; t1 = Swift.max(from, to)
        case 2: f2 = from; t2 = Swift.max(from, to)
        default: f3 = from; t3 = Swift.max(from, to)
        }
        storedCount += 1
    }

    /// Bounds of window `i` in ticks since midnight.
    @inlinable func bounds(_ i: Int) -> (from: Int64, to: Int64) {
        switch i {
        case 0: return (Int64(f0) &* 1000, Int64(t0) &* 1000)
        case 1: return (Int64(f1) &* 1000, Int64(t1) &* 1000)
        case 2: return (Int64(f2) &* 1000, Int64(t2) &* 1000)
        default: return (Int64(f3) &* 1000, Int64(t3) &* 1000)
        }
    }

    /// The `i`-th window by start time. - Complexity: O(1).
    @inlinable public subscript(i: Int) -> TimeWindow {
        precondition(i >= 0 && i < count, "TimeWindowSet index \(i) out of range 0..<\(count)")
        let b = bounds(i)
        return TimeWindow(from: SimDuration(ticks: b.from), to: SimDuration(ticks: b.to))
    }

    /// The windows as an array (allocates; not for hot paths).
    public var windows: [TimeWindow] { (0..<count).map { self[$0] } }

    /// Whether every window is well formed (always true for sets built by the initialisers).
    public var isValid: Bool { windows.allSatisfy(\.isValid) }

    /// The earliest service start at or after `arrival` (ticks since midnight), or nil when every
    /// window has closed. - Complexity: O(windows).
    @inlinable public func earliestStart(arrivingAt arrival: Int64) -> Int64? {
        if storedCount == 0 { return arrival }
        var i = 0
        while i < count {
            let w = bounds(i)
            if arrival <= w.to { return Swift.max(arrival, w.from) }
            i += 1
        }
        return nil
    }

    /// The latest service start no later than `limit` (ticks since midnight), or nil when no window
    /// opens by then. - Complexity: O(windows).
    @inlinable public func latestStart(notAfter limit: Int64) -> Int64? {
        if storedCount == 0 { return limit }
        var i = count - 1
        while i >= 0 {
            let w = bounds(i)
            if w.from <= limit { return Swift.min(limit, w.to) }
            i -= 1
        }
        return nil
    }

    /// `09:00-12:00, 14:00-18:00`, or `any time`.
    public var description: String {
        count == 0 ? "any time" : windows.map(\.description).joined(separator: ", ")
    }
}
