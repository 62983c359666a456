// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Kalkyl",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Kalkyl", targets: ["Kalkyl"]),
        .executable(name: "kalkyl", targets: ["kalkyl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // The engine: text → tokens → tree → checked model → values. Pure Swift, no printing.
        .target(name: "Kalkyl"),
        // The command line: argument parsing, output formatting, exit codes.
        .executableTarget(
            name: "kalkyl",
            dependencies: [
                "Kalkyl",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "KalkylTests",
            dependencies: ["Kalkyl"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "KalkylEndToEndTests",
            dependencies: ["Kalkyl"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
