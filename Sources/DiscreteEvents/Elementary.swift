/// Elementary functions for models that import only the kernel (no Foundation): the kernel's own
/// implementations, identical on every platform, so results stay byte-identical everywhere.
public enum Elementary {
    /// The natural logarithm (x > 0). - Complexity: O(1).
    public static func log(_ x: Double) -> Double { KernelMath.log(x) }
    /// e to the power x. - Complexity: O(1).
    public static func exp(_ x: Double) -> Double { KernelMath.exp(x) }
    /// x to the power y (x > 0). - Complexity: O(1).
    public static func pow(_ x: Double, _ y: Double) -> Double { KernelMath.pow(x, y) }

    /// The cosine (absolute error under 1e-12 for |x| < 1e6). - Complexity: O(1).
    public static func cos(_ x: Double) -> Double {
        guard x.isFinite else { return .nan }
        let twoPi = 6.283185307179586
        var r = x - (x / twoPi).rounded() * twoPi          // r in [-π, π]
        var sign = 1.0
        if r > 1.5707963267948966 { r = 3.141592653589793 - r; sign = -1 }      // cos(π − r) = −cos r
        else if r < -1.5707963267948966 { r = -3.141592653589793 - r; sign = -1 }
        let r2 = r * r
        // Taylor series to r^18 on |r| ≤ π/2: the remainder is below 1e-13.
        var term = 1.0, sum = 1.0
        var k = 1.0
        for _ in 0..<9 {
            term *= -r2 / (k * (k + 1))
            sum += term
            k += 2
        }
        return sign * sum
    }
}
