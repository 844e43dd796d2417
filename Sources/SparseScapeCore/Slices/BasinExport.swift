/// The basin map's CSV: the plane slice with one more column, the basin of each grid point.
extension SliceExport {
    /// CSV text with header `alpha,beta,loss,basin`, α outer, β inner; `basin` is the id of the point's basin in the
    /// sidecar's `basins`.
    public static func basinPlaneCSV(alphas: [Double], betas: [Double], values: [Double], labels: [Int]) -> String {
        precondition(values.count == alphas.count * betas.count && labels.count == values.count, "one value and one label per grid point")
        var s = "alpha,beta,loss,basin\n"
        s.reserveCapacity(values.count * 64)
        for (i, a) in alphas.enumerated() {
            let ta = "\(a)"
            for (j, b) in betas.enumerated() {
                let k = i * betas.count + j
                s += ta; s += ","; s += "\(b)"; s += ","; s += "\(values[k])"; s += ","; s += "\(labels[k])"; s += "\n"
            }
        }
        return s
    }
}
