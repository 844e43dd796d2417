import Foundation
import Testing
@testable import SparseScapeEngine
import SparseScapeCore

/// The explorer's story on theorem5, driven step by step: descent into the stall, the certificate, auto-pause,
/// regrow hints, the path, no stale certificate, undo.
extension EngineTests {
    @Test func theorem5DescendsVisiblyStallsAtACertifiedSpuriousMinimumAndPausesItself() throws {
        let s = try EngineTestSupport.session("theorem5", kind: .gd, lr: 0.05)
        // At the default pace (100 steps/s) a frame shows one or two steps: the status line's six digits change often.
        #expect(s.snapshot().speed.stepsPerSecond == 100)
        var shown: [String] = []
        var losses: [Double] = []
        let stalled = EngineTestSupport.drive(s, maxSteps: 20_000, chunk: 5) { snap in
            losses.append(snap.loss)
            if shown.last != NumberFormat.g(snap.loss, 6) { shown.append(NumberFormat.g(snap.loss, 6)) }
            return snap.pauseReason == .converged
        }
        #expect(stalled)
        let snap = s.snapshot()
        // The descent is seen: many distinct intermediate losses between the start and the stall, never rising, and the
        // stall takes several seconds at that pace.
        #expect(shown.count >= 10, "losses shown: \(shown)")
        #expect(zip(losses, losses.dropFirst()).allSatisfy { $1 <= $0 + 1e-12 })
        #expect(Double(snap.iteration) / 100 >= 3)
        #expect(snap.history.count >= 100)
        #expect(snap.history.prefix(50).map(\.iteration) == Array(0..<50))
        guard case .spuriousMinimum(let l, let best) = snap.verdict else { Issue.record("verdict \(snap.verdict)"); return }
        #expect(abs(l - 8) < 1e-6)
        #expect(abs(best - EngineTestSupport.theorem5Global) < 1e-9)
        #expect(snap.certificate?.classification == .localMinimum && snap.certificate?.spurious == true)
        #expect(!snap.running && !s.wantsSteps)
        #expect(snap.event == .converged(iteration: snap.iteration))
        // Converged: no more steps until something changes.
        #expect(s.advance(maxSteps: 1000) == 0)
        #expect(s.snapshot().iteration == snap.iteration)
        s.apply(.perturb)
        #expect(s.wantsSteps)
    }

    @Test func theorem5StallOffersRegrowHintsAndRevivingTheBestOneLeadsDown() throws {
        let s = try EngineTestSupport.session("theorem5", kind: .gd, lr: 0.05)
        #expect(EngineTestSupport.drive(s, maxSteps: 20_000) { $0.pauseReason == .converged })
        let snap = s.snapshot()
        let hints = snap.regrowHints
        #expect(!hints.isEmpty)
        for h in hints {
            #expect(h.opensWayDown)
            #expect(!snap.architecture.masks[h.layer][h.row * snap.architecture.widths[h.layer + 1] + h.col], "\(h.label) is not pruned")
            if let lambda = h.lambdaMin { #expect(lambda < 0 || h.classification == .notCritical) }
        }
        let first = try #require(hints.first)
        let before = snap.architecture.parameterCount
        s.apply(.reviveBestHint)
        let after = s.snapshot()
        #expect(after.architecture.parameterCount == before + 1)
        #expect(after.architecture.masks[first.layer][first.row * after.architecture.widths[first.layer + 1] + first.col])
        guard case .revived(let e, _, let down) = after.event else { Issue.record("event \(String(describing: after.event))"); return }
        #expect(e == EdgePosition(layer: first.layer, row: first.row, col: first.col) && down)
        #expect(after.certificate == nil && after.regrowHints.isEmpty)
        s.apply(.changeSpeed(1))
        EngineTestSupport.drive(s, maxSteps: 200_000, chunk: 1000) { $0.pauseReason == .converged }
        #expect(s.snapshot().loss < 8 - 1e-3)
    }

    @Test func noStaleCertificateAfterJumpingToTheBest() throws {
        let s = try EngineTestSupport.session("theorem5", kind: .gd, lr: 0.05)
        #expect(EngineTestSupport.drive(s, maxSteps: 20_000) { $0.pauseReason == .converged })
        #expect(s.snapshot().certificate?.spurious == true)
        s.apply(.jumpToBest)
        let jumped = s.snapshot()
        #expect(abs(jumped.loss - EngineTestSupport.theorem5Global) < 1e-9)
        #expect(jumped.certificate == nil)
        #expect(jumped.certifying)   // the new point is already stalled and waits for its own certificate
        guard case .stalled = jumped.verdict else { Issue.record("verdict \(jumped.verdict)"); return }
        EngineTestSupport.answer(s)
        let certified = s.snapshot()
        #expect(certified.certificate?.spurious != true)
        #expect(abs((certified.certificate?.loss ?? 0) - EngineTestSupport.theorem5Global) < 1e-9)
        guard case .globalMinimum = certified.verdict else { Issue.record("verdict \(certified.verdict)"); return }
    }

    @Test func pathFromTheSpuriousMinimumCrossesAnIndexOneSaddleAndIsDrawnOnItsPlane() throws {
        let s = try EngineTestSupport.session("theorem5", kind: .gd, lr: 0.05)
        #expect(EngineTestSupport.drive(s, maxSteps: 20_000) { $0.pauseReason == .converged })
        let at = s.snapshot()
        s.apply(.computePath)
        #expect(s.snapshot().background.path)
        EngineTestSupport.answer(s)
        let snap = s.snapshot()
        #expect(!snap.background.path)
        let p = try #require(snap.energyPath)
        #expect(abs(p.startLoss - at.loss) < 1e-9)
        #expect(abs(p.endLoss - EngineTestSupport.theorem5Global) < 1e-6)
        let saddle = try #require(p.saddleLoss)
        #expect(p.saddleIndex == 1)
        #expect(abs(p.barrier - (saddle - p.startLoss)) < 1e-6)
        #expect(saddle > 8 && saddle < 10.6)
        #expect(p.lineBarrier >= p.barrier - 1e-9)
        guard case .pathFound = snap.event else { Issue.record("event \(String(describing: snap.event))"); return }
        let slice = try #require(snap.slice)
        #expect(slice.directions == "path" && slice.frozen)
        #expect(slice.energyPath.count >= 3)
        #expect(slice.saddle != nil)
        // The path's ends are the current point and the best point, on the plane's first axis.
        let first = try #require(slice.energyPath.first), last = try #require(slice.energyPath.last)
        #expect(abs(first.beta) < 1e-6 && abs(last.beta) < 1e-6 && abs(first.alpha + last.alpha) < 1e-6)
        // Every plotted value is the loss on the plane (checked at the saddle's projection against the path).
        #expect(EngineTestSupport.allFinite(snap))
    }

    @Test func appendixADescentIsRecognisedAsAnEscapeWithTheValleysLimit() throws {
        let config = try PresetLibrary.load("appendix-a")
        let s = try EngineTestSupport.session("appendix-a", kind: .gd, start: config.point("escape-start"))
        let found = EngineTestSupport.drive(s, maxSteps: 100_000, chunk: 512) {
            if case .escaping = $0.verdict { return true }
            return false
        }
        #expect(found)
        let snap = s.snapshot()
        guard case .escaping(let limit?) = snap.verdict else { Issue.record("verdict \(snap.verdict)"); return }
        // Appendix A: the loss tends to (3 − √5)/4 along the valley. The explorer's probe follows the valley from the
        // gradient-descent point (‖θ‖ ≈ 255 after the continuation), so its estimate is an upper bound within 3e-5.
        let exact = (3 - 5.0.squareRoot()) / 4
        #expect(limit >= exact - 1e-9 && limit - exact < 3e-5, "limit \(limit)")
        #expect(snap.pauseReason == .failure && !s.wantsSteps)
        guard case .escaping = snap.event else { Issue.record("event \(String(describing: snap.event))"); return }
    }

    @Test func undoRestoresTheMaskAndThePoint() throws {
        let s = try EngineTestSupport.session("theorem5", kind: .gd, lr: 0.05)
        s.advance(maxSteps: 200)
        let before = s.snapshot()
        s.apply(.toggleEdge(layer: 0, row: 0, col: 0))
        let pruned = s.snapshot()
        #expect(pruned.architecture.parameterCount == before.architecture.parameterCount - 1)
        #expect(pruned.canUndo)
        guard case .pruned(let e, let was) = pruned.event else { Issue.record("event \(String(describing: pruned.event))"); return }
        #expect(e == EdgePosition(layer: 0, row: 0, col: 0) && was == before.params[0])
        #expect(pruned.maskChanges == [before.iteration])
        s.advance(maxSteps: 100)
        s.apply(.undoToggle)
        let undone = s.snapshot()
        #expect(undone.architecture == before.architecture)
        #expect(undone.params == before.params)
        #expect(!undone.canUndo)
        s.apply(.undoToggle)
        guard case .refused = s.snapshot().event else { Issue.record("undo of nothing was not refused"); return }
    }

    @Test func magnitudePruningStepRemovesTheSmallestLiveWeightsAndKeepsTraining() throws {
        // The dense network on theorem5's data: descend to its (global) minimum, then prune 20% by magnitude.
        let s = try EngineTestSupport.session("dense-baseline", kind: .lbfgs)
        #expect(EngineTestSupport.drive(s, maxSteps: 20_000, chunk: 20) { $0.pauseReason == .converged })
        let before = s.snapshot()
        #expect(before.pruneFraction == 0.2)
        let expected = try MagnitudePruning.smallest(fraction: 0.2, params: before.params, architecture: before.architecture)
        #expect(expected.count == 2)   // 20% of 12 live weights
        s.apply(.pruneSmallest)
        let after = s.snapshot()
        #expect(after.architecture.parameterCount == before.architecture.parameterCount - 2)
        for e in expected { #expect(after.edgeStates.state(layer: e.layer, row: e.row, col: e.col) == .pruned) }
        guard case .prunedSmallest(let edges, 0.2) = after.event else { Issue.record("event \(String(describing: after.event))"); return }
        #expect(edges == expected)
        #expect(after.maskChanges == [before.iteration])
        #expect(s.wantsSteps)   // converged before; the pruning step starts training again
        // The remaining weights are kept exactly.
        #expect(after.params == ParameterRemap.remap(before.params, from: before.architecture, to: after.architecture))
        EngineTestSupport.drive(s, maxSteps: 20_000, chunk: 20) { $0.pauseReason == .converged }
        #expect(s.snapshot().certificate != nil)
        s.apply(.undoToggle)
        #expect(s.snapshot().architecture == before.architecture)
        guard case .undone(let undone) = s.snapshot().event else { Issue.record("undo"); return }
        #expect(undone == expected)
        s.apply(.cyclePruneFraction)
        #expect(s.snapshot().pruneFraction == 0.3)
    }

    @Test func aDescentTooSlowToMoveIsReportedAsNotCriticalAndPaused() throws {
        // Next to theorem5's spurious minimum with a step of 1e-8: the loss no longer changes (relative 1e-12 per
        // 1,000 steps) but the gradient is far above the certificate's tolerance.
        let config = try PresetLibrary.load("theorem5")
        var start = try #require(config.point("spurious-minimum"))
        start[0] += 1e-4
        let s = try EngineTestSupport.session("theorem5", kind: .gd, lr: 1e-8, start: start)
        #expect(EngineTestSupport.drive(s, maxSteps: 50_000, chunk: 500) { $0.pauseReason == .converged })
        let snap = s.snapshot()
        guard case .slow(let g) = snap.verdict else { Issue.record("verdict \(snap.verdict)"); return }
        #expect(g > 1e-6 && abs(g - snap.gradientNorm) <= 1e-9 * max(1, g))
        #expect(snap.certificate?.classification == .notCritical)
    }

    @Test func basinModeColoursThePlaneByTheMinimumEachPointDrainsTo() throws {
        let s = try EngineTestSupport.session("theorem5", kind: .gd, lr: 0.05)
        #expect(EngineTestSupport.drive(s, maxSteps: 20_000) { $0.pauseReason == .converged })
        s.apply(.cycleDirections); s.apply(.cycleDirections); s.apply(.cycleDirections)   // toward:best
        EngineTestSupport.answer(s)
        #expect(s.snapshot().slice?.directions == "toward:best")
        s.apply(.toggleBasins)
        #expect(s.snapshot().background.basins)
        EngineTestSupport.answer(s)
        let snap = s.snapshot()
        #expect(!snap.background.basins)
        let slice = try #require(snap.slice)
        #expect(slice.frozen)
        let o = try #require(slice.basins)
        #expect(o.grid == 21 && o.labels.count == 441)
        // The stall's basin is the spurious minimum at 8, the lowest the global one; both occupy the plane.
        let here = try #require(o.current), low = try #require(o.lowest)
        #expect(abs((o.basins[here].loss ?? 0) - 8) < 1e-8 && o.basins[here].spurious == true)
        #expect(abs((o.basins[low].loss ?? 0) - EngineTestSupport.theorem5Global) < 1e-9)
        #expect(o.labels.contains(here) && o.labels.contains(low))
        // The best point sits at α = 1, β = 0 on this plane: its grid point drains to the global minimum.
        let n = o.grid, span = slice.span
        let i = Int(((1 + span) / (2 * span) * Double(n - 1)).rounded()), j = (n - 1) / 2
        #expect(o.labels[i * n + j] == low)
        s.apply(.toggleBasins)
        #expect(s.snapshot().slice?.basins == nil)
    }

    @Test func staleAnalysisAnswersAreDropped() throws {
        let s = try EngineTestSupport.session("theorem5", kind: .gd, lr: 0.05)
        let request = try #require(s.nextAnalysis())
        s.apply(.perturb)
        s.merge(AnalysisWorker.execute(request))
        #expect(s.snapshot().slice == nil)
        EngineTestSupport.answer(s)
        #expect(s.snapshot().slice != nil)
    }
}
