import Benchmark
import Foundation
import RetailerJourneys
import ScenarioFiles

/// The Scenario suite: every bundled scenario file simulated over a short horizon, and a steady-state
/// stretch of the baseline after its warm-up. Throughput (events/s, retailer-days/s) and outcome metrics
/// (OTIF, desk SLA compliance) are reported as custom metrics; thresholds are committed only on the
/// deterministic ones — events processed, orders delivered, visits done, cases closed, allocations — so a
/// change to the model's behaviour or its allocation pattern fails CI while wall-clock noise never does.
let benchmarks: @Sendable () -> Void = {
    let exact = BenchmarkThresholds(relative: [.p90: 0], absolute: [.p90: 0])
    let thresholds: [BenchmarkMetric: BenchmarkThresholds] = [
        .mallocCountTotal: .init(relative: [.p90: 5], absolute: [.p90: 200]),
        ScenarioMetrics.events: exact, ScenarioMetrics.ordersDelivered: exact,
        ScenarioMetrics.visitsDone: exact, ScenarioMetrics.casesClosed: exact,
    ]
    let metrics: [BenchmarkMetric] = [.wallClock, .mallocCountTotal] + ScenarioMetrics.all

    // Each bundled scenario (short horizons, each still holding its disruption: the suite runs in CI);
    // the national one for its first three days (a million retailers built, 40 depot plans a day).
    for (name, days) in [("tiny", 14), ("baseline", 21), ("summer-peak", 42), ("bad-keg-batch", 28),
                         ("technician-shortage", 28), ("service-desk-understaffed", 21), ("national", 3)] {
        Benchmark("Scenario.\(ScenarioMetrics.caseName(name))",
                  configuration: .init(metrics: metrics, maxDuration: .seconds(30), maxIterations: 3, thresholds: thresholds)) { benchmark in
            let scenario = try ScenarioMetrics.load(name, days: days)
            benchmark.startMeasurement()
            let start = ContinuousClock.now
            let result = try ScenarioRun.run(scenario)
            let seconds = (ContinuousClock.now - start).seconds
            benchmark.stopMeasurement()
            precondition(result.conservation.allSatisfy(\.holds), "\(name): a flow identity is broken")
            ScenarioMetrics.record(benchmark, result: result, seconds: seconds)
        }
    }

    // The steady state: the baseline after 14 days, one more week measured. Allocations in this window
    // against the events handled in it show there is no allocation per event (README, "National scale").
    Benchmark("Scenario.baselineSteadyWeek",
              configuration: .init(metrics: metrics, maxDuration: .seconds(30), maxIterations: 3, thresholds: thresholds)) { benchmark in
        var runner = try ScenarioRunner(try ScenarioMetrics.load("baseline", days: 28))
        for _ in 0..<14 { runner.advanceDay() }
        let before = runner.eventsProcessed
        benchmark.startMeasurement()
        let start = ContinuousClock.now
        for _ in 0..<7 { runner.advanceDay() }
        let seconds = (ContinuousClock.now - start).seconds
        benchmark.stopMeasurement()
        let events = runner.eventsProcessed - before
        benchmark.measurement(ScenarioMetrics.events, events)
        benchmark.measurement(ScenarioMetrics.eventsPerSecond, Int(Double(events) / max(seconds, 1e-9)))
        blackHole(runner.day)
    }
}

/// The suite's custom metrics and helpers.
enum ScenarioMetrics {
    /// Kernel events handled (deterministic).
    static let events = BenchmarkMetric.custom("events", polarity: .prefersLarger, useScalingFactor: false)
    /// Orders delivered (deterministic).
    static let ordersDelivered = BenchmarkMetric.custom("ordersDelivered", polarity: .prefersLarger, useScalingFactor: false)
    /// Technician visits done (deterministic).
    static let visitsDone = BenchmarkMetric.custom("visitsDone", polarity: .prefersLarger, useScalingFactor: false)
    /// Service cases closed (deterministic).
    static let casesClosed = BenchmarkMetric.custom("casesClosed", polarity: .prefersLarger, useScalingFactor: false)
    /// OTIF in per mille (deterministic, reported).
    static let otifPermille = BenchmarkMetric.custom("otifPermille", polarity: .prefersLarger, useScalingFactor: false)
    /// Service-desk SLA compliance in per mille (deterministic, reported).
    static let deskSLAPermille = BenchmarkMetric.custom("deskSLAPermille", polarity: .prefersLarger, useScalingFactor: false)
    /// Events per wall second (noisy, reported only).
    static let eventsPerSecond = BenchmarkMetric.custom("eventsPerSecond", polarity: .prefersLarger, useScalingFactor: false)
    /// Retailer-days per wall second (noisy, reported only).
    static let retailerDaysPerSecond = BenchmarkMetric.custom("retailerDaysPerSecond", polarity: .prefersLarger, useScalingFactor: false)
    /// Every custom metric, in the order reported.
    static let all = [events, eventsPerSecond, retailerDaysPerSecond, ordersDelivered, visitsDone, casesClosed, otifPermille, deskSLAPermille]

    /// `summer-peak` → `summerPeak` (benchmark names may not hold `-`, spaces or `/`).
    static func caseName(_ file: String) -> String {
        let parts = file.split(separator: "-")
        return parts.enumerated().map { $0.offset == 0 ? String($0.element) : $0.element.prefix(1).uppercased() + $0.element.dropFirst() }.joined()
    }

    /// The bundled scenario `Scenarios/<name>.yaml` over `days` days (warm-up shortened to fit).
    /// - Throws: the reader's `ScenarioError` (file, line, field), which fails the benchmark with its message.
    static func load(_ name: String, days: Int) throws -> Scenario {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var s = try ScenarioFile.load(path: root.appendingPathComponent("Scenarios/\(name).yaml").path).scenario
        s.days = days
        s.warmUpDays = min(s.warmUpDays, days / 3)
        s.calendar.holidays = s.calendar.holidays.filter { $0 < days }
        return s
    }

    /// Records a whole run's custom metrics.
    static func record(_ benchmark: Benchmark, result r: RunResult, seconds: Double) {
        benchmark.measurement(events, r.events)
        benchmark.measurement(eventsPerSecond, Int(Double(r.events) / max(seconds, 1e-9)))
        benchmark.measurement(retailerDaysPerSecond, Int(Double(r.retailerDays) / max(seconds, 1e-9)))
        benchmark.measurement(ordersDelivered, r.metrics.ordersDelivered)
        benchmark.measurement(visitsDone, r.metrics.visitsDone)
        benchmark.measurement(casesClosed, r.metrics.service.closed)
        benchmark.measurement(otifPermille, Int((r.metrics.otif.value * 1000).rounded()))
        let sla = r.kpis.first { $0.key == "service.sla" }?.value ?? 0
        benchmark.measurement(deskSLAPermille, Int((sla * 1000).rounded()))
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
