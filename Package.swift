// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "SparseScape",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sparsescape", targets: ["sparsescape"]),
        .library(name: "SparseScapeCore", targets: ["SparseScapeCore"]),
        .library(name: "SparseScapeEngine", targets: ["SparseScapeEngine"]),
        .library(name: "SparseScapeUI", targets: ["SparseScapeUI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
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
        .systemLibrary(
            name: "CZlib",
            path: "Sources/CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CMalloc",
            path: "Sources/CMalloc"
        ),
        .target(
            name: "CTempFiles",
            path: "Sources/CTempFiles"
        ),
        .target(
            name: "SparseScapeCore",
            dependencies: ["CLapack", "CZlib", "CTempFiles", "CMalloc", .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Resources/Presets")]
        ),
        .target(
            name: "SparseScapeFigures",
            dependencies: ["SparseScapeCore"]
        ),
        .target(
            name: "SparseScapeWording",
            dependencies: ["SparseScapeCore"]
        ),
        .target(
            name: "SparseScapeGrid",
            dependencies: ["SparseScapeCore", "SparseScapeFigures", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .target(
            name: "SparseScapeEngine",
            dependencies: ["SparseScapeCore"]
        ),
        .target(
            name: "SparseScapeUI",
            dependencies: ["SparseScapeEngine", "SparseScapeCore", "SparseScapeWording"]
        ),
        .target(
            name: "SparseScapeSettings",
            dependencies: ["SparseScapeCore", "SparseScapeEngine", "SparseScapeUI", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .target(
            name: "SparseScapeCurses",
            dependencies: ["SparseScapeUI", "SparseScapeEngine", "SparseScapeCore", "CNcursesw"]
        ),
        .executableTarget(
            name: "sparsescape",
            dependencies: [
                "SparseScapeCore",
                "SparseScapeEngine",
                "SparseScapeUI",
                "SparseScapeCurses",
                "SparseScapeGrid",
                "SparseScapeSettings",
                "SparseScapeWording",
                "SparseScapeFigures",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "SparseScapeTestSupport",
            dependencies: ["SparseScapeEngine", "SparseScapeCore"]
        ),
        .executableTarget(
            name: "sparsescape-bench",
            dependencies: ["SparseScapeCore", "SparseScapeEngine", "SparseScapeUI", "SparseScapeTestSupport"],
            path: "Sources/sparsescape-bench"
        ),
        .testTarget(
            name: "SparseScapeCoreTests",
            dependencies: ["SparseScapeCore", "SparseScapeFigures", "CZlib", "SparseScapeTestSupport"]
        ),
        .testTarget(
            name: "SparseScapeCLITests",
            dependencies: ["SparseScapeCore", "SparseScapeWording", "SparseScapeTestSupport"]
        ),
        .testTarget(
            name: "SparseScapeGridTests",
            dependencies: ["SparseScapeGrid", "SparseScapeCore"]
        ),
        .testTarget(
            name: "SparseScapeSettingsTests",
            dependencies: ["SparseScapeSettings", "SparseScapeEngine", "SparseScapeUI", "SparseScapeCore"]
        ),
        .testTarget(
            name: "SparseScapeEngineTests",
            dependencies: ["SparseScapeEngine", "SparseScapeCore", "SparseScapeTestSupport"]
        ),
        .testTarget(
            name: "SparseScapeCursesTests",
            dependencies: ["SparseScapeCurses", "SparseScapeUI", "SparseScapeEngine", "SparseScapeCore"]
        ),
        .testTarget(
            name: "SparseScapeUITests",
            dependencies: ["SparseScapeUI", "SparseScapeEngine", "SparseScapeCore", "SparseScapeTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
