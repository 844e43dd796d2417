// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "SparseScape",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sparsescape", targets: ["sparsescape"]),
        .library(name: "SparseScapeCore", targets: ["SparseScapeCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLapack",
            path: "Sources/CLapack",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        .systemLibrary(
            name: "CNcursesw",
            path: "Sources/CNcursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        .target(
            name: "SparseScapeCore",
            dependencies: ["CLapack"],
            resources: [.copy("Resources/Presets")]
        ),
        .executableTarget(
            name: "sparsescape",
            dependencies: [
                "SparseScapeCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "sparsescape-bench",
            dependencies: ["SparseScapeCore"],
            path: "Sources/sparsescape-bench"
        ),
        .testTarget(
            name: "SparseScapeCoreTests",
            dependencies: ["SparseScapeCore"]
        ),
        .testTarget(
            name: "SparseScapeCLITests",
            dependencies: ["SparseScapeCore"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
