// swift-tools-version: 6.1
// Jornada: a deterministic discrete-event simulator of a brewer's retailers and the two logistics
// engines their journeys load. Dependencies run one way: kernel ← engines ← harness ← CLI.
import PackageDescription

// `JORNADA_INTERNAL_CHECKS=1 swift build …` compiles the internal invariant checks into Jornada's own targets
// (never its dependencies, which then need no rebuild); CI's checks gate does that. Builds without it pay nothing.
let internalChecks = Context.environment["JORNADA_INTERNAL_CHECKS"] == "1"

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
] + (internalChecks ? [.define("JORNADA_INTERNAL_CHECKS")] : [])

let package = Package(
    name: "Jornada",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "DiscreteEvents", targets: ["DiscreteEvents"]),
        .library(name: "DeliveryScheduling", targets: ["DeliveryScheduling"]),
        .library(name: "TechnicianBooking", targets: ["TechnicianBooking"]),
        .library(name: "RetailerJourneys", targets: ["RetailerJourneys"]),
        .library(name: "RunOutputs", targets: ["RunOutputs"]),
        .library(name: "Benchmarking", targets: ["Benchmarking"]),
        // Support for benchmarks and tests (synthetic workloads), not part of any engine's API.
        .library(name: "EngineWorkloads", targets: ["EngineWorkloads"]),
        .library(name: "PlanningFiles", targets: ["PlanningFiles"]),
        .library(name: "ScenarioFiles", targets: ["ScenarioFiles"]),
        .library(name: "InputLimits", targets: ["InputLimits"]),
        .library(name: "Experiments", targets: ["Experiments"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "LoadTesting", targets: ["LoadTesting"]),
        .library(name: "DeskService", targets: ["DeskService"]),
        .executable(name: "jornada", targets: ["jornada"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        // The kernel: imports nothing, not even Foundation.
        .target(name: "DiscreteEvents", swiftSettings: strict),
        // The engines: depend on the kernel only.
        .target(name: "DeliveryScheduling", dependencies: ["DiscreteEvents"], swiftSettings: strict),
        .target(name: "TechnicianBooking", dependencies: ["DiscreteEvents"], swiftSettings: strict),
        // The journeys simulation: the kernel and the engines only.
        .target(
            name: "RetailerJourneys", dependencies: ["DiscreteEvents", "DeliveryScheduling", "TechnicianBooking"],
            swiftSettings: strict),
        // Deterministic synthetic workloads for the benchmarks and tests (swift-collections keeps its
        // test support in a target of its own the same way), so an engine module's API is the engine.
        .target(name: "EngineWorkloads", dependencies: ["DiscreteEvents", "DeliveryScheduling", "TechnicianBooking"], swiftSettings: strict),
        // The harness: benchmarks (with swift-collections' Heap as the baseline) and planning files.
        .target(
            name: "Benchmarking",
            dependencies: [
                "DiscreteEvents", "DeliveryScheduling", "TechnicianBooking", "RetailerJourneys", "EngineWorkloads", "PlanningFiles",
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            swiftSettings: strict),
        // The files a run writes (summary.json, CSVs), atomically.
        .target(name: "RunOutputs", dependencies: ["RetailerJourneys", "InputLimits"], swiftSettings: strict),
        // Limits every reader of user files applies before parsing and arithmetic; checked writes.
        .target(name: "InputLimits", swiftSettings: strict),
        .target(
            name: "PlanningFiles",
            dependencies: ["DiscreteEvents", "DeliveryScheduling", "InputLimits", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict),
        // The scenario format: reader, validation with line-level errors, resolved form, JSON Schema.
        .target(
            name: "ScenarioFiles",
            dependencies: [
                "DiscreteEvents", "DeliveryScheduling", "TechnicianBooking", "RetailerJourneys", "InputLimits",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict),
        // Replications in parallel, confidence intervals, sweeps with common random numbers, shards, MSER-5.
        .target(
            name: "Experiments", dependencies: ["DiscreteEvents", "RetailerJourneys", "RunOutputs", "InputLimits"],
            swiftSettings: strict),
        // report.html: one self-contained page of inline SVG charts.
        .target(name: "Reports", dependencies: ["Experiments", "RetailerJourneys", "RunOutputs"], swiftSettings: strict),
        // The desks as an HTTP/JSON service, independent of any HTTP server (the nested Serve package
        // puts Hummingbird in front of it, so Hummingbird never enters this package's build graph).
        .target(name: "DeskService", dependencies: ["DiscreteEvents", "DeliveryScheduling", "TechnicianBooking", "EngineWorkloads"], swiftSettings: strict),
        // Load testing: open-loop replay of the scenario's request mix against the desks in wall time
        // (in process or over HTTP), HdrHistogram latencies from the intended send time, reports.
        .target(
            name: "LoadTesting",
            dependencies: [
                "DiscreteEvents", "DeliveryScheduling", "TechnicianBooking", "RetailerJourneys", "EngineWorkloads", "InputLimits", "DeskService",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "jornada",
            dependencies: [
                "DiscreteEvents", "DeliveryScheduling", "TechnicianBooking", "RetailerJourneys", "RunOutputs", "EngineWorkloads",
                "Benchmarking", "PlanningFiles", "ScenarioFiles", "InputLimits", "Experiments", "Reports", "LoadTesting", "DeskService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        .testTarget(name: "DiscreteEventsTests", dependencies: ["DiscreteEvents"], swiftSettings: strict),
        .testTarget(name: "DeliverySchedulingTests", dependencies: ["DeliveryScheduling", "PlanningFiles", "EngineWorkloads"], swiftSettings: strict),
        .testTarget(name: "TechnicianBookingTests", dependencies: ["TechnicianBooking", "EngineWorkloads"], swiftSettings: strict),
        .testTarget(name: "RetailerJourneysTests", dependencies: ["RetailerJourneys"], swiftSettings: strict),
        .testTarget(name: "ScenarioFilesTests", dependencies: ["ScenarioFiles", "RetailerJourneys", .product(name: "Yams", package: "Yams")], swiftSettings: strict),
        .testTarget(name: "InputLimitsTests", dependencies: ["InputLimits"], swiftSettings: strict),
        .testTarget(name: "LoadTestingTests", dependencies: ["LoadTesting", "DeskService", "DeliveryScheduling", "TechnicianBooking", "RetailerJourneys", "ScenarioFiles"], swiftSettings: strict),
        .testTarget(name: "JornadaCLITests", dependencies: ["jornada"], swiftSettings: strict),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "Reports", "ScenarioFiles", "RetailerJourneys"], swiftSettings: strict),
    ]
)
