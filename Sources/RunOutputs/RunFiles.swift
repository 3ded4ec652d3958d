import Foundation
import RetailerJourneys

/// The files of one run, rendered from a `RunResult`: deterministic text, so the same scenario and
/// seed give byte-identical files. Timing (wall seconds, events/s) is kept out of them on purpose.
public enum RunFiles {
    /// `summary.json`: every KPI (value, unit, count, definition), the scenario hash, seed, horizon and
    /// tool version, the flow identities. - Complexity: O(KPIs).
    public static func summaryJSON(_ r: RunResult, scenarioHash: String, toolVersion: String) -> String {
        var s = "{\n"
        s += "  \"tool\": \"jornada\",\n  \"version\": \(json(toolVersion)),\n"
        s += "  \"scenario\": {\"name\": \(json(r.scenarioName)), \"hash\": \(json(scenarioHash)), \"seed\": \(r.seed), "
        s += "\"days\": \(r.days), \"warmUpDays\": \(r.warmUpDays), \"regions\": \(r.regions), \"retailers\": \(r.retailers)},\n"
        s += "  \"events\": \(r.events),\n  \"retailerDays\": \(r.retailerDays),\n"
        s += "  \"conservation\": [\n"
        s += r.conservation.map { "    {\"flow\": \(json($0.flow)), \"identity\": \(json($0.identity)), \"holds\": \($0.holds)}" }
            .joined(separator: ",\n")
        s += "\n  ],\n  \"kpis\": {\n"
        s += r.kpis.map {
            "    \(json($0.key)): {\"journey\": \(json($0.journey)), \"value\": \(number($0.value)), \"unit\": \(json($0.unit)), "
                + "\"count\": \($0.count), \"definition\": \(json($0.definition))}"
        }.joined(separator: ",\n")
        s += "\n  }\n}\n"
        return s
    }

    /// `kpis.csv`: one row per KPI. - Complexity: O(KPIs).
    public static func kpisCSV(_ r: RunResult) -> String {
        var s = "key,journey,value,unit,count,definition\n"
        for k in r.kpis { s += "\(k.key),\(k.journey),\(csvNumber(k.value)),\(k.unit),\(k.count),\(csv(k.definition))\n" }
        return s
    }

    /// The columns of `daily.csv`, in order.
    public static let dailyColumns = ["day", "ordersPlaced", "ordersDelivered", "ordersOTIF", "deliveryBacklog", "carriedOver",
                                      "reschedules", "returnsRegistered", "pickupsDone", "ticketsOpened", "visitsDone",
                                      "ticketsOpen", "distanceKm", "trucksOut", "blockedOrders", "casesOpened", "casesClosed",
                                      "casesOpen"]

    /// `daily.csv`: one row per simulated day. - Complexity: O(days).
    public static func dailyCSV(_ r: RunResult) -> String {
        var s = dailyColumns.joined(separator: ",") + "\n"
        for d in r.daily {
            let cells: [String] = [
                "\(d.day)", "\(d.ordersPlaced)", "\(d.ordersDelivered)", "\(d.ordersOTIF)", "\(d.deliveryBacklog)",
                "\(d.carriedOver)", "\(d.reschedules)", "\(d.returnsRegistered)", "\(d.pickupsDone)", "\(d.ticketsOpened)",
                "\(d.visitsDone)", "\(d.ticketsOpen)", csvNumber((d.distance * 1000).rounded() / 1000), "\(d.trucksOut)",
                "\(d.blockedOrders)", "\(d.casesOpened)", "\(d.casesClosed)", "\(d.casesOpen)",
            ]
            s += cells.joined(separator: ",") + "\n"
        }
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

    static func display(_ v: Double, unit: String) -> String {
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

    static func csvNumber(_ v: Double) -> String { v.isFinite ? number(v) : "" }

    static func csv(_ s: String) -> String {
        s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
