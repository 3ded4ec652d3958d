import ArgumentParser
import DeliveryScheduling
import InputLimits
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

    func validate() throws {
        if let p = policy, PriorityPolicy(rawValue: p) == nil {
            let names = PriorityPolicy.allCases.map(\.rawValue)
            throw ValidationError("--policy: unknown '\(p)'\(Suggestion.hint(for: p, among: names)); expected one of \(names.joined(separator: ", "))")
        }
        guard (0...100_000_000).contains(maxEvaluations) else {
            throw ValidationError("--max-evaluations: must be 0 to 100000000, got \(maxEvaluations)")
        }
    }

    func run() throws {
        var file: PlanningFile
        file = try PlanningFile.load(path: jobsFile)
        if let p = policy, let pol = PriorityPolicy(rawValue: p) { file.policy = pol }
        let loaded = try file.build()
        let plan = try loaded.plan(options: PlanOptions(maxMoveEvaluations: maxEvaluations))
        try CheckedOutput.line(loaded.render(plan))
    }
}
