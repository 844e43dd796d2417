import SparseScapeCore

/// A point argument (a file or a reference point's label) resolved and checked before any work: a point that is not
/// finite or whose loss overflows there is bad input (exit status 2), whichever command it is given to.
func givenPoint(_ argument: String, option: String, config: NetworkConfig, f: LossFunction) throws -> [Double] {
    let params = try config.resolvePoint(argument)
    try GivenPointCheck.check(f, params, role: "\(option) \(SafeText.quoted(argument))")
    return params
}
