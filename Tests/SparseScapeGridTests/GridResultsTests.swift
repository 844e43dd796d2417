import Foundation
import Testing
import SparseScapeCore
@testable import SparseScapeGrid

/// Tasks run for real on theorem5 (milliseconds each): records written and read back, resumability, the summary's
/// statistics against the records, the figure's bands and markers, and the Slurm scripts.
@Suite struct GridResultsTests {
    static func plan(_ extra: String = "") throws -> GridPlan {
        try GridPlan(file: try GridPlanTests.plan(GridPlanTests.small + extra))
    }

    /// Runs every task of `plan` into its results folder.
    static func runAll(_ plan: GridPlan) throws -> GridResults {
        let results = GridResults(plan: plan)
        try results.prepare()
        for t in plan.tasks { try GridRunner.runAndRecord(t, in: results) }
        return results
    }

    @Test func recordsAreDeterministicAndReadBack() throws {
        let plan = try Self.plan()
        let results = try Self.runAll(plan)
        let statuses = try results.statuses()
        let records = statuses.compactMap { s -> GridRecord? in if case .done(let r) = s { return r }; return nil }
        #expect(records.count == plan.tasks.count)
        // The same task run again gives the same record but for the timings.
        var again = try GridRunner.run(plan.tasks[5], of: plan)
        var first = records[5]
        again.seconds = 0; first.seconds = 0
        for k in again.levels.indices { again.levels[k].seconds = 0; first.levels[k].seconds = 0 }
        #expect(again == first)
        #expect(first.task == 6 && first.method == .random && first.targetSparsity == 0.25 && first.seed == 1)
        #expect(first.levels.map(\.level) == [0, 1])
        // imp's task has its 2 levels after level 0, each sparser.
        let imp = records[8]
        #expect(imp.levels.map(\.level) == [0, 1, 2] && imp.targetSparsity == nil)
        #expect(imp.levels[1].sparsity > 0 && imp.levels[2].sparsity > imp.levels[1].sparsity)
        #expect(FileManager.default.fileExists(atPath: results.recordPath(1)) && results.recordPath(10).hasSuffix("tasks/task-10.json"))
        #expect(results.recordPath(3).hasSuffix("tasks/task-03.json"))
    }

    @Test func resultsOfAnotherPlanAreRefused() throws {
        let plan = try Self.plan()
        let results = try Self.runAll(plan)
        let changed = try GridPlan(file: try GridPlanTests.plan(GridPlanTests.small.replacingOccurrences(of: "restarts = 2", with: "restarts = 1")),
                                   output: plan.output)
        #expect(GridPlanTests.message { try GridResults(plan: changed).statuses() }
                == "'\(results.recordPath(1))' is a result of grid '\(plan.gridId)', not of this plan (\(changed.gridId)): the plan, a network's data or the tool changed since; give another output folder (--out) or remove the old results")
    }

    @Test func aFailureIsReplacedByTheRecordOfARerun() throws {
        let plan = try Self.plan()
        let results = GridResults(plan: plan)
        try results.prepare()
        try results.write(GridFailure(grid: plan.gridId, task: 2, error: "node lost", tool: ToolVersion.string))
        #expect(try results.status(of: 2) == .failed(GridFailure(grid: plan.gridId, task: 2, error: "node lost", tool: ToolVersion.string)))
        #expect(try results.status(of: 1) == .missing)
        let status = try GridRunner.runAndRecord(plan.tasks[1], in: results)
        guard case .done = status else { Issue.record("task 2 did not run: \(status)"); return }
        #expect(!FileManager.default.fileExists(atPath: results.failurePath(2)))
        if case .done = try results.status(of: 2) {} else { Issue.record("task 2 is not done") }
    }

    @Test func summaryStatisticsAreThoseOfTheRecords() throws {
        let plan = try Self.plan()
        let results = try Self.runAll(plan)
        let statuses = try results.statuses()
        let records = statuses.compactMap { s -> GridRecord? in if case .done(let r) = s { return r }; return nil }
        let summary = GridSummary(plan: plan, statuses: statuses)
        #expect(summary.isComplete && summary.done == 10 && summary.missing.isEmpty)
        // Cells: magnitude and random have 0%, 25%, 50%; imp has levels 0, 1, 2.
        #expect(summary.cells.map { "\($0.method.rawValue) \($0.level) \($0.targetSparsity.map { "\($0)" } ?? "-")" } == [
            "magnitude 0 0.0", "magnitude 1 0.25", "magnitude 1 0.5", "random 0 0.0", "random 1 0.25", "random 1 0.5", "imp 0 -", "imp 1 -", "imp 2 -",
        ])
        for cell in summary.cells {
            let levels = records.filter { $0.method == cell.method && (cell.level == 0 || cell.targetSparsity == nil || $0.targetSparsity == cell.targetSparsity) }
                .compactMap { r in r.levels.first { $0.level == cell.level }.map { (r.seed, $0) } }
            // Level 0 is one run per seed (every task of a seed trains the same start); the first task's is kept.
            var seen = Set<UInt64>()
            let chosen = levels.filter { seen.insert($0.0).inserted }.map(\.1)
            let losses = chosen.compactMap(\.loss)
            #expect(cell.seeds == 2 && losses.count == 2, "\(cell.method) \(cell.level)")
            let mean = (losses[0] + losses[1]) / 2
            #expect(cell.loss?.mean == mean)
            #expect(cell.loss?.min == losses.min() && cell.loss?.max == losses.max())
            #expect(abs((cell.loss?.sd ?? -1) - abs(losses[0] - losses[1]) / 2.0.squareRoot()) <= 1e-15 * max(1, mean))
            #expect(cell.verdicts.reduce(0, +) == 2)
            #expect(cell.certifiedMinima == chosen.filter { GridSummary.certified.contains($0.verdict) }.count)
        }
        let csv = summary.csv().split(separator: "\n")
        #expect(csv.count == 1 + summary.cells.count)
        #expect(csv[0].hasPrefix("network,method,level,target_sparsity,sparsity,seeds,loss_mean,loss_sd,loss_min,loss_max,gap_mean"))
        #expect(csv[2].hasPrefix("theorem5,magnitude,1,0.25,0.25,2,\(JSONText.number(summary.cells[1].loss!.mean)),"))
    }

    @Test func statsOfKnownValues() throws {
        let s = try #require(GridSummary.Stats([1, 2, 3, 4]))
        #expect(s.count == 4 && s.mean == 2.5 && s.min == 1 && s.max == 4)
        #expect(s.sd == (5.0 / 3).squareRoot())
        #expect(GridSummary.Stats([7])?.sd == 0)
        #expect(GridSummary.Stats([]) == nil)
    }

    @Test func aMissingTaskIsNamedAndTheFigureIsMarkedIncomplete() throws {
        let plan = try Self.plan()
        let results = try Self.runAll(plan)
        try FileManager.default.removeItem(atPath: results.recordPath(4))
        let summary = GridSummary(plan: plan, statuses: try results.statuses())
        #expect(!summary.isComplete && summary.missing == [4] && summary.done == 9)
        // The 50% magnitude cell now has one seed.
        #expect(summary.cells.first { $0.method == .magnitude && $0.targetSparsity == 0.5 }?.seeds == 1)
        let svg = GridFigure.make(summary, plan: plan, quantity: .loss).document().render()
        #expect(svg.contains("INCOMPLETE: 9 of 10 tasks"))
    }

    @Test func figureHasOneBandPerMethodAndAMarkerPerCell() throws {
        let plan = try Self.plan()
        let summary = GridSummary(plan: plan, statuses: try Self.runAll(plan).statuses())
        let svg = GridFigure.make(summary, plan: plan, quantity: .loss).document().render()
        #expect(svg.components(separatedBy: "class=\"band\"").count - 1 == 3)
        #expect(svg.components(separatedBy: "class=\"mean\"").count - 1 == 3)
        let certified = svg.components(separatedBy: "class=\"certified\"").count - 1
        let open = svg.components(separatedBy: "class=\"uncertified\"").count - 1
        #expect(certified + open == summary.cells.count)
        #expect(certified == summary.cells.filter { $0.certifiedMinima == $0.seeds }.count)
        #expect(svg.contains("dense optimum L* = \(NumberFormat.g(summary.denseOptima["theorem5"]!, 6))"))
        let gap = GridFigure.make(summary, plan: plan, quantity: .gap).document().render()
        #expect(gap.contains("L − L*dense"))
    }

    @Test func slurmScriptsRunEveryTaskByNumber() throws {
        let plan = try Self.plan("\n[slurm]\ntime = \"00:05:00\"\npartition = \"short\"\nsbatch = [\"--mem=1G\"]\n")
        let s = GridSlurmScripts(plan: plan)
        #expect(s.array.contains("#SBATCH --array=1-10\n"))
        #expect(s.array.contains("#SBATCH --time=00:05:00\n#SBATCH --partition=short\n#SBATCH --mem=1G\n#SBATCH --requeue\n"))
        let planPath = URL(fileURLWithPath: plan.file).standardizedFileURL.path
        #expect(s.array.contains("\"${SPARSESCAPE:-sparsescape}\" grid \(planPath) --out \(plan.output) --task \"$SLURM_ARRAY_TASK_ID\"\n"))
        #expect(s.merge.contains("grid-merge \(planPath) --out \(plan.output) --csv \(plan.output)/summary.csv --plot \(plan.output)/figure.svg > \(plan.output)/summary.txt"))
        #expect(GridSlurmScripts.quote("/a b/it's") == "'/a b/it'\\''s'")
        #expect(GridFormat.ranges([9, 1, 2, 3, 7, 10]) == "1-3,7,9-10")
        #expect(try GridFormat.parseRanges("3,7,10-12", count: 12) == [3, 7, 10, 11, 12])
        #expect(GridPlanTests.message { try GridFormat.parseRanges("3,13", count: 12) } == "task 13 is out of range: the grid has tasks 1-12")
    }
}
