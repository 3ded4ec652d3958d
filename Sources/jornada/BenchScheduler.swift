import ArgumentParser

/// `jornada bench scheduler`: the delivery scheduler's mixed operation stream and day planning.
struct BenchScheduler: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scheduler", abstract: "Benchmark the delivery / pickup scheduler.")
    func run() throws { throw ValidationError("jornada bench scheduler is not built yet") }
}
