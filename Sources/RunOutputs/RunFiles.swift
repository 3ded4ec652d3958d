import Foundation
import RetailerJourneys

/// The files of one run, rendered from a `RunResult`: deterministic text, so the same scenario and
/// seed give byte-identical files. Timing (wall seconds, events/s) is kept out of them on purpose.
public enum RunFiles {
    /// One KPI as the single-run files write it (NaN when nothing was measured).
    public typealias KPIRow = (key: String, journey: String, value: Double, unit: String, count: Int, definition: String)
    /// One flow identity as the files write it.
    public typealias FlowRow = (flow: String, identity: String, holds: Bool)
    /// What `summary.json` says about the scenario.
    public typealias ScenarioHeader = (name: String, hash: String, seed: UInt64, days: Int, warmUpDays: Int, regions: Int, retailers: Int)

    /// `summary.json`: every KPI (value, unit, count, definition), the scenario hash, seed, horizon and
    /// tool version, the flow identities. - Complexity: O(KPIs).
    public static func summaryJSON(_ r: RunResult, scenarioHash: String, toolVersion: String) -> String {
        summaryJSON((r.scenarioName, scenarioHash, r.seed, r.days, r.warmUpDays, r.regions, r.retailers), toolVersion: toolVersion,
                    events: r.events, retailerDays: r.retailerDays,
                    conservation: r.conservation.map { ($0.flow, $0.identity, $0.holds) },
                    kpis: r.kpis.map { ($0.key, $0.journey, $0.value, $0.unit, $0.count, $0.definition) })
    }

    /// `summary.json` of one run from its parts (the one writer of this layout: `jornada run` with one
    /// replication, and the golden files, use it). - Complexity: O(KPIs).
    public static func summaryJSON(_ h: ScenarioHeader, toolVersion: String, events: Int, retailerDays: Int,
                                   conservation: [FlowRow], kpis: [KPIRow]) -> String {
        var s = "{\n"
        s += "  \"tool\": \"jornada\",\n  \"version\": \(json(toolVersion)),\n"
        s += "  \"scenario\": {\"name\": \(json(h.name)), \"hash\": \(json(h.hash)), \"seed\": \(h.seed), "
        s += "\"days\": \(h.days), \"warmUpDays\": \(h.warmUpDays), \"regions\": \(h.regions), \"retailers\": \(h.retailers)},\n"
        s += "  \"events\": \(events),\n  \"retailerDays\": \(retailerDays),\n"
        s += "  \"conservation\": [\n"
        s += conservation.map { "    {\"flow\": \(json($0.flow)), \"identity\": \(json($0.identity)), \"holds\": \($0.holds)}" }
            .joined(separator: ",\n")
        s += "\n  ],\n  \"kpis\": {\n"
        s += kpis.map {
            "    \(json($0.key)): {\"journey\": \(json($0.journey)), \"value\": \(number($0.value)), \"unit\": \(json($0.unit)), "
                + "\"count\": \($0.count), \"definition\": \(json($0.definition))}"
        }.joined(separator: ",\n")
        s += "\n  }\n}\n"
        return s
    }

    /// One `kpis.csv` row (after any leading columns). - Complexity: O(1).
    public static func kpiCSVRow(_ k: KPIRow) -> String {
        "\(k.key),\(k.journey),\(csvNumber(k.value)),\(k.unit),\(k.count),\(csv(k.definition))\n"
    }

    /// `kpis.csv`: one row per KPI. - Complexity: O(KPIs).
    public static func kpisCSV(_ r: RunResult) -> String {
        var s = "key,journey,value,unit,count,definition\n"
        for k in r.kpis { s += kpiCSVRow((k.key, k.journey, k.value, k.unit, k.count, k.definition)) }
        return s
    }

    /// One column of `daily.csv`: its name and how a day's row gives its value.
    public struct DailyField: Sendable {
        /// The column name.
        public let name: String
        /// The value of the column on a day (whole numbers for counts).
        public let value: @Sendable (DailyRow) -> Double
    }

    /// The columns of `daily.csv`, in order: add a column here and every writer, report and sweep has it.
    public static let dailyFields: [DailyField] = [
        DailyField(name: "day") { Double($0.day) },
        DailyField(name: "ordersPlaced") { Double($0.ordersPlaced) },
        DailyField(name: "ordersDelivered") { Double($0.ordersDelivered) },
        DailyField(name: "ordersOTIF") { Double($0.ordersOTIF) },
        DailyField(name: "deliveryBacklog") { Double($0.deliveryBacklog) },
        DailyField(name: "carriedOver") { Double($0.carriedOver) },
        DailyField(name: "reschedules") { Double($0.reschedules) },
        DailyField(name: "returnsRegistered") { Double($0.returnsRegistered) },
        DailyField(name: "pickupsDone") { Double($0.pickupsDone) },
        DailyField(name: "ticketsOpened") { Double($0.ticketsOpened) },
        DailyField(name: "visitsDone") { Double($0.visitsDone) },
        DailyField(name: "ticketsOpen") { Double($0.ticketsOpen) },
        DailyField(name: "distanceKm") { ($0.distance * 1000).rounded() / 1000 },
        DailyField(name: "trucksOut") { Double($0.trucksOut) },
        DailyField(name: "blockedOrders") { Double($0.blockedOrders) },
        DailyField(name: "casesOpened") { Double($0.casesOpened) },
        DailyField(name: "casesClosed") { Double($0.casesClosed) },
        DailyField(name: "casesOpen") { Double($0.casesOpen) },
    ]

    /// The columns of `daily.csv`, in order.
    public static var dailyColumns: [String] { dailyFields.map(\.name) }

    /// A day's values in `dailyColumns` order. - Complexity: O(columns).
    public static func dailyValues(_ d: DailyRow) -> [Double] { dailyFields.map { $0.value(d) } }

    /// `daily.csv`: one row per simulated day. - Complexity: O(days × columns).
    public static func dailyCSV(_ r: RunResult) -> String {
        var s = dailyColumns.joined(separator: ",") + "\n"
        for d in r.daily { s += dailyValues(d).map(csvNumber).joined(separator: ",") + "\n" }
        return s
    }

    /// The KPI table for people, grouped by journey. - Complexity: O(KPIs).
    public static func table(_ r: RunResult) -> String {
        var out = ""
        var journey = ""
        let width = (r.kpis.map(\.key.count).max() ?? 20) + 2
        for k in r.kpis {
            if k.journey != journey {
                journey = k.journey
                out += "\n\(journey)\n"
            }
            let name = k.key.padding(toLength: width, withPad: " ", startingAt: 0)
            let count = k.count > 0 ? "  (n=\(k.count))" : ""
            out += "  \(name)\(display(k.value, unit: k.unit))\(count)\n"
        }
        return out
    }

    /// A KPI value for people: shares in %, counts whole. - Complexity: O(1).
    public static func display(_ v: Double, unit: String) -> String {
        guard v.isFinite else { return "—" }
        switch unit {
        case "share": return String(format: "%.1f %%", v * 100)
        case "count", "orders": return v == v.rounded() ? String(format: "%.0f", v) : String(format: "%.1f", v)
        default: return String(format: "%.2f %@", v, unit)
        }
    }

    /// A JSON string literal. - Complexity: O(length).
    public static func json(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if ch.value < 0x20 { out += String(format: "\\u%04x", ch.value) } else { out.unicodeScalars.append(ch) }
            }
        }
        return out + "\""
    }

    /// A JSON number (shortest round-trip form), `null` when not finite. - Complexity: O(1).
    public static func number(_ v: Double) -> String {
        guard v.isFinite else { return "null" }
        if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    /// A CSV number: as `number(_:)`, empty when not finite. - Complexity: O(1).
    public static func csvNumber(_ v: Double) -> String { v.isFinite ? number(v) : "" }

    /// A CSV field, quoted when it holds a comma or a quote. - Complexity: O(length).
    public static func csv(_ s: String) -> String {
        s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
