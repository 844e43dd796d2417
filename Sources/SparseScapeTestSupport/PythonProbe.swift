import Foundation

/// Which Python modules this machine has, for tests that compare against NumPy (scripts/ensure-deps.sh installs them).
public enum PythonProbe {
    /// Whether `python3 -c "import <modules>"` succeeds.
    public static func canImport(_ modules: [String]) -> Bool {
        (try? ProgramOutput.of("/usr/bin/env", ["python3", "-c", "import " + modules.joined(separator: ", ")])) != nil
    }

    /// python3 with NumPy.
    public static let numpy = canImport(["numpy"])
    /// python3 with NumPy and safetensors.
    public static let numpyAndSafetensors = canImport(["numpy", "safetensors.numpy"])
}
