import ArgumentParser
import Benchmarking
import Experiments
import Foundation
import InputLimits
import Reports
import RunOutputs
import ScenarioFiles

/// `jornada sweep SCENARIO --vary key=v1,v2,…`: a grid of scenario variants × replications, with common
/// random numbers across cells.
struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a grid of scenario variants × replications with common random numbers; compare the cells side by side.",
        discussion: """
            Every cell runs the same replication seeds, so cell differences are paired. Writes manifest.json, \
            units/ (one file per finished cell × replication: a re-run with the same --out resumes and skips \
            them), then sweep.json (each cell's KPIs with 95% intervals and its paired difference from cell 0), \
            kpis.csv, daily.csv, series.json (cell 0's utilisation and routes) and report.html. With --shard i/N only the units u with u mod N = i are run and \
            the folder is a shard: `jornada merge` joins the shards into exactly the files one machine writes.
            """)

    @Argument(help: "The scenario file (YAML).") var scenario: String
    @Option(name: .customLong("vary"), help: ArgumentHelp("An axis of the grid, e.g. regions[0].depots[0].vehicles[0].count=3,4,5 (repeatable).", valueName: "key.path=v1,v2,…"))
    var axes: [String] = []
    @Option(name: .customLong("set"), help: ArgumentHelp("Override a field in every cell (repeatable).", valueName: "key.path=value")) var sets: [String] = []
    @Option(help: "Replications per cell (1...10000).") var replications = 5
    @Option(help: "Override the scenario's seed.") var seed: UInt64?
    @Option(help: "Override the scenario's horizon in days.") var days: Int?
    @Option(name: .customLong("warm-up"), help: "Warm-up days excluded from the KPIs.") var warmUp: Int?
    @Option(help: "Worker threads (default: the active core count).") var jobs: Int?
    @Option(help: ArgumentHelp("Run only one slice of the units, e.g. 0/4 (0-based).", valueName: "i/N")) var shard: String?
    @Option(help: "Output folder; default Results/<scenario>/sweep-<hash>[-shard-i-of-N]/ (a re-run resumes).") var out: String?
    @Flag(help: "No progress lines.") var quiet = false

    func validate() throws {
        if axes.isEmpty { throw ValidationError("a sweep needs at least one --vary key.path=v1,v2,…") }
        if replications < 1 || replications > 10_000 { throw ValidationError("--replications must be in 1...10000, got \(replications)") }
        if let j = jobs, j < 1 || j > 1_024 { throw ValidationError("--jobs must be in 1...1024, got \(j)") }
        if let s = shard, Shard(parsing: s) == nil { throw ValidationError("--shard must be i/N with 0 ≤ i < N ≤ 10000, got '\(s)'") }
    }

    /// The sweep's cells as loaded scenarios, with the manifest. - Throws: `ScenarioError` naming the cell.
    static func plan(_ scenario: String, axes: [String], sets: [String], seed: UInt64?, days: Int?, warmUp: Int?, replications: Int)
        throws -> (base: LoadedScenario, cells: [LoadedScenario], manifest: SweepManifest)
    {
        let base = try ExperimentOptions.load(scenario, seed: seed, days: days, warmUp: warmUp, sets: sets)
        let parsed = try axes.map { text throws(ScenarioError) in try SweepAxis(parsing: text) }
        for (i, a) in parsed.enumerated() where parsed[..<i].contains(where: { $0.path == a.path }) {
            throw ScenarioError(file: "--vary", line: 0, field: a.path, message: "the path is varied twice")
        }
        let grid = ScenarioFile.grid(parsed)
        guard grid.count <= 10_000 else { throw ScenarioError(file: "--vary", line: 0, field: "", message: "the grid has \(grid.count) cells; at most 10000") }
        let cells = try grid.map { overrides throws(ScenarioError) in try ScenarioFile.applying(overrides, to: base.scenario, option: "--vary") }
        let manifest = SweepManifest(version: JornadaVersion.current, header: ExperimentOptions.header(base), sets: sets,
                                     axes: parsed.map { .init(path: $0.path, values: $0.values) }, cellHashes: cells.map(\.hash),
                                     replications: replications)
        return (base, cells, manifest)
    }

    func run() throws {
        let (base, cells, manifest) = try Self.plan(scenario, axes: axes, sets: sets, seed: seed, days: days, warmUp: warmUp, replications: replications)
        let slice = shard.flatMap(Shard.init(parsing:))
        if let big = cells.map(\.scenario).max(by: { $0.estimatedPeakBytes < $1.estimatedPeakBytes }) {
            try ExperimentOptions.checkMemory(big, inFlight: min(jobs ?? ExperimentOptions.defaultJobs, cells.count * replications))
        }
        let name = "sweep-" + String(ScenarioFile.scenarioHash(base.scenario).prefix(8)) + "-" + String(Self.fnvTag(manifest.encoded()))
            + (slice.map { "-shard-\($0.index)-of-\($0.count)" } ?? "")
        let folder = out.map { URL(fileURLWithPath: $0) } ?? URL(fileURLWithPath: "Results").appendingPathComponent(base.scenario.name).appendingPathComponent(name)
        try ExperimentOptions.checkWritable(folder, allowExisting: true)
        try SweepFolder.prepare(folder, manifest: manifest, shard: slice)
        let existing = try SweepFolder.units(in: folder, manifest: manifest)
        let todo = (0..<manifest.units).filter { u in (slice?.owns(u) ?? true) && existing[u] == nil }
        let mine = (0..<manifest.units).filter { slice?.owns($0) ?? true }.count
        if todo.count < mine { try CheckedOutput.line("resuming: \(mine - todo.count) of \(mine) units already complete in \(folder.path)") }
        let interrupt = Interrupt()
        let progress = ProgressReporter(total: todo.count, what: "cell × replication units", enabled: !quiet)
        let scenarios = cells.map(\.scenario)
        let reps = replications
        let cpu0 = SimulationBench.processCPUSeconds()
        let (pool, wall) = BenchClock.measure {
            WorkerPool.map(todo, jobs: jobs ?? ExperimentOptions.defaultJobs, shouldStop: { interrupt.isRequested }, onDone: { (_: Int, _: ReplicationResult) in progress.step() }) { (u: Int) throws -> ReplicationResult in
                let r = try ReplicationResult.run(scenarios[u / reps], cell: u / reps, replication: u % reps)
                try SweepFolder.writeUnit(r, to: folder)
                return r
            }
        }
        let cpu = SimulationBench.processCPUSeconds() - cpu0
        if let e = pool.error { throw e }
        try CheckedOutput.line(String(format: "ran %d of %d units (%d cells × %d replications%@) in %.2f s wall, %.2f s CPU",
                                      pool.results.compactMap { $0 }.count, todo.count, manifest.cells, reps,
                                      slice.map { ", shard \($0.index)/\($0.count)" } ?? "", wall, cpu))
        if interrupt.isRequested && pool.results.contains(where: { $0 == nil }) {
            FileHandle.standardError.write(Data("error: interrupted: finished units are kept in \(folder.path); run the same command again to resume\n".utf8))
            throw ExitCode(130)
        }
        if let slice {
            try CheckedOutput.line("shard \(slice.index)/\(slice.count) complete; join the shards with: jornada merge SHARD_DIR…")
            try CheckedOutput.line(folder.path)
            return
        }
        let all = try SweepFolder.units(in: folder, manifest: manifest)
        let path = try Self.finish(folder, manifest: manifest, copied: [], units: all.compactMap { $0 })
        try CheckedOutput.line(path)
    }

    /// Writes the aggregate files of a complete sweep into `folder` (and, for a merge, the manifest and unit
    /// files) and prints the cell table. Returns the report's path. - Complexity: O(units × KPIs).
    static func finish(_ folder: URL, manifest: SweepManifest, copied: [(String, String)], units: [ReplicationResult]) throws -> String {
        let cells = (0..<manifest.cells).map { c in Array(units[(c * manifest.replications)..<((c + 1) * manifest.replications)]) }
        let summaries = cells.map(ReplicationStatistics.summarise)
        let arms = cells.indices.map { c in
            Report.Arm(label: manifest.label(c), kpis: summaries[c], results: cells[c],
                       differences: c == 0 ? [] : ReplicationStatistics.paired(summaries[0], summaries[c]))
        }
        var params: [(String, String)] = [("scenario", "\(manifest.header.scenarioName), hash \(manifest.header.scenarioHash), \(manifest.header.regions) region(s), \(manifest.header.retailers) retailers"),
                                          ("seed (replication 0)", String(manifest.header.seed)), ("replications per cell", String(manifest.replications)),
                                          ("days", "\(manifest.header.days) (\(manifest.header.warmUpDays) warm-up)")]
        for a in manifest.axes { params.append(("--vary \(a.path)", a.values.joined(separator: ", "))) }
        for c in 0..<manifest.cells { params.append(("cell \(c)", manifest.label(c) + " (hash \(manifest.cellHashes[c]))")) }
        params.append(("--set", manifest.sets.isEmpty ? "(none)" : manifest.sets.joined(separator: "  ")))
        let report = Report.html(Report.Input(title: "jornada sweep: \(manifest.header.scenarioName)", header: manifest.header, parameters: params, arms: arms))
        let files: [(String, String)] = copied + [("sweep.json", SweepFolder.sweepJSON(manifest, cells: cells)), ("kpis.csv", SweepFolder.kpisCSV(manifest, cells: cells)),
                  ("daily.csv", SweepFolder.dailyCSV(manifest, cells: cells)), ("series.json", SeriesFile.json(cells[0])), ("report.html", report)]
        if !copied.isEmpty {
            do { try FileManager.default.createDirectory(at: folder.appendingPathComponent("units"), withIntermediateDirectories: true) } catch {
                throw OutputError(target: folder.path, reason: "cannot create the folder: \(error.localizedDescription)")
            }
        }
        for (name, text) in files { try AtomicFile.write(text, to: folder.appendingPathComponent(name).path) }
        try CheckedOutput.line(cellTable(manifest, arms: arms))
        return folder.appendingPathComponent("report.html").path
    }

    /// The cells of the sweep with their headline KPIs (shares) side by side. - Complexity: O(cells × KPIs).
    static func cellTable(_ m: SweepManifest, arms: [Report.Arm]) -> String {
        var s = ""
        for (c, a) in arms.enumerated() {
            s += "cell \(c): \(m.label(c))\n"
            let changed = a.differences.filter(\.significant).map(\.key)
            if c > 0 { s += "  significant vs cell 0: \(changed.isEmpty ? "none" : changed.joined(separator: ", "))\n" }
        }
        return s
    }

    static func fnvTag(_ text: String) -> Substring {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return String(h, radix: 16).prefix(6)
    }
}

/// `jornada merge SHARD_DIR…`: joins sweep shards into the files of a single-machine sweep.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Join the shard folders of a sweep (jornada sweep --shard i/N) into exactly the files one machine writes.",
        discussion: "Every shard of the same sweep must be given once; a missing, repeated, incomplete or foreign shard is an error naming it. The output folder must not exist or be empty.")
    @Argument(help: "The shard folders.") var shards: [String]
    @Option(help: "Output folder (must not exist or be empty); default Results/<scenario>/sweep-merged-<hash>/.") var out: String?

    func run() throws {
        guard !shards.isEmpty else { throw ValidationError("give the shard folders to merge") }
        let (manifest, manifestText, texts) = try SweepFolder.gather(shards.map { URL(fileURLWithPath: $0) })
        var units: [ReplicationResult] = []
        for (u, text) in texts.enumerated() {
            guard let r = try? ReplicationResult.decoded(text) else {
                throw OutputError(target: "unit \(u)", reason: "a unit file does not decode (damaged shard)")
            }
            units.append(r)
        }
        let folder = out.map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: "Results").appendingPathComponent(manifest.header.scenarioName)
                .appendingPathComponent("sweep-merged-" + String(Sweep.fnvTag(manifestText)))
        try ExperimentOptions.checkWritable(folder)
        let copied = [("manifest.json", manifestText)] + units.indices.map { u in
            ("units/" + SweepFolder.unitName(cell: units[u].cell, replication: units[u].replication), texts[u])
        }
        let path = try Sweep.finish(folder, manifest: manifest, copied: copied, units: units)
        try CheckedOutput.line(path)
    }
}

/// `jornada compare RUN_A RUN_B`: paired differences with confidence intervals.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two runs KPI by KPI: B − A with 95% intervals, paired when they share their seeds; writes compare.json.",
        discussion: "Marks with * the KPIs whose interval excludes 0. compare.json is written to --out (default Results/compare/<A>--<B>/compare.json); its path is printed last.")
    @Argument(help: "The reference run folder (A).") var runA: String
    @Argument(help: "The run folder to compare with it (B).") var runB: String
    @Option(help: "Where to write compare.json (default Results/compare/<A>--<B>/compare.json; an existing file is replaced).") var out: String?

    func run() throws {
        let a = try RunComparison.read(runA), b = try RunComparison.read(runB)
        let diffs = RunComparison.differences(a, b)
        try CheckedOutput.line("A: \(runA)\nB: \(runB)\n\(RunComparison.isPaired(a, b) ? "paired by replication (same seeds: common random numbers)" : "unpaired (different seeds): Welch intervals")")
        try CheckedOutput.line(RunComparison.table(diffs))
        let changed = diffs.filter(\.significant).map(\.key)
        try CheckedOutput.line("significant at 95%: \(changed.isEmpty ? "none" : changed.joined(separator: ", "))")
        let name = URL(fileURLWithPath: runA).lastPathComponent + "--" + URL(fileURLWithPath: runB).lastPathComponent
        let file = out.map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: "Results").appendingPathComponent("compare").appendingPathComponent(name).appendingPathComponent("compare.json")
        do { try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true) } catch {
            throw OutputError(target: file.deletingLastPathComponent().path, reason: "cannot create the folder: \(error.localizedDescription)")
        }
        try AtomicFile.write(RunComparison.json(a, b, diffs), to: file.path)
        try CheckedOutput.line(file.path)
    }
}
