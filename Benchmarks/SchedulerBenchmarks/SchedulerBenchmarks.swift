import Benchmark
import DiscreteEvents

/// The Scheduler suite (placeholder until its issue lands).
let benchmarks: @Sendable () -> Void = {
    Benchmark("Scheduler.placeholder", configuration: .init(metrics: [.mallocCountTotal], maxIterations: 10)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(SimTime.zero + .seconds(1)) }
    }
}
