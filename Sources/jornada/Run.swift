import ArgumentParser
import Benchmarking
import Foundation
import InputLimits
import RetailerJourneys
import RunOutputs
import ScenarioFiles

/// `jornada run SCENARIO`: simulates a scenario and writes its results.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate a scenario's retailers, journeys and engines; print the KPIs and write the results.",
        discussion: """
            Prints the KPI table grouped by journey, the flow identities and the run's speed, and writes \
            summary.json (every KPI, the scenario hash, seed and tool version), kpis.csv, daily.csv and \
            scenario.resolved.yaml atomically under Results/<scenario>/<run-id>/ (or --out). The output \
            folder is printed last. The same scenario and seed give byte-identical files.
            """)

    @Argument(help: "The scenario file (YAML).") var scenario: String
    @Option(help: "Override the scenario's seed.") var seed: UInt64?
    @Option(help: "Override the scenario's horizon in days (1...3650).") var days: Int?
    @Option(help: "Output folder (must not exist or be empty); default Results/<scenario>/<run-id>/.") var out: String?
    @Flag(help: "Audit both engines and the flow identities at every simulated day end (slower).") var audit = false
    @Flag(help: "Do not print the KPI table (the output folder is still printed last).") var quiet = false

    func validate() throws {
        if let d = days, d < 1 || d > 3_650 { throw ValidationError("--days must be in 1...3650, got \(d)") }
    }

    func run() throws {
        var loaded = try ScenarioFile.load(path: scenario)
        if let s = seed { loaded.scenario.seed = s }
        if let d = days {
            guard d > loaded.scenario.warmUpDays else {
                throw ValidationError("--days \(d) must be more than the scenario's warmUpDays (\(loaded.scenario.warmUpDays))")
            }
            loaded.scenario.days = d
        }
        if seed != nil || days != nil { loaded = ScenarioFile.loaded(loaded.scenario) }
        let sc = loaded.scenario
        let folder = out.map { URL(fileURLWithPath: $0) }
            ?? ResultDirectory.newRunFolder(root: URL(fileURLWithPath: "Results"), scenario: sc.name, seed: sc.seed)
        if let o = out, let items = try? FileManager.default.contentsOfDirectory(atPath: o), !items.isEmpty {
            throw ValidationError("--out \(o): the folder exists and is not empty; results are never mixed")
        }
        let cpu0 = SimulationBench.processCPUSeconds()
        let (result, wall) = try BenchClock.measure { try ScenarioRun.run(sc, options: RunOptions(auditEveryDay: audit)) }
        let cpu = SimulationBench.processCPUSeconds() - cpu0
        if !quiet {
            try CheckedOutput.line(loaded.summary)
            try CheckedOutput.line(RunFiles.table(result))
            for c in result.conservation { try CheckedOutput.line("\(c)") }
            for f in result.auditFailures { try CheckedOutput.line("AUDIT: \(f)") }
        }
        try CheckedOutput.line(String(format: "simulated %d days, %d events in %.2f s wall (%.2f s CPU): %.0f events/s, %.0f retailer-days/s",
                     result.days, result.events, wall, cpu, Double(result.events) / wall, Double(result.retailerDays) / wall))
        let files: [(name: String, contents: String)] = [
            ("summary.json", RunFiles.summaryJSON(result, scenarioHash: loaded.hash, toolVersion: JornadaVersion.current)),
            ("kpis.csv", RunFiles.kpisCSV(result)),
            ("daily.csv", RunFiles.dailyCSV(result)),
            ("scenario.resolved.yaml", loaded.resolvedYAML),
        ]
        try ResultDirectory.write(files, to: folder)
        guard result.conservation.allSatisfy(\.holds), result.auditFailures.isEmpty else {
            throw RunFailure(message: "the run broke a flow identity or an engine audit (see above); results kept in \(folder.path)")
        }
        try CheckedOutput.line(folder.path)
    }
}

/// A run that finished but failed a check: printed as the error, exit status 1.
struct RunFailure: Error, CustomStringConvertible {
    /// What failed.
    var message: String
    /// The message.
    var description: String { message }
}
