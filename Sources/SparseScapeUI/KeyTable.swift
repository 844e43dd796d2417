import SparseScapeEngine

/// One row of the key table: the keys, what they do, and how the help and the key line name them.
public struct KeyEntry: Sendable {
    /// The keys that trigger the action.
    public var keys: [KeyInput]
    /// How the help names the keys ("t, Enter").
    public var label: String
    /// The action.
    public var action: KeyAction
    /// What it does, in a sentence fragment.
    public var description: String
    /// A short form (≤ 22 characters) for two-column help on short screens.
    public var short: String
    /// The key line's words for it (nil: not on the key line), in order of importance.
    public var keyLine: (key: String, action: String)?
}

/// The one key table: key handling, the help overlay and the key line are all derived from it.
///
/// Selection moves with the arrows or h j k l (htop/vi habits).
public enum KeyTable {
    /// Every key, in the order the help lists them.
    public static let entries: [KeyEntry] = [
        entry([" "], "space", .command(.toggleRunning), "run / pause the optimizer", "run / pause", ("space", "run/pause")),
        entry(["n"], "n", .command(.step), "one optimizer step (when paused or converged)", "one step", ("n", "step")),
        entry([">", "."], "> / <", .command(.changeSpeed(1)), "faster / slower descent (steps per second, up to unlimited)", "faster / slower", (">/<", "speed")),
        entry(["<", ","], nil, .command(.changeSpeed(-1)), "", "", nil),
        KeyEntry(keys: [.enter, .character("t")], label: "t, Enter", action: .toggleSelectedEdge,
                 description: "prune / revive the selected edge", short: "prune / revive edge", keyLine: ("t", "toggle")),
        entry(["u"], "u", .command(.undoToggle), "undo the last toggle (mask and point as before it)", "undo toggle", ("u", "undo")),
        entry(["m"], "m / M", .command(.pruneSmallest), "magnitude pruning: prune the smallest live weights (the fraction in the title; M: 10, 20, 30, 50%) and keep training", "magnitude prune / %", ("m", "prune")),
        entry(["M"], nil, .command(.cyclePruneFraction), "", "", nil),
        entry(["v"], "v", .command(.reviveBestHint), "revive the pruned edge that opens a way down (regrow hint)", "revive hinted edge", ("v", "revive hint")),
        KeyEntry(keys: [.up, .character("k")], label: "arrows, h j k l", action: .move(rows: -1, cols: 0),
                 description: "select an edge: up/down = row, left/right = column", short: "move the selection", keyLine: ("arrows", "select")),
        KeyEntry(keys: [.down, .character("j")], label: "", action: .move(rows: 1, cols: 0), description: "", short: "", keyLine: nil),
        KeyEntry(keys: [.left, .character("h")], label: "", action: .move(rows: 0, cols: -1), description: "", short: "", keyLine: nil),
        KeyEntry(keys: [.right, .character("l")], label: "", action: .move(rows: 0, cols: 1), description: "", short: "", keyLine: nil),
        KeyEntry(keys: [.tab], label: "Tab", action: .nextLayer, description: "select in the next layer", short: "next layer", keyLine: ("Tab", "layer")),
        entry(["r"], "r", .command(.reset), "reset to the start point and the config's masks", "reset to the start", ("r", "reset")),
        entry(["R"], "R", .command(.randomRestart), "random restart (seeded)", "random restart", ("R", "restart")),
        entry(["p"], "p", .command(.perturb), "perturb the current point (small Gaussian noise)", "perturb the point", ("p", "perturb")),
        entry(["+", "="], "+ / -", .command(.scaleStepSize(2)), "double / halve the step size", "step size ×2 / ÷2", ("+/-", "step")),
        entry(["-", "_"], nil, .command(.scaleStepSize(0.5)), "", "", nil),
        entry(["o"], "o", .command(.cycleOptimizer), "next optimizer: " + ExplorerEngine.optimizerCycle.map(\.rawValue).joined(separator: ", "), "next optimizer", ("o", "optimizer")),
        entry(["g"], "g", .command(.jumpToBest), "jump to the best-known point", "jump to best point", ("g", "best")),
        entry(["S"], "S", .command(.runSearch), "multi-start search in the background (adopts its best point)", "multi-start search", ("S", "search")),
        entry(["P"], "P", .command(.computePath), "minimum-energy path to the best known minimum (background; drawn on the slice)", "path to the best", ("P", "path")),
        entry(["d"], "d", .command(.cycleDirections), "next slice directions: " + SliceDirectionMode.allCases.map(\.name).joined(separator: ", "), "slice directions", ("d", "directions")),
        entry(["f"], "f", .command(.toggleFollow), "slice follows the current point / frozen plane", "follow / freeze", ("f", "follow")),
        entry(["b"], "b", .command(.toggleBasins), "basin mode: freeze the plane and colour it by the minimum descent reaches from each point (background)", "basins on / off", ("b", "basins")),
        entry(["z"], "z / Z", .command(.zoomSlice(1)), "zoom the slice in / out (half / double the span)", "slice zoom in / out", ("z/Z", "zoom")),
        entry(["Z"], nil, .command(.zoomSlice(-1)), "", "", nil),
        entry(["]"], "] / [", .command(.refineSlice(1)), "finer / coarser slice grid", "finer / coarser grid", ("]/[", "grid")),
        entry(["["], nil, .command(.refineSlice(-1)), "", "", nil),
        entry(["L"], "L", .toggleLogScale, "slice colours: linear / log scale", "linear / log colours", ("L", "log")),
        entry(["x"], "x", .cycleLossAxis, "loss chart's iteration axis: log, linear, recent window", "loss axis", ("x", "axis")),
        entry(["e"], "e", .exportSlice, "export the slice (CSV + JSON) to the output directory", "export the slice", ("e/E", "export")),
        entry(["E"], "E", .exportHistory, "export the loss history (CSV, downsampled: early steps and mask changes kept)", "export the history", nil),
        entry(["s"], "s", .savePoint, "save the current point (point file; also .safetensors for a PyTorch checkpoint's network)", "save the point", ("s", "save")),
        entry(["i"], "i", .toggleLog, "message log: every message with its time, whole (arrows scroll, Esc closes)", "message log", ("i", "log")),
        KeyEntry(keys: [.character("?")], label: "?", action: .toggleHelp, description: "show / hide this help", short: "help on / off", keyLine: nil),
        KeyEntry(keys: [.escape], label: "Esc", action: .dismiss, description: "close the help or the log, clear the message", short: "close / clear", keyLine: nil),
        KeyEntry(keys: [.character("q"), .ctrlC], label: "q, Ctrl-C", action: .quit, description: "quit", short: "quit", keyLine: nil),
    ]

    /// The entries the help lists (one per labelled row).
    public static var helpEntries: [KeyEntry] { entries.filter { !$0.label.isEmpty } }

    /// The action of a key, or nil when the key does nothing.
    public static func action(for key: KeyInput) -> KeyAction? {
        var k = key
        switch key {
        case .character("\t"): k = .tab
        case .character("\r"), .character("\n"): k = .enter
        case .character("\u{3}"): k = .ctrlC
        default: break
        }
        return entries.first(where: { $0.keys.contains(k) })?.action
    }

    /// The key that sends `command` (its first binding, e.g. "o" for the next optimizer); events and hints name keys
    /// through it so that they follow the table.
    public static func key(for command: EngineCommand) -> String {
        guard let entry = entries.first(where: { $0.action == .command(command) }), let first = entry.keys.first else { return "?" }
        if case .character(let c) = first { return c == " " ? "space" : String(c) }
        return entry.label
    }

    private static func entry(_ chars: [Character], _ label: String?, _ action: KeyAction, _ description: String, _ short: String,
                              _ keyLine: (key: String, action: String)?) -> KeyEntry {
        KeyEntry(keys: chars.map { .character($0) }, label: label ?? "", action: action, description: description, short: short,
                 keyLine: keyLine)
    }
}
