import Foundation
import SparseScapeCore

extension ExplorerEngine {
    /// The exporter of this engine's snapshots.
    var exporter: SnapshotExporter { SnapshotExporter(config: shared.config, directionSeed: shared.directionSeed) }

    /// Writes the current slice as `sparsescape-slice-YYYYMMDD-HHMMSS.csv` (alpha,beta,loss) plus its `.json` sidecar.
    public func exportSlice(directory: String) throws -> String {
        try exportLock.withLock { _ in try exporter.exportSlice(latestSnapshot(), directory: directory) }
    }

    /// Writes the loss history as `sparsescape-history-YYYYMMDD-HHMMSS.csv` (iteration,loss,gradient_norm).
    public func exportHistory(directory: String) throws -> String {
        try exportLock.withLock { _ in try exporter.exportHistory(latestSnapshot(), directory: directory) }
    }

    /// Writes the current point as `sparsescape-point-YYYYMMDD-HHMMSS.json` (a point file, with notes), and for a
    /// network with a torch layout (imported from a checkpoint) also as `….safetensors` in that layout.
    public func savePoint(directory: String) throws -> String {
        try exportLock.withLock { _ in try exporter.savePoint(latestSnapshot(), directory: directory) }
    }
}

/// Writes what a snapshot shows to files under fresh timestamped names (deterministic: a function of the snapshot).
struct SnapshotExporter {
    /// The network as loaded (for the data fingerprint).
    let config: NetworkConfig
    /// The seed of the slices' random directions.
    let directionSeed: UInt64

    /// Writes the snapshot's slice as CSV + JSON sidecar; returns the CSV path.
    func exportSlice(_ snap: EngineSnapshot, directory: String) throws -> String {
        guard let s = snap.slice else { throw SparseScapeError("no slice to export yet (the first slice is still being computed)") }
        let arch = snap.architecture
        guard s.center.count == arch.parameterCount else { throw SparseScapeError("the slice is being recomputed for the new mask; try again") }
        let axis = sliceAxis(span: s.span, count: s.grid)
        let meta = SliceMetadata(
            kind: "plane", tool: "sparsescape \(ToolVersion.string)", config: snap.name,
            networkHash: NetworkFingerprint.of(arch, config.dataset), widths: arch.widths,
            masks: (0..<arch.depth).map { arch.maskRows($0) }, center: s.center, direction1: s.d1, direction2: s.d2,
            directions: s.directions, orthogonalized: true, span: s.span, range: nil, grid: s.grid, seed: directionSeed,
            lossRange: [s.values.min() ?? 0, s.values.max() ?? 0], monotone: nil, barrierHeight: nil)
        let path = try ExportNaming.freshPath(directory: directory, kind: "slice", ext: "csv", sidecarExt: "json")
        try SliceExport.writePlane(alphas: axis, betas: axis, values: s.values, labels: nil, metadata: meta, to: path)
        return path
    }

    /// Writes the snapshot's loss history (iteration,loss,gradient_norm); returns the path.
    func exportHistory(_ snap: EngineSnapshot, directory: String) throws -> String {
        var text = "iteration,loss,gradient_norm\n"
        text.reserveCapacity(snap.history.count * 50)
        for h in snap.history { text += "\(h.iteration),\(h.loss),\(h.gradientNorm)\n" }
        let path = try ExportNaming.freshPath(directory: directory, kind: "history", ext: "csv", sidecarExt: nil)
        try AtomicFile.write(text, to: path)
        return path
    }

    /// Writes the snapshot's point as a point file with notes, and as a safetensors state dict when the config has a
    /// torch layout; returns the path (and the state dict's, after " + ").
    func savePoint(_ snap: EngineSnapshot, directory: String) throws -> String {
        let arch = snap.architecture
        let extras: [(String, String)] = [
            ("network", JSONText.string(snap.name)),
            ("loss", JSONText.number(snap.loss)),
            ("gradientNorm", JSONText.number(snap.gradientNorm)),
            ("iteration", String(snap.iteration)),
            ("optimizer", JSONText.string(snap.optimizer.rawValue)),
            ("masks", JSONText.nested((0..<arch.depth).map { l in arch.maskRows(l).map { $0.map(String.init) } }, indent: 2)),
        ]
        let torch = config.torch.flatMap { $0.layers.count == arch.depth ? $0 : nil }
        let path = try ExportNaming.freshPath(directory: directory, kind: "point", ext: "json", sidecarExt: torch == nil ? nil : "safetensors")
        guard let torch else {
            try PointFile.write(params: snap.params, to: path, extras: extras)
            return path
        }
        let tensors = String(path.dropLast(".json".count)) + ".safetensors"
        try TorchCheckpoint.write(params: snap.params, architecture: arch, layout: torch, to: tensors, metadata: [
            ("producer", "sparsescape \(ToolVersion.string) explorer"), ("network", snap.name),
            ("loss", JSONText.number(snap.loss)), ("iteration", String(snap.iteration)),
        ])
        try PointFile.write(params: snap.params, to: path, extras: extras)
        return path + " + " + URL(fileURLWithPath: tensors).lastPathComponent
    }
}

/// Timestamped export names that never overwrite: `sparsescape-KIND-YYYYMMDD-HHMMSS.EXT`, then `-2`, `-3`, ….
enum ExportNaming {
    /// A path in `directory` whose file (and sidecar) do not exist yet; throws when the directory does not exist.
    static func freshPath(directory: String, kind: String, ext: String, sidecarExt: String?, date: Date = Date()) throws -> String {
        var dir = directory
        while dir.count > 1 && dir.hasSuffix("/") { dir.removeLast() }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw SparseScapeError("cannot export to \(directory): no such directory")
        }
        guard FileManager.default.isWritableFile(atPath: dir) else {
            throw SparseScapeError("cannot export to \(directory): the directory is not writable")
        }
        let base = (dir == "/" ? "" : dir) + "/sparsescape-\(kind)-\(stamp(date))"
        var n = 1
        while true {
            let stem = n == 1 ? base : "\(base)-\(n)"
            let taken = FileManager.default.fileExists(atPath: "\(stem).\(ext)")
                || sidecarExt.map { FileManager.default.fileExists(atPath: "\(stem).\($0)") } ?? false
            if !taken { return "\(stem).\(ext)" }
            n += 1
        }
    }

    /// Local time as YYYYMMDD-HHMMSS.
    static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: date)
    }
}
