import ArgumentParser
import InputLimits
import Foundation
import ScenarioFiles

/// `jornada validate SCENARIO`: reads and checks a scenario file without running it.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a scenario file without running it.",
        discussion: "Prints a one-paragraph summary (regions, depots, trucks, technicians, retailers, days, hash) and exits 0; on an error prints file:line: field: message to stderr and exits 1. With --resolved, prints the resolved scenario (every field, defaults filled in) instead.")
    @Argument(help: "The scenario file (.yaml).") var scenario: String
    @Flag(help: "Print the resolved scenario instead of the summary.") var resolved = false
    @Option(name: .customLong("set"), help: ArgumentHelp("Check an override as run and sweep would apply it (repeatable).", valueName: "key.path=value"))
    var sets: [String] = []
    @Option(name: .customLong("vary"), help: ArgumentHelp("Check a sweep axis: every cell of the grid is validated (repeatable).", valueName: "key.path=v1,v2,…"))
    var axes: [String] = []

    func run() throws {
        do {
            if !axes.isEmpty {
                let (base, cells, manifest) = try Sweep.plan(scenario, axes: axes, sets: sets, seed: nil, days: nil, warmUp: nil, replications: 1)
                var text = base.summary + "\nsweep grid: \(cells.count) cell\(cells.count == 1 ? "" : "s"), every one valid\n"
                for c in cells.indices { text += "  cell \(c): \(manifest.label(c)) (hash \(cells[c].hash))\n" }
                try CheckedOutput.write(text, fd: 1, target: "standard output")
                return
            }
            let loaded = try ExperimentOptions.load(scenario, sets: sets)
            try CheckedOutput.write(resolved ? loaded.resolvedYAML : loaded.summary + "\n", fd: 1, target: "standard output")
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}

/// `jornada schema`: prints the scenario files' JSON Schema (or the Markdown field table).
struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the JSON Schema of scenario files (generated from the reader's field declarations).",
        discussion: "Scenarios/scenario.schema.json is this output; a test fails when they differ.")
    @Flag(help: "Print the field table in Markdown (as in Scenarios/README.md) instead.") var markdown = false

    func run() throws {
        try CheckedOutput.write(markdown ? ScenarioFile.fieldTableMarkdown() : ScenarioFile.jsonSchema(), fd: 1, target: "standard output")
    }
}
