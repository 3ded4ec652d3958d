import Benchmark
import DeliveryScheduling
import DiscreteEvents
import EngineWorkloads

/// The Scheduler suite: the mixed operation stream at 10^5 pending jobs and day planning for 1,000
/// stops on 40 trucks. Gated on allocation counts only; wall clock and throughput are reported, never gated.
let benchmarks: @Sendable () -> Void = {
    let deterministic: [BenchmarkMetric] = [.mallocCountTotal, .wallClock, .throughput]
    let thresholds: [BenchmarkMetric: BenchmarkThresholds] = [
        .mallocCountTotal: .init(relative: [.p90: 5], absolute: [.p90: 50]),
    ]

    Benchmark(
        "Scheduler.mixedStream100k",
        configuration: .init(metrics: deterministic, scalingFactor: .kilo, maxDuration: .seconds(10), maxIterations: 5,
                             thresholds: thresholds)
    ) { (benchmark: Benchmark, stream: MixedOperationStreamBox) in
        // 1,000 scaled iterations × 1 operation each, on a scheduler pre-filled with 100,000 jobs.
        benchmark.startMeasurement()
        let checksum = stream.run(operations: benchmark.scaledIterations.count)
        benchmark.stopMeasurement()
        // The result check: dispatches happened (20 % of operations) and the queue stayed near 10^5.
        precondition(checksum != 0 && (90_000...110_000).contains(stream.stream.pendingCount), "the mixed stream lost its jobs")
        blackHole(checksum)
    } setup: {
        MixedOperationStreamBox(MixedOperationStream(pending: 100_000, seed: 42))
    }

    Benchmark(
        "Scheduler.planDay1000x40",
        configuration: .init(metrics: deterministic, maxDuration: .seconds(10), maxIterations: 5, thresholds: thresholds)
    ) { (benchmark: Benchmark, day: DayBox) in
        for _ in benchmark.scaledIterations {
            let plan = try day.scheduler.planDay(depot: day.depot, day: 0)
            precondition(plan.assignedCount + plan.unassigned.count == 1_000, "a job was lost")
            blackHole(plan.totalDistance)
        }
    } setup: {
        let (s, d) = SyntheticWorkload.day(stops: 1_000, vehicles: 40, seed: 42)
        return DayBox(scheduler: s, depot: d)
    }
}

/// A reference holder so the setup's stream is mutated in place across measurements.
final class MixedOperationStreamBox: @unchecked Sendable {
    var stream: MixedOperationStream
    init(_ s: MixedOperationStream) { stream = s }
    func run(operations: Int) -> UInt64 { stream.run(operations: operations) }
}

/// The synthetic depot-day for planning.
struct DayBox: @unchecked Sendable {
    let scheduler: DeliveryScheduler
    let depot: DepotID
}
