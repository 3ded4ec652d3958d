import ArgumentParser
import Benchmarking
import Foundation
import InputLimits

/// `jornada bench simulation`: the journeys simulation at growing sizes.
struct BenchSimulation: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulation",
        abstract: "Run the journeys simulation on synthetic regions of growing size and report its cost.",
        discussion: """
            For each --retailers size, a synthetic scenario (regions of up to 200,000 retailers, or --regions of equal size, a depot \
            per ~2,500 retailers, technicians per ~125 outlets) is simulated for --days days. Columns: \
            wall and CPU seconds, kernel events and events/s, retailer-days and nanoseconds per \
            retailer-day, orders delivered and OTIF, the share of CPU time in day planning and the \
            planning time per placed stop, peak resident memory and the resident memory added per retailer. Rows are \
            printed (and flushed) as each size finishes.
            """)

    @Option(help: "Comma-separated retailer counts.")
    var retailers: String = "1000,10000,100000"

    @Option(help: "Simulated days per size.")
    var days: Int = 30

    @Option(help: "Scenario seed.")
    var seed: UInt64 = 1

    @Option(help: "Worker threads simulating regions in parallel (1: in line).")
    var workers: Int = 1

    @Option(help: "Regions per scenario (0: one per 200,000 retailers).")
    var regions: Int = 0

    @Flag(help: "Print one JSON object per line instead of a table.")
    var json = false

    func sizes() throws -> [Int] {
        let parts = retailers.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        var out: [Int] = []
        for p in parts {
            guard let n = Int(p), n >= 1, n <= 5_000_000 else {
                throw ValidationError("--retailers: each size must be an integer in 1...5000000, got '\(p)'")
            }
            out.append(n)
        }
        guard !out.isEmpty else { throw ValidationError("--retailers: give at least one size") }
        return out
    }

    func validate() throws {
        _ = try sizes()
        guard days >= 1 && days <= 3_650 else { throw ValidationError("--days must be in 1...3650, got \(days)") }
        guard workers >= 1 && workers <= 256 else { throw ValidationError("--workers must be in 1...256, got \(workers)") }
        guard regions >= 0 && regions <= 64 else { throw ValidationError("--regions must be in 0...64, got \(regions)") }
    }

    func run() throws {
        let bench = SimulationBench(sizes: try sizes(), days: days, seed: seed, workers: workers, regions: regions)
        // The largest size is refused before any runs when it cannot fit in memory.
        if let largest = bench.sizes.max() { try ExperimentOptions.checkMemory(bench.scenario(retailers: largest), inFlight: 1) }
        var rows: [BenchRecord] = []
        for n in bench.sizes {
            let row = try bench.record(retailers: n)
            rows.append(row)
            if json { try CheckedOutput.line(row.jsonLine()) }
        }
        if !json { try CheckedOutput.line(BenchTable.render(rows)) }
    }
}
