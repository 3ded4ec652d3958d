import Testing

@testable import DiscreteEvents

@Suite("Distribution")
struct DistributionTests {
    /// Every distribution the moment test checks, by name (test arguments must be plain values).
    static let names = [
        "uniform", "exponential", "normal", "lognormal", "gammaSmallShape", "gamma", "erlang", "weibull",
        "triangular", "poissonSmall", "poissonLarge", "poissonHuge", "bernoulli", "discrete", "empirical",
        "empiricalInterpolated", "constant",
    ]

    static func make(_ name: String) throws -> Distribution {
        switch name {
        case "uniform": try .uniform(min: 2, max: 5)
        case "exponential": try .exponential(rate: 0.5)
        case "normal": try .normal(mean: 10, standardDeviation: 3)
        case "lognormal": try .lognormal(mean: 5, standardDeviation: 2)
        case "gammaSmallShape": try .gamma(shape: 0.5, scale: 2)
        case "gamma": try .gamma(shape: 3.7, scale: 1.5)
        case "erlang": try .erlang(shape: 3, rate: 2)
        case "weibull": try .weibull(shape: 1.5, scale: 2)
        case "triangular": try .triangular(min: 1, mode: 2, max: 6)
        case "poissonSmall": try .poisson(mean: 3.5)
        case "poissonLarge": try .poisson(mean: 40)
        case "poissonHuge": try .poisson(mean: 10_000)
        case "bernoulli": try .bernoulli(probability: 0.3)
        case "discrete": try .discrete(values: [1, 5, 10], weights: [0.2, 0.5, 0.3])
        case "empirical": try .empirical([1, 2, 2, 3, 10])
        case "empiricalInterpolated": try .empirical([0, 1, 4, 9], interpolated: true)
        default: try .constant(7)
        }
    }

    /// Sample mean and variance against the exact moments.
    ///
    /// Tolerance: 4 standard errors. The sample mean's standard error is σ/√n; the sample variance's is
    /// √((μ₄ − σ⁴)/n), with μ₄ estimated from the same samples. By the central limit theorem a correct
    /// sampler lands within 4 SE with probability ≈ 0.99994 per check (a fixed seed makes the test
    /// deterministic; the bound says almost any seed passes), while a wrong parameterisation
    /// (rate for mean, variance for sd, an off-by-one shape) is off by many SE at n = 100,000.
    @Test(arguments: names)
    func momentsMatch(_ name: String) throws {
        let d = try Self.make(name)
        var rng = RandomStream(seed: 2024, stream: 1)
        let n = 100_000
        var samples = [Double](repeating: 0, count: n)
        for i in 0..<n { samples[i] = d.sample(&rng) }
        let stats = RunningStatistics(samples)
        let variance = d.variance
        if variance == 0 {
            #expect(stats.minimum == d.mean && stats.maximum == d.mean)
            return
        }
        var m4 = 0.0
        for x in samples { let c = x - stats.mean; m4 += c * c * c * c }
        m4 /= Double(n)
        let meanSE = (variance / Double(n)).squareRoot()
        let varianceSE = (max(m4 - variance * variance, 0) / Double(n)).squareRoot()
        #expect(abs(stats.mean - d.mean) <= 4 * meanSE, "\(d): mean \(stats.mean) vs \(d.mean)")
        #expect(abs(stats.variance - variance) <= 4 * varianceSE, "\(d): variance \(stats.variance) vs \(variance)")
    }

    @Test(arguments: names)
    func sameSeedSameSamples(_ name: String) throws {
        let d = try Self.make(name)
        var a = RandomStream(seed: 99, stream: 3)
        var b = RandomStream(seed: 99, stream: 3)
        var c = RandomStream(seed: 99, stream: 4)
        var differs = false
        for _ in 0..<1_000 {
            let x = d.sample(&a)
            #expect(x == d.sample(&b))
            if x != d.sample(&c) { differs = true }
        }
        #expect(a == b)  // and the streams are left in the same state
        #expect(differs == (d.variance != 0), "another stream gives other samples")
    }

    @Test func supportIsRespected() throws {
        var rng = RandomStream(seed: 5)
        let uniform = try Distribution.uniform(min: -1, max: 1)
        let triangular = try Distribution.triangular(min: 1, mode: 1, max: 3)  // mode at an end
        let data = [3.0, 7, 7, 11]
        let empirical = try Distribution.empirical(data)
        let interpolated = try Distribution.empirical(data, interpolated: true)
        let weighted = try Distribution.discrete(weights: [0, 3, 0, 1])
        for _ in 0..<20_000 {
            let u = uniform.sample(&rng)
            #expect(u >= -1 && u < 1)
            let t = triangular.sample(&rng)
            #expect(t >= 1 && t <= 3)
            #expect(data.contains(empirical.sample(&rng)))
            let i = interpolated.sample(&rng)
            #expect(i >= 3 && i <= 11)
            let w = weighted.sample(&rng)
            #expect(w == 1 || w == 3, "zero-weight outcomes are never drawn")
        }
        #expect(try Distribution.bernoulli(probability: 0).sample(&rng) == 0)
        #expect(try Distribution.bernoulli(probability: 1).sample(&rng) == 1)
        #expect(try Distribution.poisson(mean: 0).sample(&rng) == 0)
    }

    /// Alias-method frequencies, by Pearson's chi-square test.
    ///
    /// With 5 non-empty categories (4 degrees of freedom) the statistic exceeds 18.467 with probability
    /// 0.001 when the sampler is right; a table built wrongly (say, one alias swapped) puts it in the
    /// thousands at n = 200,000.
    @Test func aliasFrequenciesPassChiSquare() throws {
        let weights: [Double] = [1, 2, 3, 4, 0, 10]
        let d = try Distribution.discrete(weights: weights)
        var rng = RandomStream(seed: 77, stream: 2)
        let n = 200_000
        var counts = [Int](repeating: 0, count: weights.count)
        for _ in 0..<n { counts[d.sampleInt(&rng)] += 1 }
        #expect(counts[4] == 0)
        let total = weights.reduce(0, +)
        var chi2 = 0.0
        for (i, w) in weights.enumerated() where w > 0 {
            let expected = Double(n) * w / total
            chi2 += (Double(counts[i]) - expected) * (Double(counts[i]) - expected) / expected
        }
        #expect(chi2 < 18.467, "chi-square \(chi2) with counts \(counts)")
    }

    /// Poisson probabilities by chi-square across the inversion (mean < 10) and PTRS (mean ≥ 10) regimes.
    ///
    /// Bins: k ≤ lo, each k in lo+1 … hi−1, k ≥ hi (every expected count ≥ 500), so hi − lo degrees of
    /// freedom; `critical` is chi-square's 0.999 quantile for them (10: 29.588, 28: 56.892).
    @Test(arguments: [(3.0, 0, 10, 29.588), (25.0, 12, 40, 56.892)])
    func poissonFrequenciesPassChiSquare(mean: Double, lo: Int, hi: Int, critical: Double) throws {
        let d = try Distribution.poisson(mean: mean)
        var rng = RandomStream(seed: 11)
        let n = 200_000
        var counts = [Int](repeating: 0, count: hi - lo + 1)
        for _ in 0..<n { counts[min(max(d.sampleInt(&rng), lo), hi) - lo] += 1 }
        var probabilities = [Double](repeating: 0, count: hi - lo + 1)
        var p = KernelMath.exp(-mean)
        for k in 0..<hi {
            probabilities[max(k, lo) - lo] += p
            p *= mean / Double(k + 1)
        }
        probabilities[hi - lo] = 1 - probabilities.reduce(0, +)
        var chi2 = 0.0
        for (count, prob) in zip(counts, probabilities) {
            let expected = Double(n) * prob
            chi2 += (Double(count) - expected) * (Double(count) - expected) / expected
        }
        #expect(chi2 < critical, "poisson(\(mean)) chi-square \(chi2)")
    }

    @Test func durationsAreRoundedAndNeverNegative() throws {
        var rng = RandomStream(seed: 8)
        let fixed = try Distribution.constant(1.5)
        #expect(fixed.sampleDuration(&rng, unit: .minutes(Int64(1))) == .seconds(Int64(90)))
        let wide = try Distribution.normal(mean: 0, standardDeviation: 1)
        var negatives = 0
        for _ in 0..<1_000 {
            let d = wide.sampleDuration(&rng, unit: .hours(Int64(1)))
            #expect(d >= .zero)
            if d == .zero { negatives += 1 }
        }
        #expect(negatives > 400 && negatives < 600, "about half the normal samples are clamped to zero")
        let service = try Distribution.exponential(mean: 12)
        var total = SimDuration.zero
        for _ in 0..<10_000 { total += service.sampleDuration(&rng, unit: .minutes(Int64(1))) }
        // Mean 12 min, SE 12/√10,000 = 0.12 min: within 4 SE.
        #expect(abs(total.minutes / 10_000 - 12) < 0.48)
    }

    @Test func invalidParametersAreNamed() {
        #expect(throws: DistributionError.invalidParameter(
            distribution: "exponential", parameter: "rate", value: -1, requirement: "finite and > 0")) {
            try Distribution.exponential(rate: -1)
        }
        #expect(throws: DistributionError.emptyParameter(distribution: "discrete", parameter: "weights")) {
            try Distribution.discrete(weights: [])
        }
        #expect(throws: DistributionError.emptyParameter(distribution: "empirical", parameter: "data")) {
            try Distribution.empirical([])
        }
        #expect(throws: DistributionError.lengthMismatch(distribution: "discrete", parameter: "weights",
                                                         expected: 3, actual: 2)) {
            try Distribution.discrete(values: [1, 2, 3], weights: [1, 1])
        }
        let cases: [(String, String, () throws(DistributionError) -> Distribution)] = [
            ("uniform", "max", { () throws(DistributionError) in try .uniform(min: 3, max: 3) }),
            ("exponential", "mean", { () throws(DistributionError) in try .exponential(mean: .infinity) }),
            ("normal", "standardDeviation", { () throws(DistributionError) in try .normal(mean: 0, standardDeviation: 0) }),
            ("lognormal", "sigma", { () throws(DistributionError) in try .lognormal(mu: 0, sigma: -2) }),
            ("lognormal", "mean", { () throws(DistributionError) in try .lognormal(mean: 0, standardDeviation: 1) }),
            ("gamma", "shape", { () throws(DistributionError) in try .gamma(shape: 0, scale: 1) }),
            ("gamma", "scale", { () throws(DistributionError) in try .gamma(shape: 1, scale: .nan) }),
            ("erlang", "shape", { () throws(DistributionError) in try .erlang(shape: 0, rate: 1) }),
            ("weibull", "scale", { () throws(DistributionError) in try .weibull(shape: 1, scale: 0) }),
            ("triangular", "mode", { () throws(DistributionError) in try .triangular(min: 0, mode: 5, max: 4) }),
            ("poisson", "mean", { () throws(DistributionError) in try .poisson(mean: -0.5) }),
            ("bernoulli", "probability", { () throws(DistributionError) in try .bernoulli(probability: 1.2) }),
            ("discrete", "weights[1]", { () throws(DistributionError) in try .discrete(weights: [1, -1]) }),
            ("discrete", "weights", { () throws(DistributionError) in try .discrete(weights: [0, 0]) }),
            ("discrete", "values[0]", { () throws(DistributionError) in try .discrete(values: [.nan], weights: [1]) }),
            ("empirical", "data[2]", { () throws(DistributionError) in try .empirical([1, 2, .infinity]) }),
            ("empirical", "data.count", { () throws(DistributionError) in try .empirical([1], interpolated: true) }),
            ("constant", "value", { () throws(DistributionError) in try .constant(.nan) }),
        ]
        for (distribution, parameter, build) in cases {
            do {
                _ = try build()
                Issue.record("\(distribution) accepted a bad \(parameter)")
            } catch {
                #expect(error.distribution == distribution)
                #expect(error.parameter == parameter)
                #expect(error.description.hasPrefix("\(distribution): \(parameter)"), "\(error)")
            }
        }
        let message = DistributionError.invalidParameter(
            distribution: "exponential", parameter: "rate", value: -1, requirement: "> 0").description
        #expect(message == "exponential: rate must be > 0, got -1.0")
    }

    @Test func exactMomentsOfSimpleCases() throws {
        #expect(try Distribution.uniform(min: 2, max: 5).mean == 3.5)
        #expect(try Distribution.exponential(rate: 4).variance == 1.0 / 16)
        #expect(abs(try Distribution.weibull(shape: 1, scale: 3).mean - 3) < 1e-13)  // exponential
        let ln = try Distribution.lognormal(mean: 5, standardDeviation: 2)
        #expect(abs(ln.mean - 5) < 1e-12)
        #expect(abs(ln.variance - 4) < 1e-11)
        #expect(try Distribution.erlang(shape: 4, rate: 2).mean == 2)
        #expect(try Distribution.discrete(weights: [1, 1, 2]).mean == 1.25)
        #expect(try Distribution.exponential(mean: 2).description == "exponential(mean: 2.0)")
    }
}
