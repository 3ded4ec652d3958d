/// A histogram of non-negative values with a fixed log-linear bucket layout (as HdrHistogram), for
/// quantiles of waiting times, lead times and latencies.
///
/// Each power of two [2^e, 2^(e+1)) between `lowest` and `highest` is cut into 2^`significantBits`
/// equal buckets, so a bucket's width is at most 2^−significantBits of its values: a quantile is
/// reported within that relative error (the bucket midpoint, clamped to the exact minimum and maximum).
/// Values below `lowest` share one bucket; values above `highest` share an overflow bucket. The layout
/// depends only on the three parameters, never on the data, so histograms from separate replications
/// merge exactly and results are deterministic.
public struct Histogram: Sendable, Hashable {
    /// Values below 2^lowestExponent fall into the first (underflow) bucket.
    public let lowestExponent: Int
    /// Values at or above 2^(highestExponent + 1) fall into the last (overflow) bucket.
    public let highestExponent: Int
    /// Each power of two is split into 2^significantBits buckets.
    public let significantBits: Int
    private var counts: [Int]
    /// How many values were recorded.
    public private(set) var count: Int = 0
    /// The exact sum of the recorded values.
    public private(set) var sum: Double = 0
    /// The smallest recorded value (+inf when empty).
    public private(set) var minimum: Double = .infinity
    /// The largest recorded value (−inf when empty).
    public private(set) var maximum: Double = -.infinity

    /// A histogram resolving values in [lowest, highest] to a relative error of 2^−significantBits.
    ///
    /// Memory: (log2(highest/lowest) + 1) · 2^significantBits counters; the default (1e-6 … 1e12, 7 bits,
    /// 0.8 % buckets) uses 7,682 counters (61 KB). - Complexity: O(buckets).
    public init(lowest: Double = 1e-6, highest: Double = 1e12, significantBits: Int = 7) throws(StatisticsError) {
        guard lowest.isFinite && lowest >= Double.leastNormalMagnitude else {
            throw .invalidParameter(name: "lowest", value: lowest, requirement: "finite and ≥ 2^-1022")
        }
        guard highest.isFinite && highest > lowest else {
            throw .invalidParameter(name: "highest", value: highest, requirement: "finite and > lowest (\(lowest))")
        }
        guard (1...16).contains(significantBits) else {
            throw .invalidParameter(name: "significantBits", value: Double(significantBits), requirement: "within 1...16")
        }
        lowestExponent = Int(lowest.exponent)
        highestExponent = Int(highest.exponent)
        self.significantBits = significantBits
        let buckets = ((highestExponent - lowestExponent + 1) << significantBits) + 2
        guard buckets <= 1 << 24 else {
            throw .invalidParameter(name: "significantBits", value: Double(significantBits),
                                    requirement: "small enough for at most 2^24 buckets over [lowest, highest]")
        }
        counts = [Int](repeating: 0, count: buckets)
    }

    /// The number of buckets, including the underflow and overflow buckets.
    public var bucketCount: Int { counts.count }

    /// The index of the bucket holding `value` (≥ 0). - Complexity: O(1).
    public func bucketIndex(of value: Double) -> Int {
        if value < Double(sign: .plus, exponent: lowestExponent, significand: 1) { return 0 }
        let e = Int(value.exponent)
        if e > highestExponent { return counts.count - 1 }
        let sub = Int(truncatingIfNeeded: value.significandBitPattern >> UInt64(52 - significantBits))
        return 1 + ((e - lowestExponent) << significantBits) + sub
    }

    /// The values bucket `index` covers, [lower, upper); the overflow bucket's upper bound is +inf.
    /// - Complexity: O(1).
    public func bucketRange(_ index: Int) -> Range<Double> {
        precondition(index >= 0 && index < counts.count, "Histogram.bucketRange: index \(index) out of range")
        if index == 0 { return 0..<Double(sign: .plus, exponent: lowestExponent, significand: 1) }
        if index == counts.count - 1 {
            return Double(sign: .plus, exponent: highestExponent + 1, significand: 1)..<Double.infinity
        }
        let e = lowestExponent + ((index - 1) >> significantBits)
        let sub = Double((index - 1) & ((1 << significantBits) - 1))
        let step = Double(sign: .plus, exponent: e - significantBits, significand: 1)
        let base = Double(sign: .plus, exponent: e, significand: 1)
        return (base + sub * step)..<(base + (sub + 1) * step)
    }

    /// Records `value` (finite and ≥ 0) `times` times. - Complexity: O(1), no allocation.
    public mutating func record(_ value: Double, times: Int = 1) {
        precondition(value.isFinite && value >= 0, "Histogram.record: value must be finite and ≥ 0, got \(value)")
        precondition(times >= 0, "Histogram.record: times must be ≥ 0, got \(times)")
        if times == 0 { return }
        counts[bucketIndex(of: value)] += times
        count += times
        sum += value * Double(times)
        if value < minimum { minimum = value }
        if value > maximum { maximum = value }
    }

    /// The recorded count in bucket `index`. - Complexity: O(1).
    public func count(inBucket index: Int) -> Int { counts[index] }

    /// The mean of the recorded values (exact, from the running sum); NaN when empty.
    public var mean: Double { count == 0 ? .nan : sum / Double(count) }

    /// The q-quantile (q in [0, 1]): the midpoint of the bucket holding the ⌈q·n⌉-th smallest value,
    /// clamped to [minimum, maximum], so within one bucket width of the exact value; `quantile(0)` and
    /// `quantile(1)` are the exact minimum and maximum. NaN when empty. - Complexity: O(buckets).
    public func quantile(_ q: Double) -> Double {
        precondition(q >= 0 && q <= 1, "Histogram.quantile: q must be within [0, 1], got \(q)")
        if count == 0 { return .nan }
        if q == 0 { return minimum }
        if q == 1 { return maximum }
        let rank = Swift.max(1, Int((q * Double(count)).rounded(.up)))
        var seen = 0
        for index in counts.indices {
            seen += counts[index]
            if seen >= rank {
                let range = bucketRange(index)
                let mid = range.upperBound == .infinity ? maximum : (range.lowerBound + range.upperBound) / 2
                return Swift.min(Swift.max(mid, minimum), maximum)
            }
        }
        return maximum
    }

    /// Adds every value of `other`, which must have the same layout. - Complexity: O(buckets).
    public mutating func merge(_ other: Histogram) throws(StatisticsError) {
        guard other.lowestExponent == lowestExponent, other.highestExponent == highestExponent,
              other.significantBits == significantBits else {
            throw .layoutMismatch(expected: layoutDescription, actual: other.layoutDescription)
        }
        for i in counts.indices { counts[i] += other.counts[i] }
        count += other.count
        sum += other.sum
        minimum = Swift.min(minimum, other.minimum)
        maximum = Swift.max(maximum, other.maximum)
    }

    private var layoutDescription: String {
        "2^\(lowestExponent)…2^\(highestExponent + 1) with \(significantBits) significant bits"
    }
}
