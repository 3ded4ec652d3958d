import ArgumentParser
import Benchmarking
import Experiments
import Foundation
import InputLimits
import Reports
import RetailerJourneys
import RunOutputs
import ScenarioFiles
import Synchronization

/// `jornada run SCENARIO`: simulates a scenario's replications in parallel and writes their results.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate a scenario's replications in parallel; print the KPIs with confidence intervals and write the results.",
        discussion: """
            Runs --replications independent replications (replication 0 uses the scenario's seed, the others \
            seeds derived from it) on --jobs worker threads, and writes summary.json (every KPI, with its 95% \
            confidence interval across replications, the scenario hash, seed, replications and tool version), \
            kpis.csv (one row per KPI and replication), daily.csv, series.json (the report's technician \
            utilisation and sample-day routes), scenario.resolved.yaml and report.html \
            atomically under Results/<scenario>/<run-id>/ (or --out). The report's path is printed last. The same \
            scenario, seed and replications give byte-identical files for any --jobs. Ctrl-C stops starting \
            replications and keeps the finished ones (summary.json says "interrupted").
            """)

    @Argument(help: "The scenario file (YAML).") var scenario: String
    @Option(help: "Override the scenario's seed (replication 0's seed).") var seed: UInt64?
    @Option(help: "Override the scenario's horizon in days (1...3650).") var days: Int?
    @Option(help: "Independent replications (1...10000).") var replications = 1
    @Option(name: .customLong("set"), help: ArgumentHelp("Override a scenario field, e.g. regions[Lisboa].depots[0].vehicles[0].count=5 (repeatable).", valueName: "key.path=value"))
    var sets: [String] = []
    @Option(help: "Worker threads (default: the active core count).") var jobs: Int?
    @Option(help: "Threads simulating one replication's regions side by side (default: --jobs for a single replication, else 1); the results do not depend on it.")
    var workers: Int?
    @Option(name: .customLong("warm-up"), help: "Warm-up days excluded from the KPIs (overrides warmUpDays).") var warmUp: Int?
    @Option(help: "Output folder (must not exist or be empty); default Results/<scenario>/<run-id>/.") var out: String?
    @Flag(help: "Audit both engines and the flow identities at every simulated day end (slower).") var audit = false
    @Flag(help: "Do not print the KPI table or progress (the report's path is still printed last).") var quiet = false

    func validate() throws {
        if let d = days, d < 1 || d > 3_650 { throw ValidationError("--days must be in 1...3650, got \(d)") }
        if replications < 1 || replications > 10_000 { throw ValidationError("--replications must be in 1...10000, got \(replications)") }
        if let j = jobs, j < 1 || j > 1_024 { throw ValidationError("--jobs must be in 1...1024, got \(j)") }
        if let w = workers, w < 1 || w > 1_024 { throw ValidationError("--workers must be in 1...1024, got \(w)") }
        if let w = warmUp, w < 0 { throw ValidationError("--warm-up must be ≥ 0 days, got \(w)") }
    }

    func run() throws {
        let loaded = try ExperimentOptions.load(scenario, seed: seed, days: days, warmUp: warmUp, sets: sets)
        let sc = loaded.scenario
        let folder = out.map { URL(fileURLWithPath: $0) }
            ?? ResultDirectory.newRunFolder(root: URL(fileURLWithPath: "Results"), scenario: sc.name, seed: sc.seed)
        try ExperimentOptions.checkWritable(folder)
        let jobs = self.jobs ?? ExperimentOptions.defaultJobs
        // Refused before anything starts when the replications in flight cannot fit in memory.
        try ExperimentOptions.checkMemory(sc, inFlight: min(jobs, replications))
        let interrupt = Interrupt()
        let progress = ProgressReporter(total: replications, what: "replications", enabled: !quiet)
        let audit = self.audit
        // One replication: its regions share the workers instead (replications are the coarser, better unit).
        let regionThreads = workers ?? (replications == 1 ? jobs : 1)
        let regionWorkers = sc.regions.count > 1 ? Workers.parallelFor(regionThreads) : nil
        let planning = Mutex(PlanningEffort())
        let cpu0 = SimulationBench.processCPUSeconds()
        let (pool, wall) = BenchClock.measure {
            WorkerPool.map(Array(0..<replications), jobs: jobs, shouldStop: { interrupt.isRequested }, onDone: { (_: Int, _: ReplicationResult) in progress.step() }) { (r: Int) throws -> ReplicationResult in
                try ReplicationResult.run(sc, replication: r, audit: audit, parallel: regionWorkers,
                                          effort: { e in planning.withLock { $0.merge(e) } })
            }
        }
        let cpu = SimulationBench.processCPUSeconds() - cpu0
        if let e = pool.error { throw e }
        let results = pool.results.prefix { $0 != nil }.compactMap { $0 }
        guard !results.isEmpty else { throw RunFailure(message: "interrupted before any replication finished; nothing written") }
        let header = ExperimentOptions.header(loaded)
        let summaries = ReplicationStatistics.summarise(results)
        if !quiet {
            try CheckedOutput.line(loaded.summary)
            try CheckedOutput.line(results.count == 1 ? table(summaries, withIntervals: false) : table(summaries, withIntervals: true))
            if results.count == 1 {
                for c in results[0].conservation { try CheckedOutput.line("\(c.flow): \(c.identity) (\(c.holds ? "holds" : "BROKEN"))") }
            } else {
                for (i, flow) in (results[0].conservation.map(\.flow)).enumerated() {
                    let holding = results.filter { $0.conservation[i].holds }.count
                    try CheckedOutput.line("\(flow): identity holds in \(holding) of \(results.count) replications")
                }
            }
            for r in results { for f in r.auditFailures { try CheckedOutput.line("AUDIT (replication \(r.replication)): \(f)") } }
            if let mser = Report.mserSuggestions(results).map(\.days).max() {
                try CheckedOutput.line("MSER-5 suggests a warm-up of \(mser) days (now \(sc.warmUpDays); set it with --warm-up)")
            }
        }
        let events = results.reduce(0) { $0 + $1.events }, retailerDays = results.reduce(0) { $0 + $1.retailerDays }
        let threads = min(jobs, replications) * (regionWorkers == nil ? 1 : min(regionThreads, sc.regions.count))
        try CheckedOutput.line(String(format: "simulated %d replication%@ of %d days, %d events in %.2f s wall (%.2f s CPU, %.2f× on %d thread%@): %.0f events/s, %.0f retailer-days/s",
                     results.count, results.count == 1 ? "" : "s", sc.days, events, wall, cpu, cpu / max(wall, 1e-9), threads, threads == 1 ? "" : "s",
                     Double(events) / wall, Double(retailerDays) / wall))
        let plans = planning.withLock { $0 }
        if plans.plans > 0 {
            try CheckedOutput.line(String(format: "day planning: %d plans, %d stops placed, %.2f CPU s (%.0f %% of the CPU time), %.2f µs per placed stop",
                                          plans.plans, plans.stops, plans.seconds, 100 * plans.seconds / max(cpu, 1e-9), plans.nanosecondsPerStop / 1000))
        }
        let arm = Report.Arm(label: sc.name, kpis: summaries, results: results)
        let report = Report.html(Report.Input(title: "jornada run: \(sc.name)", header: header,
                                              parameters: ExperimentOptions.parameters(loaded, sets: sets, replications: results.count), arms: [arm]))
        let files: [(name: String, contents: String)] = [
            ("summary.json", ExperimentFiles.summaryJSON(header, results, requested: replications)),
            ("kpis.csv", ExperimentFiles.kpisCSV(results, requested: replications)),
            ("daily.csv", ExperimentFiles.dailyCSV(results, requested: replications)),
            ("series.json", SeriesFile.json(results)),
            ("scenario.resolved.yaml", loaded.resolvedYAML),
            ("report.html", report),
        ]
        try ResultDirectory.write(files, to: folder)
        guard results.allSatisfy(\.isSound) else {
            throw RunFailure(message: "the run broke a flow identity or an engine audit (see above); results kept in \(folder.path)")
        }
        if results.count < replications {
            FileHandle.standardError.write(Data("error: interrupted: kept \(results.count) of \(replications) replications in \(folder.path)\n".utf8))
            throw ExitCode(130)
        }
        try CheckedOutput.line(folder.appendingPathComponent("report.html").path)
    }

    /// The KPI table, grouped by journey; with intervals, `mean ± half-width`. - Complexity: O(KPIs).
    func table(_ kpis: [KPISummary], withIntervals: Bool) -> String {
        var out = ""
        var journey = ""
        let width = (kpis.map(\.key.count).max() ?? 20) + 2
        for k in kpis {
            if k.journey != journey {
                journey = k.journey
                out += "\n\(journey)\n"
            }
            let name = k.key.padding(toLength: width, withPad: " ", startingAt: 0)
            var value = RunFiles.display(k.mean ?? .nan, unit: k.unit)
            if withIntervals, let ci = k.interval {
                value += " ± " + (k.unit == "share" ? String(format: "%.1f %%", ci.halfWidth * 100) : String(format: "%.3g", ci.halfWidth))
            }
            let count = k.count > 0 ? "  (n=\(k.count))" : ""
            out += "  \(name)\(value)\(count)\n"
        }
        return out
    }
}

/// A run that finished but failed a check: printed as the error, exit status 1.
struct RunFailure: Error, CustomStringConvertible {
    /// What failed.
    var message: String
    /// The message.
    var description: String { message }
}
