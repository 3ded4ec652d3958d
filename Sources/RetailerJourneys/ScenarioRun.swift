import DiscreteEvents
#if canImport(Glibc)
import Glibc
#endif

/// How to run a scenario.
public struct RunOptions: Sendable, Equatable {
    /// Overrides the scenario's seed.
    public var seed: UInt64?
    /// Overrides the scenario's horizon.
    public var days: Int?
    /// Audit both engines and the flow identities at every day end (tests; costs a full audit a day).
    public var auditEveryDay = false
    /// Keep a (who, when, what) trace of every journey step (tests on tiny scenarios only).
    public var trace = false
    /// Defaults: the scenario's own seed and horizon. - Complexity: O(1).
    public init(seed: UInt64? = nil, days: Int? = nil, auditEveryDay: Bool = false, trace: Bool = false) {
        self.seed = seed; self.days = days; self.auditEveryDay = auditEveryDay; self.trace = trace
    }
}

/// One flow identity checked at the end of a run: `inflow = sum of outflows + open`.
public struct ConservationCheck: Sendable, Hashable, CustomStringConvertible {
    /// What is counted (`orders`, `returns`, `visits`).
    public var flow: String
    /// The identity as text: `placed 812 = delivered 790 + cancelled 4 + open 18`.
    public var identity: String
    /// Whether it holds.
    public var holds: Bool
    /// `orders: placed 812 = … (holds)`.
    public var description: String { "\(flow): \(identity) (\(holds ? "holds" : "BROKEN"))" }
}

/// The result of a run: every KPI, the daily series, the flow checks and the effort. A value: writing
/// files and printing belong to the tools.
public struct RunResult: Sendable {
    /// The scenario's name.
    public var scenarioName: String
    /// The seed used.
    public var seed: UInt64
    /// Days simulated.
    public var days: Int
    /// Warm-up days (not counted in the KPIs).
    public var warmUpDays: Int
    /// Retailers at the start, over all regions.
    public var retailers: Int
    /// Regions simulated.
    public var regions: Int
    /// Merged metrics (regions merged in region order).
    public var metrics: JourneyMetrics
    /// The daily series (regions merged per day).
    public var daily: [DailyRow]
    /// The KPI table.
    public var kpis: [KPI]
    /// Flow identities at the end of the run.
    public var conservation: [ConservationCheck]
    /// Engine audit failures found at day ends (empty unless auditing).
    public var auditFailures: [String]
    /// Kernel events handled.
    public var events: Int
    /// Retailer-days simulated (active retailers × days).
    public var retailerDays: Int
    /// The trace of region 0 (when requested).
    public var trace: [TraceEntry]
    /// Wall time of the day plans and the stops they placed, over all regions (effort, not an outcome:
    /// it varies run to run and is printed, never written to the results files).
    public var planning = PlanningEffort()
    /// Technician utilisation per row × day and the sample day's routes (regions joined in region order).
    public var series = ReportSeries()
}

/// Runs scenarios: one `RegionModel` per region, each on its own kernel `Simulation`, advanced day by
/// day to a barrier where cross-region facts are exchanged in region order.
public enum ScenarioRun {
    /// Runs `scenario`. - Throws: `RunError` when a region cannot be built.
    /// - Complexity: O(days × (retailers + events of the day + a day plan per depot)).
    /// `parallel` runs the regions of a day side by side (see `ParallelFor`); the result does not depend on it.
    public static func run(_ scenario: Scenario, options: RunOptions = RunOptions(), parallel: ParallelFor? = nil) throws(RunError) -> RunResult {
        var runner = try ScenarioRunner(scenario, options: options, parallel: parallel)
        while !runner.isFinished { runner.advanceDay(parallel: parallel) }
        return runner.result()
    }
}

/// A scenario run that advances one simulated day at a time (what `ScenarioRun.run` loops over), so a
/// benchmark can measure a steady-state stretch of days after a warm-up.
public struct ScenarioRunner {
    /// The scenario with the run's overrides applied.
    public let scenario: Scenario
    var sims: [Simulation<RegionModel>] = []
    /// Regions in the order a day's parallel jobs are handed out (largest first).
    let order: [Int]
    var activeDays: [Int]
    /// The next day to simulate (days before it are done).
    public private(set) var day = 0

    /// Builds every region of `scenario`, side by side when `parallel` is given (each region's build reads
    /// only the scenario). - Throws: `RunError` when a region cannot be built (the first in region order).
    /// - Complexity: O(retailers + trucks + technicians × calendar days).
    public init(_ scenario: Scenario, options: RunOptions = RunOptions(), parallel: ParallelFor? = nil) throws(RunError) {
        var sc = scenario
        if let s = options.seed { sc.seed = s }
        if let d = options.days { sc.days = d }
        guard sc.days >= 1 else { throw RunError(field: "days", message: "must be ≥ 1, got \(sc.days)") }
        guard !sc.regions.isEmpty else { throw RunError(field: "regions", message: "a scenario needs at least one region") }
        var built = [Result<RegionModel, RunError>?](repeating: nil, count: sc.regions.count)
        if let parallel, sc.regions.count > 1 {
            let frozen = sc
            let largestFirst = sc.regions.indices.sorted { (sc.regions[$0].retailers, -$0) > (sc.regions[$1].retailers, -$1) }
            built.withUnsafeMutableBufferPointer { buf in
                // Each job writes only its own region's slot: disjoint memory, no race.
                nonisolated(unsafe) let slots = buf
                parallel(largestFirst.count) { k in
                    let i = largestFirst[k]
                    slots[i] = Result { () throws(RunError) -> RegionModel in try RegionModel(scenario: frozen, region: i) }
                }
            }
        } else {
            for i in sc.regions.indices { built[i] = Result { () throws(RunError) -> RegionModel in try RegionModel(scenario: sc, region: i) } }
        }
        for i in sc.regions.indices {
            guard let r = built[i] else { continue }
            var model = try r.get()
            model.auditEveryDay = options.auditEveryDay
            if options.trace && i == 0 { model.trace = [] }
            sims.append(Simulation(model: model))
        }
        self.scenario = sc
        order = sims.indices.sorted { (sc.regions[$0].retailers, -$0) > (sc.regions[$1].retailers, -$1) }
        activeDays = [Int](repeating: 0, count: sims.count)
    }

    /// Whether every day of the horizon is simulated.
    public var isFinished: Bool { day >= scenario.days }

    /// Kernel events handled so far, over all regions. - Complexity: O(regions).
    public var eventsProcessed: Int { sims.reduce(0) { $0 + $1.eventsProcessed } }

    /// Simulates the next day in every region, then the daily barrier. Regions advance in parallel when
    /// `parallel` is given (largest first, so the longest jobs start first); nothing a region does between
    /// barriers depends on another, so the result is the same for any number of workers. Does nothing once
    /// finished. - Complexity: O(the day's events in all regions).
    public mutating func advanceDay(parallel: ParallelFor? = nil) {
        guard !isFinished else { return }
        let day = self.day, order = self.order
        if let parallel, sims.count > 1 {
            sims.withUnsafeMutableBufferPointer { buf in
                activeDays.withUnsafeMutableBufferPointer { act in
                    // Each job writes only its own region's slots: disjoint memory, no race.
                    nonisolated(unsafe) let regions = buf, counts = act
                    parallel(order.count) { k in
                        let i = order[k]
                        counts[i] += ScenarioRun.advance(&regions[i], day: day)
                    }
                }
            }
        } else {
            for i in sims.indices { activeDays[i] += ScenarioRun.advance(&sims[i], day: day) }
        }
        // The daily barrier: a keg batch reported across regions is detected nationally, in region order.
        if sims.count > 1 { ScenarioRun.nationalBatchCheck(&sims, scenario: scenario, at: SimTime(day: day + 1) - .microseconds(1)) }
        self.day += 1
    }

    /// The result of the days simulated so far (the whole run once finished). - Complexity: O(regions × days + KPIs).
    public func result() -> RunResult {
        let sc = scenario
        let retailerDays = activeDays.reduce(0, +)
        var metrics = JourneyMetrics()
        var daily = (0..<sc.days).map { DailyRow(day: $0) }
        var audits: [String] = []
        var series = ReportSeries()
        var planning = PlanningEffort()
        var events = 0
        var openOrders = 0, openReturns = 0, openVisits = 0, openCases = 0
        for s in sims {
            // The model is not copied: only its metrics are, to add the outlets with an activation history.
            var regionMetrics = s.model.metrics
            regionMetrics.service.outletsWithActivation = s.model.population.all.lazy.filter { $0.activations > 0 }.count
            metrics.merge(regionMetrics)
            series.append(s.model.reportSeries.series())
            planning.merge(s.model.planning)
            for row in s.model.daily where row.day < daily.count { daily[row.day].merge(row) }
            audits += s.model.auditFailures.map { "region \(s.model.spec.name): \($0)" }
            events += s.eventsProcessed
            openOrders += s.model.orders.open
            openReturns += s.model.returns.open
            openVisits += s.model.openVisits
            openCases += s.model.cases.open
            metrics.technicianShiftHours += s.model.shiftHours(days: sc.days)
        }
        let m = metrics
        let conservation = [
            ConservationCheck(
                flow: "orders",
                identity: "placed \(m.ordersPlaced) = delivered \(m.ordersDelivered) + cancelled \(m.ordersCancelled) + open \(openOrders)",
                holds: m.ordersPlaced == m.ordersDelivered + m.ordersCancelled + openOrders),
            ConservationCheck(
                flow: "returns",
                identity: "registered \(m.returnsRegistered) = picked up \(m.returnsPickedUp) + refused \(m.returnsRefused) + open \(openReturns)",
                holds: m.returnsRegistered == m.returnsPickedUp + m.returnsRefused + openReturns),
            ConservationCheck(
                flow: "visits",
                identity: "booked \(m.visitsBooked) = done \(m.visitsDone) + cancelled \(m.visitsCancelled) + open \(openVisits)",
                holds: m.visitsBooked == m.visitsDone + m.visitsCancelled + openVisits),
        ] + (m.service.typeNames.isEmpty ? [] : [
            ConservationCheck(
                flow: "service cases",
                identity: "opened \(m.service.opened) = closed \(m.service.closed) + open \(openCases)",
                holds: m.service.opened == m.service.closed + openCases),
        ])
        return RunResult(
            scenarioName: sc.name, seed: sc.seed, days: sc.days, warmUpDays: sc.warmUpDays, retailers: sc.retailerCount,
            regions: sc.regions.count, metrics: metrics, daily: daily, kpis: KPI.table(metrics, daily: daily),
            conservation: conservation, auditFailures: audits, events: events, retailerDays: retailerDays,
            trace: sims.first?.model.trace ?? [], planning: planning, series: series)
    }
}

extension ScenarioRun {
    /// One region's day: its retailers active at the start, then every event of the day. - Complexity: O(day's events).
    static func advance(_ sim: inout Simulation<RegionModel>, day: Int) -> Int {
        let active = sim.model.population.activeCount
        sim.schedule(.dayStart(Int32(day)), at: SimTime(day: day))
        sim.run(until: SimTime(day: day + 1) - .microseconds(1))
        return active
    }

    /// The national mass-problem check: per batch, the reports in the window and the kegs delivered summed over
    /// the regions that have not flagged it; past the threshold every region flags it. - Complexity: O(regions × facts).
    static func nationalBatchCheck(_ sims: inout [Simulation<RegionModel>], scenario sc: Scenario, at now: SimTime) {
        var reports: [Int: Int] = [:], kegs: [Int: Int] = [:]
        for s in sims {
            for f in s.model.batchFacts(at: now) { reports[f.batch, default: 0] += f.reportsInWindow; kegs[f.batch, default: 0] += f.kegs }
        }
        let p = sc.journeys.returns
        var flagged = reports.keys.sorted().filter { b in
            let n = reports[b] ?? 0
            return n >= max(1, p.massProblemThreshold) && Double(n) > p.massProblemFactor * p.defectRate * Double(kegs[b] ?? 0)
        }
        // A batch one region has flagged is flagged in every region that received it.
        for s in sims {
            for b in s.model.batches.detected.indices where s.model.batches.detected[b] && !flagged.contains(b) { flagged.append(b) }
        }
        flagged.sort()
        guard !flagged.isEmpty else { return }
        for i in sims.indices { for b in flagged { sims[i].model.detectNationally(batch: b, now: now) } }
    }
}

extension RegionModel {
    /// Confirmed visits not yet done (open in the visits flow). - Complexity: O(tickets).
    var openVisits: Int {
        var n = 0
        for i in tickets.stage.indices where tickets.stage[i] == .confirmed { n += 1 }
        return n
    }

    /// Field-technician shift hours over `days` days (for utilisation). - Complexity: O(technicians × 7).
    func shiftHours(days: Int) -> Double {
        var weekly = 0.0
        for g in spec.technicians where g.kind == .field {
            var h = 0
            for day in g.shift.days { for w in day { h += w.to - w.from } }
            weekly += Double(h * g.count) / 60
        }
        return weekly * Double(days) / 7
    }
}

/// What day planning cost: CPU time inside `planDay` and the stops placed. - Complexity: O(1) per update.
public struct PlanningEffort: Sendable, Equatable {
    /// CPU time spent planning, in seconds (the planning thread's own time, summed over regions: a
    /// share of the run's CPU time however busy the machine is).
    public var seconds = 0.0
    /// Day plans made.
    public var plans = 0
    /// Stops the plans placed on routes.
    public var stops = 0
    /// No effort yet. - Complexity: O(1).
    public init() {}
    /// Adds one day plan. - Complexity: O(1).
    mutating func add(seconds cpu: Double, stops placed: Int) {
        seconds += cpu
        plans += 1
        stops += placed
    }
    /// Adds another region's effort. - Complexity: O(1).
    public mutating func merge(_ o: PlanningEffort) { seconds += o.seconds; plans += o.plans; stops += o.stops }
    /// The calling thread's CPU time in seconds (a system call, about a microsecond: twice a day plan;
    /// the benchmarks read it too). - Complexity: O(1).
    public static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
    /// Nanoseconds of planning per placed stop (0 without stops). - Complexity: O(1).
    public var nanosecondsPerStop: Double { stops > 0 ? seconds * 1e9 / Double(stops) : 0 }
}
