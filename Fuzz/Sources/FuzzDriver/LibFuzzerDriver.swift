#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer's entry for programs that keep their own `main` (declared in libFuzzer's FuzzerInterface.h).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The test `runLibFuzzer` was given (set once, before libFuzzer starts calling it).
nonisolated(unsafe) private var registeredTest: ((UnsafePointer<UInt8>?, Int) -> CInt)?

/// libFuzzer's per-input callback: runs the registered test on one input.
///
/// Defined here, once, because libFuzzer's own `main` (linked in, though unused) refers to it by name.
@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let test = registeredTest else { fatalError("FuzzDriver: no fuzz test registered (run through runLibFuzzer)") }
    return test(bytes, count)
}

/// Runs libFuzzer on `test` with the process's command line (libFuzzer's options, corpus directories) and exits.
///
/// Each target's `main.swift` calls this: SwiftPM links executables with its own entry point, so libFuzzer's
/// `main` is not the one that runs.
public func runLibFuzzer(_ test: @escaping (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    registeredTest = test
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput))
}
