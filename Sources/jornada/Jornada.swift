import ArgumentParser

/// The `jornada` command: runs, plans and benchmarks Jornada's simulator and engines.
@main
struct Jornada: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jornada",
        abstract: "Simulate a brewer's retailers and benchmark its delivery and technician engines.",
        version: JornadaVersion.current,
        subcommands: [Run.self, Validate.self, Schema.self, KPIs.self, Plan.self, Bench.self])
}

/// The version string printed by `jornada --version`.
enum JornadaVersion {
    static let current = "0.1.0"
}

/// `jornada bench …`: the benchmark harness.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the kernel and the engines (release build recommended).",
        subcommands: [BenchKernel.self, BenchProcesses.self, BenchRouting.self, BenchScheduler.self, BenchTechnicians.self,
                      BenchSimulation.self])
}
