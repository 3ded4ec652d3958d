import Benchmark
import DiscreteEvents

/// The Technician suite (placeholder until its issue lands).
let benchmarks: @Sendable () -> Void = {
    Benchmark("Technician.placeholder", configuration: .init(metrics: [.mallocCountTotal], maxIterations: 10)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(SimTime.zero + .seconds(1)) }
    }
}
