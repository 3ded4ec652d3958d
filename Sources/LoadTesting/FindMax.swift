/// The search of `--find-max`: the highest offered rate whose run still meets every threshold.
///
/// Doubles the rate from `start` until a trial fails (or `ceiling` is reached), then bisects between
/// the last passing and the first failing rate until they are within 5 %; each trial is a fresh run.
public enum FindMax {
    /// One trial's rate and whether it held.
    public struct Trial: Sendable, Equatable {
        /// Offered rate.
        public var rate: Double
        /// Whether every threshold held (and the accounting and audit).
        public var held: Bool
        /// Its p99 and achieved rate.
        public var p99Nanoseconds: UInt64
        /// Achieved requests per second.
        public var achievedRate: Double
    }

    /// The highest passing rate (nil if even `start` fails) and every trial in order.
    /// - Complexity: O(log(ceiling / start) + 5) trials.
    public static func search(start: Double, ceiling: Double = 50e6, maxTrials: Int = 14,
                              trial: (Double) async -> (LoadSummary, Bool)) async -> (best: Double?, trials: [Trial]) {
        var trials: [Trial] = []
        func run(_ r: Double) async -> Bool {
            let (s, ok) = await trial(r)
            trials.append(Trial(rate: r, held: ok, p99Nanoseconds: s.p99Nanoseconds, achievedRate: s.achievedRate))
            return ok
        }
        var lo: Double? = nil
        var hi: Double? = nil
        var r = max(1, start)
        while trials.count < maxTrials {
            if await run(r) { lo = r; if r >= ceiling { break }; r = min(ceiling, r * 2) } else { hi = r; break }
        }
        guard var good = lo else {
            // Even the start failed: halve down a few times.
            var down = start / 2
            while trials.count < maxTrials && down >= 1 {
                if await run(down) { return await bisect(down, start) }
                hi = down
                down /= 2
            }
            return (nil, trials)
        }
        guard var bad = hi else { return (good, trials) }
        while bad / good > 1.05 && trials.count < maxTrials {
            let mid = (good + bad) / 2
            if await run(mid) { good = mid } else { bad = mid }
        }
        return (good, trials)

        func bisect(_ g: Double, _ b: Double) async -> (best: Double?, trials: [Trial]) {
            var g = g, b = b
            while b / g > 1.05 && trials.count < maxTrials {
                let mid = (g + b) / 2
                if await run(mid) { g = mid } else { b = mid }
            }
            return (g, trials)
        }
    }
}
