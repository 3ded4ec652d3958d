import ArgumentParser
import DeliveryScheduling
import InputLimits
import PlanningFiles

/// Defaults shared by `jornada plan` and `jornada bench routing`.
enum PlanCommandDefaults {
    /// Ruin-and-recreate iterations when none are given: half a second to a second on a 100-customer
    /// instance in a release build, and the same plan on every machine.
    static let iterations = 50_000
}

/// `jornada plan JOBS_FILE`: plans one depot-day from a jobs file.
struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Plan one day of deliveries and pickups from a jobs file (CSV, YAML, or a Solomon / Gehring–Homberger instance).",
        discussion: """
            Prints each truck's route — every stop's arrival, wait, window, service start, departure and load on \
            board, each route's capacity use — then the totals and every job left unassigned with its reason. \
            By default the plan is searched by ruin-and-recreate for --iterations iterations from --seed: the same \
            file gives the same plan on any machine. --time-limit adds a wall-clock stop (then the plan depends on \
            the machine's speed); --fast uses the simulation's setting (insertion and local search only). \
            Exit status 3 with --fail-on-unassigned when a job is left unassigned. See README for the formats.
            """)
    @Argument(help: "The jobs file (.csv, .yaml, .yml, or a Solomon-format .txt instance).") var jobsFile: String
    @Option(help: "Override the file's in-tier policy: \(PriorityPolicy.allCases.map(\.rawValue).joined(separator: ", ")).")
    var policy: String?
    @Option(help: "Local-search budget in move evaluations (0 = insertion only).") var maxEvaluations: Int = PlanOptions().maxMoveEvaluations
    @Option(help: "Ruin-and-recreate iterations (0 = none).") var iterations: Int = PlanCommandDefaults.iterations
    @Option(help: "Seed of the ruin-and-recreate search.") var seed: UInt64 = 1
    @Option(help: "Stop the search after this wall time (e.g. 1s, 500ms): faster, but no longer reproducible.") var timeLimit: String?
    @Flag(help: "The simulation's fast setting: insertion and local search, no ruin-and-recreate.") var fast = false
    @Flag(help: "Print the plan as one JSON object.") var json = false
    @Flag(help: "Print the plan as CSV (one row per stop, then one per unassigned job).") var csv = false
    @Flag(help: "Exit with status 3 when any job is left unassigned.") var failOnUnassigned = false

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
        guard (0...100_000_000).contains(iterations) else { throw ValidationError("--iterations: must be 0 to 100000000, got \(iterations)") }
        guard !(json && csv) else { throw ValidationError("--json and --csv: choose one") }
        let limit = try timeLimit.map { try DurationOption.parse($0, option: "--time-limit") }
        var options = PlanOptions(maxMoveEvaluations: maxEvaluations)
        if !fast {
            options.ruinRecreateIterations = iterations
            options.seed = seed
            options.timeLimit = limit
        }
        let loaded = try file.build()
        let plan = try loaded.plan(options: options)
        if json {
            try CheckedOutput.line(loaded.reportJSON(plan))
        } else if csv {
            try CheckedOutput.line(loaded.reportCSV(plan))
        } else {
            let search: String
            if fast || iterations == 0 {
                search = "Search: insertion and local search (fast setting)"
            } else if let timeLimit, plan.searchIterations < iterations {
                search = "Search: ruin-and-recreate, \(plan.searchIterations) of \(iterations) iterations (stopped by --time-limit \(timeLimit): not reproducible), seed \(seed)"
            } else {
                search = "Search: ruin-and-recreate, \(plan.searchIterations) iterations, seed \(seed) (reproducible)"
            }
            try CheckedOutput.line(loaded.report(plan, search: search))
        }
        if failOnUnassigned && !plan.unassigned.isEmpty { throw ExitCode(3) }
    }
}
