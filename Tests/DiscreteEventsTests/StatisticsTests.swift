import Testing

@testable import DiscreteEvents

@Suite("Statistics")
struct StatisticsTests {
    @Test func runningStatisticsExactValues() {
        let s = RunningStatistics([2, 4, 4, 4, 5, 5, 7, 9])
        #expect(s.count == 8)
        #expect(s.mean == 5)
        #expect(s.populationVariance == 4)
        #expect(abs(s.variance - 32.0 / 7) < 1e-15)
        #expect(s.minimum == 2 && s.maximum == 9)
        #expect(s.sum == 40)
        #expect(RunningStatistics().variance.isNaN)
        #expect(RunningStatistics([3]).variance.isNaN)
        #expect(RunningStatistics([3]).populationVariance == 0)
    }

    @Test func runningStatisticsIsStableAroundALargeOffset() {
        // The textbook sum-of-squares formula loses every digit here; Welford keeps them.
        let s = RunningStatistics([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16])
        #expect(s.variance == 30)
        #expect(s.mean == 1e9 + 10)
    }

    /// Property: merging the summaries of any split equals summarising the whole (Chan's formula).
    @Test func mergeEqualsSequential() {
        var rng = RandomStream(seed: 31)
        for _ in 0..<200 {
            let n = Int(rng.nextInt(below: 60))
            let values = (0..<n).map { _ in 100 * rng.nextUnit() - 30 }
            let whole = RunningStatistics(values)
            var parts = [RunningStatistics(), RunningStatistics(), RunningStatistics()]
            for v in values { parts[Int(rng.nextInt(below: 3))].add(v) }
            let merged = parts[0].merged(with: parts[1]).merged(with: parts[2])
            #expect(merged.count == whole.count)
            #expect(merged.minimum == whole.minimum && merged.maximum == whole.maximum)
            #expect(abs(merged.mean - whole.mean) <= 1e-12 * max(1, abs(whole.mean)))
            #expect(abs(merged.sumOfSquaredDeviations - whole.sumOfSquaredDeviations)
                    <= 1e-10 * max(1, whole.sumOfSquaredDeviations))
        }
    }

    @Test func timeWeightedAverageWeighsByDuration() {
        var q = TimeWeightedAverage(start: SimTime(day: 0), initialLevel: 0)
        q.record(2, at: SimTime(ticks: 10 * SimDuration.ticksPerSecond))
        q.add(-1, at: SimTime(ticks: 20 * SimDuration.ticksPerSecond))
        let end = SimTime(ticks: 40 * SimDuration.ticksPerSecond)
        // 0 for 10 s, 2 for 10 s, 1 for 20 s: 40 level-seconds over 40 s.
        #expect(q.integral(until: end) == 40)
        #expect(q.average(until: end) == 1)
        #expect(q.minimum == 0 && q.maximum == 2)
        #expect(q.level == 1)
        // Several changes at one instant: only the last level is held.
        q.record(5, at: end)
        q.record(3, at: end)
        #expect(q.average(until: end) == 1)
        q.reset(at: end)
        #expect(q.average(until: end + .seconds(Int64(10))) == 3)
        #expect(q.minimum == 3 && q.maximum == 3)
    }

    @Test func histogramQuantilesWithinBucketError() throws {
        var h = try Histogram(lowest: 1e-3, highest: 1e6, significantBits: 7)
        for i in 1...10_000 { h.record(Double(i)) }
        #expect(h.count == 10_000)
        #expect(h.mean == 5000.5)
        #expect(h.quantile(0) == 1 && h.quantile(1) == 10_000)
        let bound = 1.0 / 128  // bucket width relative to its values
        for (q, exact) in [(0.5, 5000.0), (0.9, 9000.0), (0.99, 9900.0), (0.999, 9990.0), (0.01, 100.0)] {
            #expect(abs(h.quantile(q) - exact) <= bound * exact, "q\(q) = \(h.quantile(q))")
        }
    }

    /// Property: for random data, every quantile is within one bucket width of the exact order statistic
    /// of the same rank ⌈q·n⌉.
    @Test func histogramQuantilesMatchSortedReference() throws {
        var rng = RandomStream(seed: 41)
        for _ in 0..<20 {
            var h = try Histogram(significantBits: 6)
            let n = 1 + Int(rng.nextInt(below: 2_000))
            let values = (0..<n).map { _ in KernelMath.exp(20 * rng.nextUnit() - 10) }
            for v in values { h.record(v) }
            let sorted = values.sorted()
            for q in [0.001, 0.1, 0.25, 0.5, 0.75, 0.95, 0.999] {
                let rank = max(1, Int((q * Double(n)).rounded(.up)))
                let exact = sorted[rank - 1]
                #expect(abs(h.quantile(q) - exact) <= exact / 64, "n \(n) q \(q)")
            }
        }
    }

    @Test func histogramLayoutAndMerge() throws {
        var a = try Histogram(lowest: 1, highest: 1_000, significantBits: 3)
        // Buckets tile [0, ∞) without gaps, in order.
        var previousUpper = 0.0
        for i in 0..<a.bucketCount {
            let r = a.bucketRange(i)
            #expect(r.lowerBound == previousUpper)
            previousUpper = r.upperBound
            if r.upperBound.isFinite { #expect(a.bucketIndex(of: r.lowerBound) == i) }
        }
        #expect(previousUpper == .infinity)
        var b = a
        var all = a
        a.record(0.5); a.record(5); a.record(5e6)
        b.record(700, times: 3)
        for v in [0.5, 5, 5e6] { all.record(v) }
        all.record(700, times: 3)
        try a.merge(b)
        #expect(a == all)
        #expect(a.quantile(1) == 5e6)  // overflow bucket reports the exact maximum
        #expect(a.count(inBucket: 0) == 1)
        let other = try Histogram(lowest: 1, highest: 1_000, significantBits: 4)
        #expect(throws: StatisticsError.self) { try a.merge(other) }
        #expect(throws: StatisticsError.invalidParameter(name: "lowest", value: 0, requirement: "finite and ≥ 2^-1022")) {
            try Histogram(lowest: 0)
        }
        #expect(throws: StatisticsError.self) { try Histogram(lowest: 10, highest: 1) }
        #expect(throws: StatisticsError.self) { try Histogram(significantBits: 0) }
        #expect(try Histogram().quantile(0.5).isNaN)
    }

    @Test func confidenceIntervalUsesStudentT() throws {
        let data: [Double] = [9.8, 10.2, 10.4, 9.9, 10.1, 10.0, 9.7, 10.3, 10.6, 9.5]
        let ci = try ConfidenceInterval(replications: data, level: 0.95)
        let s = RunningStatistics(data)
        // t(0.975, 9) = 2.262157 (tables).
        #expect(abs(ci.halfWidth - 2.262157 * s.standardDeviation / 10.0.squareRoot()) < 1e-6)
        #expect(abs(ci.mean - 10.05) < 1e-12)
        #expect(ci.count == 10 && ci.level == 0.95)
        #expect(ci.contains(10) && !ci.contains(11))
        #expect(ci.lower < ci.mean && ci.mean < ci.upper)
        #expect(ci.description.contains("(95%, n = 10)"))
        #expect(throws: StatisticsError.insufficientData(what: "a confidence interval", needed: 2, actual: 1)) {
            try ConfidenceInterval(replications: [1])
        }
        #expect(throws: StatisticsError.invalidParameter(name: "level", value: 1.5, requirement: "within (0, 1)")) {
            try ConfidenceInterval(replications: [1, 2], level: 1.5)
        }
        #expect(throws: StatisticsError.self) { try ConfidenceInterval(replications: [1, .nan]) }
        #expect(try ConfidenceInterval(replications: [4, 4, 4]).halfWidth == 0)
        #expect(abs(ConfidenceInterval.studentTQuantile(0.975, degreesOfFreedom: 29) - 2.045230) < 1e-6)
        #expect(abs(ConfidenceInterval.normalQuantile(0.975) - 1.959963984540054) < 1e-15)
    }

    /// Coverage: 95 % intervals from 10 normal observations contain the true mean about 95 % of the time.
    /// Over 2,000 experiments the coverage's standard error is √(0.95·0.05/2000) ≈ 0.0049; 4 SE ≈ 0.02,
    /// while a normal quantile in place of t (coverage ≈ 0.92 at n = 10) would fall outside.
    @Test func confidenceIntervalCoverage() throws {
        let normal = try Distribution.normal(mean: 3, standardDeviation: 2)
        var rng = RandomStream(seed: 51)
        var covered = 0
        let experiments = 2_000
        for _ in 0..<experiments {
            var s = RunningStatistics()
            for _ in 0..<10 { s.add(normal.sample(&rng)) }
            if try ConfidenceInterval(s).contains(3) { covered += 1 }
        }
        #expect(abs(Double(covered) / Double(experiments) - 0.95) < 0.02, "coverage \(covered)/\(experiments)")
    }

    @Test func batchMeansGroupsConsecutiveObservations() throws {
        var b = try BatchMeans(batchSize: 3, warmup: 2)
        for v in [100.0, 100] + (1...13).map(Double.init) { b.add(v) }  // warm-up, 4 full batches, 1 left
        #expect(b.batchMeans == [2, 5, 8, 11])
        #expect(b.completedBatches == 4)
        let ci = try b.confidenceInterval()
        #expect(ci.mean == 6.5 && ci.count == 4)
        let whole = try BatchMeans.confidenceInterval(of: [50] + (1...12).map(Double.init), batches: 4)
        #expect(whole == ci)  // the leading remainder (50) is dropped
        #expect(throws: StatisticsError.self) { try BatchMeans(batchSize: 0) }
        #expect(throws: StatisticsError.self) { try BatchMeans(batchSize: 5).confidenceInterval() }
        #expect(throws: StatisticsError.self) { try BatchMeans.confidenceInterval(of: [1, 2], batches: 1) }
        var alternating = try BatchMeans(batchSize: 1)
        for i in 0..<100 { alternating.add(i % 2 == 0 ? 1 : -1) }
        #expect(alternating.lag1Autocorrelation < -0.9)
    }

    /// Batch means on an autocorrelated AR(1) series x' = φx + ε: with batches much longer than the
    /// correlation time, the 95 % interval covers the true mean 0 in about 95 % of independent runs.
    @Test func batchMeansCoverAutocorrelatedMean() throws {
        let noise = try Distribution.normal(mean: 0, standardDeviation: 1)
        var covered = 0
        let runs = 200
        for run in 0..<runs {
            var rng = RandomStream(seed: 61, stream: UInt64(run))
            var b = try BatchMeans(batchSize: 500, warmup: 100)
            var x = 0.0
            for _ in 0..<(100 + 20 * 500) {
                x = 0.7 * x + noise.sample(&rng)
                b.add(x)
            }
            if try b.confidenceInterval().contains(0) { covered += 1 }
        }
        // SE of the coverage over 200 runs ≈ 0.015; allow 4 SE (0.06) around 0.95.
        #expect(Double(covered) / Double(runs) > 0.89, "coverage \(covered)/\(runs)")
    }
}
