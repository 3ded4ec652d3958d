// swift-tools-version: 6.1
// The libFuzzer harness for Jornada's file readers: a nested package (like Benchmarks/), so the main
// package's `swift build` never needs the fuzzer runtime. Build and run it with scripts/fuzz.sh:
//   swift build -c release --package-path Fuzz -Xswiftc -sanitize=fuzzer
import PackageDescription

let package = Package(
    name: "JornadaFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "Jornada", path: "..")],
    targets: [
        .executableTarget(
            name: "jornada-fuzz",
            dependencies: [
                .product(name: "PlanningFiles", package: "Jornada"),
                .product(name: "ScenarioFiles", package: "Jornada"),
                .product(name: "InputLimits", package: "Jornada"),
                .product(name: "DeliveryScheduling", package: "Jornada"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6), .unsafeFlags(["-parse-as-library"])]),
    ]
)
