import Foundation
import RetailerJourneys
#if canImport(Glibc)
import Glibc
#endif

/// `jornada bench simulation`: the journeys simulation at growing sizes, so how cost grows with the
/// number of retailers is visible at a glance.
public struct SimulationBench: Sendable {
    /// Retailers per size.
    public var sizes: [Int]
    /// Simulated days.
    public var days: Int
    /// The scenario seed.
    public var seed: UInt64
    /// Worker threads simulating regions in parallel between daily barriers (1: in line).
    public var workers: Int
    /// Regions per synthetic scenario (0: one per 200,000 retailers).
    public var regions: Int

    /// A bench over `sizes`. - Complexity: O(1).
    public init(sizes: [Int], days: Int, seed: UInt64, workers: Int = 1, regions: Int = 0) {
        self.sizes = sizes; self.days = days; self.seed = seed; self.workers = workers; self.regions = regions
    }

    /// Process CPU seconds (user + system, all threads). - Complexity: O(1).
    public static func processCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Peak resident memory of the process so far, bytes. - Complexity: O(1).
    public static func peakRSSBytes() -> Int {
        var u = rusage()
        getrusage(0, &u)   // RUSAGE_SELF
        return Int(u.ru_maxrss) * 1024
    }

    /// Current resident memory, bytes (from /proc on Linux; 0 elsewhere). - Complexity: O(1).
    static func currentRSSBytes() -> Int {
        guard let s = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let f = s.split(separator: " ")
        guard f.count > 1, let pages = Int(f[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// The synthetic scenario of size `n` (regions of `--regions` equal parts, else of up to 200,000).
    /// - Complexity: O(regions × depots).
    public func scenario(retailers n: Int) -> Scenario {
        let perRegion = regions > 0 ? Swift.max(1, (n + regions - 1) / regions) : 200_000
        return SyntheticScenario.make(retailers: n, days: days, seed: seed, retailersPerRegion: perRegion)
    }

    /// Runs one size and returns its row; `emit` is called as soon as it is done. - Complexity: one run.
    public func record(retailers n: Int) throws -> BenchRecord {
        let scenario = self.scenario(retailers: n)
        let rss0 = SimulationBench.currentRSSBytes()
        let cpu0 = SimulationBench.processCPUSeconds()
        let (result, wall) = try BenchClock.measure { try ScenarioRun.run(scenario, parallel: Workers.parallelFor(workers)) }
        let cpu = SimulationBench.processCPUSeconds() - cpu0
        let rss1 = SimulationBench.currentRSSBytes()
        precondition(result.conservation.allSatisfy(\.holds), "bench simulation: a flow identity is broken: \(result.conservation)")
        return BenchRecord([
            ("retailers", .int(n)), ("days", .int(days)), ("regions", .int(result.regions)), ("workers", .int(workers)),
            ("wallSeconds", .double(wall)), ("cpuSeconds", .double(cpu)),
            ("events", .int(result.events)), ("eventsPerSecond", .double(Double(result.events) / wall)),
            ("retailerDays", .int(result.retailerDays)),
            ("nsPerRetailerDay", .double(wall * 1e9 / Double(max(1, result.retailerDays)))),
            ("cpuNsPerRetailerDay", .double(cpu * 1e9 / Double(max(1, result.retailerDays)))),
            ("ordersDelivered", .int(result.metrics.ordersDelivered)),
            ("otif", .double(result.metrics.otif.value)),
            ("planningShare", .double(result.planning.seconds / max(cpu, 1e-9))),
            ("nsPerPlannedStop", .double(result.planning.nanosecondsPerStop)),
            ("peakRSSBytes", .int(SimulationBench.peakRSSBytes())),
            ("bytesPerRetailer", .double(Double(max(0, rss1 - rss0)) / Double(max(1, n)))),
        ])
    }
}
