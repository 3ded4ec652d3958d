import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@testable import DiscreteEvents

/// The kernel's own elementary functions against the C library (reachable here through Foundation).
@Suite("KernelMath")
struct MathTests {
    /// |a − b| ≤ tol · max(|b|, tiny).
    static func close(_ a: Double, _ b: Double, rel tol: Double) -> Bool {
        if a == b { return true }
        return abs(a - b) <= tol * Swift.max(abs(b), 1e-300)
    }

    /// A deterministic spread of arguments across many binades.
    static func arguments(count: Int, logRange: ClosedRange<Double>, seed: UInt64) -> [Double] {
        var rng = RandomStream(seed: seed)
        return (0..<count).map { _ in
            Foundation.exp(logRange.lowerBound + (logRange.upperBound - logRange.lowerBound) * rng.nextUnit())
        }
    }

    @Test func logMatchesLibm() {
        var xs = Self.arguments(count: 20_000, logRange: -700...700, seed: 1)
        xs += Self.arguments(count: 5_000, logRange: -1e-3...1e-3, seed: 2)  // near 1
        xs += [1, 2, 0.5, 10, 0x1p-1030, 0x1p-1074, .greatestFiniteMagnitude, 1 + 0x1p-52, 1 - 0x1p-53, 1.4142135623730951]
        var worst = 0.0
        for x in xs {
            let got = KernelMath.log(x), want = Foundation.log(x)
            if want != 0 { worst = Swift.max(worst, abs(got - want) / abs(want)) }
            #expect(Self.close(got, want, rel: 1e-14), "log(\(x)) = \(got), libm \(want)")
        }
        #expect(worst < 1e-15)
        #expect(KernelMath.log(1) == 0)
        #expect(KernelMath.log(0) == -.infinity)
        #expect(KernelMath.log(-1).isNaN)
        #expect(KernelMath.log(.infinity) == .infinity)
        #expect(KernelMath.log(.nan).isNaN)
    }

    @Test func expMatchesLibm() {
        var rng = RandomStream(seed: 3)
        var xs = (0..<20_000).map { _ in -745 + 1454.7 * rng.nextUnit() }
        xs += (0..<5_000).map { _ in -1e-3 + 2e-3 * rng.nextUnit() }
        xs += [0, 1, -1, 709.78, -708, -740, 1e-20, -1e-20, 0.5 * Foundation.log(2.0)]
        for x in xs {
            let got = KernelMath.exp(x), want = Foundation.exp(x)
            // Below −708 the result is subnormal and has fewer significant bits; compare absolutely there.
            let ok = want < 0x1p-1022 ? abs(got - want) <= 4 * 0x1p-1074 : Self.close(got, want, rel: 1e-14)
            #expect(ok, "exp(\(x)) = \(got), libm \(want)")
        }
        #expect(KernelMath.exp(0) == 1)
        #expect(KernelMath.exp(710) == .infinity)
        #expect(KernelMath.exp(-746) == 0)
        #expect(KernelMath.exp(.nan).isNaN)
    }

    @Test func powMatchesLibm() {
        var rng = RandomStream(seed: 4)
        for _ in 0..<5_000 {
            let x = Foundation.exp(-20 + 40 * rng.nextUnit())
            let y = -5 + 10 * rng.nextUnit()
            #expect(Self.close(KernelMath.pow(x, y), Foundation.pow(x, y), rel: 1e-13))
        }
    }

    @Test func logGammaMatchesLibm() {
        var xs = Self.arguments(count: 5_000, logRange: -10...12, seed: 5)
        xs += [1, 2, 3, 0.5, 1.5, 10, 100, 171.5]
        for x in xs {
            let got = KernelMath.logGamma(x), want = libmLogGamma(x)
            // Near x = 1 and 2 log Γ crosses zero: only an absolute bound is meaningful there.
            #expect(abs(got - want) <= 1e-14 * Swift.max(1, abs(want)), "lgamma(\(x)) = \(got), libm \(want)")
        }
        #expect(abs(KernelMath.logGamma(0.5) - 0.5723649429247001) < 4e-15)
    }

    @Test func normalQuantileKnownValues() {
        let table: [(Double, Double)] = [
            (0.5, 0), (0.975, 1.959963984540054), (0.95, 1.6448536269514722), (0.999, 3.090232306167814),
            (0.8413447460685429, 1.0), (1e-10, -6.361340902404056), (0.025, -1.959963984540054),
        ]
        for (p, z) in table {
            #expect(abs(KernelMath.normalQuantile(p) - z) <= 1e-14 * Swift.max(1, abs(z)), "Φ⁻¹(\(p))")
        }
        #expect(KernelMath.normalQuantile(0) == -.infinity)
        #expect(KernelMath.normalQuantile(1) == .infinity)
        #expect(KernelMath.normalQuantile(1.5).isNaN)
    }

    @Test func normalQuantileInvertsTheCDF() {
        var rng = RandomStream(seed: 6)
        for i in 0..<5_000 {
            // Half the probes in the central region, half spread over the tails down to 1e-300.
            let p = i % 2 == 0 ? rng.nextOpenUnit() : Foundation.exp(-690 * rng.nextUnit())
            let z = KernelMath.normalQuantile(p)
            let back = 0.5 * Foundation.erfc(-z / 2.0.squareRoot())
            // d log Φ / d log z ≈ z² in the tails, so a 1e-15 relative error in z shows up as z²·1e-15 in p.
            #expect(Self.close(back, p, rel: 1e-15 * Swift.max(20, z * z)), "Φ(Φ⁻¹(\(p))) = \(back)")
        }
    }

    @Test func studentTQuantileTabulated() {
        // Standard tables (and R's qt), to the digits given.
        let table: [(p: Double, df: Double, t: Double)] = [
            (0.975, 9, 2.262157), (0.975, 29, 2.045230), (0.975, 1, 12.706205), (0.975, 2, 4.302653),
            (0.995, 4, 4.604095), (0.95, 2, 2.919986), (0.9, 100, 1.290075), (0.975, 1000, 1.962339),
            (0.975, 5000, 1.960439), (0.99, 30, 2.457262), (0.9995, 1, 636.619249), (0.6, 5, 0.267181),
        ]
        for row in table {
            let got = KernelMath.studentTQuantile(row.p, df: row.df)
            #expect(abs(got - row.t) <= 1e-6 * Swift.max(1, abs(row.t)), "t(\(row.p), \(row.df)) = \(got)")
            #expect(abs(KernelMath.studentTQuantile(1 - row.p, df: row.df) + got) < 1e-12 * abs(got))
        }
        #expect(KernelMath.studentTQuantile(0.5, df: 3) == 0)
    }

    @Test func studentTQuantileClosedForms() {
        // df = 1 (Cauchy): t = tan(π(p − ½)); df = 2: t = (2p − 1)/√(2p(1 − p)).
        for p in stride(from: 0.51, through: 0.999, by: 0.0123) {
            let cauchy = Foundation.tan(Double.pi * (p - 0.5))
            #expect(Self.close(KernelMath.studentTQuantile(p, df: 1), cauchy, rel: 1e-12))
            let two = (2 * p - 1) / (2 * p * (1 - p)).squareRoot()
            #expect(Self.close(KernelMath.studentTQuantile(p, df: 2), two, rel: 1e-12))
        }
    }

    @Test func studentTTailInvertsQuantile() {
        for df in [3.0, 7, 15, 60, 400, 999] {
            for p in [0.6, 0.9, 0.95, 0.975, 0.995, 0.9999] {
                let t = KernelMath.studentTQuantile(p, df: df)
                #expect(Self.close(KernelMath.studentTUpperTail(t, df: df), 1 - p, rel: 1e-11), "df \(df) p \(p)")
            }
        }
    }
}

/// The C library's log Γ, named unambiguously.
private func libmLogGamma(_ x: Double) -> Double {
    #if canImport(Glibc)
    Glibc.lgamma(x)
    #else
    Darwin.lgamma(x)
    #endif
}

@Suite struct ElementaryTests {
    @Test func cosineMatchesKnownValues() {
        // Exact values of cos at multiples of π/3 and π/2, and periodicity far from zero.
        #expect(abs(Elementary.cos(0) - 1) < 1e-12)
        #expect(abs(Elementary.cos(3.141592653589793 / 3) - 0.5) < 1e-12)
        #expect(abs(Elementary.cos(3.141592653589793 / 2)) < 1e-12)
        #expect(abs(Elementary.cos(3.141592653589793) + 1) < 1e-12)
        #expect(abs(Elementary.cos(-2 * 3.141592653589793 / 3) + 0.5) < 1e-12)
        #expect(abs(Elementary.cos(1000 * 6.283185307179586 + 3.141592653589793 / 3) - 0.5) < 1e-9)
        #expect(Elementary.cos(.infinity).isNaN)
    }
}
