// swift-tools-version: 6.1
// The HTTP/JSON service of Jornada's two desks (`jornada serve`), in a package of its own so that
// Hummingbird (and SwiftNIO under it) never enters the main package's build graph: library users and
// the main package's three CI builds never resolve or compile it. The routes, their validation and
// the OpenAPI document live in the main package's DeskService module (tested there without a
// server); this package only puts Hummingbird in front of it.
// Build: `swift build -c release --package-path Serve` (then `jornada serve` finds the binary).
import PackageDescription

let package = Package(
    name: "JornadaServe",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Jornada", path: ".."),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .executableTarget(
            name: "jornada-serve",
            dependencies: [
                .product(name: "DeskService", package: "Jornada"),
                .product(name: "LoadTesting", package: "Jornada"),
                .product(name: "ScenarioFiles", package: "Jornada"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6), .enableUpcomingFeature("ExistentialAny")]),
    ]
)
