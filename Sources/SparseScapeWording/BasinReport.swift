import SparseScapeCore

/// Renders a basin map for people: one line per basin.
public enum BasinReport {
    /// A table of the basins with their share of the grid, and the settings that made them.
    public static func text(_ grid: BasinGrid, settings: BasinSettings) -> String {
        typealias N = NumberFormat
        let total = grid.labels.count
        let how = "\(settings.optimizer.kind.rawValue), \(settings.maxSteps) steps" + (settings.polish ? ", Newton polish" : ", no polish")
        var lines = ["basins of attraction (\(how)): \(Plural.count(grid.basins.count, "basin")) over \(Plural.count(total, "grid point"))"]
        lines.append(N.pad("basin", 7) + N.pad("kind", 13) + N.pad("loss", 24) + N.pad("classification", 16) + N.pad("points", 16) + "verdict")
        for b in grid.basins {
            let loss: String
            switch b.kind {
            case .minimum, .saddle: loss = b.loss.map { N.g($0, 16) } ?? "-"
            case .valley: loss = "→ " + (b.valleyLimit.map { N.g($0, 10) } ?? "?")
            case .unconverged, .diverged: loss = "-"
            }
            let verdict: String
            switch b.kind {
            case .minimum:
                verdict = b.classification == .globalMinimum ? "global (proven)" : (b.spurious == true ? "spurious" : "minimum")
            case .saddle: verdict = b.classification == .degenerate ? "degenerate critical point" : "saddle"
            case .valley: verdict = "valley at infinity (lowest reached \(b.loss.map { N.g($0, 10) } ?? "?"))"
            case .unconverged: verdict = "no critical point within the budget"
            case .diverged: verdict = "the loss exploded"
            }
            let share = "\(b.count) (\(N.g(100 * Double(b.count) / Double(max(total, 1)), 3))%)"
            lines.append(N.pad("\(b.id)", 7) + N.pad(b.kind.rawValue, 13) + N.pad(loss, 24)
                         + N.pad(b.classification?.rawValue ?? "-", 16) + N.pad(share, 16) + verdict)
        }
        return lines.joined(separator: "\n")
    }

    /// A basin's short name for legends: "L 8 spurious", "L 0.1656 global", "L 1.2 saddle", "valley → 8.5", "unconverged".
    public static func legendName(_ b: Basin) -> String {
        switch b.kind {
        case .minimum:
            let kind = b.classification == .globalMinimum ? " global" : (b.spurious == true ? " spurious" : "")
            return "L " + (b.loss.map { NumberFormat.human($0, 4) } ?? "?") + kind
        case .saddle: return "L " + (b.loss.map { NumberFormat.human($0, 4) } ?? "?") + " saddle"
        case .valley: return "valley → " + (b.valleyLimit.map { NumberFormat.g($0, 4) } ?? "?")
        case .unconverged: return "unconverged"
        case .diverged: return "diverged"
        }
    }
}
