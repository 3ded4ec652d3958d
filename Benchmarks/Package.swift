// swift-tools-version: 6.1
// Jornada's package-benchmark suites, a nested package so that library users never resolve
// benchmark dependencies. Run from the repository root:
//   swift package --package-path Benchmarks benchmark
//   swift package --package-path Benchmarks benchmark thresholds check   (CI)
import PackageDescription

let package = Package(
    name: "JornadaBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Jornada", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "KernelBenchmarks",
            dependencies: [
                .product(name: "DiscreteEvents", package: "Jornada"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "KernelBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "SchedulerBenchmarks",
            dependencies: [
                .product(name: "DiscreteEvents", package: "Jornada"),
                .product(name: "DeliveryScheduling", package: "Jornada"),
                .product(name: "EngineWorkloads", package: "Jornada"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "SchedulerBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "TechnicianBenchmarks",
            dependencies: [
                .product(name: "DiscreteEvents", package: "Jornada"),
                .product(name: "TechnicianBooking", package: "Jornada"),
                .product(name: "EngineWorkloads", package: "Jornada"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "TechnicianBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "ScenarioBenchmarks",
            dependencies: [
                .product(name: "RetailerJourneys", package: "Jornada"),
                .product(name: "ScenarioFiles", package: "Jornada"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "ScenarioBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    ]
)
