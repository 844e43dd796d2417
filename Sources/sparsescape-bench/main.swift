import Foundation
import SparseScapeCore

// SparseScape's benchmarks, each printed beside NumPy baselines measured in the same invocation
// (bench/*.py). Run with `make bench` (release build). Sections: core (GD, certify), slice, io (CSV read rate, whole slice process), explorer, curvature, sweep, export, writers (JSON writer and decimal parser against the standard ones); default all.

BLASThreads.pinSingle()
let sections = CommandLine.arguments.dropFirst().isEmpty ? ["core", "slice", "io", "explorer", "curvature", "sweep", "export", "writers"] : Array(CommandLine.arguments.dropFirst())
print("SparseScape \(ToolVersion.string) benchmarks (NumPy baselines run in the same invocation; \(ProcessInfo.processInfo.activeProcessorCount) cores)")
do {
    for s in sections {
        print("")
        switch s {
        case "core": try CoreBenchmark.run()
        case "slice": try SliceBenchmark.run()
        case "io": try IOBenchmark.run()
        case "explorer": try ExplorerBenchmark.run()
        case "curvature": try CurvatureBenchmark.run()
        case "sweep": try SweepBenchmark.run()
        case "export": try ExportBenchmark.run()
        case "writers": try WriterBenchmark.run()
        default: throw BenchError("unknown section '\(s)' (core, slice, io, explorer, curvature, sweep, export, writers)")
        }
    }
} catch {
    FileHandle.standardError.write(Data("sparsescape-bench: \(error)\n".utf8))
    exit(1)
}
