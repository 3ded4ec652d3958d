/// Elementary and special functions written against the standard library only.
///
/// The kernel imports nothing (not even Foundation or Glibc), so it cannot call the C library's `log`,
/// `exp` or `lgamma`. These versions follow fdlibm's reductions and are accurate to a few ulp
/// (tests hold them to 1e-14 relative against the C library). They are internal: the public surface is
/// `Distribution`, `ConfidenceInterval` and friends.
enum KernelMath {
    /// ln 2 split so that `k * ln2Hi` is exact for |k| < 2^21 (fdlibm's constants).
    static let ln2Hi = 6.93147180369123816490e-01
    static let ln2Lo = 1.90821492927058770002e-10
    static let invLn2 = 1.44269504088896338700e+00
    static let pi = 3.14159265358979323846
    /// log(sqrt(2 pi)).
    static let logSqrt2Pi = 0.91893853320467274178

    /// Natural logarithm. NaN for negative input, -inf at 0.
    ///
    /// Reduction x = 2^e · m with m in [√½, √2), then log(m) = f − s·(f − 2T(s²)) where f = m − 1,
    /// s = f/(2+f) and T is the atanh series tail; f is exact, so the result is within ~1 ulp.
    /// - Complexity: O(1).
    @inline(__always)
    static func log(_ x: Double) -> Double {
        if !(x > 0) { return x == 0 ? -.infinity : .nan }
        if x == .infinity { return .infinity }
        var e = Double(Int(x.exponent))
        var m = x.significand  // in [1, 2), also for subnormals
        if m > 1.4142135623730951 { m *= 0.5; e += 1 }
        let f = m - 1  // exact (Sterbenz)
        let s = f / (2 + f)
        let z = s * s
        // T = z/3 + z²/5 + … + z^12/25; |z| ≤ 0.0295 so the next term is below 1e-19 relative.
        var t = 1.0 / 25.0
        t = t * z + 1.0 / 23.0
        t = t * z + 1.0 / 21.0
        t = t * z + 1.0 / 19.0
        t = t * z + 1.0 / 17.0
        t = t * z + 1.0 / 15.0
        t = t * z + 1.0 / 13.0
        t = t * z + 1.0 / 11.0
        t = t * z + 1.0 / 9.0
        t = t * z + 1.0 / 7.0
        t = t * z + 1.0 / 5.0
        t = t * z + 1.0 / 3.0
        t *= z
        return e * ln2Hi + (f + (e * ln2Lo - s * (f - 2 * t)))
    }

    /// e^x. Overflows to +inf above ~709.78, underflows (gradually) to 0 below ~-745.13.
    ///
    /// Reduction x = k·ln2 + r with |r| ≤ ½ln2, then a degree-14 Taylor polynomial for e^r and an exact
    /// scaling by 2^k. - Complexity: O(1).
    @inline(__always)
    static func exp(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x > 709.782712893383973096 { return .infinity }
        if x < -745.13321910194110842 { return 0 }
        let k = (x * invLn2).rounded()
        let r = (x - k * ln2Hi) - k * ln2Lo
        // q = e^r − 1 − r = r²(1/2 + r/6 + …)
        var p = 1.0 / 87_178_291_200.0  // 1/14!
        p = p * r + 1.0 / 6_227_020_800.0
        p = p * r + 1.0 / 479_001_600.0
        p = p * r + 1.0 / 39_916_800.0
        p = p * r + 1.0 / 3_628_800.0
        p = p * r + 1.0 / 362_880.0
        p = p * r + 1.0 / 40_320.0
        p = p * r + 1.0 / 5_040.0
        p = p * r + 1.0 / 720.0
        p = p * r + 1.0 / 120.0
        p = p * r + 1.0 / 24.0
        p = p * r + 1.0 / 6.0
        p = p * r + 0.5
        let er = 1 + (r + r * r * p)
        let ki = Int(k)
        if ki > -1000 && ki < 1000 {
            return er * Double(sign: .plus, exponent: ki, significand: 1)
        }
        // Split the scaling so that neither factor over- or underflows on its own.
        let half = ki / 2
        return er * Double(sign: .plus, exponent: half, significand: 1)
            * Double(sign: .plus, exponent: ki - half, significand: 1)
    }

    /// x^y for x > 0 (as exp(y·log x)); relative error grows with |y·log x| (≈1e-13 at 700).
    /// - Complexity: O(1).
    @inline(__always)
    static func pow(_ x: Double, _ y: Double) -> Double {
        if y == 0 { return 1 }
        if x == 0 { return y > 0 ? 0 : .infinity }
        return exp(y * log(x))
    }

    /// log Γ(x) for x > 0, by upward recurrence to x ≥ 10 and the Stirling series.
    /// Absolute error below ~1e-14 (relative where |log Γ| is not near 0). - Complexity: O(1).
    static func logGamma(_ x: Double) -> Double {
        precondition(x > 0, "KernelMath.logGamma: x must be > 0, got \(x)")
        if x == .infinity { return .infinity }
        var y = x
        var product = 1.0
        while y < 10 { product *= y; y += 1 }
        let inv = 1 / y
        let inv2 = inv * inv
        // Stirling: (y−½)log y − y + ½log 2π + Σ B2n / (2n(2n−1) y^(2n−1)).
        var series = -3617.0 / 122_400.0
        series = series * inv2 + 1.0 / 156.0
        series = series * inv2 - 691.0 / 360_360.0
        series = series * inv2 + 1.0 / 1_188.0
        series = series * inv2 - 1.0 / 1_680.0
        series = series * inv2 + 1.0 / 1_260.0
        series = series * inv2 - 1.0 / 360.0
        series = series * inv2 + 1.0 / 12.0
        series *= inv
        let stirling = (y - 0.5) * log(y) - y + logSqrt2Pi + series
        return product == 1 ? stirling : stirling - log(product)
    }

    /// The standard normal quantile Φ⁻¹(p) for p in (0, 1): Wichura's AS241 (PPND16), ~1e-16 relative.
    /// Returns ∓inf at p = 0 or 1 and NaN outside [0, 1]. - Complexity: O(1).
    static func normalQuantile(_ p: Double) -> Double {
        if !(p >= 0 && p <= 1) { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        let q = p - 0.5
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            let num = ((((((2.5090809287301226727e+3 * r + 3.3430575583588128105e+4) * r
                + 6.7265770927008700853e+4) * r + 4.5921953931549871457e+4) * r
                + 1.3731693765509461125e+4) * r + 1.9715909503065514427e+3) * r
                + 1.3314166789178437745e+2) * r + 3.3871328727963666080
            let den = ((((((5.2264952788528545610e+3 * r + 2.8729085735721942674e+4) * r
                + 3.9307895800092710610e+4) * r + 2.1213794301586595867e+4) * r
                + 5.3941960214247511077e+3) * r + 6.8718700749205790830e+2) * r
                + 4.2313330701600911252e+1) * r + 1
            return q * num / den
        }
        var r = q < 0 ? p : 1 - p
        r = (-log(r)).squareRoot()
        var value: Double
        if r <= 5 {
            r -= 1.6
            let num = ((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r
                + 2.41780725177450611770e-1) * r + 1.27045825245236838258) * r
                + 3.64784832476320460504) * r + 5.76949722146069140550) * r
                + 4.63033784615654529590) * r + 1.42343711074968357734
            let den = ((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r
                + 1.51986665636164571966e-2) * r + 1.48103976427480074590e-1) * r
                + 6.89767334985100004550e-1) * r + 1.67638483018380384940) * r
                + 2.05319162663775882187) * r + 1
            value = num / den
        } else {
            r -= 5
            let num = ((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r
                + 1.24266094738807843860e-3) * r + 2.65321895265761230930e-2) * r
                + 2.96560571828504891230e-1) * r + 1.78482653991729133580) * r
                + 5.46378491116411436990) * r + 6.65790464350110377720
            let den = ((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r
                + 1.84631831751005468180e-5) * r + 7.86869131145613259100e-4) * r
                + 1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r
                + 5.99832206555887937690e-1) * r + 1
            value = num / den
        }
        return q < 0 ? -value : value
    }

    /// The regularized incomplete beta function I_x(a, b), given x and y = 1 − x (passed separately so
    /// callers avoid cancellation). Continued fraction (modified Lentz). - Complexity: O(√max(a,b)) terms.
    static func incompleteBeta(a: Double, b: Double, x: Double, y: Double) -> Double {
        if x <= 0 { return 0 }
        if y <= 0 { return 1 }
        let logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * log(x) + b * log(y)
        let front = exp(logFront)
        if x < (a + 1) / (a + b + 2) {
            return front * betaContinuedFraction(a: a, b: b, x: x) / a
        }
        return 1 - front * betaContinuedFraction(a: b, b: a, x: y) / b
    }

    private static func betaContinuedFraction(a: Double, b: Double, x: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        var m = 1.0
        while m <= 10_000 {
            let m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
            m += 1
        }
        return h
    }

    /// The upper tail P(T > t) of Student's t with `df` degrees of freedom, for t ≥ 0.
    /// - Complexity: O(continued fraction), see `incompleteBeta`.
    static func studentTUpperTail(_ t: Double, df: Double) -> Double {
        let t2 = t * t
        let x = df / (df + t2)
        let y = t2 / (df + t2)
        return 0.5 * incompleteBeta(a: df / 2, b: 0.5, x: x, y: y)
    }

    /// The density of Student's t with `df` degrees of freedom at t. - Complexity: O(1).
    static func studentTDensity(_ t: Double, df: Double) -> Double {
        let logC = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * log(df * pi)
        return exp(logC - (df + 1) / 2 * log(1 + t * t / df))
    }

    /// The quantile t_p(df) of Student's t distribution, for p in (0, 1) and df > 0.
    ///
    /// For df > 1000 the Cornish–Fisher expansion in 1/df (error O(df⁻⁵)); otherwise Newton's method on
    /// the upper tail from the normal quantile. The tail is convex and decreasing for t > 0 and the normal
    /// quantile lies below the t quantile, so the iteration rises monotonically to the root.
    /// - Complexity: O(iterations × continued fraction); a few dozen µs. Not for hot paths.
    static func studentTQuantile(_ p: Double, df: Double) -> Double {
        precondition(df > 0, "KernelMath.studentTQuantile: df must be > 0, got \(df)")
        if !(p >= 0 && p <= 1) { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        if p < 0.5 { return -studentTQuantile(1 - p, df: df) }
        let alpha = 1 - p  // upper-tail probability to hit (exact for p ≥ 0.5)
        let z = normalQuantile(p)
        if df > 1000 {
            let z2 = z * z
            let g1 = (z2 + 1) * z / 4
            let g2 = ((5 * z2 + 16) * z2 + 3) * z / 96
            let g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384
            let g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92_160
            let v = 1 / df
            return z + v * (g1 + v * (g2 + v * (g3 + v * g4)))
        }
        var x = z
        for _ in 0..<2_000 {
            let tail = studentTUpperTail(x, df: df)
            let density = studentTDensity(x, df: df)
            if density == 0 { break }
            let step = (tail - alpha) / density
            if !(step > 0) { break }  // at (or, by rounding, past) the root
            x += step
            if step <= 4e-16 * x { break }
        }
        return x
    }
}
