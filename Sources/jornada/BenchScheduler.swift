import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Benchmarking
import DeliveryScheduling
import InputLimits
import EngineWorkloads

/// `jornada bench scheduler`: the delivery scheduler's mixed operation stream and day planning.
struct BenchScheduler: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheduler",
        abstract: "Benchmark the delivery / pickup scheduler.",
        discussion: """
            Runs a steady-state mixed stream (submit 30%, update 40%, cancel 10%, dispatch-next 20%) at each \
            pending-job count, single-threaded, with the same stream over swift-collections' Heap with lazy \
            deletion as the baseline; then times planDay for N stops and M vehicles. With --clients N, also \
            runs N concurrent clients sending mixed batches through one DeliveryDeskRouter over --depots \
            desks and audits that no job was lost or duplicated. With --scaling 1000,5000,20000, also plans a \
            day of each size (trucks scaled with the stops) and prints CPU nanoseconds per planned stop. Build \
            with -c release.
            """)

    @Option(help: "Comma-separated pending-job counts.") var pending: String = "1000,10000,100000,1000000"
    @Option(help: "Operations per pending-job count.") var operations: Int = 5_000_000
    @Option(help: "In-tier policy: \(PriorityPolicy.allCases.map(\.rawValue).joined(separator: ", ")).")
    var policy: String = PriorityPolicy.earliestDeadline.rawValue
    @Option(help: "Stops for the day-planning run (0 to skip).") var stops: Int = 1000
    @Option(help: "Vehicles for the day-planning run.") var vehicles: Int = 40
    @Option(help: "Repeats of the day-planning run (best time kept).") var repeats: Int = 5
    @Option(help: "Comma-separated stop counts for a planning scaling table, trucks scaled as --vehicles per --stops (e.g. 1000,5000,20000).")
    var scaling: String = ""
    @Option(help: "Random seed.") var seed: UInt64 = 42
    @Flag(help: "Plan national-shaped depot-days (--stops 3500 is one: 200 trucks, 4 towns, the segments' windows); --vehicles is ignored.")
    var national = false
    @Option(help: "Local-search budget (move evaluations per phase) of the day-planning runs; the national scenario passes 20000.")
    var evaluations: Int = PlanOptions().maxMoveEvaluations
    @Flag(help: "Skip the Heap baseline.") var noBaseline = false
    @Flag(help: "Do not re-run with glibc's transparent huge pages for large arrays (glibc.malloc.hugetlb=1).")
    var noHugePages = false
    @Option(help: "Concurrent desk clients (0 = skip the desk run).") var clients: Int = 0
    @Option(help: "Depots (one desk each) for the desk run.") var depots: Int = 4
    @Option(help: "Requests per client batch for the desk run.") var batch: Int = 256
    @Option(help: "Requests over all clients for the desk run.") var requests: Int = 2_000_000
    @Flag(help: "One JSON object per line instead of a table.") var json = false
    @Option(help: "Refuse a run estimated to take longer than this many seconds.") var maxSeconds: Double = RunBudget.defaultMaxSeconds

    /// The `--pending` sizes. - Throws: `ValidationError` for a part that is not a non-negative integer.
    func sizes() throws -> [Int] {
        var sizes: [Int] = []
        for part in pending.split(separator: ",", omittingEmptySubsequences: false) {
            guard let n = Int(part.filter { $0 != " " && $0 != "_" }), n >= 0 else {
                throw ValidationError("--pending: '\(part)' is not a non-negative integer")
            }
            sizes.append(n)
        }
        return sizes
    }

    /// The `--scaling` stop counts. - Throws: `ValidationError` for a part that is not a positive integer.
    func scalingSizes() throws -> [Int] {
        if scaling.isEmpty { return [] }
        var sizes: [Int] = []
        for part in scaling.split(separator: ",", omittingEmptySubsequences: false) {
            guard let n = Int(part.filter { $0 != " " && $0 != "_" }), n > 0, n <= 100_000 else {
                throw ValidationError("--scaling: '\(part)' is not a stop count from 1 to 100000")
            }
            sizes.append(n)
        }
        return sizes
    }

    /// Trucks for a scaling run of `n` stops: --vehicles per --stops, at least one. - Complexity: O(1).
    func scaledVehicles(_ n: Int) -> Int { Swift.max(1, Int((Double(n) * Double(vehicles) / Double(Swift.max(1, stops))).rounded())) }

    @Option(help: "Large days (over 2000 stops): nearest routed stops a stop's insertion looks next to (0: every position, the full search).")
    var insertionNeighbours: Int = PlanOptions().cutInsertionNeighbours
    @Flag(help: "Also plan each day with large days planned as small cut days are (largeDayStops = Int.max: full insertion search, a budget per sector), in the same run.")
    var compareFull = false

    /// The options of the day-planning runs. - Complexity: O(1).
    var planOptions: PlanOptions { PlanOptions(maxMoveEvaluations: evaluations, cutInsertionNeighbours: insertionNeighbours) }

    /// The day-planning settings to run: (label, options), the cut-day planning of before second with
    /// --compare-full. - Complexity: O(1).
    var planSettings: [(String, PlanOptions)] {
        var before = planOptions
        before.largeDayStops = .max
        return compareFull ? [("k=\(insertionNeighbours)", planOptions), ("before", before)] : [("k=\(insertionNeighbours)", planOptions)]
    }

    func validate() throws {
        guard PriorityPolicy(rawValue: policy) != nil else {
            let names = PriorityPolicy.allCases.map(\.rawValue)
            throw ValidationError("--policy: unknown '\(policy)'\(Suggestion.hint(for: policy, among: names)); expected one of \(names.joined(separator: ", "))")
        }
        let sizes = try sizes()
        guard insertionNeighbours >= 0 else { throw ValidationError("--insertion-neighbours: must be ≥ 0, got \(insertionNeighbours)") }
        guard evaluations >= 0 else { throw ValidationError("--evaluations: must be ≥ 0, got \(evaluations)") }
        guard operations > 0 else { throw ValidationError("--operations: must be > 0, got \(operations)") }
        guard stops >= 0, vehicles >= 0 else { throw ValidationError("--stops/--vehicles: must be ≥ 0") }
        // A planned depot-day is at most a million stops: the generated day must fit the scheduler's live jobs.
        guard stops <= 1_000_000 else { throw ValidationError("--stops: at most 1000000 stops in a depot-day, got \(stops)") }
        guard stops == 0 || (vehicles > 0 && repeats > 0) else { throw ValidationError("--vehicles and --repeats: must be > 0 when --stops > 0") }
        guard clients >= 0 else { throw ValidationError("--clients: must be ≥ 0, got \(clients)") }
        if clients > 0 {
            guard clients <= 10_000 else { throw ValidationError("--clients: at most 10000 client tasks, got \(clients)") }
            guard depots > 0, depots <= 10_000 else { throw ValidationError("--depots: must be 1 to 10000, got \(depots)") }
            guard (1...1_000_000).contains(batch) else { throw ValidationError("--batch: must be 1 to 1000000, got \(batch)") }
            guard requests > 0 else { throw ValidationError("--requests: must be > 0, got \(requests)") }
        }
        let scaled = try scalingSizes()
        guard scaled.isEmpty || (stops > 0 && vehicles > 0) else { throw ValidationError("--scaling: needs --stops and --vehicles > 0 (trucks per stop)") }
        for n in scaled {
            try BenchLimits.check(BenchLimits.scheduler(pending: [], operations: 1, baseline: false, stops: n, vehicles: scaledVehicles(n),
                                                        repeats: repeats, requests: 0, clients: 0), maxSeconds: maxSeconds)
        }
        try BenchLimits.check(BenchLimits.scheduler(pending: sizes, operations: operations, baseline: !noBaseline, stops: stops, vehicles: vehicles,
                                                    repeats: repeats, requests: requests, clients: clients), maxSeconds: maxSeconds)
    }

    func run() throws {
        #if canImport(Glibc)
        // 10^6 pending jobs spread over ~200 MB of arrays touched at random: with 4 KiB pages most
        // operations also miss the TLB. glibc gives large allocations transparent huge pages when asked
        // at start-up, so re-execute once with the tunable set (baseline and engine alike).
        if !noHugePages && ProcessInfo.processInfo.environment["GLIBC_TUNABLES"] == nil {
            setenv("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1", 1)
            execv("/proc/self/exe", CommandLine.unsafeArgv)
            // execv returns only on failure: carry on without huge pages.
        }
        #endif
        let hugePages = ProcessInfo.processInfo.environment["GLIBC_TUNABLES"]?.contains("hugetlb=1") ?? false
        guard let pol = PriorityPolicy(rawValue: policy) else { throw ValidationError("--policy: unknown '\(policy)'") }
        let sizes = try sizes()
        var records: [BenchRecord] = []
        for n in sizes {
            var r = SchedulerBench.mixedStream(pending: n, operations: operations, seed: seed, policy: pol, baseline: !noBaseline)
            r.fields.append((key: "hugePages", value: .int(hugePages ? 1 : 0)))
            if json { try CheckedOutput.line(r.jsonLine()) }
            records.append(r)
        }
        if !json && !records.isEmpty {
            try CheckedOutput.line("Mixed stream (submit 30% / update 40% / cancel 10% / dispatch-next 20%), policy \(pol), single core\(hugePages ? ", glibc.malloc.hugetlb=1" : "")")
            try CheckedOutput.line(BenchTable.render(records))
        }
        for r in records { try BenchLimits.audit(r) }
        if stops > 0 {
            var rows: [BenchRecord] = []
            for (label, options) in planSettings {
                var r = SchedulerBench.planDay(stops: stops, vehicles: vehicles, seed: seed, repeats: repeats, options: options, national: national)
                r.fields.insert((key: "insertion", value: .text(label)), at: 0)
                if json { try CheckedOutput.line(r.jsonLine()) }
                rows.append(r)
            }
            if !json {
                try CheckedOutput.line("\nplanDay (priority-ordered cheapest insertion + relocate / 2-opt / 2-opt*)\(national ? ", national-shaped day" : "")")
                try CheckedOutput.line(BenchTable.render(rows))
            }
        }
        let scaled = try scalingSizes()
        if !scaled.isEmpty {
            // Near-linear planning shows as a flat cpuNsPerStop column; `perStopVsFirst` is its ratio to the first size.
            var rows: [BenchRecord] = []
            for (label, options) in planSettings {
                var firstNs: BenchRecord.Value?
                for n in scaled {
                    var r = SchedulerBench.planDay(stops: n, vehicles: scaledVehicles(n), seed: seed, repeats: repeats, options: options,
                                                   national: national)
                    let first = firstNs ?? r["cpuNsPerStop"]
                    firstNs = first
                    if case .double(let a)? = first, case .double(let b)? = r["cpuNsPerStop"] {
                        r.fields.append((key: "perStopVsFirst", value: .double(b / a)))
                    }
                    r.fields.insert((key: "insertion", value: .text(label)), at: 0)
                    r.fields.insert((key: "scaling", value: .text("planDay")), at: 0)
                    if json { try CheckedOutput.line(r.jsonLine()) }
                    rows.append(r)
                }
            }
            if !json {
                try CheckedOutput.line("\nplanDay scaling (fast setting; trucks scaled with the stops; CPU time of the planning thread)")
                try CheckedOutput.line(BenchTable.render(rows))
            }
        }
        if clients > 0 {
            let r = SchedulerBench.deskBlocking(DeskWorkload(depots: depots, clients: clients, batch: batch, requests: requests, seed: seed, policy: pol))
            if json { try CheckedOutput.line(r.jsonLine()) } else {
                try CheckedOutput.line("\nDesk: \(clients) clients, mixed batches through one router over \(depots) desks (same mix as above)")
                try CheckedOutput.line(BenchTable.render([r]))
            }
            try BenchLimits.audit(r)
        }
    }
}
