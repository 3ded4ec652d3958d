import ArgumentParser
import DeliveryScheduling
import PlanningFiles

/// `jornada plan JOBS_FILE`: plans one depot-day from a jobs file.
struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Plan one day of deliveries and pickups from a jobs file (CSV or YAML).",
        discussion: "Prints each truck's route with times, the total distance, the vehicles used and the jobs left unassigned with their reason. See README for the file formats.")
    @Argument(help: "The jobs file (.csv, .yaml or .yml).") var jobsFile: String
    @Option(help: "Override the file's in-tier policy: \(PriorityPolicy.allCases.map(\.rawValue).joined(separator: ", ")).")
    var policy: String?
    @Option(help: "Local-search budget in move evaluations (0 = insertion only).") var maxEvaluations: Int = PlanOptions().maxMoveEvaluations

    func run() throws {
        var file: PlanningFile
        file = try PlanningFile.load(path: jobsFile)
        if let p = policy {
            guard let pol = PriorityPolicy(rawValue: p) else {
                throw ValidationError("--policy: unknown '\(p)'; expected one of \(PriorityPolicy.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            file.policy = pol
        }
        guard maxEvaluations >= 0 else { throw ValidationError("--max-evaluations: must be ≥ 0") }
        let loaded = try file.build()
        let plan = try loaded.plan(options: PlanOptions(maxMoveEvaluations: maxEvaluations))
        print(loaded.render(plan))
    }
}
