import CLapack
import Foundation

/// Which OpenBLAS kernels run: the CPU's own when OpenBLAS's detection falls back to its generic ones.
///
/// Debian's OpenBLAS picks its kernels by CPU model at load time. On a CPU it does not know (a virtual "Intel Xeon
/// Processor" with AVX2, FMA and AVX-512, say) it falls back to "Prescott", SSE3-only kernels about 1.5× slower for
/// XᵀX than the Haswell ones, which such a CPU runs correctly. The choice can only be made before OpenBLAS loads,
/// through `OPENBLAS_CORETYPE`, so the command-line program re-executes itself once with it set
/// (`restartWithPreferredKernels`). Setting `OPENBLAS_CORETYPE` yourself disables this.
public enum BLASKernel {
    /// The environment variable OpenBLAS reads its core type from.
    public static let coreTypeVariable = "OPENBLAS_CORETYPE"

    /// The core type OpenBLAS chose ("Haswell", "SkylakeX", "Prescott", …).
    public static var coreName: String { openblas_get_corename().map { String(cString: $0) } ?? "unknown" }

    /// The core type to ask for instead of `coreName`, or nil to keep it: "Haswell" when OpenBLAS fell back to the
    /// generic "Prescott" on a CPU with AVX2 and FMA.
    public static func preferredCoreType(coreName: String, cpuFlags: Set<String>) -> String? {
        guard coreName.lowercased() == "prescott", cpuFlags.contains("avx2"), cpuFlags.contains("fma") else { return nil }
        return "Haswell"
    }

    /// The CPU feature flags of the first processor in /proc/cpuinfo (empty when unreadable).
    public static func cpuFlags() -> Set<String> {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":") else { return [] }
        return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
    }

    /// Re-executes this program with `OPENBLAS_CORETYPE` set when OpenBLAS chose generic kernels on a CPU that runs
    /// better ones; returns (doing nothing) when the variable is already set, nothing better is known, or exec fails.
    public static func restartWithPreferredKernels() {
        // /proc/cpuinfo is read only when OpenBLAS fell back to its generic kernels.
        guard getenv(coreTypeVariable) == nil, coreName.lowercased() == "prescott",
              let preferred = preferredCoreType(coreName: coreName, cpuFlags: cpuFlags()) else { return }
        setenv(coreTypeVariable, preferred, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        unsetenv(coreTypeVariable)   // exec failed: go on with the generic kernels
    }
}
