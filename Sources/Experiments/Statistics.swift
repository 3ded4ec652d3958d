import DiscreteEvents

/// One KPI across replications: the mean with its 95% Student-t interval.
public struct KPISummary: Sendable, Equatable {
    /// Stable key.
    public var key: String
    /// The journey or area.
    public var journey: String
    /// The unit.
    public var unit: String
    /// One-line definition.
    public var definition: String
    /// The mean over replications with a value (nil when none had one).
    public var mean: Double?
    /// The 95% interval (nil with fewer than two values).
    public var interval: ConfidenceInterval?
    /// Replications with a value.
    public var n: Int
    /// Smallest and largest replication value.
    public var min: Double?, max: Double?
    /// Cases behind it, summed over replications.
    public var count: Int
    /// The value of each replication, in replication order (nil when not measured).
    public var values: [Double?]

    /// A summary from its parts (`mean`, `interval`, `n`, `min`, `max` computed from `values`).
    /// - Complexity: O(values).
    public init(key: String, journey: String, unit: String, definition: String, count: Int, values: [Double?]) {
        let finite = values.compactMap { $0 }
        self.init(key: key, journey: journey, unit: unit, definition: definition,
                  mean: finite.isEmpty ? nil : finite.reduce(0, +) / Double(finite.count),
                  interval: ReplicationStatistics.interval(finite), n: finite.count, min: finite.min(), max: finite.max(),
                  count: count, values: values)
    }

    init(key: String, journey: String, unit: String, definition: String, mean: Double?, interval: ConfidenceInterval?, n: Int,
         min: Double?, max: Double?, count: Int, values: [Double?]) {
        self.key = key; self.journey = journey; self.unit = unit; self.definition = definition; self.mean = mean
        self.interval = interval; self.n = n; self.min = min; self.max = max; self.count = count; self.values = values
    }
}

/// A paired difference of one KPI between two arms (B − A), replication by replication.
public struct PairedDifference: Sendable, Equatable {
    /// Stable key.
    public var key: String
    /// The unit.
    public var unit: String
    /// Mean of A and of B over the pairs.
    public var meanA: Double?, meanB: Double?
    /// The mean difference B − A.
    public var difference: Double?
    /// Its 95% interval (nil with fewer than two pairs).
    public var interval: ConfidenceInterval?
    /// Pairs with both values.
    public var pairs: Int
    /// Whether the interval excludes zero (a significant change at 95%).
    public var significant: Bool
}

/// Statistics over replications. Every function is pure and iterates arrays only.
public enum ReplicationStatistics {
    /// The confidence level of every interval.
    public static let level = 0.95

    /// One summary per KPI of `results` (same KPI list in each, in the first one's order).
    /// - Complexity: O(replications × KPIs).
    public static func summarise(_ results: [ReplicationResult]) -> [KPISummary] {
        guard let first = results.first else { return [] }
        return first.kpis.enumerated().map { i, k in
            let values: [Double?] = results.map { r in
                i < r.kpis.count && r.kpis[i].key == k.key ? r.kpis[i].value : r.kpis.first { $0.key == k.key }?.value ?? nil
            }
            let finite = values.compactMap { $0 }
            let count = results.reduce(0) { $0 + (i < $1.kpis.count ? $1.kpis[i].count : 0) }
            return KPISummary(key: k.key, journey: k.journey, unit: k.unit, definition: k.definition,
                              mean: finite.isEmpty ? nil : finite.reduce(0, +) / Double(finite.count),
                              interval: interval(finite), n: finite.count, min: finite.min(), max: finite.max(),
                              count: count, values: values)
        }
    }

    /// The 95% interval of `values`, nil with fewer than two. - Complexity: O(n).
    public static func interval(_ values: [Double]) -> ConfidenceInterval? {
        guard values.count >= 2 else { return nil }
        return try? ConfidenceInterval(replications: values, level: level)
    }

    /// B − A for each KPI of `a`, paired by position (replication r of A with replication r of B).
    /// - Complexity: O(replications × KPIs).
    public static func paired(_ a: [KPISummary], _ b: [KPISummary]) -> [PairedDifference] {
        a.map { ka in
            let kb = b.first { $0.key == ka.key }
            var da: [Double] = [], db: [Double] = []
            for (r, va) in ka.values.enumerated() {
                guard let va, let kb, r < kb.values.count, let vb = kb.values[r] else { continue }
                da.append(va); db.append(vb)
            }
            let diffs = zip(da, db).map { $1 - $0 }
            let ci = interval(diffs)
            let mean = diffs.isEmpty ? nil : diffs.reduce(0, +) / Double(diffs.count)
            let significant: Bool = if let ci { ci.lower > 0 || ci.upper < 0 } else { false }
            return PairedDifference(key: ka.key, unit: ka.unit, meanA: da.isEmpty ? nil : da.reduce(0, +) / Double(da.count),
                                    meanB: db.isEmpty ? nil : db.reduce(0, +) / Double(db.count), difference: mean,
                                    interval: ci, pairs: diffs.count, significant: significant)
        }
    }

    /// The mean over replications of each daily column, day by day (`[day][column]`).
    /// - Complexity: O(replications × days × columns).
    public static func dailyMeans(_ results: [ReplicationResult]) -> [[Double]] {
        guard let first = results.first else { return [] }
        return first.daily.indices.map { d in
            first.daily[d].indices.map { c in
                results.reduce(0) { $0 + (d < $1.daily.count && c < $1.daily[d].count ? $1.daily[d][c] : 0) } / Double(results.count)
            }
        }
    }

    /// MSER-5 (White 1997): the warm-up, in observations, that minimises the marginal standard error of the
    /// mean of the rest, over batch means of 5, searching the first half of the series. nil when the
    /// series has fewer than 10 observations. - Complexity: O(n).
    public static func mser5(_ series: [Double]) -> Int? {
        let batch = 5
        let k = series.count / batch
        guard k >= 2 else { return nil }
        let means = (0..<k).map { b in series[(b * batch)..<((b + 1) * batch)].reduce(0, +) / Double(batch) }
        // Suffix sums give every truncation's mean and variance in O(k).
        var sum = Array(repeating: 0.0, count: k + 1), sq = Array(repeating: 0.0, count: k + 1)
        for b in stride(from: k - 1, through: 0, by: -1) {
            sum[b] = sum[b + 1] + means[b]
            sq[b] = sq[b + 1] + means[b] * means[b]
        }
        var best = 0, bestValue = Double.infinity
        for d in 0...(k / 2) {
            let n = Double(k - d)
            let mean = sum[d] / n
            let stat = Swift.max(0, sq[d] / n - mean * mean) / n
            if stat < bestValue - 1e-12 { bestValue = stat; best = d }
        }
        return best * batch
    }
}
