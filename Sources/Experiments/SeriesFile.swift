import RetailerJourneys
import RunOutputs

/// The report's technician heat map and route map as numbers: `series.json` beside `summary.json`, written
/// from the same values the report draws (`utilisation`, `routes`), so a check can compare the picture
/// with the file. Deterministic text.
public enum SeriesFile {
    /// Field-technician utilisation of row `r` on day `d`: busy minutes over shift minutes, the mean over
    /// the replications (nil on a day off). Rows as in the first replication. - Complexity: O(rows × days × replications).
    public static func utilisation(_ results: [ReplicationResult]) -> (rows: [String], values: [[Double?]]) {
        guard let first = results.first?.series.utilisation else { return ([], []) }
        let values = first.rows.indices.map { r in
            first.shiftMinutes[r].indices.map { d -> Double? in
                var sum = 0.0, n = 0
                for res in results {
                    let u = res.series.utilisation
                    guard r < u.rows.count, d < u.shiftMinutes[r].count, u.shiftMinutes[r][d] > 0 else { continue }
                    sum += Double(u.busyMinutes[r][d]) / Double(u.shiftMinutes[r][d])
                    n += 1
                }
                return n == 0 ? nil : sum / Double(n)
            }
        }
        return (first.rows, values)
    }

    /// The route map's routes: replication 0's sample day (the first replication given). - Complexity: O(1).
    public static func routes(_ results: [ReplicationResult]) -> RouteSample? { results.first?.series.routes }

    /// `series.json`. - Complexity: O(rows × days × replications + stops).
    public static func json(_ results: [ReplicationResult]) -> String {
        typealias J = RunFiles
        let (rows, values) = utilisation(results)
        var s = "{\n  \"utilisation\": {\n"
        s += "    \"definition\": \"field-technician minutes reserved (travel and visit) of the visits done that day over shift minutes, mean over replications; null: off shift\",\n"
        s += "    \"replications\": \(results.count),\n    \"rows\": [\n"
        s += rows.indices.map { r in
            let shift = results.first.map { $0.series.utilisation.shiftMinutes[r].map(String.init).joined(separator: ", ") } ?? ""
            return "      {\"label\": \(J.json(rows[r])), \"value\": [\(values[r].map { $0.map(J.number) ?? "null" }.joined(separator: ", "))], \"shiftMinutes\": [\(shift)]}"
        }.joined(separator: ",\n")
        s += (rows.isEmpty ? "" : "\n") + "    ]\n  },\n  \"routes\": "
        guard let rt = routes(results), let first = results.first else { return s + "null\n}\n" }
        let all = rt.trucks.flatMap(\.stops)
        s += "{\"replication\": \(first.replication), \"seed\": \(J.json(first.seed)), \"region\": \(J.json(rt.region)), \"depot\": \(J.json(rt.depot)), "
        s += "\"day\": \(rt.day), \"x\": \(J.number(rt.x)), \"y\": \(J.number(rt.y)), \"size\": \(J.number(rt.size)),\n"
        s += "    \"stops\": \(all.count), " + RouteSample.Status.allCases.map { st in "\(J.json(st.rawValue)): \(all.filter { $0.status == st }.count)" }.joined(separator: ", ")
        s += ",\n    \"trucks\": [\n"
        s += rt.trucks.map { t in
            "      {\"vehicle\": \(t.vehicle), \"stops\": [" + t.stops.map { p in
                "{\"x\": \(J.number(p.x)), \"y\": \(J.number(p.y)), \"kind\": \(J.json(p.kind)), \"status\": \(J.json(p.status.rawValue))}"
            }.joined(separator: ", ") + "]}"
        }.joined(separator: ",\n")
        return s + (rt.trucks.isEmpty ? "" : "\n") + "    ]}\n}\n"
    }
}
