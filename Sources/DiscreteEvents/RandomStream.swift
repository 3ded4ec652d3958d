/// A reproducible pseudo-random generator for one (scenario seed, stream id) pair.
///
/// Each stream is a xoshiro256** generator whose state is derived from the seed and the stream id by
/// SplitMix64, so a stream draws the same numbers whatever other streams draw, in whatever order and
/// on however many cores. Use one stream per entity (a retailer, a technician) or per process.
@frozen
public struct RandomStream: RandomNumberGenerator, Sendable, Hashable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// The stream `stream` of scenario seed `seed`.
    ///
    /// - Complexity: O(1).
    @inlinable
    public init(seed: UInt64, stream: UInt64 = 0) {
        // Mix the pair through SplitMix64 so neighbouring ids give unrelated states.
        var sm = SplitMix64(state: seed ^ 0x6A09_E667_F3BC_C909)
        let base = sm.next()
        sm = SplitMix64(state: base &+ stream &* 0x9E37_79B9_7F4A_7C15)
        _ = sm.next()
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    /// A child stream: the same derivation applied to this stream's identity and `substream`.
    ///
    /// Use for a second, independent sequence of the same entity (say, a retailer's orders and its
    /// returns). - Complexity: O(1).
    @inlinable
    public func derived(_ substream: UInt64) -> RandomStream {
        RandomStream(seed: s0 ^ s2.rotl(17), stream: substream ^ s1)
    }

    /// The next 64 random bits. - Complexity: O(1).
    @inlinable
    public mutating func next() -> UInt64 {
        let result = (s1 &* 5).rotl(7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = s3.rotl(45)
        return result
    }

    /// A uniform double in [0, 1) with 53 random bits. - Complexity: O(1).
    @inlinable
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in (0, 1): never exactly 0, safe under `log`. - Complexity: O(1).
    @inlinable
    public mutating func nextOpenUnit() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1.0p-53
    }

    /// A uniform integer in `0..<bound` without modulo bias (Lemire's method). - Complexity: O(1) expected.
    @inlinable
    public mutating func nextInt(below bound: UInt64) -> UInt64 {
        precondition(bound > 0, "RandomStream.nextInt(below:): bound must be > 0")
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return m.high
    }
}

/// SplitMix64, used only to seed streams.
@usableFromInline
struct SplitMix64 {
    @usableFromInline var state: UInt64
    @inlinable init(state: UInt64) { self.state = state }
    @inlinable mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension UInt64 {
    @inlinable @inline(__always) func rotl(_ k: UInt64) -> UInt64 { (self << k) | (self >> (64 &- k)) }
}
