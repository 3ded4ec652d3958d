import ArgumentParser
import InputLimits

/// The `jornada` command: runs, plans and benchmarks Jornada's simulator and engines.
@main
struct Jornada: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jornada",
        abstract: "Simulate a brewer's retailers and benchmark its delivery and technician engines.",
        version: JornadaVersion.current,
        subcommands: [Run.self, Sweep.self, Merge.self, Compare.self, Validate.self, Schema.self, KPIs.self, Plan.self, Bench.self,
                      LoadTest.self, Serve.self])

    /// Parses and runs the subcommand with SIGPIPE ignored, so a closed pipe or a full disk is an
    /// error (`cannot write to standard output: Broken pipe`, exit 1), never a silent exit 0 or a signal.
    static func main() {
        CheckedOutput.ignoreBrokenPipeSignal()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
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
