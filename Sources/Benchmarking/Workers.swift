import Dispatch
import RetailerJourneys
import Synchronization

/// Worker pools for the simulation's parallel regions (`ParallelFor`), on Dispatch's threads.
public enum Workers {
    /// Runs `count` jobs on at most `workers` threads, each taking the next job index when free (so jobs
    /// listed largest first are scheduled longest-first); nil for a single worker (the caller runs in line).
    /// - Complexity: O(count) job hand-outs, one atomic increment each.
    public static func parallelFor(_ workers: Int) -> ParallelFor? {
        guard workers > 1 else { return nil }
        return { count, body in
            let next = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: min(workers, count)) { _ in
                while true {
                    let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard i < count else { return }
                    body(i)
                }
            }
        }
    }

    /// The machine's active processor count. - Complexity: O(1).
    public static var available: Int { max(1, sysconfCount()) }
}

#if canImport(Glibc)
import Glibc
private func sysconfCount() -> Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
#elseif canImport(Darwin)
import Darwin
private func sysconfCount() -> Int { Int(sysconf(_SC_NPROCESSORS_ONLN)) }
#else
private func sysconfCount() -> Int { 1 }
#endif
