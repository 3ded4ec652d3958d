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

    func run() throws {
        do {
            let loaded = try ScenarioFile.load(path: scenario)
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
