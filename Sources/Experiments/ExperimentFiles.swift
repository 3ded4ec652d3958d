import DiscreteEvents
import RunOutputs

/// What every result file says about the experiment: the scenario, its hash and base seed, the tool.
public struct ExperimentHeader: Sendable, Equatable, Codable {
    /// The scenario's name.
    public var scenarioName: String
    /// The resolved scenario's hash (after `--set`).
    public var scenarioHash: String
    /// The base seed (replication 0's seed).
    public var seed: UInt64
    /// Simulated days, warm-up days included.
    public var days: Int
    /// Warm-up days excluded from the KPIs.
    public var warmUpDays: Int
    /// Regions and retailers.
    public var regions: Int, retailers: Int
    /// The tool version.
    public var toolVersion: String

    /// A header from its parts.
    public init(scenarioName: String, scenarioHash: String, seed: UInt64, days: Int, warmUpDays: Int, regions: Int,
                retailers: Int, toolVersion: String) {
        self.scenarioName = scenarioName
        self.scenarioHash = scenarioHash
        self.seed = seed
        self.days = days
        self.warmUpDays = warmUpDays
        self.regions = regions
        self.retailers = retailers
        self.toolVersion = toolVersion
    }
}

/// The files of a run of one or more replications. With one replication they are exactly the files of a
/// plain run (`RunFiles`); with more, `summary.json` gives each KPI's mean and 95% interval, and the CSVs
/// gain leading `replication,seed` columns (one row per KPI and replication, per day and replication).
/// Deterministic text: no wall-clock value, no dictionary order.
public enum ExperimentFiles {
    typealias J = RunFiles

    /// `summary.json`. `requested` > results.count marks an interrupted run. - Complexity: O(KPIs × replications).
    public static func summaryJSON(_ h: ExperimentHeader, _ results: [ReplicationResult], requested: Int) -> String {
        var s = "{\n"
        s += "  \"tool\": \"jornada\",\n  \"version\": \(J.json(h.toolVersion)),\n"
        s += "  \"scenario\": {\"name\": \(J.json(h.scenarioName)), \"hash\": \(J.json(h.scenarioHash)), \"seed\": \(h.seed), "
        s += "\"days\": \(h.days), \"warmUpDays\": \(h.warmUpDays), \"regions\": \(h.regions), \"retailers\": \(h.retailers)},\n"
        let events = results.reduce(0) { $0 + $1.events }, retailerDays = results.reduce(0) { $0 + $1.retailerDays }
        if results.count == 1 && requested == 1, let r = results.first {
            return RunFiles.summaryJSON((h.scenarioName, h.scenarioHash, h.seed, h.days, h.warmUpDays, h.regions, h.retailers),
                                        toolVersion: h.toolVersion, events: r.events, retailerDays: r.retailerDays,
                                        conservation: r.conservation.map { ($0.flow, $0.identity, $0.holds) }, kpis: r.kpis.map(row))
        }
        s += "  \"replications\": \(results.count),\n"
        if requested != results.count { s += "  \"requested\": \(requested),\n  \"interrupted\": true,\n" }
        s += "  \"seeds\": [\(results.map(\.seed).joined(separator: ", "))],\n"
        s += "  \"confidenceLevel\": \(J.number(ReplicationStatistics.level)),\n"
        s += "  \"events\": \(events),\n  \"retailerDays\": \(retailerDays),\n"
        let flows = results.first?.conservation.map(\.flow) ?? []
        s += "  \"conservation\": [\n"
        s += flows.enumerated().map { i, f in
            let holding = results.filter { i < $0.conservation.count && $0.conservation[i].holds }.count
            return "    {\"flow\": \(J.json(f)), \"holds\": \(holding == results.count), \"replicationsHolding\": \(holding)}"
        }.joined(separator: ",\n")
        s += "\n  ],\n  \"kpis\": {\n"
        s += ReplicationStatistics.summarise(results).map { "    \(J.json($0.key)): " + kpiJSON($0) }.joined(separator: ",\n")
        return s + "\n  }\n}\n"
    }

    /// A KPI in the single-run files' form (nil → NaN, written as null or an empty cell). - Complexity: O(1).
    static func row(_ k: KPIValue) -> RunFiles.KPIRow { (k.key, k.journey, k.value ?? .nan, k.unit, k.count, k.definition) }

    /// One KPI summary as a JSON object on one line. - Complexity: O(1).
    public static func kpiJSON(_ k: KPISummary) -> String {
        "{\"journey\": \(J.json(k.journey)), \"value\": \(num(k.mean)), \"ci95\": \(interval(k.interval)), "
            + "\"halfWidth\": \(num(k.interval?.halfWidth)), \"n\": \(k.n), \"min\": \(num(k.min)), \"max\": \(num(k.max)), "
            + "\"unit\": \(J.json(k.unit)), \"count\": \(k.count), \"definition\": \(J.json(k.definition))}"
    }

    /// `[lower, upper]` or `null`. - Complexity: O(1).
    public static func interval(_ ci: ConfidenceInterval?) -> String {
        guard let ci, ci.lower.isFinite, ci.upper.isFinite else { return "null" }
        return "[\(J.number(ci.lower)), \(J.number(ci.upper))]"
    }

    /// A JSON number or `null`. - Complexity: O(1).
    public static func num(_ v: Double?) -> String { v.map(J.number) ?? "null" }

    /// `kpis.csv`. - Complexity: O(KPIs × replications).
    public static func kpisCSV(_ results: [ReplicationResult], requested: Int) -> String {
        let plain = results.count == 1 && requested == 1
        var s = (plain ? "" : "replication,seed,") + "key,journey,value,unit,count,definition\n"
        for r in results {
            let lead = plain ? "" : "\(r.replication),\(r.seed),"
            for k in r.kpis { s += lead + RunFiles.kpiCSVRow(row(k)) }
        }
        return s
    }

    /// `daily.csv`. - Complexity: O(days × columns × replications).
    public static func dailyCSV(_ results: [ReplicationResult], requested: Int) -> String {
        let plain = results.count == 1 && requested == 1
        let columns = results.first?.dailyColumns ?? RunFiles.dailyColumns
        var s = (plain ? "" : "replication,seed,") + columns.joined(separator: ",") + "\n"
        for r in results {
            let lead = plain ? "" : "\(r.replication),\(r.seed),"
            for row in r.daily { s += lead + row.map(J.csvNumber).joined(separator: ",") + "\n" }
        }
        return s
    }
}
