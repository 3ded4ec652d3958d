import DeliveryScheduling
import DiscreteEvents
import Foundation
import PlanningFiles
import Testing

/// A Solomon instance read by the tests themselves (whitespace-split numbers after the CUSTOMER
/// header), so the checker below depends on nothing the planner computes.
struct SolomonInstance {
    struct Customer {
        var x, y, demand, ready, due, service: Double
    }
    var vehicles: Int
    var capacity: Double
    /// Index 0 is the depot.
    var customers: [Customer]

    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }) }
        let vehicleAt = try #require(lines.firstIndex { $0.first == "NUMBER" })
        vehicles = try #require(Int(lines[vehicleAt + 1][0]))
        capacity = try #require(Double(lines[vehicleAt + 1][1]))
        customers = lines.compactMap { cells in
            let v = cells.compactMap { Double($0) }
            guard cells.count == 7, v.count == 7 else { return nil }
            return Customer(x: v[1], y: v[2], demand: v[3], ready: v[4], due: v[5], service: v[6])
        }
    }

    func distance(_ a: Int, _ b: Int) -> Double {
        let dx = customers[a].x - customers[b].x, dy = customers[a].y - customers[b].y
        return (dx * dx + dy * dy).squareRoot()
    }
}

/// What the independent checker found: distance recomputed from the instance, and the problems.
struct RouteCheck {
    var distance = 0.0
    var served = 0
    var problems: [String] = []
}

/// Checks a plan of a Solomon instance from the instance data alone: every customer at most once
/// (planned or waiting, exactly once overall), at most the given fleet, each route's load within
/// capacity, arrival = previous departure + Euclidean travel (one unit a minute), service inside
/// [ready, due], departure = start + service, back at the depot by its due date; times are compared at
/// a thousandth of a minute (the engine keeps microsecond ticks).
func checkSolomonPlan(_ plan: DayPlan, _ loaded: PlannedFile, _ inst: SolomonInstance) -> RouteCheck {
    var check = RouteCheck()
    let eps = 1e-3
    func minutes(_ t: SimTime) -> Double { Double(t.ticks) / Double(SimDuration.ticksPerMinute) }
    var seen = Set<Int>()
    if plan.routes.count > inst.vehicles { check.problems.append("\(plan.routes.count) routes for a fleet of \(inst.vehicles)") }
    for r in plan.routes {
        var load = 0.0
        var prev = 0
        var leave = minutes(r.departure)
        if leave < inst.customers[0].ready - eps { check.problems.append("route leaves before the depot opens") }
        for s in r.stops {
            guard let name = loaded.jobNames[s.job], let c = Int(name), c >= 1, c < inst.customers.count else {
                check.problems.append("unknown job \(s.job)"); continue
            }
            if !seen.insert(c).inserted { check.problems.append("customer \(c) served twice") }
            let cust = inst.customers[c]
            load += cust.demand
            let arrival = leave + inst.distance(prev, c)
            check.distance += inst.distance(prev, c)
            if abs(minutes(s.arrival) - arrival) > eps { check.problems.append("customer \(c): arrival \(minutes(s.arrival)), expected \(arrival)") }
            let start = minutes(s.serviceStart)
            if start < arrival - eps { check.problems.append("customer \(c): service before arrival") }
            if start < cust.ready - eps || start > cust.due + eps { check.problems.append("customer \(c): start \(start) outside [\(cust.ready), \(cust.due)]") }
            if abs(minutes(s.departure) - (start + cust.service)) > eps { check.problems.append("customer \(c): departure is not start + service") }
            leave = minutes(s.departure)
            prev = c
            check.served += 1
        }
        check.distance += inst.distance(prev, 0)
        if load > inst.capacity + eps { check.problems.append("route \(r.vehicle) carries \(load) > \(inst.capacity)") }
        if leave + inst.distance(prev, 0) > inst.customers[0].due + eps { check.problems.append("route \(r.vehicle) back after the depot closes") }
    }
    for u in plan.unassigned {
        guard let name = loaded.jobNames[u.job], let c = Int(name) else { check.problems.append("unknown waiting job"); continue }
        if !seen.insert(c).inserted { check.problems.append("customer \(c) both planned and waiting") }
    }
    if seen.count != inst.customers.count - 1 { check.problems.append("\(seen.count) customers accounted for, expected \(inst.customers.count - 1)") }
    return check
}
