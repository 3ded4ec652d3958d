import DeliveryScheduling
import InputLimits
import PlanningFiles

/// The readers under fuzz. Each gets the input as text (decoded as every Jornada reader decodes
/// files: UTF-8, no NUL, byte-order mark removed) and may accept it or throw; anything else (a trap,
/// a hang past libFuzzer's -timeout, memory past -rss_limit_mb) is a finding. Accepted jobs files
/// are also planned, so a value the reader lets through cannot trap the engine either.
/// A new reader (the scenario files) is one more line here.
let readers: [(name: String, read: @Sendable (String) throws -> Void)] = [
    ("jobs-yaml", { try planBriefly(PlanningFile.parseYAML($0, file: "fuzz.yaml")) }),
    ("jobs-csv", { try planBriefly(PlanningFile.parseCSV($0, file: "fuzz.csv")) }),
]

/// Builds and plans a file that was accepted, with a small local-search budget.
func planBriefly(_ file: PlanningFile) throws {
    let loaded = try file.build()
    let plan = try loaded.plan(options: PlanOptions(maxMoveEvaluations: 5_000))
    _ = loaded.render(plan)
}
