import Dispatch
import Foundation
import SparseScapeCore

/// Runs an `ExplorerSession` on the optimizer thread: applies queued commands, paces the steps, hands analyses and
/// background jobs to their threads, merges their results and publishes snapshots. Waits without a timeout (no CPU)
/// when there is nothing to do.
struct SessionRunner {
    /// Seconds between snapshots while stepping.
    static let publishInterval = 1.0 / 60
    /// Seconds between checks whether to ask for a new slice while stepping.
    static let analysisInterval = 0.2
    /// Largest number of steps between clock readings when unlimited.
    static let maximumBurst = 1024

    let session: ExplorerSession
    let shared: EngineShared
    /// Signalled once the first snapshot is published.
    let started: DispatchSemaphore

    /// Monotonic seconds.
    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) * 1e-9 }

    /// Loops until `stop()`.
    func run() {
        BLASThreads.holdingSingle { loop() }
    }

    /// The loop itself (OpenBLAS held at one thread: the analysis and job threads run beside it).
    private func loop() {
        var version = 0
        var lastPublish = -1.0, lastAnalysis = -1.0
        var allowance = 0.0, lastTick = Self.now()
        var burst = 1
        var rateStart = lastTick, rateSteps = 0, stepsPerSecond = 0.0, stepsTaken = 0
        var dirty = true
        func publish(_ t: Double) {
            version += 1
            var snap = session.snapshot(version: version, stepsPerSecond: session.wantsSteps ? stepsPerSecond : 0)
            shared.snapshot.withLock { swap(&$0, &snap) }
            lastPublish = t
            dirty = false
        }
        publish(Self.now())
        started.signal()
        while !shared.stopping {
            var changed = false
            if shared.commandsPending.load(ordering: .acquiring) {
                let list = shared.commands.withLock { q -> [EngineCommand] in
                    defer { q.removeAll(); shared.commandsPending.store(false, ordering: .releasing) }
                    return q
                }
                for c in list { session.apply(c) }
                changed = true
            }
            if shared.resultsPending.load(ordering: .acquiring) {
                shared.resultsPending.store(false, ordering: .releasing)
                for r in shared.analysisResults.withLock({ r -> [AnalysisResult] in defer { r.removeAll() }; return r }) { session.merge(r) }
                for r in shared.backgroundResults.withLock({ r -> [BackgroundResult] in defer { r.removeAll() }; return r }) { session.merge(r) }
                changed = true
            }
            shared.generation.store(session.generation, ordering: .releasing)
            for job in session.takeJobs() { startJob(job) }
            var t = Self.now()
            if changed || t - lastAnalysis >= Self.analysisInterval || !session.wantsSteps {
                lastAnalysis = t
                if let request = session.nextAnalysis() {
                    shared.analysisRequest.withLock { $0 = request }
                    shared.analysisWake.signal()
                }
            }
            if changed { dirty = true }
            if session.wantsSteps {
                let interrupt = { shared.commandsPending.load(ordering: .relaxed) || shared.stopping }
                var taken = 0
                if let rate = session.speed.stepsPerSecond {
                    allowance = min(allowance + (t - lastTick) * rate, max(1, rate / 20))
                    lastTick = t
                    if allowance >= 1 {
                        taken = session.advance(maxSteps: Int(allowance), interrupt: interrupt)
                        allowance -= Double(max(taken, 1))
                    } else {
                        let wait = min(0.05, (1 - allowance) / rate)
                        _ = shared.optimizerWake.wait(timeout: .now() + .nanoseconds(Int(wait * 1e9)))
                    }
                } else {
                    let start = t
                    taken = session.advance(maxSteps: burst, interrupt: interrupt)
                    t = Self.now()
                    let elapsed = t - start
                    if elapsed < 0.0005 && burst < Self.maximumBurst { burst *= 2 } else if elapsed > 0.004 && burst > 1 { burst /= 2 }
                    allowance = 0
                    lastTick = t
                }
                if taken > 0 { dirty = true; stepsTaken += taken }
                t = Self.now()
                if t - rateStart >= 1 {
                    stepsPerSecond = Double(stepsTaken - rateSteps) / (t - rateStart)
                    rateStart = t
                    rateSteps = stepsTaken
                }
                if dirty && t - lastPublish >= Self.publishInterval { publish(t) }
            } else {
                if dirty { publish(t) }
                stepsPerSecond = 0
                rateStart = t
                rateSteps = stepsTaken
                // Nothing to step: sleep until a command, a result or stop() wakes the thread (no CPU meanwhile).
                shared.optimizerWake.wait()
                lastTick = Self.now()
            }
        }
    }

    /// Starts a background job on its own thread (joined by `stop()`; cancelled through `stopping`).
    func startJob(_ job: BackgroundJob) {
        let shared = self.shared
        let done = DispatchSemaphore(value: 0)
        shared.jobsDone.withLock { $0.append(done) }
        let thread = Thread {
            let result = BLASThreads.holdingSingle { job.execute(shouldStop: { shared.stopping }) }
            if !shared.stopping { shared.post(result) }
            done.signal()
        }
        thread.name = "SparseScape \(job.kind)"
        thread.start()
    }
}
