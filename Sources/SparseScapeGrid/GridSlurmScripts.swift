import Foundation
import SparseScapeCore

/// The Slurm job scripts of a grid: an array job with one task per grid task, and a merge job to run after it
/// (`sbatch --dependency=afterany:JOBID`), both with absolute paths so they can be submitted from anywhere.
public struct GridSlurmScripts: Sendable {
    /// `OUTPUT/grid.sbatch`'s text.
    public var array: String
    /// `OUTPUT/merge.sbatch`'s text.
    public var merge: String
    /// Their paths.
    public var arrayPath: String, mergePath: String

    /// The scripts of `plan`.
    public init(plan: GridPlan) {
        let planPath = URL(fileURLWithPath: plan.file).standardizedFileURL.path
        let out = plan.output
        arrayPath = out + "/grid.sbatch"
        mergePath = out + "/merge.sbatch"
        let q = Self.quote
        var head = [
            "#SBATCH --cpus-per-task=\(plan.slurm.cpusPerTask)",
            "#SBATCH --time=\(plan.slurm.time)",
        ]
        if let p = plan.slurm.partition { head.append("#SBATCH --partition=\(p)") }
        head += plan.slurm.options.map { "#SBATCH \($0)" }
        let n = plan.tasks.count
        array = """
            #!/bin/bash
            # The grid '\(plan.name)' (\(plan.gridId)) as a Slurm array job: array task K runs grid task K and writes
            # \(out)/tasks/task-K.json (or task-K.failed.json with the error).
            # Written by: sparsescape grid \(planPath) --slurm
            # Submit, with the merge after it (it runs even when some tasks failed, and names them):
            #   jid=$(sbatch --parsable \(arrayPath)) && sbatch --dependency=afterany:$jid \(mergePath)
            # Re-run some tasks only (failed, cancelled; the numbers stay those of the plan):  sbatch --array=3,7 \(arrayPath)
            #SBATCH --job-name=grid-\(Self.jobName(plan.name))
            #SBATCH --array=1-\(n)
            \(head.joined(separator: "\n"))
            #SBATCH --requeue
            #SBATCH --output=\(out)/logs/task-%A_%a.log
            set -euo pipefail
            # SPARSESCAPE: the sparsescape binary (default: the one on PATH)
            "${SPARSESCAPE:-sparsescape}" grid \(q(planPath)) --out \(q(out)) --task "$SLURM_ARRAY_TASK_ID"

            """
        merge = """
            #!/bin/bash
            # Merges the grid '\(plan.name)' once its array job is done:  sbatch --dependency=afterany:JOBID \(mergePath)
            # Writes summary.txt, summary.csv and figure.svg beside it; exit status 3 (the missing or failed tasks named in
            # summary.txt, with the commands that re-run them) when some are not done.
            #SBATCH --job-name=grid-\(Self.jobName(plan.name))-merge
            #SBATCH --cpus-per-task=1
            #SBATCH --time=00:30:00
            #SBATCH --output=\(out)/logs/merge-%j.log
            set -uo pipefail
            "${SPARSESCAPE:-sparsescape}" grid-merge \(q(planPath)) --out \(q(out)) --csv \(q(out + "/summary.csv")) --plot \(q(out + "/figure.svg")) > \(q(out + "/summary.txt"))

            """
    }

    /// A path for the shell, single-quoted when it holds anything but plain characters.
    static func quote(_ s: String) -> String {
        let plain = s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "/._-+,:@".unicodeScalars.contains($0) }
        return plain ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The plan's name as a job name: letters, digits, `-` and `_`.
    static func jobName(_ name: String) -> String {
        String(name.unicodeScalars.map { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" ? Character($0) : "-" }.prefix(40))
    }

    /// Writes both scripts (atomically, executable).
    public func write() throws {
        for (path, text) in [(arrayPath, array), (mergePath, merge)] {
            try AtomicFile.write(text, to: path)
            chmod(path, 0o755)
        }
    }
}
