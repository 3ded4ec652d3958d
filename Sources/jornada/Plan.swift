import ArgumentParser

/// `jornada plan JOBS_FILE`: plans one depot-day from a jobs file.
struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Plan one day of deliveries and pickups from a jobs file (CSV or YAML).")
    @Argument(help: "The jobs file.") var jobsFile: String
    func run() throws { throw ValidationError("jornada plan is not built yet") }
}
