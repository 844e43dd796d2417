import Foundation
import SparseScapeCore
import SparseScapeEngine
@testable import SparseScapeUI

/// Fixed inputs for the UI tests: theorem5's network with made-up numbers.
enum Fixtures {
    /// theorem5: widths [3, 2, 3], masks [[1,0],[1,1],[0,1]] and [[1,1,0],[0,1,1]].
    static let theorem5Architecture = try! NetworkArchitecture(widths: [3, 2, 3], masks: [
        [true, false, true, true, false, true],
        [true, true, false, false, true, true],
    ])

    /// Parameters in canonical order: W1 (0,0) (1,0) (1,1) (2,1), W2 (0,0) (0,1) (1,1) (1,2).
    static let params: [Double] = [1, 2, -2, 0.5, 1, -2, 3, 0.25]

    /// A synthetic history: the loss falls from 83.6 to 8, the gradient norm from 40 to 1e-10.
    static func history(count: Int = 60) -> [HistoryPoint] {
        (0..<count).map { k in
            let t = Double(k) / Double(count - 1)
            return HistoryPoint(iteration: k * 30, loss: 8 + 75.6 * exp(-10 * t), gradientNorm: 40 * exp(-26 * t))
        }
    }

    /// A 9 × 9 slice: a bowl with its lowest point at (α, β) = (0.5, -0.5).
    static func slice(grid: Int = 9) -> SliceSnapshot {
        var values = [Double](repeating: 0, count: grid * grid)
        for i in 0..<grid {
            for j in 0..<grid {
                let a = -1 + 2 * Double(i) / Double(grid - 1), b = -1 + 2 * Double(j) / Double(grid - 1)
                values[i * grid + j] = 1 + 10 * (a - 0.5) * (a - 0.5) + 4 * (b + 0.5) * (b + 0.5)
            }
        }
        return SliceSnapshot(grid: grid, span: 1, values: values, directions: "random", center: params, d1: params, d2: params,
                             current: SlicePoint(alpha: 0, beta: 0),
                             path: [SlicePoint(alpha: -0.8, beta: 0.8), SlicePoint(alpha: -0.5, beta: 0.5), SlicePoint(alpha: -0.25, beta: 0.25)],
                             bestKnown: SlicePoint(alpha: 0.5, beta: -0.5), frozen: false, builtAtIteration: 1770)
    }

    /// A certificate of the stalled point (decoded from JSON: Certificate has no public memberwise init).
    static let certificate: Certificate = {
        let json = """
        {"loss": 8, "residualLoss": 8, "gradientNorm": 9.96e-11, "parameterCount": 8,
         "hessianEigenvalues": [-1.774541e-11, 1.723888e-11, 0.1860069, 1.999957, 4.91694, 6.402653, 10.00021, 20.56238],
         "lambdaMin": -1.774541e-11, "lambdaMax": 20.56238, "symmetryZeroCount": 2, "firstBeyondSymmetry": 0.1860069,
         "classification": "local-minimum",
         "tolerances": {"gradient": 1e-6, "eigenvalue": 2.1e-7, "symmetry": 1e-9, "spurious": 1e-8},
         "lowerBound": {"value": 0.16564104506071, "method": "dense relaxation", "exact": false},
         "bestKnown": {"loss": 0.165641045060716, "source": "best-found"},
         "spurious": true, "bestKnownIsGlobal": true}
        """
        return try! JSONDecoder().decode(Certificate.self, from: Data(json.utf8))
    }()

    /// The full snapshot.
    static func snapshot(architecture: NetworkArchitecture = theorem5Architecture, params: [Double] = params,
                         history: [HistoryPoint] = history(), slice: SliceSnapshot? = slice(),
                         verdict: EngineVerdict = .spuriousMinimum(loss: 8, bestKnown: 0.1656),
                         certificate: Certificate? = certificate, event: EngineEvent? = nil) -> EngineSnapshot {
        var s = EngineSnapshot(name: "theorem5", architecture: architecture, params: params, iteration: 1778, loss: 8,
                               gradientNorm: 9.96e-11, optimizer: .gd, learningRate: 0.05, running: false, verdict: verdict,
                               history: history)
        s.pauseReason = .converged
        s.certificate = certificate
        s.bestKnown = KnownPoint(loss: 0.165641045060716, source: "best-found", params: nil)
        s.maskChanges = [600]
        s.slice = slice
        s.event = event
        return s
    }

    /// Renders a whole screen.
    static func render(_ snapshot: EngineSnapshot = snapshot(), width: Int, height: Int, state: UIState = UIState(),
                       theme: Theme = .builtinDefault, glyphs: GlyphSet = .unicode, reviveRule: String = "") -> CellBuffer {
        var buf = CellBuffer(width: width, height: height)
        ExplorerScreen.render(snapshot: snapshot, state: state, theme: theme, glyphs: glyphs, into: &buf, reviveRule: reviveRule)
        return buf
    }
}
