import ArgumentParser
import Foundation
import SparseScapeCore

// Entry point: parse, run, and map every failure to one line on stderr with a fixed exit status
// (2 for bad input and argument errors, 1 for numerical failures and failed reproductions, 3 for an incomplete
// sweep-merge).
// First, once: OpenBLAS's own kernels for this CPU when its detection fell back to the generic ones (see BLASKernel).
BLASKernel.restartWithPreferredKernels()
BLASThreads.pinSingle()
// Temporary files of exports are removed on SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE and SIGXFSZ (the explorer
// replaces the first three with its own handlers, which end it through its normal shutdown).
TemporaryFiles.installSignalHandlers()
do {
    var command = try SparseScape.parseAsRoot()
    try command.run()
} catch let e as SparseScapeError {
    fflush(nil)
    Console.error(e.message)
    exit(2)
} catch let e as NumericalFailure {
    fflush(nil)
    Console.error(e.message)
    exit(1)
} catch let e as IncompleteSweep {
    fflush(nil)
    Console.error(e.message)
    exit(3)
} catch {
    let code = SparseScape.exitCode(for: error)
    if code == .success {
        print(SparseScape.fullMessage(for: error))
        exit(0)
    }
    Console.error("\(Console.parserMessage(SparseScape.message(for: error))) (see 'sparsescape help')")
    exit(2)
}
