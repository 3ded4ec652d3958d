import ArgumentParser
import Benchmarking
import InputLimits

/// Size limits of the bench commands: a memory and time estimate made from the options before a run
/// starts (refused with a message naming both when it cannot fit), and the audit every desk run
/// must pass. The per-operation costs are deliberately pessimistic figures from the 2-core
/// reference machine (README, "Benchmarks and CI"), so a refused run would really not fit.
enum BenchLimits {
    /// Throws a `ValidationError` (printed with the subcommand's usage) when `estimate` does not fit
    /// the machine's available memory or `maxSeconds`. - Complexity: O(1).
    static func check(_ estimate: RunEstimate, maxSeconds: Double) throws {
        guard maxSeconds > 0, maxSeconds.isFinite else { throw ValidationError("--max-seconds: must be a positive number, got \(maxSeconds)") }
        do { try RunBudget.check(estimate, maxSeconds: maxSeconds) } catch { throw ValidationError(error.description) }
    }

    /// The hold model: every queue of every round holds `events` operations after filling `n`.
    static func kernel(pending: [Int], events: Int, rounds: Int, queues: Int) -> RunEstimate {
        let perOp = { (n: Double) in n >= 1e6 ? 1.0e-6 : 2.5e-7 }
        let seconds = pending.reduce(0.0) { $0 + Double(rounds) * Double(queues) * (Double(events) + Double($1)) * perOp(Double($1)) }
        let bytes = 120 * Double(pending.max() ?? 0) + 50e6
        return RunEstimate(what: "bench kernel", bytes: bytes, seconds: seconds)
    }

    /// The scheduler's mixed stream (engine and baseline), day planning and desk run.
    static func scheduler(pending: [Int], operations: Int, baseline: Bool, stops: Int, vehicles: Int, repeats: Int, requests: Int, clients: Int) -> RunEstimate {
        let copies = baseline ? 2.0 : 1.0
        var seconds = pending.reduce(0.0) { $0 + copies * (Double(operations) + Double($1)) * 6e-7 }
        let s = Double(stops)
        // Planning is quadratic up to a sector of 1,000 stops (PlanOptions.maxStopsPerSector), linear beyond.
        let sectors = Swift.max(1, (s / 1000).rounded(.up))
        seconds += Double(repeats) * 0.08 * sectors * (s / 1000 / sectors) * (s / 1000 / sectors) * (1 + Double(vehicles) / sectors / 200)
        if clients > 0 { seconds += Double(requests) * 5e-7 }
        let bytes = Swift.max(copies * 400 * Double(pending.max() ?? 0), 2000 * s + 4000 * Double(vehicles), 200 * Double(requests) / 4) + 50e6
        return RunEstimate(what: "bench scheduler", bytes: bytes, seconds: seconds)
    }

    /// The technician allocator: calendar fill, timed offers and bookings, or the desk run, per configuration.
    static func technicians(technicians: [Int], days: [Int], policies: Int, offers: Int, bookings: Int, clients: Int, requests: Int) -> RunEstimate {
        var seconds = 0.0
        var bytes = 0.0
        for t in technicians {
            for d in days {
                let techDays = Double(t) * Double(d)
                bytes = Swift.max(bytes, techDays * 400 + Double(clients > 0 ? requests : bookings) * 64)
                let fill = techDays * 5e-6
                seconds += clients > 0 ? fill + Double(requests) * 2e-6
                    : Double(policies) * (fill + Double(offers) * 2e-5 + Double(bookings) * 1e-6)
            }
        }
        return RunEstimate(what: "bench technicians", bytes: bytes + 50e6, seconds: seconds)
    }

    /// The M/M/c model written both ways, and the async experiment.
    static func processes(customers: Int, rounds: Int, asyncProcesses: Int) -> RunEstimate {
        let c = Double(customers), steps = Double(Swift.max(customers, asyncProcesses))
        let seconds = Double(rounds) * (2 * c * 1e-6 + (asyncProcesses > 0 ? steps * 8e-6 : 0))
        return RunEstimate(what: "bench processes", bytes: 300 * Double(asyncProcesses) + 200 * c / 10 + 50e6, seconds: seconds)
    }

    /// Fails (exit 1, after the row is printed) when a run lost, duplicated or double-booked work, or
    /// its baseline disagrees with the engine on the result.
    static func audit(_ record: BenchRecord) throws {
        var faults: [String] = []
        for key in ["lostJobs", "duplicatedJobs", "doubleBookings", "lostBookings"] {
            if case .int(let n)? = record[key], n != 0 { faults.append("\(key) = \(n)") }
        }
        if case .text(let clean)? = record["auditClean"], clean != "yes" { faults.append("auditClean = \(clean)") }
        if case .text(let agrees)? = record["baselineAgrees"], agrees != "yes" {
            faults.append("baselineAgrees = \(agrees): the Heap baseline dispatched other jobs than the engine")
        }
        guard faults.isEmpty else { throw BenchAuditError(faults: faults) }
    }
}

/// A run whose result check failed: lost, duplicated or double-booked work, or a baseline that
/// disagrees with the engine.
struct BenchAuditError: Error, CustomStringConvertible {
    /// The failed audit counts (`lostJobs = 3`).
    var faults: [String]
    /// `the audit failed: lostJobs = 3 (must be 0)`.
    var description: String { "the audit failed: \(faults.joined(separator: ", ")) (must be 0)" }
}
