import DeliveryScheduling
import InputLimits
import PlanningFiles
import ScenarioFiles

/// The readers under fuzz. Each gets the input as text (decoded as every Jornada reader decodes
/// files: UTF-8, no NUL, byte-order mark removed) and may accept it or throw; anything else (a trap,
/// a hang past libFuzzer's -timeout, memory past -rss_limit_mb) is a finding. Accepted jobs files
/// are also planned, so a value the reader lets through cannot trap the engine either.
/// A new reader (the scenario files) is one more line here.
let readers: [(name: String, read: @Sendable (String) throws -> Void)] = [
    ("jobs-yaml", { try planBriefly(PlanningFile.parseYAML($0, file: "fuzz.yaml")) }),
    ("jobs-csv", { try planBriefly(PlanningFile.parseCSV($0, file: "fuzz.csv")) }),
    // An accepted scenario is resolved and read back (the resolved form must read back to the same
    // scenario); it is not simulated: a valid file may ask for millions of retailers.
    ("scenario-yaml", { text in
        let s = try ScenarioFile.parse(text, file: "fuzz.yaml")
        let again = try ScenarioFile.parse(ScenarioFile.resolvedYAML(s), file: "resolved.yaml", defaultName: s.name)
        precondition(again == s, "a scenario's resolved form read back differently")
    }),
]

/// Builds and plans a file that was accepted, with a small local-search budget.
func planBriefly(_ file: PlanningFile) throws {
    let loaded = try file.build()
    let plan = try loaded.plan(options: PlanOptions(maxMoveEvaluations: 5_000))
    _ = loaded.render(plan)
}
