import Foundation
import Testing
import SparseScapeTestSupport

/// The binary runs OpenBLAS's kernels for this CPU when OpenBLAS's own detection falls back to the generic ones.
@Suite("OpenBLAS kernels of the binary")
struct BLASKernelCLITests {
    @Test("a Prescott fallback on an AVX2+FMA CPU is replaced by Haswell kernels; a user's OPENBLAS_CORETYPE is kept")
    func kernels() throws {
        let r = try CLIRunner.run(["presets"], environment: ["OPENBLAS_VERBOSE": "2"])
        #expect(r.status == 0)
        let cores = r.stdout.split(separator: "\n").filter { $0.hasPrefix("Core: ") }.map { String($0.dropFirst(6)) }
            + r.stderr.split(separator: "\n").filter { $0.hasPrefix("Core: ") }.map { String($0.dropFirst(6)) }
        let flags = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("flags") }.map { Set($0.split(separator: " ").map(String.init)) } ?? []
        if cores.first == "Prescott" && flags.contains("avx2") && flags.contains("fma") {
            #expect(cores == ["Prescott", "Haswell"], "\(cores)")
        } else {
            #expect(cores.count == 1, "OpenBLAS chose \(cores) itself: no restart expected")
        }
        let kept = try CLIRunner.run(["presets"], environment: ["OPENBLAS_VERBOSE": "2", "OPENBLAS_CORETYPE": "Prescott"])
        let keptCores = (kept.stdout + kept.stderr).split(separator: "\n").filter { $0.hasPrefix("Core: ") }
        #expect(keptCores == ["Core: Prescott"])
    }
}
