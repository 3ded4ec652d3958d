import ArgumentParser
import Benchmarking
import InputLimits
import TechnicianBooking

/// `jornada bench technicians`: the technician slot allocator's offer and booking rates.
struct BenchTechnicians: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "technicians",
        abstract: "Benchmark the technician slot allocator.",
        discussion: """
            Engine mode (one core): top-k offers timed one by one (p50/p99 in ns) and in a loop (offers/s), then a \
            book-plus-cancel loop (bookings/s; each booking beyond a window of 4,096 live ones is paired with a cancel). \
            Desk mode (--clients N): N concurrent clients send batches (offer, hold the best offer of the previous \
            batch, confirm, cancel) to one TechnicianDesk actor; afterwards a full calendar audit counts double bookings.
            """)

    @Option(help: "Technician counts, comma-separated (e.g. 250,1000,4000).") var technicians: String = "1000"
    @Option(help: "Calendar days, comma-separated.") var days: String = "28"
    @Option(help: "Ranking policy: earliest, leastTravel, sameTechnician, balancedLoad, or all.") var policy: String = "earliest"
    @Option(help: "Offers measured per configuration.") var offers: Int = 200_000
    @Option(help: "Book attempts in the book-plus-cancel loop.") var bookings: Int = 2_000_000
    @Option(help: "Share of shift slots booked before measuring (0…0.95).") var fill: Double = 0.5
    @Option(help: "Desk mode: concurrent clients (0 = engine mode only).") var clients: Int = 0
    @Option(help: "Desk mode: requests per batch.") var batch: Int = 256
    @Option(help: "Desk mode: total requests over all clients.") var requests: Int = 4_000_000
    @Option(help: "Seed.") var seed: UInt64 = 1
    @Flag(help: "One JSON object per configuration instead of a table.") var json = false
    @Option(help: "Refuse a run estimated to take longer than this many seconds.") var maxSeconds: Double = RunBudget.defaultMaxSeconds

    static func list(_ s: String, _ name: String) throws -> [Int] {
        let parts = s.split(separator: ",").map { String($0.filter { $0 != " " }) }
        var out: [Int] = []
        for p in parts {
            guard let v = Int(p), v > 0 else { throw ValidationError("--\(name): expected positive integers separated by commas, got '\(p)'") }
            out.append(v)
        }
        guard !out.isEmpty else { throw ValidationError("--\(name): empty list") }
        return out
    }

    func validate() throws {
        _ = try Self.list(technicians, "technicians")
        for d in try Self.list(days, "days") where d > 1024 { throw ValidationError("--days: must be ≤ 1024, got \(d)") }
        guard policy == "all" || RankingPolicy(rawValue: policy) != nil else {
            throw ValidationError("--policy: expected one of \(RankingPolicy.allCases.map(\.rawValue).joined(separator: ", ")), all; got '\(policy)'")
        }
        guard offers > 0 else { throw ValidationError("--offers: must be > 0, got \(offers)") }
        guard bookings > 0 else { throw ValidationError("--bookings: must be > 0, got \(bookings)") }
        guard (0...0.95).contains(fill) else { throw ValidationError("--fill: must be in 0...0.95, got \(fill)") }
        guard clients >= 0 else { throw ValidationError("--clients: must be ≥ 0, got \(clients)") }
        guard (1...1_000_000).contains(batch) else { throw ValidationError("--batch: must be 1 to 1000000, got \(batch)") }
        guard requests > 0 else { throw ValidationError("--requests: must be > 0, got \(requests)") }
        guard clients <= 10_000 else { throw ValidationError("--clients: at most 10000 client tasks, got \(clients)") }
        try BenchLimits.check(BenchLimits.technicians(technicians: try Self.list(technicians, "technicians"), days: try Self.list(days, "days"),
                                                      policies: policy == "all" ? RankingPolicy.allCases.count : 1, offers: offers,
                                                      bookings: bookings, clients: clients, requests: requests), maxSeconds: maxSeconds)
    }

    func run() throws {
        let techs = try Self.list(technicians, "technicians"), dayList = try Self.list(days, "days")
        let policies = policy == "all" ? RankingPolicy.allCases : RankingPolicy(rawValue: policy).map { [$0] } ?? []
        var engine: [BenchRecord] = []
        var desk: [BenchRecord] = []
        for t in techs {
            for d in dayList {
                if clients > 0 {
                    let r = TechnicianBench.runDeskBlocking(.init(technicians: t, days: d, clients: clients, batch: batch, requests: requests, seed: seed))
                    if json { try CheckedOutput.line(r.jsonLine()) }
                    desk.append(r)
                } else {
                    for p in policies {
                        let r = TechnicianBench.runEngine(.init(technicians: t, days: d, policy: p, offers: offers, bookings: bookings, fill: fill, seed: seed))
                        if json { try CheckedOutput.line(r.jsonLine()) }
                        engine.append(r)
                    }
                }
            }
        }
        if !json && !engine.isEmpty { try CheckedOutput.line(BenchTable.render(engine)) }
        if !json && !desk.isEmpty { try CheckedOutput.line(BenchTable.render(desk)) }
        for r in engine + desk { try BenchLimits.audit(r) }
    }
}
