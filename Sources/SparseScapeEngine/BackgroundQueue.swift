/// The background jobs of a session: those asked for but not yet handed to the runner, and the kinds running.
struct BackgroundQueue {
    /// Which kinds are running (or queued).
    private(set) var running = BackgroundWork()
    /// Jobs not yet handed to the runner.
    private var pending: [BackgroundJob] = []

    /// True when a job of `kind` is queued or running.
    func isRunning(_ kind: BackgroundJobKind) -> Bool {
        switch kind {
        case .search: return running.search
        case .path: return running.path
        case .basins: return running.basins
        }
    }

    /// Queues `job` and marks its kind running.
    mutating func enqueue(_ job: BackgroundJob) {
        pending.append(job)
        set(job.kind, true)
    }

    /// The jobs queued since the last call (the runner starts them).
    mutating func take() -> [BackgroundJob] {
        defer { pending.removeAll() }
        return pending
    }

    /// A job of `kind` finished.
    mutating func finished(_ kind: BackgroundJobKind) { set(kind, false) }

    private mutating func set(_ kind: BackgroundJobKind, _ value: Bool) {
        switch kind {
        case .search: running.search = value
        case .path: running.path = value
        case .basins: running.basins = value
        }
    }
}
