/// Count, mean, variance, minimum and maximum of a stream of values, in O(1) space (Welford's method).
///
/// Two accumulators merge exactly (Chan, Golub and LeVeque's parallel formula), so replications or
/// regions can be summarised independently and combined; merging in a fixed order keeps results
/// byte-identical.
public struct RunningStatistics: Sendable, Hashable, CustomStringConvertible {
    /// How many values were added.
    public private(set) var count: Int = 0
    /// The mean of the values (0 when empty).
    public private(set) var mean: Double = 0
    /// The sum of squared deviations from the mean.
    public private(set) var sumOfSquaredDeviations: Double = 0
    /// The smallest value (+inf when empty).
    public private(set) var minimum: Double = .infinity
    /// The largest value (−inf when empty).
    public private(set) var maximum: Double = -.infinity

    /// An empty accumulator.
    public init() {}

    /// An accumulator holding `values`. - Complexity: O(n).
    public init<S: Sequence>(_ values: S) where S.Element == Double {
        for v in values { add(v) }
    }

    /// Adds one value (must be finite: a NaN would silently poison every statistic).
    /// - Complexity: O(1), no allocation.
    public mutating func add(_ value: Double) {
        precondition(value.isFinite, "RunningStatistics.add: value must be finite, got \(value)")
        count += 1
        let delta = value - mean
        mean += delta / Double(count)
        sumOfSquaredDeviations += delta * (value - mean)
        if value < minimum { minimum = value }
        if value > maximum { maximum = value }
    }

    /// Adds every value another accumulator saw (Chan's formula). - Complexity: O(1).
    public mutating func merge(_ other: RunningStatistics) {
        if other.count == 0 { return }
        if count == 0 { self = other; return }
        let n = Double(count + other.count)
        let delta = other.mean - mean
        mean += delta * Double(other.count) / n
        sumOfSquaredDeviations += other.sumOfSquaredDeviations
            + delta * delta * Double(count) * Double(other.count) / n
        count += other.count
        minimum = Swift.min(minimum, other.minimum)
        maximum = Swift.max(maximum, other.maximum)
    }

    /// This accumulator merged with `other`. - Complexity: O(1).
    public func merged(with other: RunningStatistics) -> RunningStatistics {
        var copy = self
        copy.merge(other)
        return copy
    }

    /// The sum of the values.
    public var sum: Double { mean * Double(count) }

    /// The sample variance (divisor n − 1); NaN with fewer than two values.
    public var variance: Double {
        count < 2 ? .nan : sumOfSquaredDeviations / Double(count - 1)
    }

    /// The population variance (divisor n); NaN when empty.
    public var populationVariance: Double {
        count < 1 ? .nan : sumOfSquaredDeviations / Double(count)
    }

    /// The sample standard deviation; NaN with fewer than two values.
    public var standardDeviation: Double { variance.squareRoot() }

    /// The standard error of the mean, s/√n; NaN with fewer than two values.
    public var standardError: Double { (variance / Double(count)).squareRoot() }

    /// `n = 10, mean = 1.5, sd = 0.2, min = 1.1, max = 1.9`.
    public var description: String {
        "n = \(count), mean = \(mean), sd = \(standardDeviation), min = \(minimum), max = \(maximum)"
    }
}
