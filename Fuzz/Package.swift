// swift-tools-version: 6.1
// libFuzzer targets for SparseScape's file parsers; a separate package so the main build never sees them.
// Built and run by scripts/fuzz.sh:
//   swift build --package-path Fuzz --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address
import PackageDescription

/// One libFuzzer target per parser: its `LLVMFuzzerTestOneInput` and a `main.swift` handing it to libFuzzer's driver.
func fuzzTarget(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .executableTarget(name: name, dependencies: dependencies + ["FuzzDriver"], path: "Sources/\(name)")
}

let core = Target.Dependency.product(name: "SparseScapeCore", package: "SparseScape")
let ui = Target.Dependency.product(name: "SparseScapeUI", package: "SparseScape")

let package = Package(
    name: "SparseScapeFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "SparseScape", path: "..")],
    targets: [
        .target(name: "FuzzDriver"),
        fuzzTarget("fuzz-npy", [core]),
        fuzzTarget("fuzz-npz", [core]),
        fuzzTarget("fuzz-csv", [core]),
        fuzzTarget("fuzz-config", [core]),
        fuzzTarget("fuzz-point", [core]),
        fuzzTarget("fuzz-safetensors", [core]),
        fuzzTarget("fuzz-theme", [ui]),
    ],
    swiftLanguageModes: [.v6]
)
