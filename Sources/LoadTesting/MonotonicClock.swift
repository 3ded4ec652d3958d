#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The load test's one clock: `CLOCK_MONOTONIC` in nanoseconds (never the wall-clock `Date`, which
/// can jump), so an intended send time and a completion time are on the same scale.
public enum MonotonicClock {
    /// Nanoseconds since an arbitrary fixed point (boot). - Complexity: O(1) (a vDSO call, ~20 ns).
    @inline(__always) public static func now() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }
}
