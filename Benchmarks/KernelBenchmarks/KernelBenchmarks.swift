import Benchmark
import DiscreteEvents

/// The Kernel suite (placeholder until its issue lands).
let benchmarks: @Sendable () -> Void = {
    Benchmark("Kernel.placeholder", configuration: .init(metrics: [.mallocCountTotal], maxIterations: 10)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(SimTime.zero + .seconds(1)) }
    }
}
