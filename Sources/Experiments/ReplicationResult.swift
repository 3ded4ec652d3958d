import Foundation
import RetailerJourneys
import RunOutputs

/// The seeds of replications: replication 0 runs the scenario's own seed (so a single run is exactly
/// `jornada run` without replications), replication r > 0 a SplitMix64 mix of (base seed, r).
///
/// Why a pure function of (base, r) and not a stream: a sweep cell, a shard or a resumed run can compute
/// replication r's seed alone, and every cell of a sweep uses the same seeds (common random numbers).
public enum ReplicationSeeds {
    /// The seed of replication `r` for the base seed `base`. - Complexity: O(1).
    public static func seed(base: UInt64, replication r: Int) -> UInt64 {
        guard r > 0 else { return base }
        var z = base &+ UInt64(r) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One KPI of one replication, as the files keep it (a non-finite value is `nil`).
public struct KPIValue: Sendable, Equatable, Codable {
    /// Stable key (`delivery.otif`).
    public var key: String
    /// The journey or area.
    public var journey: String
    /// The value, nil when nothing was measured.
    public var value: Double?
    /// The unit (`share`, `hours`, …).
    public var unit: String
    /// Cases it was computed from.
    public var count: Int
    /// One-line definition.
    public var definition: String
}

/// A flow identity of one replication.
public struct FlowCheck: Sendable, Equatable, Codable {
    /// The flow (`orders`).
    public var flow: String
    /// The identity with its numbers.
    public var identity: String
    /// Whether it holds.
    public var holds: Bool
}

/// What one replication of one cell produced: every KPI, the daily rows (as `RunFiles.dailyColumns`), the
/// flow identities. A value that survives a round trip through its JSON file exactly, so results merged
/// from shards equal results computed in one process.
public struct ReplicationResult: Sendable, Equatable, Codable {
    /// The sweep cell (0 for a plain run).
    public var cell: Int
    /// The replication index.
    public var replication: Int
    /// The seed it ran with, in decimal (a JSON number would lose bits above 2^53).
    public var seed: String
    /// Every KPI, in the run's order.
    public var kpis: [KPIValue]
    /// The daily columns, in order.
    public var dailyColumns: [String]
    /// One row per day, in `dailyColumns` order.
    public var daily: [[Double]]
    /// The flow identities.
    public var conservation: [FlowCheck]
    /// Engine audit failures (empty unless audited and broken).
    public var auditFailures: [String]
    /// Events simulated.
    public var events: Int
    /// Retailer-days simulated.
    public var retailerDays: Int
    /// Technician utilisation per row × day and the sample day's routes (for the report and series.json).
    public var series: ReportSeries

    /// The seed as a number.
    public var seedValue: UInt64 { UInt64(seed) ?? 0 }

    /// The compact form of `result`. - Complexity: O(KPIs + days × columns).
    public init(_ result: RunResult, cell: Int, replication: Int) {
        self.cell = cell
        self.replication = replication
        self.seed = String(result.seed)
        self.kpis = result.kpis.map {
            KPIValue(key: $0.key, journey: $0.journey, value: $0.value.isFinite ? $0.value : nil, unit: $0.unit,
                     count: $0.count, definition: $0.definition)
        }
        self.dailyColumns = RunFiles.dailyColumns
        self.daily = result.daily.map(RunFiles.dailyValues)
        self.conservation = result.conservation.map { FlowCheck(flow: $0.flow, identity: $0.identity, holds: $0.holds) }
        self.auditFailures = result.auditFailures
        self.events = result.events
        self.retailerDays = result.retailerDays
        self.series = result.series
    }

    /// Whether every flow identity held and no audit failed.
    public var isSound: Bool { conservation.allSatisfy(\.holds) && auditFailures.isEmpty }

    /// Runs replication `replication` of `scenario` (seed from `ReplicationSeeds`); `parallel` runs its regions
    /// side by side (the result does not depend on it). A pure function of its arguments; `effort`, when
    /// given, receives the run's planning effort (wall time, so kept out of the result and its files).
    /// - Throws: `RunError`. - Complexity: one simulation run.
    public static func run(_ scenario: Scenario, cell: Int = 0, replication: Int, audit: Bool = false,
                           parallel: ParallelFor? = nil, effort: ((PlanningEffort) -> Void)? = nil) throws(RunError) -> ReplicationResult {
        let seed = ReplicationSeeds.seed(base: scenario.seed, replication: replication)
        let r = try ScenarioRun.run(scenario, options: RunOptions(seed: seed, auditEveryDay: audit), parallel: parallel)
        effort?(r.planning)
        return ReplicationResult(r, cell: cell, replication: replication)
    }

    /// The JSON file form: sorted keys, shortest round-trip numbers. - Complexity: O(size).
    public func encoded() -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        // Encoding plain structs of strings, integers and finite doubles cannot fail.
        let data = (try? e.encode(self)) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Reads the JSON file form. - Throws: `DecodingError` for anything else. - Complexity: O(size).
    public static func decoded(_ text: String) throws -> ReplicationResult {
        try JSONDecoder().decode(ReplicationResult.self, from: Data(text.utf8))
    }
}
