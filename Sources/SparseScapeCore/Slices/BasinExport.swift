/// The basin map's CSV: the plane slice with one more column, the basin of each grid point.
extension SliceExport {
    /// CSV text with header `alpha,beta,loss,basin`, α outer, β inner; `basin` is the id of the point's basin in the
    /// sidecar's `basins`.
    public static func basinPlaneCSV(alphas: [Double], betas: [Double], values: [Double], labels: [Int]) -> String {
        precondition(values.count == alphas.count * betas.count && labels.count == values.count, "one value and one label per grid point")
        var s = planeHeader(labels: true)
        s.reserveCapacity(values.count * 64)
        for i in alphas.indices { s += planeLines(i, alphas: alphas, betas: betas, values: values, labels: labels) }
        return s
    }
}
