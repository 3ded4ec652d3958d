// swift-tools-version: 6.1
// The HTTP/JSON service of Jornada's two desks (`jornada serve`), in a package of its own so that
// Hummingbird (and SwiftNIO under it) never enters the main package's build graph: library users and
// the main package's CI builds never resolve or compile it. The routes, their validation and the
// OpenAPI document live in the main package's DeskService module (tested there without a server);
// this package only puts Hummingbird in front of it. It depends on DeskService alone (the engines
// under it), not on the scenario reader or the load-test harness: `jornada serve` reads the scenario
// and hands the server a desk layout. Hummingbird's default traits are off (no swift-configuration
// build), and so is argument-parser (four flags read by hand): CI's serve gate builds this cold.
// Build: `swift build -c release --package-path Serve` (then `jornada serve` finds the binary).
import PackageDescription

let package = Package(
    name: "JornadaServe",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Jornada", path: ".."),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
    ],
    targets: [
        .executableTarget(
            name: "jornada-serve",
            dependencies: [
                .product(name: "DeskService", package: "Jornada"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6), .enableUpcomingFeature("ExistentialAny")]),
    ]
)
