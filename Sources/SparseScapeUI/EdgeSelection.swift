import SparseScapeCore

/// The selected weight: layer (0-based, W[layer+1] in the paper), row (input node) and column (output node).
public typealias EdgeSelection = EdgePosition
