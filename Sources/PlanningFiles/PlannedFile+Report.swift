import DeliveryScheduling
import DiscreteEvents
import Foundation

/// The plan as people and scripts read it: every stop with its arrival, wait, window, service start,
/// departure, load on board and lateness; every route with its capacity use; totals; and the jobs left
/// waiting, said plainly. Text for people, JSON and CSV for scripts (times in minutes after the planned
/// day's midnight, distances in the file's units).
extension PlannedFile {
    /// The plan as text for people; `search` is a line describing how it was searched (or nil).
    /// - Complexity: O(stops).
    public func report(_ plan: DayPlan, search: String? = nil) -> String {
        var out: [String] = []
        let fleet = file.vehicles.reduce(0) { $0 + $1.count }
        out.append("Plan for \(file.depotName), day \(plan.day), policy \(file.policy): \(plan.candidates) jobs, \(fleet) vehicles")
        if let search { out.append(search) }
        for r in plan.routes {
            let name = vehicleNames[Int(r.vehicle.rawValue)]
            out.append("\n\(name): \(r.stops.count) stops, distance \(fixed(r.distance)), \(clock(r.departure))–\(clock(r.returnTime)), "
                       + "loaded \(r.startLoad), peak \(r.peakLoad) of \(r.capacity) (\(percent(r.peakLoad, of: r.capacity)))")
            out.append("   #  job                  arrive   wait  window         start  leave  on board after")
            for (i, s) in r.stops.enumerated() {
                let jn = jobNames[s.job] ?? s.job.description
                let window = s.window.map { "\(hm($0.from))-\(hm($0.to))" } ?? "any time"
                var line = "\(pad(String(i + 1), 4, right: true))  \(pad(jn, 20))  \(clock(s.arrival))  \(pad(minutes(s.wait), 5, right: true))  "
                    + "\(pad(window, 13))  \(clock(s.serviceStart))  \(clock(s.departure))  \(s.load)"
                if s.lateness.ticks > 0 { line += "  LATE by \(minutes(s.lateness)) (deadline missed)" }
                out.append(line)
            }
        }
        out.append("\nTotal distance: \(fixed(plan.totalDistance))")
        out.append("Vehicles used: \(plan.vehiclesUsed) of \(fleet)")
        out.append("Assigned: \(plan.assignedCount)  Unassigned: \(plan.unassigned.count)")
        if plan.lateCount > 0 { out.append("Late: \(plan.lateCount) stops end after their job's deadline (no route could meet it)") }
        if !plan.unassigned.isEmpty {
            out.append("NOT ALL JOBS ARE PLANNED: \(plan.unassigned.count) of \(plan.candidates) wait, with their reason:")
            for u in plan.unassigned {
                out.append("  \(jobNames[u.job] ?? u.job.description): \(u.reason.name) — \(u.reason)")
            }
        }
        return out.joined(separator: "\n")
    }

    /// The plan as one JSON object: `routes` (with `stops`), `unassigned`, and the totals.
    /// - Complexity: O(stops).
    public func reportJSON(_ plan: DayPlan) -> String {
        var routes: [String] = []
        for r in plan.routes {
            let stops = r.stops.map { s -> String in
                let window = s.window.map { "{\"from\":\(mins($0.from.ticks)),\"to\":\(mins($0.to.ticks))}" } ?? "null"
                return "{\"job\":\(quote(jobNames[s.job] ?? s.job.description)),\"arrival\":\(mins(s.arrival)),\"wait\":\(mins(s.wait.ticks)),"
                    + "\"window\":\(window),\"serviceStart\":\(mins(s.serviceStart)),\"departure\":\(mins(s.departure)),"
                    + "\"load\":\(volumeJSON(s.load)),\"lateness\":\(mins(s.lateness.ticks))}"
            }
            routes.append("{\"vehicle\":\(quote(vehicleNames[Int(r.vehicle.rawValue)])),\"distance\":\(fixed(r.distance)),"
                          + "\"departure\":\(mins(r.departure)),\"return\":\(mins(r.returnTime)),\"startLoad\":\(volumeJSON(r.startLoad)),"
                          + "\"peakLoad\":\(volumeJSON(r.peakLoad)),\"capacity\":\(volumeJSON(r.capacity)),"
                          + "\"capacityUse\":\(String(format: "%.4f", use(r.peakLoad, of: r.capacity))),\"stops\":[\(stops.joined(separator: ","))]}")
        }
        let unassigned = plan.unassigned.map {
            "{\"job\":\(quote(jobNames[$0.job] ?? $0.job.description)),\"reason\":\(quote($0.reason.name)),\"why\":\(quote($0.reason.description))}"
        }
        return "{\"depot\":\(quote(file.depotName)),\"day\":\(plan.day),\"jobs\":\(plan.candidates),"
            + "\"vehiclesGiven\":\(file.vehicles.reduce(0) { $0 + $1.count }),\"vehiclesUsed\":\(plan.vehiclesUsed),"
            + "\"totalDistance\":\(fixed(plan.totalDistance)),\"assigned\":\(plan.assignedCount),\"unassignedCount\":\(plan.unassigned.count),"
            + "\"late\":\(plan.lateCount),\"allPlanned\":\(plan.unassigned.isEmpty),\"searchIterations\":\(plan.searchIterations),"
            + "\"routes\":[\(routes.joined(separator: ","))],\"unassigned\":[\(unassigned.joined(separator: ","))]}"
    }

    /// The plan as CSV: one row per stop, then one per waiting job (with its reason), under one header.
    /// - Complexity: O(stops).
    public func reportCSV(_ plan: DayPlan) -> String {
        var rows = ["vehicle,stop,job,arrival,wait,window_from,window_to,service_start,departure,kegs,cases,pallets,capacity_use,lateness,reason"]
        for r in plan.routes {
            let v = csv(vehicleNames[Int(r.vehicle.rawValue)])
            let capacity = String(format: "%.4f", use(r.peakLoad, of: r.capacity))
            for (i, s) in r.stops.enumerated() {
                let from = s.window.map { mins($0.from.ticks) } ?? "", to = s.window.map { mins($0.to.ticks) } ?? ""
                rows.append([v, String(i + 1), csv(jobNames[s.job] ?? s.job.description), mins(s.arrival), mins(s.wait.ticks), from, to,
                             mins(s.serviceStart), mins(s.departure), String(s.load.kegs), String(s.load.cases), String(s.load.pallets),
                             capacity, mins(s.lateness.ticks), ""].joined(separator: ","))
            }
        }
        for u in plan.unassigned {
            rows.append(["", "", csv(jobNames[u.job] ?? u.job.description), "", "", "", "", "", "", "", "", "", "", "", u.reason.name].joined(separator: ","))
        }
        return rows.joined(separator: "\n")
    }

    /// The largest share of capacity used in any unit (0 for an empty capacity). - Complexity: O(1).
    func use(_ load: Volume, of capacity: Volume) -> Double {
        var u = 0.0
        for (l, c) in [(load.kegs, capacity.kegs), (load.cases, capacity.cases), (load.pallets, capacity.pallets)] where c > 0 {
            u = Swift.max(u, Double(l) / Double(c))
        }
        return u
    }

    func percent(_ load: Volume, of capacity: Volume) -> String { String(format: "%.0f%%", 100 * use(load, of: capacity)) }
    func fixed(_ d: Double) -> String { String(format: "%.2f", d) }
    /// Minutes after the planned day's midnight, two decimals.
    func mins(_ t: SimTime) -> String { mins(t.ticks - SimTime(day: file.day).ticks) }
    func mins(_ ticks: Int64) -> String { String(format: "%.2f", Double(ticks) / Double(SimDuration.ticksPerMinute)) }
    /// `12m` (whole minutes, rounded down), `1h05m` from an hour.
    func minutes(_ d: SimDuration) -> String {
        let m = d.ticks / SimDuration.ticksPerMinute
        return m >= 60 ? String(format: "%dh%02dm", Int(m / 60), Int(m % 60)) : "\(m)m"
    }
    /// `14:05` after the planned day's midnight (whole minutes, rounded down; `27:10` past midnight,
    /// as in Solomon's C2 horizons).
    func clock(_ t: SimTime) -> String { hm(SimDuration(ticks: t.ticks - SimTime(day: file.day).ticks)) }
    func hm(_ d: SimDuration) -> String {
        let m = d.ticks / SimDuration.ticksPerMinute
        return String(format: "%02d:%02d", Int(m / 60), Int(m % 60))
    }
    func pad(_ s: String, _ w: Int, right: Bool = false) -> String {
        s.count >= w ? s : (right ? String(repeating: " ", count: w - s.count) + s : s + String(repeating: " ", count: w - s.count))
    }
    func volumeJSON(_ v: Volume) -> String { "{\"kegs\":\(v.kegs),\"cases\":\(v.cases),\"pallets\":\(v.pallets)}" }
    func quote(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if ch.value < 0x20 { out += String(format: "\\u%04x", ch.value) } else { out.unicodeScalars.append(ch) }
            }
        }
        return out + "\""
    }
    func csv(_ s: String) -> String {
        s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
