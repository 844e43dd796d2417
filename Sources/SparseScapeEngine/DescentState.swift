import SparseScapeCore

/// The optimizer's state: the loss under the current mask, the optimizer and each kind's step size, the point and its
/// gradient (preallocated buffers the optimizer steps in place), the last finite point, the loss, the iteration.
///
/// A class because it owns its buffers (freed in `deinit`); only `ExplorerSession` holds one.
final class DescentState {
    /// The loss under the current mask.
    private(set) var lossFunction: LossFunction
    /// The optimizer stepping the point.
    private(set) var optimizer: any Optimizer
    /// Its kind.
    private(set) var optimizerKind: OptimizerKind
    /// Each kind's step size (kept when cycling through the optimizers).
    private var stepSizes: [OptimizerKind: Double]
    /// Number of free parameters under the current mask.
    private(set) var parameterCount: Int
    /// The current point (`parameterCount` entries, stepped in place).
    private(set) var point: UnsafeMutablePointer<Double>
    /// The gradient at the current point (`parameterCount` entries).
    private(set) var gradient: UnsafeMutablePointer<Double>
    /// Scratch memory of the loss function.
    private var workspace: EvaluationWorkspace
    /// The last point checked finite (restored on divergence).
    private var checkpoint: [Double]
    /// The loss at the current point.
    var loss = 0.0
    /// The loss at the start of the current run (for the explosion rule).
    private var referenceLoss = 0.0
    /// Optimizer iterations (reset by the reset command).
    var iteration = 0
    /// Steps taken in total.
    var stepsTaken = 0

    /// The loss explodes above this factor times (|L0| + 1).
    static let explosionFactor = 1e8

    /// The state at `start` (its count already checked against `lossFunction`), not yet evaluated (`restart()` does).
    ///
    /// - Throws: `SparseScapeError` when the optimizer cannot be used on this loss.
    init(lossFunction: LossFunction, settings: OptimizerSettings, start: [Double]) throws {
        self.lossFunction = lossFunction
        optimizer = try settings.makeOptimizer(for: lossFunction)
        optimizerKind = settings.kind
        var rates: [OptimizerKind: Double] = [:]
        for k in OptimizerKind.allCases { rates[k] = k.defaultLearningRate }
        rates[settings.kind] = settings.learningRate
        stepSizes = rates
        parameterCount = start.count
        point = .allocate(capacity: start.count)
        point.initialize(from: start, count: start.count)
        gradient = .allocate(capacity: start.count)
        gradient.initialize(repeating: 0, count: start.count)
        workspace = lossFunction.makeWorkspace()
        checkpoint = start
    }

    deinit {
        point.deallocate()
        gradient.deallocate()
    }

    /// The current network architecture (widths and masks).
    var architecture: NetworkArchitecture { lossFunction.architecture }
    /// A copy of the current point.
    var currentPoint: [Double] { Array(UnsafeBufferPointer(start: point, count: parameterCount)) }
    /// The step size of the current optimizer.
    var stepSize: Double { stepSizes[optimizerKind] ?? optimizerKind.defaultLearningRate }
    /// The step size `kind` would use.
    func stepSize(of kind: OptimizerKind) -> Double { stepSizes[kind] ?? kind.defaultLearningRate }
    /// ‖∇L‖ at the current point.
    var gradientNorm: Double {
        var g2 = 0.0
        for i in 0..<parameterCount { g2 += gradient[i] * gradient[i] }
        return g2.squareRoot()
    }
    /// ‖θ‖² of the current point.
    var squaredNorm: Double {
        var t2 = 0.0
        for i in 0..<parameterCount { t2 += point[i] * point[i] }
        return t2
    }
    /// The explosion threshold 1e8·(|L0| + 1).
    var explosionLimit: Double { Self.explosionFactor * (abs(referenceLoss) + 1) }

    /// A new run from the current point: loss and gradient evaluated, the explosion reference and the checkpoint
    /// taken here, the optimizer's memory cleared.
    func restart() {
        evaluate()
        referenceLoss = loss
        optimizer.reset()
        saveCheckpoint()
    }

    /// Evaluates the loss and gradient at the current point.
    func evaluate() { loss = lossFunction.evaluate(point, gradient: gradient, workspace: workspace) }

    /// Remembers the current point as the last finite one.
    func saveCheckpoint() {
        checkpoint.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: point, count: parameterCount) }
    }

    /// Back to the last finite point (loss and gradient there, the optimizer's memory cleared).
    func restoreCheckpoint() {
        point.update(from: checkpoint, count: parameterCount)
        evaluate()
        optimizer.reset()
    }

    /// Overwrites the current point (same mask; `new` has `parameterCount` entries), not yet evaluated.
    func move(to new: [Double]) { point.update(from: new, count: parameterCount) }

    /// One optimizer step in place; false when no step decreases the loss.
    func step() -> Bool { optimizer.step(point, loss: &loss, gradient: gradient) }

    /// Switches to another loss function (mask) and point: buffers, workspace, optimizer; returns why the optimizer
    /// fell back to gd, when it had to.
    func install(_ newLoss: LossFunction, point new: [Double]) -> String? {
        let n = newLoss.parameterCount
        if n != parameterCount {
            point.deallocate()
            gradient.deallocate()
            point = .allocate(capacity: max(1, n))
            point.initialize(repeating: 0, count: max(1, n))
            gradient = .allocate(capacity: max(1, n))
            gradient.initialize(repeating: 0, count: max(1, n))
        }
        parameterCount = n
        point.update(from: new, count: n)
        lossFunction = newLoss
        workspace = newLoss.makeWorkspace()
        checkpoint = new
        return rebuildOptimizer()
    }

    /// Sets the current optimizer's step size (clamped to 1e-8…1e3) and rebuilds it; returns why it fell back to gd.
    func setStepSize(_ rate: Double) -> String? {
        stepSizes[optimizerKind] = min(max(rate, 1e-8), 1e3)
        return rebuildOptimizer()
    }

    /// Rebuilds the optimizer for the current loss, kind and step size (gd when the kind does not apply); returns
    /// why it fell back to gd, when it did.
    private func rebuildOptimizer() -> String? {
        do {
            optimizer = try OptimizerSettings(kind: optimizerKind, learningRate: stepSize).makeOptimizer(for: lossFunction)
            return nil
        } catch {
            let why = (error as? SparseScapeError)?.message ?? "\(error)"
            optimizerKind = .gd
            if let gd = try? OptimizerSettings(kind: .gd, learningRate: stepSize).makeOptimizer(for: lossFunction) { optimizer = gd }
            return why
        }
    }

    /// Switches to the first kind after the current one in `cycle` that applies to this loss; nil when none does.
    func cycleOptimizer(through cycle: [OptimizerKind]) -> OptimizerKind? {
        var index = cycle.firstIndex(of: optimizerKind) ?? 0
        for _ in 0..<cycle.count {
            index = (index + 1) % cycle.count
            let candidate = cycle[index]
            if let opt = try? OptimizerSettings(kind: candidate, learningRate: stepSize(of: candidate)).makeOptimizer(for: lossFunction) {
                optimizer = opt
                optimizerKind = candidate
                return candidate
            }
        }
        return nil
    }
}
