import SparseScapeCore
import SparseScapeEngine

/// The screen's words for the engine's events: one sentence each, with the keys named as `KeyTable` binds them.
public enum EventWording {
    /// The status-line text of `event`.
    public static func text(_ event: EngineEvent) -> String {
        func key(_ c: EngineCommand) -> String { KeyTable.key(for: c) }
        switch event {
        case .pruned(let e, let was): return "pruned \(e.label) (was \(NumberFormat.human(was, 4)))"
        case .revived(let e, let v, let down):
            return "revived \(e.label) at \(NumberFormat.human(v, 4))" + (down ? ": it opens a way down" : "")
        case .undone(let edges):
            return edges.count == 1 ? "undid the toggle of \(edges[0].label)" : "undid the pruning of \(edges.count) weights"
        case .prunedSmallest(let edges, let fraction):
            let names = edges.prefix(3).map(\.label).joined(separator: ", ") + (edges.count > 3 ? ", …" : "")
            return "magnitude pruning: the \(edges.count) smallest live weights (\(percent(fraction))) pruned: \(names); training continues"
        case .pruneFractionChanged(let fraction):
            return "the pruning key (\(key(.pruneSmallest))) removes \(percent(fraction)) of the live weights"
        case .diverged(let it, let kind, let step):
            return "diverged at iteration \(it) (\(kind.rawValue), step \(NumberFormat.g(step, 4))): restored the last finite point and paused"
        case .escaping(let it, let norm):
            return "escaping to infinity at iteration \(it): ‖θ‖ reached \(NumberFormat.g(norm, 4)) while the loss still falls; stopped"
        case .converged(let it): return "converged at iteration \(it): the optimizer paused itself (any change resumes it)"
        case .stillConverged:
            return "converged: perturb (\(key(.perturb))), restart (\(key(.randomRestart))) or change the network to move on"
        case .randomRestart(let n, let seed):
            return "random restart #\(n) (Gaussian, scale min(0.5, 1/√fan-in), seed \(seed) stream \(n))"
        case .perturbed(let sigma): return "perturbed (Gaussian noise, σ = \(NumberFormat.g(sigma, 3)))"
        case .resetToStart: return "reset to the start point"
        case .jumpedToBest(let loss, let source): return "jumped to the best-known point (L = \(NumberFormat.g(loss, 6)), \(source))"
        case .stepSizeChanged(let kind, let step):
            return kind.takesStepSize ? "step size \(NumberFormat.g(step, 4))" : "\(kind.rawValue) takes no step size (kept \(NumberFormat.g(step, 4)))"
        case .speedChanged(let speed): return "speed \(speed.text)"
        case .optimizerChanged(let kind, let step):
            return "optimizer \(kind.rawValue)" + (kind.takesStepSize ? " (step \(NumberFormat.g(step, 4)))" : "")
        case .sliceZoomed(let factor): return "slice span ×\(NumberFormat.g(factor, 3))"
        case .sliceGridChanged(let n): return "slice grid \(n)×\(n)"
        case .directionsChanged(let mode): return "slice directions: \(mode.name)"
        case .planeFollows: return "the plane follows the point"
        case .planeFrozen: return "plane frozen"
        case .basinModeOff: return "basin mode off"
        case .searchStarted(let restarts, let kind): return "searching: \(restarts) random restarts (\(kind.rawValue))…"
        case .searchFinished(let restarts, let minima, let lowest, let improved):
            guard let lowest else { return "search: no run of \(restarts) reached a critical point" }
            return "search: \(restarts) restarts, \(minima) distinct minima, lowest L = \(NumberFormat.g(lowest, 6))"
                + (improved ? " (new best known)" : "")
        case .pathStarted(let target):
            return "computing the minimum-energy path to the best known minimum (L = \(NumberFormat.g(target, 6)))…"
        case .pathFound(let barrier, let saddle, let line):
            return "path: barrier \(NumberFormat.g(barrier, 4))" + (saddle.map { " (saddle L = \(NumberFormat.g($0, 6)))" } ?? " (no saddle: monotone)")
                + "; straight line \(NumberFormat.g(line, 4))"
        case .pathOutdated:
            return "path finished, but the point changed since it was asked for: press \(key(.computePath)) again"
        case .basinsStarted(let grid): return "basins: descent from \(grid)×\(grid) points of the plane in the background…"
        case .basinsFound(let basins, let minima, let alphas, let betas):
            return "basins: \(basins) found (\(minima) minima) on a \(alphas)×\(betas) grid"
        case .refused(let why): return text(why)
        case .failed(let what): return text(what)
        }
    }

    /// Why a command was refused.
    public static func text(_ refusal: EngineRefusal) -> String {
        func key(_ c: EngineCommand) -> String { KeyTable.key(for: c) }
        switch refusal {
        case .stepWhileRunning: return "\(key(.step)) steps only while paused"
        case .nonPositiveStepFactor: return "the step-size factor must be positive"
        case .zoomLimit: return "the slice cannot zoom further"
        case .gridLimit: return "the slice grid is at its limit"
        case .noDecrease: return "no step possible (no decrease): the point is numerically stationary"
        case .pointNotFinite: return "that point is not finite"
        case .lossNotFinite: return "the loss at that point is not finite; stayed put"
        case .noSuchEdge(let e, let widths): return "no edge (layer \(e.layer), row \(e.row), col \(e.col)) in widths \(widths)"
        case .cannotToggle(let e, let reason): return "cannot toggle \(e.label): \(reason)"
        case .lastWeight: return "cannot prune the last free weight"
        case .nothingToPrune: return "nothing left to prune (every layer keeps at least one weight)"
        case .cannotPrune(let reason): return "cannot prune: \(reason)"
        case .nothingToUndo: return "nothing to undo"
        case .noRegrowHint: return "no pruned edge opens a way down here"
        case .regrowNeedsCertificate: return "regrow hints come with the certificate of a stall"
        case .fellBackToGD(let reason): return "switched to gd: \(reason)"
        case .noBestKnown: return "no best-known point yet (try a search: \(key(.runSearch)))"
        case .bestKnownHasNoPoint(let loss, let source):
            return "the best-known value L = \(NumberFormat.g(loss, 6)) (\(source)) has no point to jump to"
        case .noSliceForBasins: return "no slice yet to map the basins of"
        case .noSliceToFreeze: return "no slice to freeze yet"
        case .searchRunning: return "a search is already running"
        case .pathRunning: return "a path is already being computed"
        case .noMinimumToWalkTo: return "no best-known minimum to walk to yet (let descent stall, or search: \(key(.runSearch)))"
        case .atBestKnown: return "the point is the best known minimum: no path to compute"
        }
    }

    /// What failed.
    public static func text(_ failure: EngineFailureReport) -> String {
        switch failure {
        case .certificate(let m): return "certificate: \(m)"
        case .slice(let m): return "slice: \(m)"
        case .undo(let m): return "cannot undo: \(m)"
        case .searchSetup(let m): return "search: \(m)"
        case .job(.search, let m): return "search failed: \(m)"
        case .job(.path, let m): return "path: \(m)"
        case .job(.basins, let m): return "basins: \(m)"
        }
    }

    /// "20%".
    private static func percent(_ fraction: Double) -> String { "\(Int((fraction * 100).rounded()))%" }
}
