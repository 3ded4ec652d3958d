import DeliveryScheduling
import DiscreteEvents
import TechnicianBooking

/// Why a scenario cannot be run (the reader catches most of these first).
public struct RunError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The field path at fault (`regions[0].depots[1]`).
    public var field: String
    /// What is wrong.
    public var message: String
    /// An error in `field`.
    public init(field: String, message: String) { self.field = field; self.message = message }
    /// `regions[0].depots[1]: …`.
    public var description: String { "\(field): \(message)" }
}

extension RegionModel {
    /// Builds region `index` of `scenario`: engines, fleet, roster and the initial population.
    ///
    /// - Throws: `RunError` naming the field when an engine refuses a value.
    /// - Complexity: O(retailers + trucks + technicians × calendar days).
    public init(scenario: Scenario, region index: Int) throws(RunError) {
        self.scenario = scenario
        self.spec = scenario.regions[index]
        self.regionIndex = index
        self.segments = scenario.segments
        self.segmentTables = SegmentTables(scenario.segments)
        self.streams = StreamFactory(seed: scenario.seed, region: index)
        let path = "regions[\(index)]"
        do { calendar = try scenario.calendar.businessCalendar() } catch {
            throw RunError(field: "calendar", message: "\(error)")
        }
        guard !spec.depots.isEmpty else { throw RunError(field: "\(path).depots", message: "a region needs at least one depot") }

        // Delivery scheduler: one depot per region depot (the trucks come once the population is drawn:
        // a group may be sized by its depot's catchment).
        var sch = DeliveryScheduler(policy: scenario.policies.deliveryPolicy)
        var ids: [DepotID] = []
        for (d, dep) in spec.depots.enumerated() {
            do {
                ids.append(try sch.addDepot(Depot(location: Location(x: dep.x, y: dep.y), unitsPerHour: dep.speed)))
            } catch {
                throw RunError(field: "\(path).depots[\(d)]", message: "\(error)")
            }
        }
        scheduler = sch
        depotIDs = ids
        vehicleCost = []

        // Technician allocator: a zone grid, the rosters, the scenario calendar for SLA clocks.
        let grid = max(1, spec.zoneGrid)
        let zones = ZoneMap.grid(width: grid, height: grid, minutesPerStep: spec.zoneTravelMinutes)
        var roster: [TechnicianSpec] = []
        var rates: [Double] = []
        var k = 0
        for group in spec.technicians {
            var pairs: [(Skill, Int)] = []
            for s in Skill.allCases { if let l = group.skills[s], l > 0 { pairs.append((s, l)) } }
            let hours = WeeklyHours(windows: group.shift.days.map { $0.map { TechnicianBooking.TimeWindow(from: 0, $0.from, to: 0, $0.to) } })
            for _ in 0..<group.count {
                let zone = group.kind == .remote ? 0 : (group.zone ?? (k % zones.count))
                roster.append(TechnicianSpec(kind: group.kind, homeZone: zone, skills: SkillLevels(pairs), shift: hours))
                rates.append(group.costPerHour)
                k += 1
            }
        }
        do {
            // A rolling window: SLA horizons (up to ~17 calendar days), parts and equipment lead times fit.
            let days = 56
            allocator = try TechnicianAllocator(roster: roster, zones: zones,
                                                config: AllocatorConfig(days: days, slaPolicy: SLAPolicy(calendar: calendar)))
        } catch {
            throw RunError(field: "\(path).technicians", message: "\(error)")
        }
        technicianRate = rates
        reportSeries = ReportRecorder(spec: spec, region: index, days: scenario.days, warmUpDays: scenario.warmUpDays)
        // The service desk, staffed for this region's size.
        desk = try CompiledDesk(scenario.serviceDesk, retailers: spec.retailers)
        floor = AgentFloor(teams: desk.teams.count)
        arrivalSequence = Array(repeating: 0, count: desk.types.count)
        metrics.service = ServiceMetrics(desk: scenario.serviceDesk)
        typicalDailyValue = segments.map { $0.kegsPerDay.mean * $0.draughtShare * $0.kegValue + $0.casesPerDay.mean * $0.caseValue }
        generatePopulation()
        try addFleet()
    }

    /// Registers every depot's trucks, depot by depot and group by group (a group's size may follow the
    /// depot's catchment, `VehicleGroupSpec.trucks(catchment:)`). - Complexity: O(retailers + trucks).
    mutating func addFleet() throws(RunError) {
        var catchment = [Int](repeating: 0, count: spec.depots.count)
        for r in 0..<population.count { catchment[Int(population.all[r].depot)] += 1 }
        var costs: [(perKm: Double, perHour: Double)] = []
        for (d, dep) in spec.depots.enumerated() {
            do {
                for group in dep.vehicles {
                    for _ in 0..<group.trucks(catchment: catchment[d]) {
                        let v = try scheduler.addVehicle(Vehicle(
                            depot: depotIDs[d], capacity: Volume(kegs: Int32(group.kegs), cases: Int32(group.cases), pallets: Int32(group.pallets)),
                            shiftStart: group.shift.start, shiftEnd: group.shift.end))
                        while costs.count <= Int(v.rawValue) { costs.append((0, 0)) }
                        costs[Int(v.rawValue)] = (group.costPerKm, group.costPerHour)
                    }
                }
            } catch {
                throw RunError(field: "regions[\(regionIndex)].depots[\(d)]", message: "\(error)")
            }
        }
        vehicleCost = costs
    }

    /// Draws the initial population: counts per segment by largest remainder, towns, locations,
    /// profiles and stock. - Complexity: O(retailers × depots).
    mutating func generatePopulation() {
        let n = spec.retailers
        population.reserve(n + n / 10)
        var rng = streams.stream(0, .placement)
        let towns = (0..<max(1, spec.towns)).map { _ in (rng.nextUnit() * spec.size, rng.nextUnit() * spec.size) }
        let counts = RegionModel.split(n, shares: segments.map(\.share))
        var r = 0
        for (s, c) in counts.enumerated() {
            for _ in 0..<c {
                var prof = streams.stream(r, .profile)
                let (x, y) = place(&prof, towns: towns)
                let p = segments[s]
                let lo = scenario.journeys.ordering.alertCoverDays, hi = scenario.journeys.ordering.orderUpToDays
                let cover = lo + prof.nextUnit() * max(0, hi - lo)
                population.append(segment: s, profile: p, x: x, y: y, zone: zoneOf(x, y), depot: nearestDepot(x, y),
                                  rng: &prof, active: true, installedDraught: prof.chance(p.draughtShare),
                                  initialCoverDays: cover)
                population.all[r].machineAge = Float(max(0, scenario.journeys.assistance.machineAgeYears.sample(&prof)))
                r += 1
            }
        }
    }

    /// A location: near a town with probability `townShare`, else uniform. - Complexity: O(1).
    func place(_ rng: inout RandomStream, towns: [(Double, Double)]) -> (Double, Double) {
        let size = spec.size
        if rng.chance(spec.townShare) {
            let t = towns[Int(rng.nextInt(below: UInt64(towns.count)))]
            // A triangular offset of up to a tenth of the area around the town centre.
            let dx = (rng.nextUnit() - rng.nextUnit()) * size / 10, dy = (rng.nextUnit() - rng.nextUnit()) * size / 10
            return (min(size, max(0, t.0 + dx)), min(size, max(0, t.1 + dy)))
        }
        return (rng.nextUnit() * size, rng.nextUnit() * size)
    }

    /// The technician zone of a location (grid cell). - Complexity: O(1).
    func zoneOf(_ x: Double, _ y: Double) -> Int32 {
        let g = max(1, spec.zoneGrid)
        let cx = min(g - 1, max(0, Int(x / spec.size * Double(g))))
        let cy = min(g - 1, max(0, Int(y / spec.size * Double(g))))
        return Int32(cy * g + cx)
    }

    /// The nearest depot (lowest index on ties). - Complexity: O(depots).
    func nearestDepot(_ x: Double, _ y: Double) -> Int32 {
        var best = 0, bestD = Double.infinity
        for (i, d) in spec.depots.enumerated() {
            let dd = (d.x - x) * (d.x - x) + (d.y - y) * (d.y - y)
            if dd < bestD { bestD = dd; best = i }
        }
        return Int32(best)
    }

    /// Splits `n` by `shares` with the largest-remainder method (ties to the lower index). - Complexity: O(k log k).
    static func split(_ n: Int, shares: [Double]) -> [Int] {
        let total = shares.reduce(0) { $0 + max(0, $1) }
        guard total > 0 else { return shares.map { _ in 0 } }
        let exact = shares.map { Double(n) * max(0, $0) / total }
        var counts = exact.map { Int($0) }
        var left = n - counts.reduce(0, +)
        let order = exact.indices.sorted { (exact[$0] - Double(counts[$0]), -$0) > (exact[$1] - Double(counts[$1]), -$1) }
        var i = 0
        while left > 0 && !order.isEmpty { counts[order[i % order.count]] += 1; left -= 1; i += 1 }
        return counts
    }
}
