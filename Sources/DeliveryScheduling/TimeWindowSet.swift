import DiscreteEvents

/// Up to four service windows of a job, stored inline (no allocation), sorted by start.
///
/// An empty set means "any time in the vehicle's shift".
@frozen
public struct TimeWindowSet: Hashable, Sendable, CustomStringConvertible {
    /// The most windows a job may have.
    public static let capacity = 4

    @usableFromInline var w0: TimeWindow
    @usableFromInline var w1: TimeWindow
    @usableFromInline var w2: TimeWindow
    @usableFromInline var w3: TimeWindow
    @usableFromInline var storedCount: Int
    /// How many windows are set (0 = unrestricted).
    @inlinable public var count: Int { storedCount }

    /// No restriction: service may start at any time in the shift.
    public static let anyTime = TimeWindowSet()

    /// The unrestricted set.
    @inlinable public init() {
        let z = TimeWindow(from: .zero, to: .zero)
        w0 = z; w1 = z; w2 = z; w3 = z
        storedCount = 0
    }

    /// The set of `windows`, sorted by start.
    ///
    /// - Throws: `DeliverySchedulingError.invalidWindow` for a window that ends before it starts (or
    ///   starts before midnight), `.tooManyWindows` for more than `capacity`.
    /// - Complexity: O(1) (at most four windows).
    public init(_ windows: [TimeWindow]) throws(DeliverySchedulingError) {
        self.init()
        guard windows.count <= TimeWindowSet.capacity else {
            throw .tooManyWindows(count: windows.count, maximum: TimeWindowSet.capacity)
        }
        for (i, w) in windows.enumerated() where !w.isValid {
            throw .invalidWindow(index: i, from: w.from, to: w.to)
        }
        for w in windows.sorted(by: { ($0.from, $0.to) < ($1.from, $1.to) }) { append(w) }
    }

    /// The single window `window` (unchecked: use `init(_:)` for untrusted input).
    @inlinable public init(single window: TimeWindow) {
        self.init()
        w0 = window
        storedCount = 1
    }

    @inlinable mutating func append(_ w: TimeWindow) {
        switch count {
        case 0: w0 = w
        case 1: w1 = w
        case 2: w2 = w
        default: w3 = w
        }
        storedCount += 1
    }

    /// The `i`-th window by start time. - Complexity: O(1).
    @inlinable public subscript(i: Int) -> TimeWindow {
        precondition(i >= 0 && i < count, "TimeWindowSet index \(i) out of range 0..<\(count)")
        switch i {
        case 0: return w0
        case 1: return w1
        case 2: return w2
        default: return w3
        }
    }

    /// The windows as an array (allocates; not for hot paths).
    public var windows: [TimeWindow] { (0..<count).map { self[$0] } }

    /// Whether every window is well formed (always true for sets built by `init(_:)`).
    public var isValid: Bool { windows.allSatisfy(\.isValid) }

    /// The earliest service start at or after `arrival` (ticks since midnight), or nil when every
    /// window has closed. - Complexity: O(windows).
    @inlinable public func earliestStart(arrivingAt arrival: Int64) -> Int64? {
        if count == 0 { return arrival }
        var i = 0
        while i < count {
            let w = self[i]
            if arrival <= w.to.ticks { return Swift.max(arrival, w.from.ticks) }
            i += 1
        }
        return nil
    }

    /// The latest service start no later than `limit` (ticks since midnight), or nil when no window
    /// opens by then. - Complexity: O(windows).
    @inlinable public func latestStart(notAfter limit: Int64) -> Int64? {
        if count == 0 { return limit }
        var i = count - 1
        while i >= 0 {
            let w = self[i]
            if w.from.ticks <= limit { return Swift.min(limit, w.to.ticks) }
            i -= 1
        }
        return nil
    }

    /// `09:00-12:00, 14:00-18:00`, or `any time`.
    public var description: String {
        count == 0 ? "any time" : windows.map(\.description).joined(separator: ", ")
    }
}
