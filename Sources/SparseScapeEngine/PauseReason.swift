/// Why the optimizer is not stepping.
public enum PauseReason: Equatable, Sendable {
    /// The user paused it (space).
    case user
    /// The run converged (a certified critical point, or no step makes progress); it resumes when something changes.
    case converged
    /// It diverged or escaped and was stopped.
    case failure
}
