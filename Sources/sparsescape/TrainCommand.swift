import ArgumentParser
import Foundation
import SparseScapeCore
import SparseScapeFigures
import SparseScapeWording

/// `sparsescape train`.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a network from a start point and report where the optimizer stopped.",
        discussion: """
            The start is --point FILE, else the config's "start", else a Gaussian point drawn with --seed. \
            The optimizer is --optimizer, else the config's, else gd; gd and momentum given no step size (by \
            --lr or the config) take half the inverse of the Hessian's largest |eigenvalue| at the start, so the \
            default follows the data's scale instead of diverging. lm (Levenberg-Marquardt) converges fastest on \
            ill-conditioned data. \
            Training stops when the relative gradient (‖∇L‖ against the size of the terms it is made of, a number \
            free of the data's units) is at most --tol (0 turns it off so exactly --steps steps run), at --rel-tol, \
            or after --steps. A run that stops short of a critical point is then finished as a search run: a Newton \
            polish and, if that does not converge, a continued descent that tells a critical point, a valley at \
            infinity (with its limit) and an unconverged run apart; the verdict is printed. Divergence \
            (non-finite or exploding loss) and escape to infinity (‖θ‖ > --max-norm) are reported as failures with \
            exit status 1, never as results. The parameters are printed for small networks (up to 24 weights); \
            --out FILE writes them.

            --point also takes a PyTorch checkpoint (.safetensors; see 'sparsescape import'), and --out-point \
            FILE.safetensors writes the final point and its masks in the checkpoint's layout (that of --point, else \
            of the imported config, else nn.Sequential's 0.weight, 1.weight, …), float64, for \
            model.load_state_dict(load_file(FILE)).

            --trajectory FILE also saves the path: a CSV with header iteration,loss,p1,…,pn and one row per recorded \
            iterate (log-spaced, 10 per decade: 0, 1, 2, …, 10, 13, 16, 20, …; or every K with --trajectory-every K), \
            always ending with the final point; written atomically, and not on a failure. slice --dirs pca:FILE \
            draws the plane of its first two principal directions.

            Optimizers: \(OptimizerKind.allCases.map { "\($0.rawValue): \($0.summary)" }.joined(separator: "; ")).

            Examples:
              sparsescape train theorem5 --steps 20000 --out stall.json  # stalls at L = 8
              sparsescape train table1-row2 --optimizer bcd --steps 600 --tol 0
              sparsescape train my.json --point start.json --optimizer adam --lr 0.003 \\
                  --json
              # loss and gradient norm, log scales:
              sparsescape train theorem5 --steps 20000 --plot train.svg
              sparsescape train dense-baseline --out end.json --trajectory path.csv
              sparsescape train net.json --point model.safetensors \\
                  --out-point trained.safetensors
            """
    )

    @Argument(help: "A config file or a preset name.") var network: String
    @Option(help: "Start point: a file ({\"params\": [...]}) or a reference point's label.") var point: String?
    @OptionGroup var optimizerOptions: OptimizerOptions
    @Option(parsing: .unconditional, help: "Step budget (sweeps for bcd).") var steps: Int = 10_000
    @Option(parsing: .unconditional, help: "Stop when the relative gradient is at most this (0: off).") var tol: Double = NumericalResolution.criticalGradient
    @Option(name: .customLong("rel-tol"), parsing: .unconditional, help: "Stop when the loss changes by at most this fraction in one step (0: off).") var relTol: Double = 0
    @Option(name: .customLong("max-norm"), parsing: .unconditional, help: "Report escape to infinity when ‖θ‖ exceeds this.") var maxNorm: Double = 1e6
    @Option(parsing: .unconditional, help: "Seed for a random start when there is none.") var seed: Int = 0
    @Option(help: "Write the final point here (atomically).") var out: String?
    @OptionGroup var outPointOption: OutPointOption
    @Option(help: "Write the trajectory here: CSV iteration,loss,p1,…,pn (atomically; for slice --dirs pca:FILE).") var trajectory: String?
    @Option(name: .customLong("trajectory-every"), parsing: .unconditional, help: "Record every K iterations (default: log-spaced, 10 per decade; the final point always).")
    var trajectoryEvery: Int?
    @OptionGroup var output: OutputOptions
    @OptionGroup var plotOption: PlotOption

    func run() throws {
        try CountOption.check(steps, atLeast: 0, "--steps")
        try CountOption.check(trajectoryEvery, atLeast: 1, "--trajectory-every")
        // Every output, declared before any work: two of them naming one file are refused here.
        let outputs = CommandOutputs()
        if let out { try outputs.declare(out, option: "--out") }
        try outPointOption.declare(in: outputs)
        if let trajectory { try outputs.declare(trajectory, option: "--trajectory") }
        if let plot = plotOption.plot { try outputs.declare(plot, option: "--plot") }
        let config = try PresetLibrary.resolve(network)
        let f = try config.lossFunction()
        guard maxNorm.isFinite, maxNorm > 0 else { throw SparseScapeError("--max-norm must be positive and finite") }
        guard tol.isFinite, tol >= 0, tol < 1 else { throw SparseScapeError("--tol must be a relative gradient tolerance in [0, 1), got \(tol)") }
        let rules = try StoppingRules(maxSteps: steps, gradientTolerance: 0, relativeLossTolerance: relTol, maximumParameterNorm: maxNorm,
                                      relativeGradientTolerance: tol)
        let start = try point.map { try givenPoint($0, option: "--point", config: config, f: f) } ?? config.startPoint(seed: try parseSeed(seed))
        if point == nil { try GivenPointCheck.check(f, start, role: config.start != nil ? "the config's start" : "the random start (--seed \(seed))") }
        let settings = try optimizerOptions.settings(config: config, fallback: .gd, f: f, start: start)
        var trace = LossTrace()   // for --plot: loss and gradient norm, log-spaced in the steps
        // --trajectory: the iterates on a schedule (issue 11 §4).
        if trajectoryEvery != nil && trajectory == nil { throw SparseScapeError("--trajectory-every needs --trajectory FILE") }
        let recorder = try trajectory.map { _ in
            try TrajectoryRecorder(dimension: f.parameterCount, schedule: trajectoryEvery.map { .every($0) } ?? .standard)
        }
        // The trajectory is kept in memory until the run ends (no temporary file lies beside it meanwhile): its
        // size, known from the schedule and the step budget, is checked against the memory budget first.
        if let recorder {
            let points = recorder.schedule.pointCount(steps: steps)
            try MemoryBudget.require(Trajectory.memoryNeeded(points: points, dimension: f.parameterCount),
                                     for: "--trajectory (\(points) points of \(f.parameterCount) weights: \(recorder.schedule.summary) for \(steps) steps)")
        }
        let result = try Trainer.train(f, start: start, settings: settings, rules: rules, observer: { step, loss, g, p in
            trace.record(iteration: step, loss: loss, gradientNorm: g)
            recorder?.observe(step, loss, g, p)
        })
        let path = try recorder.flatMap { result.stopReason.isFailure ? nil : try $0.finish(result) }
        // A run that stopped short of a critical point is finished as a search run: the verdict is concluded, not guessed.
        let finished = result.stopReason != .converged && result.stopReason != .diverged && result.stopReason != .cancelled
            ? RunFinisher.finish(f, restart: 0, result: result, judge: try RunJudge(f, criticalTolerance: tol > 0 ? tol : NumericalResolution.criticalGradient))
            : nil
        let finish = finished?.run
        // --out and --out-point hold the finished point when the finish reached a critical point or a lower loss along a
        // valley (what `certify --point` should be given), else the training's end point.
        let finishedPoint = finished.flatMap { f in
            (f.run.outcome == .critical || f.run.outcome == .escaping) && f.run.loss <= result.loss ? (params: f.params, loss: f.run.loss) : nil
        }
        let written = finishedPoint ?? (params: result.params, loss: result.loss)
        // The trajectory, the final point and --plot's figure (loss and gradient norm against the iteration, written
        // for failed runs too: it shows the failure), published together.
        var wroteOutPoint: String? = nil
        try outputs.publish {
            if let path, let trajectory { try path.write(to: trajectory) }
            if !result.stopReason.isFailure, let out {
                try PointFile.write(params: written.params, to: out, extras: [
                    ("loss", JSONText.number(written.loss)), ("config", JSONText.string(config.name)),
                    ("optimizer", JSONText.string(settings.kind.rawValue)), ("steps", String(result.steps)),
                    ("finished", finishedPoint == nil ? "false" : "true"),
                ])
            }
            wroteOutPoint = result.stopReason.isFailure ? nil : try outPointOption.write(
                params: written.params, architecture: f.architecture, config: config, point: point,
                metadata: [("loss", JSONText.number(written.loss)), ("steps", String(result.steps))])
            if let plot = plotOption.plot {
                try TrainingFigure.make(trace: trace, name: config.name, optimizer: settings.kind.rawValue, result: result,
                                        gradientTolerance: tol).document().write(to: plot)
            }
        }
        if output.json {
            struct Out: Encodable {
                var network: String; var optimizer: String; var lr: Double
                var loss: Nullable<Double>; var initialLoss: Double; var gradientNorm: Nullable<Double>; var steps: Int
                var stopReason: String; var relativeGradient: Nullable<Double>; var escaping: Bool; var parameterNorm: Double
                var params: Nullable<[Double]>; var out: Nullable<String>; var finish: Nullable<SearchRun>
                var trajectory: Nullable<String>; var trajectoryPoints: Nullable<Int>; var outPoint: Nullable<String>
            }
            let failed = result.stopReason.isFailure
            print(try JSONText.encode(Out(network: config.name, optimizer: settings.kind.rawValue, lr: settings.learningRate,
                                          loss: Nullable(failed ? nil : result.loss), initialLoss: result.initialLoss,
                                          gradientNorm: Nullable(failed ? nil : result.gradientNorm), steps: result.steps,
                                          stopReason: result.stopReason.rawValue,
                                          relativeGradient: Nullable(failed ? nil : NumericalResolution.relativeGradient(f, at: result.params)),
                                          escaping: result.stopReason == .escaping || finish?.outcome == .escaping,
                                          parameterNorm: result.parameterNorm, params: Nullable(failed ? nil : result.params),
                                          out: Nullable(failed ? nil : out), finish: Nullable(finish),
                                          trajectory: Nullable(path == nil ? nil : trajectory), trajectoryPoints: Nullable(path?.points.count),
                                          outPoint: Nullable(wroteOutPoint == nil ? nil : outPointOption.outPoint))),
                  terminator: "")
        } else {
            print(TrainingReport.text(result, name: config.name, settings: settings, finish: finish,
                                      relativeGradient: NumericalResolution.relativeGradient(f, at: result.params)))
            if !result.stopReason.isFailure, let out {
                print("wrote \(SafeText.escaped(out))" + (finishedPoint == nil ? "" : " (the finished point, L = \(NumberFormat.g(written.loss, 12)))"))
            }
            if let wroteOutPoint { print(wroteOutPoint) }
            if let plot = plotOption.plot { print("wrote \(SafeText.escaped(plot))") }
            if let path, let trajectory, let recorder {
                print("wrote \(SafeText.escaped(trajectory)): \(path.points.count) points (\(recorder.schedule.summary), and the last)")
            }
        }
        if result.stopReason.isFailure {
            throw NumericalFailure(message: "training \(result.stopReason.rawValue) after \(result.steps) steps; no point written")
        }
    }
}
