extension Distribution {
    /// A distribution's constructor and parameters as stored, so it can be written back out (the scenario
    /// files' resolved form) and rebuilt equal.
    ///
    /// Erlang is stored as gamma with a whole shape; lognormal by its log-scale `mu` and `sigma`.
    public enum Parameters: Sendable, Equatable {
        /// `constant(value)`.
        case constant(Double)
        /// `uniform(min:max:)`.
        case uniform(min: Double, max: Double)
        /// `exponential(mean:)`.
        case exponential(mean: Double)
        /// `normal(mean:standardDeviation:)`.
        case normal(mean: Double, standardDeviation: Double)
        /// `lognormal(mu:sigma:)`.
        case lognormal(mu: Double, sigma: Double)
        /// `gamma(shape:scale:)` (also erlang).
        case gamma(shape: Double, scale: Double)
        /// `weibull(shape:scale:)`.
        case weibull(shape: Double, scale: Double)
        /// `triangular(min:mode:max:)`.
        case triangular(min: Double, mode: Double, max: Double)
        /// `poisson(mean:)`.
        case poisson(mean: Double)
        /// `bernoulli(probability:)`.
        case bernoulli(probability: Double)
        /// `discrete(values:weights:)` with the normalised weights.
        case discrete(values: [Double], probabilities: [Double])
        /// `empirical(_:interpolated:)` (interpolated data is stored sorted).
        case empirical(data: [Double], interpolated: Bool)
    }

    /// The constructor and parameters of this distribution. - Complexity: O(1) (O(n) copies for tables).
    public var parameters: Parameters {
        switch kind {
        case .constant(let v): .constant(v)
        case .uniform(let lo, let w): .uniform(min: lo, max: lo + w)
        case .exponential(let m): .exponential(mean: m)
        case .normal(let m, let s): .normal(mean: m, standardDeviation: s)
        case .lognormal(let mu, let s): .lognormal(mu: mu, sigma: s)
        case .gamma(let g): .gamma(shape: g.shape, scale: g.scale)
        case .weibull(let k, let l): .weibull(shape: k, scale: l)
        case .triangular(let a, let c, let b): .triangular(min: a, mode: c, max: b)
        case .poisson(let p): .poisson(mean: p.mean)
        case .bernoulli(let p): .bernoulli(probability: p)
        case .discrete(let t): .discrete(values: t.values, probabilities: t.probabilities)
        case .empirical(let e): .empirical(data: e.data, interpolated: e.interpolated)
        }
    }
}
