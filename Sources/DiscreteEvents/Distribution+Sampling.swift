extension Distribution {
    /// One sample. Deterministic: the same stream state gives the same value and leaves the stream in the
    /// same state. - Complexity: O(1) (expected, for the rejection samplers; O(mean) for Poisson with
    /// mean < 10); see each constructor for the number of draws.
    public func sample(_ rng: inout RandomStream) -> Double {
        switch kind {
        case .constant(let v):
            return v
        case .uniform(let lo, let w):
            return lo + w * rng.nextUnit()
        case .exponential(let m):
            return -m * KernelMath.log(rng.nextOpenUnit())
        case .normal(let m, let s):
            return m + s * KernelMath.normalQuantile(rng.nextOpenUnit())
        case .lognormal(let mu, let s):
            return KernelMath.exp(mu + s * KernelMath.normalQuantile(rng.nextOpenUnit()))
        case .gamma(let g):
            return g.sample(&rng)
        case .weibull(let k, let l):
            return l * KernelMath.pow(-KernelMath.log(rng.nextOpenUnit()), 1 / k)
        case .triangular(let a, let c, let b):
            let u = rng.nextUnit()
            let width = b - a
            if u * width < c - a {
                return a + (u * width * (c - a)).squareRoot()
            }
            return b - ((1 - u) * width * (b - c)).squareRoot()
        case .poisson(let p):
            return Double(p.sample(&rng))
        case .bernoulli(let p):
            return rng.nextUnit() < p ? 1 : 0
        case .discrete(let t):
            return t.values[t.sampleIndex(&rng)]
        case .empirical(let e):
            return e.sample(&rng)
        }
    }

    /// One sample as a whole number, rounded down (exact for Poisson, Bernoulli and integer-valued
    /// discrete distributions); clamped to the range of `Int`. - Complexity: as `sample(_:)`.
    public func sampleInt(_ rng: inout RandomStream) -> Int {
        let x = sample(&rng).rounded(.down)
        if x >= 9.2e18 { return Int.max }
        if x <= -9.2e18 { return Int.min }
        return Int(x)
    }

    /// One sample read as a number of `unit`s (e.g. `.minutes(1)`) and rounded to the nearest tick.
    ///
    /// Negative samples (a normal's left tail) become zero: a duration never runs backwards. Samples
    /// beyond 2^62 ticks (≈146,000 years) are clamped there so arithmetic on the result cannot overflow.
    /// - Complexity: as `sample(_:)`.
    public func sampleDuration(_ rng: inout RandomStream, unit: SimDuration) -> SimDuration {
        let ticks = (sample(&rng) * Double(unit.ticks)).rounded()
        if !(ticks > 0) { return .zero }
        if ticks >= 0x1.0p62 { return SimDuration(ticks: 1 << 62) }
        return SimDuration(ticks: Int64(ticks))
    }
}

/// Marsaglia–Tsang gamma sampler (ACM TOMS 26(3), 2000), with the U^(1/k) boost for shape < 1.
@usableFromInline
struct GammaSampler: Sendable, Equatable {
    let shape: Double
    let scale: Double
    let d: Double
    let c: Double
    /// 1/shape when shape < 1 (the boost exponent), else 0.
    let boost: Double

    init(shape: Double, scale: Double) {
        self.shape = shape
        self.scale = scale
        let a = shape < 1 ? shape + 1 : shape
        d = a - 1.0 / 3.0
        c = 1 / (9 * d).squareRoot()
        boost = shape < 1 ? 1 / shape : 0
    }

    /// - Complexity: O(1) expected; acceptance probability ≥ 0.95 for every shape.
    func sample(_ rng: inout RandomStream) -> Double {
        var result: Double
        while true {
            var x: Double
            var v: Double
            repeat {
                x = KernelMath.normalQuantile(rng.nextOpenUnit())
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = rng.nextOpenUnit()
            let x2 = x * x
            if u < 1 - 0.0331 * x2 * x2 { result = d * v; break }
            if KernelMath.log(u) < 0.5 * x2 + d * (1 - v + KernelMath.log(v)) { result = d * v; break }
        }
        if boost != 0 {
            result *= KernelMath.pow(rng.nextOpenUnit(), boost)
        }
        return result * scale
    }
}

/// Poisson sampler: sequential inversion below mean 10, Hörmann's PTRS (1993) at or above.
@usableFromInline
struct PoissonSampler: Sendable, Equatable {
    let mean: Double
    let expNegMean: Double
    let logMean: Double
    let b: Double
    let a: Double
    let logInvAlpha: Double
    let vr: Double

    init(mean: Double) {
        self.mean = mean
        expNegMean = KernelMath.exp(-mean)
        logMean = mean > 0 ? KernelMath.log(mean) : 0
        b = 0.931 + 2.53 * mean.squareRoot()
        a = -0.059 + 0.02483 * b
        logInvAlpha = KernelMath.log(1.1239 + 1.1328 / (b - 3.4))
        vr = 0.9277 - 3.6224 / (b - 2)
    }

    /// - Complexity: O(mean) for mean < 10, O(1) expected otherwise.
    func sample(_ rng: inout RandomStream) -> Int {
        if mean == 0 { return 0 }
        if mean < 10 {
            let u = rng.nextUnit()
            var k = 0
            var p = expNegMean
            var cdf = p
            while u >= cdf {
                k += 1
                p *= mean / Double(k)
                if p == 0 { break }  // cdf saturated below u by rounding: k is already far in the tail
                cdf += p
            }
            return k
        }
        while true {
            let u = rng.nextOpenUnit() - 0.5
            let v = rng.nextUnit()
            let us = 0.5 - abs(u)
            let kd = ((2 * a / us + b) * u + mean + 0.43).rounded(.down)
            if us >= 0.07 && v <= vr { return Int(kd) }
            if kd < 0 || kd > 9e18 || (us < 0.013 && v > us) { continue }
            let lhs = KernelMath.log(v) + logInvAlpha - KernelMath.log(a / (us * us) + b)
            let rhs = -mean + kd * logMean - KernelMath.logGamma(kd + 1)
            if lhs <= rhs { return Int(kd) }
        }
    }
}
