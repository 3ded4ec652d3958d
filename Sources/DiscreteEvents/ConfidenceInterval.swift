/// A Student-t confidence interval for a mean: `mean ± halfWidth` at confidence `level`.
///
/// Build it across independent replications (`init(replications:level:)`, or from a
/// `RunningStatistics`), or within one long run from `BatchMeans`.
public struct ConfidenceInterval: Sendable, Hashable, CustomStringConvertible {
    /// The point estimate.
    public let mean: Double
    /// Half the interval's width: t(1 − (1 − level)/2, n − 1) · s/√n.
    public let halfWidth: Double
    /// The confidence level, e.g. 0.95.
    public let level: Double
    /// The number of independent observations (replications or batches) behind it.
    public let count: Int

    /// An interval from its parts (e.g. read back from a report).
    public init(mean: Double, halfWidth: Double, level: Double, count: Int) {
        self.mean = mean
        self.halfWidth = halfWidth
        self.level = level
        self.count = count
    }

    /// The Student-t interval for the mean of independent observations summarised in `statistics`.
    ///
    /// Throws when `level` is outside (0, 1) or there are fewer than two observations.
    /// - Complexity: O(1) (a Student-t quantile: a few dozen µs).
    public init(_ statistics: RunningStatistics, level: Double = 0.95) throws(StatisticsError) {
        guard level > 0 && level < 1 else {
            throw .invalidParameter(name: "level", value: level, requirement: "within (0, 1)")
        }
        guard statistics.count >= 2 else {
            throw .insufficientData(what: "a confidence interval", needed: 2, actual: statistics.count)
        }
        let t = KernelMath.studentTQuantile(1 - (1 - level) / 2, df: Double(statistics.count - 1))
        self.init(mean: statistics.mean, halfWidth: t * statistics.standardError, level: level,
                  count: statistics.count)
    }

    /// The Student-t interval for the mean of independent replication results. - Complexity: O(n).
    public init(replications values: [Double], level: Double = 0.95) throws(StatisticsError) {
        for (i, v) in values.enumerated() where !v.isFinite {
            throw .invalidParameter(name: "replications[\(i)]", value: v, requirement: "finite")
        }
        try self.init(RunningStatistics(values), level: level)
    }

    /// The quantile t_p of Student's t with `degreesOfFreedom` (> 0), for p in [0, 1]; e.g.
    /// `studentTQuantile(0.975, degreesOfFreedom: 9)` = 2.262157. Accurate to ~1e-12 relative.
    /// - Complexity: O(1) in practice (tens of µs; Newton's method on the incomplete beta function).
    public static func studentTQuantile(_ p: Double, degreesOfFreedom: Double) -> Double {
        precondition(degreesOfFreedom > 0, "studentTQuantile: degreesOfFreedom must be > 0, got \(degreesOfFreedom)")
        precondition(p >= 0 && p <= 1, "studentTQuantile: p must be within [0, 1], got \(p)")
        return KernelMath.studentTQuantile(p, df: degreesOfFreedom)
    }

    /// The standard normal quantile Φ⁻¹(p) for p in [0, 1] (Wichura's AS241, ~1e-16 relative).
    /// - Complexity: O(1).
    public static func normalQuantile(_ p: Double) -> Double {
        precondition(p >= 0 && p <= 1, "normalQuantile: p must be within [0, 1], got \(p)")
        return KernelMath.normalQuantile(p)
    }

    /// The lower end, mean − halfWidth.
    public var lower: Double { mean - halfWidth }
    /// The upper end, mean + halfWidth.
    public var upper: Double { mean + halfWidth }
    /// halfWidth / |mean| (the precision target of sequential procedures); inf when the mean is 0.
    public var relativeHalfWidth: Double { halfWidth / abs(mean) }
    /// Whether `value` lies within [lower, upper].
    public func contains(_ value: Double) -> Bool { value >= lower && value <= upper }

    /// `12.5 ± 0.31 (95%, n = 10)`.
    public var description: String {
        let percent = level * 100
        let shown = percent == percent.rounded() ? "\(Int(percent))" : "\(percent)"
        return "\(mean) ± \(halfWidth) (\(shown)%, n = \(count))"
    }
}

/// Batch means for one long run: consecutive observations are grouped into batches of `batchSize`, and
/// the batch means, nearly independent when batches are long enough, give a confidence interval.
///
/// The first `warmup` observations are discarded (initial-transient deletion). Check
/// `lag1Autocorrelation` of the batch means: well below ~0.2 suggests batches are long enough.
public struct BatchMeans: Sendable, Hashable {
    /// Observations per batch.
    public let batchSize: Int
    /// Observations still to discard before the first batch.
    public private(set) var warmupRemaining: Int
    /// The mean of each completed batch, in order.
    public private(set) var batchMeans: [Double] = []
    /// Statistics over the completed batch means.
    public private(set) var statistics = RunningStatistics()
    private var currentSum: Double = 0
    private var currentCount: Int = 0

    /// Batches of `batchSize` observations after discarding the first `warmup`.
    public init(batchSize: Int, warmup: Int = 0) throws(StatisticsError) {
        guard batchSize >= 1 else {
            throw .invalidParameter(name: "batchSize", value: Double(batchSize), requirement: "≥ 1")
        }
        guard warmup >= 0 else {
            throw .invalidParameter(name: "warmup", value: Double(warmup), requirement: "≥ 0")
        }
        self.batchSize = batchSize
        self.warmupRemaining = warmup
    }

    /// Adds the next observation of the run. - Complexity: O(1) amortised (one append per batch).
    public mutating func add(_ value: Double) {
        precondition(value.isFinite, "BatchMeans.add: value must be finite, got \(value)")
        if warmupRemaining > 0 { warmupRemaining -= 1; return }
        currentSum += value
        currentCount += 1
        if currentCount == batchSize {
            let m = currentSum / Double(batchSize)
            batchMeans.append(m)
            statistics.add(m)
            currentSum = 0
            currentCount = 0
        }
    }

    /// How many batches are complete.
    public var completedBatches: Int { batchMeans.count }

    /// The interval over the completed batch means (needs at least two). - Complexity: O(1).
    public func confidenceInterval(level: Double = 0.95) throws(StatisticsError) -> ConfidenceInterval {
        guard completedBatches >= 2 else {
            throw .insufficientData(what: "a batch-means confidence interval (batches)", needed: 2,
                                    actual: completedBatches)
        }
        return try ConfidenceInterval(statistics, level: level)
    }

    /// The lag-1 autocorrelation of the batch means (NaN with fewer than three). - Complexity: O(batches).
    public var lag1Autocorrelation: Double {
        let n = batchMeans.count
        if n < 3 { return .nan }
        let m = statistics.mean
        var num = 0.0, den = 0.0
        for i in 0..<n {
            let d = batchMeans[i] - m
            den += d * d
            if i + 1 < n { num += d * (batchMeans[i + 1] - m) }
        }
        return den == 0 ? 0 : num / den
    }

    /// The interval from `data` cut into `batches` equal batches; the first `data.count % batches`
    /// observations are dropped so every batch is full. - Complexity: O(n).
    public static func confidenceInterval(of data: [Double], batches: Int, level: Double = 0.95)
        throws(StatisticsError) -> ConfidenceInterval
    {
        guard batches >= 2 else {
            throw .invalidParameter(name: "batches", value: Double(batches), requirement: "≥ 2")
        }
        guard data.count >= batches else {
            throw .insufficientData(what: "\(batches) batches", needed: batches, actual: data.count)
        }
        var means = try BatchMeans(batchSize: data.count / batches, warmup: data.count % batches)
        for v in data { means.add(v) }
        return try means.confidenceInterval(level: level)
    }
}
