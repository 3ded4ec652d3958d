/// A probability distribution over `Double`, sampled from a `RandomStream`.
///
/// A plain value (an enum inside, no existential, no allocation per sample): build it once with a
/// validating constructor, then draw with `sample(_:)` as often as needed. Constructors throw
/// `DistributionError` naming the parameter, e.g. `exponential: rate must be > 0, got -1.0`.
///
/// ```swift
/// let service = try Distribution.exponential(mean: 12)           // minutes
/// var rng = RandomStream(seed: 42, stream: 7)
/// let d: SimDuration = service.sampleDuration(&rng, unit: .minutes(1))
/// ```
///
/// Each constructor's documentation states the cost of one sample. Continuous distributions are
/// sampled by inversion where the inverse is cheap (one uniform draw per sample, so a stream stays in
/// step with its model), by rejection otherwise (gamma, large-mean Poisson).
public struct Distribution: Sendable, Equatable, CustomStringConvertible {
    @usableFromInline
    enum Kind: Sendable, Equatable {
        case constant(Double)
        case uniform(min: Double, width: Double)
        case exponential(mean: Double)
        case normal(mean: Double, standardDeviation: Double)
        case lognormal(mu: Double, sigma: Double)
        case gamma(GammaSampler)
        case weibull(shape: Double, scale: Double)
        case triangular(min: Double, mode: Double, max: Double)
        case poisson(PoissonSampler)
        case bernoulli(probability: Double)
        case discrete(AliasTable)
        case empirical(EmpiricalTable)
    }

    @usableFromInline let kind: Kind

    init(_ kind: Kind) { self.kind = kind }

    // MARK: - Constructors

    /// Always `value`. Sample cost: O(1), no draw.
    public static func constant(_ value: Double) throws(DistributionError) -> Distribution {
        try require(value.isFinite, "constant", "value", value, "finite")
        return Distribution(.constant(value))
    }

    /// Uniform on [min, max). Sample cost: O(1), one draw.
    public static func uniform(min: Double, max: Double) throws(DistributionError) -> Distribution {
        try require(min.isFinite, "uniform", "min", min, "finite")
        try require(max.isFinite && max > min, "uniform", "max", max, "finite and > min (\(min))")
        return Distribution(.uniform(min: min, width: max - min))
    }

    /// Exponential with the given rate (events per unit); mean 1/rate. Sample cost: O(1), one draw.
    public static func exponential(rate: Double) throws(DistributionError) -> Distribution {
        try require(rate.isFinite && rate > 0, "exponential", "rate", rate, "finite and > 0")
        return Distribution(.exponential(mean: 1 / rate))
    }

    /// Exponential with the given mean (units per event). Sample cost: O(1), one draw.
    public static func exponential(mean: Double) throws(DistributionError) -> Distribution {
        try require(mean.isFinite && mean > 0, "exponential", "mean", mean, "finite and > 0")
        return Distribution(.exponential(mean: mean))
    }

    /// Normal N(mean, standardDeviation²), by inversion (AS241). Sample cost: O(1), one draw.
    public static func normal(mean: Double, standardDeviation: Double) throws(DistributionError) -> Distribution {
        try require(mean.isFinite, "normal", "mean", mean, "finite")
        try require(standardDeviation.isFinite && standardDeviation > 0,
                    "normal", "standardDeviation", standardDeviation, "finite and > 0")
        return Distribution(.normal(mean: mean, standardDeviation: standardDeviation))
    }

    /// Lognormal: exp(N(mu, sigma²)), parameters on the log scale. Sample cost: O(1), one draw.
    public static func lognormal(mu: Double, sigma: Double) throws(DistributionError) -> Distribution {
        try require(mu.isFinite, "lognormal", "mu", mu, "finite")
        try require(sigma.isFinite && sigma > 0, "lognormal", "sigma", sigma, "finite and > 0")
        return Distribution(.lognormal(mu: mu, sigma: sigma))
    }

    /// Lognormal with the given mean and standard deviation of the variable itself (natural scale).
    /// Sample cost: O(1), one draw.
    public static func lognormal(mean: Double, standardDeviation: Double) throws(DistributionError) -> Distribution {
        try require(mean.isFinite && mean > 0, "lognormal", "mean", mean, "finite and > 0")
        try require(standardDeviation.isFinite && standardDeviation > 0,
                    "lognormal", "standardDeviation", standardDeviation, "finite and > 0")
        let ratio = standardDeviation / mean
        let sigma2 = KernelMath.log(1 + ratio * ratio)
        return Distribution(.lognormal(mu: KernelMath.log(mean) - sigma2 / 2, sigma: sigma2.squareRoot()))
    }

    /// Gamma with shape k and scale θ (mean kθ), Marsaglia–Tsang. Sample cost: O(1) expected
    /// (≈1.03 normal + 1 uniform draws for k ≥ 1; one more uniform for k < 1).
    public static func gamma(shape: Double, scale: Double) throws(DistributionError) -> Distribution {
        try require(shape.isFinite && shape > 0, "gamma", "shape", shape, "finite and > 0")
        try require(scale.isFinite && scale > 0, "gamma", "scale", scale, "finite and > 0")
        return Distribution(.gamma(GammaSampler(shape: shape, scale: scale)))
    }

    /// Erlang: the sum of `shape` exponentials of the given rate (gamma with integer shape).
    /// Sample cost: O(1) expected, as `gamma`.
    public static func erlang(shape: Int, rate: Double) throws(DistributionError) -> Distribution {
        try require(shape >= 1, "erlang", "shape", Double(shape), "an integer ≥ 1")
        try require(rate.isFinite && rate > 0, "erlang", "rate", rate, "finite and > 0")
        return Distribution(.gamma(GammaSampler(shape: Double(shape), scale: 1 / rate)))
    }

    /// Weibull with shape k and scale λ, by inversion. Sample cost: O(1), one draw.
    public static func weibull(shape: Double, scale: Double) throws(DistributionError) -> Distribution {
        try require(shape.isFinite && shape > 0, "weibull", "shape", shape, "finite and > 0")
        try require(scale.isFinite && scale > 0, "weibull", "scale", scale, "finite and > 0")
        return Distribution(.weibull(shape: shape, scale: scale))
    }

    /// Triangular on [min, max] with the given mode, by inversion. Sample cost: O(1), one draw.
    public static func triangular(min: Double, mode: Double, max: Double) throws(DistributionError) -> Distribution {
        try require(min.isFinite, "triangular", "min", min, "finite")
        try require(max.isFinite && max > min, "triangular", "max", max, "finite and > min (\(min))")
        try require(mode >= min && mode <= max, "triangular", "mode", mode, "within [min, max] = [\(min), \(max)]")
        return Distribution(.triangular(min: min, mode: mode, max: max))
    }

    /// Poisson with the given mean (≥ 0), sampled as a whole-number `Double`.
    /// Sample cost: O(mean) by inversion for mean < 10 (one draw); O(1) expected by Hörmann's PTRS
    /// transformed rejection for mean ≥ 10 (≈2.2 draws).
    public static func poisson(mean: Double) throws(DistributionError) -> Distribution {
        try require(mean.isFinite && mean >= 0, "poisson", "mean", mean, "finite and ≥ 0")
        try require(mean < 1e15, "poisson", "mean", mean, "< 1e15")
        return Distribution(.poisson(PoissonSampler(mean: mean)))
    }

    /// Bernoulli: 1 with the given probability, else 0. Sample cost: O(1), one draw.
    public static func bernoulli(probability: Double) throws(DistributionError) -> Distribution {
        try require(probability >= 0 && probability <= 1, "bernoulli", "probability", probability, "within [0, 1]")
        return Distribution(.bernoulli(probability: probability))
    }

    /// A discrete distribution over `values` with relative `weights` (Walker/Vose alias method).
    /// Build: O(n). Sample cost: O(1), two draws.
    public static func discrete(values: [Double], weights: [Double]) throws(DistributionError) -> Distribution {
        try require(!values.isEmpty, empty: "discrete", "values")
        for (i, v) in values.enumerated() {
            try require(v.isFinite, "discrete", "values[\(i)]", v, "finite")
        }
        try require(!weights.isEmpty, empty: "discrete", "weights")
        if weights.count != values.count {
            throw .lengthMismatch(distribution: "discrete", parameter: "weights", expected: values.count,
                                  actual: weights.count)
        }
        let table = try AliasTable(weights: weights, distribution: "discrete")
        return Distribution(.discrete(table.with(values: values)))
    }

    /// A discrete distribution over the indices 0..<weights.count with relative `weights` (alias method).
    /// Build: O(n). Sample cost: O(1), two draws.
    public static func discrete(weights: [Double]) throws(DistributionError) -> Distribution {
        let table = try AliasTable(weights: weights, distribution: "discrete")
        return Distribution(.discrete(table.with(values: (0..<weights.count).map { Double($0) })))
    }

    /// Resamples `data` (each element equally likely); with `interpolated`, draws from the piecewise-linear
    /// distribution through the sorted data instead (continuous, between the smallest and largest value).
    /// Build: O(n log n) when interpolated, O(n) otherwise. Sample cost: O(1), one draw.
    public static func empirical(_ data: [Double], interpolated: Bool = false) throws(DistributionError) -> Distribution {
        try require(!data.isEmpty, empty: "empirical", "data")
        for (i, v) in data.enumerated() {
            try require(v.isFinite, "empirical", "data[\(i)]", v, "finite")
        }
        if interpolated {
            try require(data.count >= 2, "empirical", "data.count", Double(data.count), "≥ 2 when interpolated")
        }
        return Distribution(.empirical(EmpiricalTable(data: data, interpolated: interpolated)))
    }

    // MARK: - Moments and description

    /// The exact mean of the distribution.
    public var mean: Double {
        switch kind {
        case .constant(let v): v
        case .uniform(let lo, let w): lo + w / 2
        case .exponential(let m): m
        case .normal(let m, _): m
        case .lognormal(let mu, let s): KernelMath.exp(mu + s * s / 2)
        case .gamma(let g): g.shape * g.scale
        case .weibull(let k, let l): l * KernelMath.exp(KernelMath.logGamma(1 + 1 / k))
        case .triangular(let a, let c, let b): (a + b + c) / 3
        case .poisson(let p): p.mean
        case .bernoulli(let p): p
        case .discrete(let t): t.mean
        case .empirical(let e): e.mean
        }
    }

    /// The exact variance of the distribution.
    public var variance: Double {
        switch kind {
        case .constant: 0
        case .uniform(_, let w): w * w / 12
        case .exponential(let m): m * m
        case .normal(_, let s): s * s
        case .lognormal(let mu, let s):
            (KernelMath.exp(s * s) - 1) * KernelMath.exp(2 * mu + s * s)
        case .gamma(let g): g.shape * g.scale * g.scale
        case .weibull(let k, let l):
            l * l * (KernelMath.exp(KernelMath.logGamma(1 + 2 / k))
                     - KernelMath.exp(2 * KernelMath.logGamma(1 + 1 / k)))
        case .triangular(let a, let c, let b): (a * a + b * b + c * c - a * b - a * c - b * c) / 18
        case .poisson(let p): p.mean
        case .bernoulli(let p): p * (1 - p)
        case .discrete(let t): t.variance
        case .empirical(let e): e.variance
        }
    }

    /// The constructor form, e.g. `exponential(mean: 2.0)`.
    public var description: String {
        switch kind {
        case .constant(let v): "constant(\(v))"
        case .uniform(let lo, let w): "uniform(min: \(lo), max: \(lo + w))"
        case .exponential(let m): "exponential(mean: \(m))"
        case .normal(let m, let s): "normal(mean: \(m), standardDeviation: \(s))"
        case .lognormal(let mu, let s): "lognormal(mu: \(mu), sigma: \(s))"
        case .gamma(let g): "gamma(shape: \(g.shape), scale: \(g.scale))"
        case .weibull(let k, let l): "weibull(shape: \(k), scale: \(l))"
        case .triangular(let a, let c, let b): "triangular(min: \(a), mode: \(c), max: \(b))"
        case .poisson(let p): "poisson(mean: \(p.mean))"
        case .bernoulli(let p): "bernoulli(probability: \(p))"
        case .discrete(let t): "discrete(\(t.values.count) values)"
        case .empirical(let e): "empirical(\(e.data.count) points\(e.interpolated ? ", interpolated" : ""))"
        }
    }

    // MARK: - Validation helpers

    private static func require(_ ok: Bool, _ d: String, _ p: String, _ v: Double, _ r: String) throws(DistributionError) {
        if !ok { throw .invalidParameter(distribution: d, parameter: p, value: v, requirement: r) }
    }

    private static func require(_ ok: Bool, empty d: String, _ p: String) throws(DistributionError) {
        if !ok { throw .emptyParameter(distribution: d, parameter: p) }
    }
}
