/// The time average of a piecewise-constant level (queue length, busy servers) over simulated time.
///
/// Record each change of level with `record(_:at:)`; the average weighs each level by how long it was
/// held. Time never goes back: recording at an earlier instant than the last one is a programmer error.
public struct TimeWeightedAverage: Sendable, Hashable {
    /// When observation began (after the last `reset(at:)`).
    public private(set) var start: SimTime
    /// The instant of the last recorded change.
    public private(set) var lastChange: SimTime
    /// The current level.
    public private(set) var level: Double
    /// The smallest level held since `start`.
    public private(set) var minimum: Double
    /// The largest level held since `start`.
    public private(set) var maximum: Double
    /// ∫ level dt from `start` to `lastChange`, in level × ticks.
    private var area: Double = 0

    /// Starts observing at `start` with the level `initialLevel`.
    public init(start: SimTime = .zero, initialLevel: Double = 0) {
        precondition(initialLevel.isFinite, "TimeWeightedAverage: initialLevel must be finite")
        self.start = start
        self.lastChange = start
        self.level = initialLevel
        self.minimum = initialLevel
        self.maximum = initialLevel
    }

    /// The level becomes `newLevel` at `time` (≥ the last change). - Complexity: O(1).
    public mutating func record(_ newLevel: Double, at time: SimTime) {
        precondition(time >= lastChange,
                     "TimeWeightedAverage.record: time \(time) is before the last change \(lastChange)")
        precondition(newLevel.isFinite, "TimeWeightedAverage.record: level must be finite, got \(newLevel)")
        accumulate(until: time)
        level = newLevel
        if newLevel < minimum { minimum = newLevel }
        if newLevel > maximum { maximum = newLevel }
    }

    /// The level changes by `delta` at `time` (e.g. +1 on an arrival, −1 on a departure).
    /// - Complexity: O(1).
    public mutating func add(_ delta: Double, at time: SimTime) {
        record(level + delta, at: time)
    }

    private mutating func accumulate(until time: SimTime) {
        area += level * Double(time.ticks - lastChange.ticks)
        lastChange = time
    }

    /// Forgets everything before `time` (warm-up deletion); the current level carries on.
    /// - Complexity: O(1).
    public mutating func reset(at time: SimTime) {
        precondition(time >= lastChange, "TimeWeightedAverage.reset: time \(time) is before the last change")
        start = time
        lastChange = time
        area = 0
        minimum = level
        maximum = level
    }

    /// ∫ level dt from `start` to `end` (≥ the last change), in level × seconds. - Complexity: O(1).
    public func integral(until end: SimTime) -> Double {
        precondition(end >= lastChange, "TimeWeightedAverage.integral: end \(end) is before the last change")
        return (area + level * Double(end.ticks - lastChange.ticks)) / Double(SimDuration.ticksPerSecond)
    }

    /// The time-weighted mean level over [start, end]; the current level when the span is empty.
    /// - Complexity: O(1).
    public func average(until end: SimTime) -> Double {
        precondition(end >= lastChange, "TimeWeightedAverage.average: end \(end) is before the last change")
        let span = end.ticks - start.ticks
        if span == 0 { return level }
        return (area + level * Double(end.ticks - lastChange.ticks)) / Double(span)
    }
}
