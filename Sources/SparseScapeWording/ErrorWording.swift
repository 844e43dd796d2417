import SparseScapeCore

/// Words a Core error for the command line: the setting at fault by its flag, and the remedy in the CLI's terms.
public enum ErrorWording {
    /// The flag that gives `setting`.
    public static func flag(_ setting: UserSetting) -> String {
        switch setting {
        case .tolerance: return "--tol"
        default: return "--" + setting.rawValue
        }
    }

    /// The error in one line, as the CLI prints it.
    public static func text(_ e: SparseScapeError) -> String {
        let problem = e.setting.map { "\(flag($0)) \(e.problem)" } ?? e.problem
        return problem + (e.remedy.map(remedy) ?? "")
    }

    /// The remedy's tail, with its separator.
    static func remedy(_ r: Remedy) -> String {
        switch r {
        case .sampleMasks: return "; use --sample N to draw N random masks"
        case .reduceSpan: return "; reduce --span"
        case .nameLayerOrder(let names): return "; give it with --layers, e.g. --layers \(names.joined(separator: ","))"
        case .useFileWrittenBy(.trainingTrajectory): return " (as train --trajectory writes)"
        case .useFileWrittenBy(.pathExport): return " (as written by `path --out`)"
        }
    }
}
