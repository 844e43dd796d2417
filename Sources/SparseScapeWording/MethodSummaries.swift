import SparseScapeCore

/// One line saying what an optimizer does, in the CLI's terms (its step-size flag).
extension OptimizerKind {
    /// One line saying what the optimizer does.
    public var summary: String {
        switch self {
        case .gd: return "gradient descent with a fixed step --lr"
        case .armijo: return "gradient descent with Armijo backtracking (first trial step --lr, halved until sufficient decrease)"
        case .momentum: return "heavy-ball momentum (step --lr, momentum 0.9)"
        case .adam: return "Adam (step --lr, beta1 0.9, beta2 0.999)"
        case .bcd: return "exact block-coordinate descent: each hidden neuron's best rank-1 fit in turn (two layers, dense second layer; --lr unused)"
        case .newton: return "trust-region Newton on the exact Hessian, nodes balanced, exact subproblem (Steihaug-CG above 600 weights); --lr is the first trust radius relative to max(1, |theta|)"
        case .lbfgs: return "limited-memory BFGS (10 pairs) with a strong-Wolfe line search; --lr scales the first trial step"
        case .lm: return "Levenberg-Marquardt on the residual with Marquardt's scaling and geodesic acceleration, nodes balanced (Cholesky up to 2500 weights, preconditioned CG above); --lr is the first damping"
        }
    }
}

/// One line saying what a pruning method does, in the CLI's terms (its flags).
extension PruningMethod {
    /// One line for help texts.
    public var summary: String {
        switch self {
        case .magnitude: return "the smallest |w| of the trained network, then trained on from the pruned trained point"
        case .random: return "a seeded random choice, trained from the start point"
        case .snip: return "the smallest |∂L/∂w · w| at the start point (SNIP), trained from the start point"
        case .imp: return "iterative magnitude pruning: train, prune --rate of the remaining weights, rewind to the start (or step k), repeat --levels times"
        }
    }
}
