import ArgumentParser
import Foundation
import SparseScapeCore
import SparseScapeCurses
import SparseScapeWording

// Entry point: parse, run, and map every failure to one line on stderr with a fixed exit status
// (2 for bad input and argument errors, 1 for numerical failures and failed reproductions, 3 for an incomplete
// sweep-merge).
// First, once: OpenBLAS's own kernels for this CPU when its detection fell back to the generic ones (see BLASKernel).
BLASKernel.restartWithPreferredKernels()
// Under an address-space limit (ulimit -v): no OpenBLAS worker threads when the limit is tight, or a one-line
// refusal when it is too low for even one BLAS call (see AddressSpace); before anything else allocates much.
AddressSpace.prepareProcess()
BLASThreads.pinSingle()
HeapTuning.keepFreedMemory()
// Temporary files of exports are removed on every signal that ends the process (SIGINT, SIGTERM, SIGHUP, SIGQUIT,
// SIGPIPE, SIGXFSZ, SIGUSR1, SIGALRM, ...); SIGQUIT is taken from the Swift runtime's crash reporter. The explorer
// replaces some with its own handlers, which end it through its normal shutdown and then with the signal's status.
TemporaryFiles.installSignalHandlers()

/// Ends the program with `status`, after writing what is buffered for stdout: a failed write to stdout (a full
/// disk, /dev/full) is an error too, one line on stderr and status 2 (unless the status is already non-zero).
func finish(_ status: Int32) -> Never {
    if let problem = Console.finishStandardOutput() {
        Console.error(problem)
        exit(status == 0 ? 2 : status)
    }
    exit(status)
}

/// Reports a failure on stderr (after what stdout already holds) and ends with `status`.
func fail(_ message: String, _ status: Int32) -> Never {
    Console.flushOut()
    Console.error(message)
    finish(status)
}

do {
    var command = try SparseScape.parseAsRoot()
    try command.run()
    // The explorer shut down cleanly after a signal: end as the signal would have (128 + N).
    if let signal = SignalMonitor.received {
        Console.flushOut()
        TemporaryFiles.endWithSignal(signal)
    }
    finish(0)
} catch let e as SparseScapeError {
    fail(ErrorWording.text(e), 2)
} catch let e as NumericalFailure {
    fail(e.message, 1)
} catch let e as IncompleteSweep {
    fail(e.message, 3)
} catch {
    let code = SparseScape.exitCode(for: error)
    if code == .success {
        print(SparseScape.fullMessage(for: error))
        finish(0)
    }
    fail("\(Console.parserMessage(SparseScape.message(for: error))) (see 'sparsescape help')", 2)
}
