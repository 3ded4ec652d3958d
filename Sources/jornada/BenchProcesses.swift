import ArgumentParser
import Benchmarking
import InputLimits

/// `jornada bench processes`: the process-style API against plain event handlers on an M/M/c queue.
struct BenchProcesses: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "processes",
        abstract: "Cost of process-style models against plain event handlers on the same M/M/c queue.",
        discussion: """
            Runs one M/M/c queue (Poisson arrivals with a mean gap of 1 minute, c FIFO servers each 90% \
            busy) written as an arrival/departure event switch and as processes (a source process \
            spawning customer processes that acquire, hold and release a resource pool). Both draw the \
            same random numbers and must agree on a checksum of departure times and waits. Styles \
            alternate within a round; each keeps its best round. ratioVsHandlers is the time ratio.
            A second table times a pure wait loop (--async-processes processes, --customers waits in \
            all) as state-machine processes and as Swift async functions on a deterministic \
            virtual-time executor: the experiment behind the state-machine design.
            """)

    @Option(help: "Customers served per run.")
    var customers: Int = 1_000_000

    @Option(help: "Number of servers (c).")
    var servers: Int = 4

    @Option(help: "Rounds; each style keeps its best.")
    var rounds: Int = 3

    @Option(help: "Seed of the arrival and service streams.")
    var seed: UInt64 = 1

    @Option(help: "Processes in the async-vs-state-machine wait loop (0 skips it).")
    var asyncProcesses: Int = 1_000

    @Flag(help: "Print one JSON object per line per style instead of a table.")
    var json = false

    @Option(help: "Refuse a run estimated to take longer than this many seconds.")
    var maxSeconds: Double = RunBudget.defaultMaxSeconds

    func validate() throws {
        guard customers > 0 else { throw ValidationError("--customers must be > 0, got \(customers)") }
        guard (1...10_000).contains(servers) else { throw ValidationError("--servers must be 1 to 10000, got \(servers)") }
        guard asyncProcesses >= 0 else { throw ValidationError("--async-processes must be ≥ 0, got \(asyncProcesses)") }
        guard rounds > 0 else { throw ValidationError("--rounds must be > 0, got \(rounds)") }
        try BenchLimits.check(BenchLimits.processes(customers: customers, rounds: rounds, asyncProcesses: asyncProcesses), maxSeconds: maxSeconds)
    }

    func run() throws {
        let records = try ProcessBench(customers: customers, servers: servers, seed: seed).records(rounds: rounds)
        try emit(records)
        if asyncProcesses > 0 {
            let experiment = ProcessAsyncExperiment(processes: asyncProcesses, steps: max(customers, asyncProcesses))
            if !json { try CheckedOutput.line("") }
            try emit(try experiment.records(rounds: rounds))
        }
    }

    func emit(_ records: [BenchRecord]) throws {
        if json {
            for r in records { try CheckedOutput.line(r.jsonLine()) }
        } else {
            try CheckedOutput.line(BenchTable.render(records))
        }
    }
}
