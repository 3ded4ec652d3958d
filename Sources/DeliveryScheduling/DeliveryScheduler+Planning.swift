import DiscreteEvents

/// One stop of a planned route.
public struct PlannedStop: Sendable, Hashable {
    /// The job served.
    public var job: JobID
    /// When the truck arrives.
    public var arrival: SimTime
    /// When service starts (after any wait for the window).
    public var serviceStart: SimTime
    /// When the truck leaves.
    public var departure: SimTime
    /// The job's version the plan read (`DeliveryScheduler.version(of:)`): `commit` skips the stop if it changed.
    public var version: UInt32
    /// The job's window that service starts in (nil when the job has no windows).
    public var window: TimeWindow?
    /// What is on board when the truck leaves the stop.
    public var load: Volume
    /// How long after the job's deadline service ends (zero when on time or without a deadline): a
    /// job is planned late only when no route could meet its deadline that day.
    public var lateness: SimDuration
    /// How long the truck waits for the window to open.
    public var wait: SimDuration { serviceStart - arrival }
}

/// One truck's route for the day.
public struct PlannedRoute: Sendable, Hashable {
    /// The truck.
    public var vehicle: VehicleID
    /// The stops in visiting order.
    public var stops: [PlannedStop]
    /// Distance driven, depot to depot, in the depot's units.
    public var distance: Double
    /// When the truck leaves the depot.
    public var departure: SimTime
    /// When it is back at the depot.
    public var returnTime: SimTime
    /// The largest load on board at any point, per unit.
    public var peakLoad: Volume
    /// What is loaded at the depot (every delivery of the route).
    public var startLoad: Volume
    /// The truck's capacity.
    public var capacity: Volume
}

/// A job left out of a plan, with the reason.
public struct UnassignedJob: Sendable, Hashable {
    /// The job.
    public var job: JobID
    /// Why it was not planned.
    public var reason: UnassignedReason
    /// The job's version the plan read: `commit` does not roll it over if it changed.
    public var version: UInt32
}

/// What `commit` did with a plan.
public struct CommitResult: Sendable, Hashable {
    /// Stops placed on their trucks.
    public var committed: Int
    /// Stops not placed because their job changed, was cancelled or left on a truck since the plan was made
    /// (or their truck left or became unavailable), in plan order.
    public var skipped: [JobID]
    /// Unassigned jobs rolled to the next day.
    public var carriedOver: Int
    /// Unassigned jobs not rolled over because they changed since the plan was made.
    public var skippedCarryOvers: [JobID]
    /// Jobs of the day's earlier committed routes that this plan does not place: back in the queue.
    public var returnedToQueue: [JobID]
    /// Number of skipped stops.
    public var skippedCount: Int { skipped.count }
}

/// The plan for one depot-day: routes, what waits and why, and the effort spent.
public struct DayPlan: Sendable, Hashable {
    /// The depot planned.
    public var depot: DepotID
    /// The 0-based day planned.
    public var day: Int
    /// Routes of the trucks that have at least one stop, in vehicle order.
    public var routes: [PlannedRoute]
    /// Jobs that wait, in priority order.
    public var unassigned: [UnassignedJob]
    /// Sum of route distances.
    public var totalDistance: Double
    /// Candidate jobs considered.
    public var candidates: Int
    /// Job slots examined to gather the candidates: the depot's queue plus its routes of the day, never
    /// another depot's jobs (a timing-free measure of the gathering cost).
    public var examinedSlots: Int
    /// Moves evaluated (insertion positions and local-search moves): the deterministic effort measure.
    public var evaluations: Int
    /// Local-search moves applied.
    public var improvements: Int
    /// Ruin-and-recreate iterations run (0 in the fast setting).
    public var searchIterations: Int
    /// Stops planned to end after their job's deadline.
    public var lateCount: Int { routes.reduce(0) { $0 + $1.stops.reduce(0) { $0 + ($1.lateness.ticks > 0 ? 1 : 0) } } }
    /// Trucks with at least one stop.
    public var vehiclesUsed: Int { routes.count }
    /// Jobs planned.
    public var assignedCount: Int { routes.reduce(0) { $0 + $1.stops.count } }
}

extension DeliveryScheduler {
    /// Plans `day` for `depot` without changing the scheduler: every pending job of the depot promised for
    /// `day` or earlier, and every job planned (committed, not departed) on its routes of `day`, most urgent
    /// tier first and in the policy's order inside a tier (ties by slot), is inserted at its cheapest
    /// feasible position (capacity, shift, windows, travel time); relocate, 2-opt and 2-opt* then shorten
    /// the routes without changing who is served. Pinned jobs go only on their truck; trucks departed or
    /// unavailable on `day` take nothing (a truck out on another day is free). Candidates come from the
    /// depot's own queue and routes: other depots' jobs are never looked at. A job's deadline (latest
    /// service end) is a hard limit while some route can meet it; a job that cannot meet it that day is
    /// planned late, and its stop says by how much. With `options.ruinRecreateIterations` > 0 a
    /// ruin-and-recreate search (SISR) then serves as many jobs as it can, tier by tier, and shortens the
    /// routes. A day of more than `options.maxStopsPerSector` candidates is cut into angular sectors around
    /// the depot with the trucks shared out by demand (`DaySectors`), planned one after another in sweep
    /// order: a sector's unplaced unpinned jobs (at most as many as the next sector's own) and its idle
    /// trucks pass on to the next sectors, and each sector's local search is bounded per stop
    /// (`DaySectors.movesPerStop`), so planning stays near-linear in the stops (tiers are strict inside
    /// a sector). A large day (more than `options.largeDayStops` stops) shares the local-search budget
    /// among its sectors by their stops, and inserts each stop only next to its nearest routed stops
    /// (`options.cutInsertionNeighbours`). Apply with `commit(_:)`.
    ///
    /// - Throws: `.unknownDepot`.
    /// - Complexity: O(q + r + n log n + n·P) for q pending jobs of the depot, r route entries of the day,
    ///   n candidates and P insertion positions of a sector (P ≤ n; about `cutInsertionNeighbours` on a
    ///   large day, whose stops fall back to all P only when no nearby position fits), plus the
    ///   local-search budget (`options.maxMoveEvaluations` a phase per sector, shared by a large day's
    ///   sectors) and the ruin-and-recreate budget.
    public func planDay(depot: DepotID, day: Int, options: PlanOptions = PlanOptions()) throws(DeliverySchedulingError) -> DayPlan {
        guard let dep = self.depot(depot) else { throw .unknownDepot(depot) }
        let d = Int(depot.rawValue)
        var fleetIDs: [Int] = []
        for v32 in depotVehicles[d] {
            let v = Int(v32)
            if let i = dayEntry(v, day), vehicleDays[v][i].departed || vehicleDays[v][i].unavailable { continue }
            fleetIDs.append(v)
        }
        var plannerIndex = [Int32](repeating: -2, count: vehicles.count)
        for (i, v) in fleetIDs.enumerated() { plannerIndex[v] = Int32(i) }
        let fleet = fleetIDs.map {
            PlannerVehicle(capacity: vehicles[$0].capacity, shiftStart: vehicles[$0].shiftStart.ticks, shiftEnd: vehicles[$0].shiftEnd.ticks)
        }

        // Candidates in priority order: (heap key, slot). The depot's queue, then its routes of the day
        // (each planned job is on exactly one live route entry; stale entries are skipped).
        var order: [(key: UInt64, slot: Int)] = []
        var examined = 0
        for e in heaps[d].entries {
            let s = Int(e & PendingHeap.slotMask)
            examined += 1
            guard Int(core[s].promisedDay) <= day else { continue }
            order.append((heapKey(slot: s), s))
        }
        let day32 = Int32(clamping: day)
        for v32 in depotVehicles[d] {
            guard let i = dayEntry(Int(v32), day) else { continue }
            for id in vehicleDays[Int(v32)][i].route {
                examined += 1
                guard let s = liveSlot(id), core[s].state == .planned, isOnRoute(s, vehicle: Int(v32), day: day32) else { continue }
                order.append((heapKey(slot: s), s))
            }
        }
        order.sort { ($0.key, $0.slot) < ($1.key, $1.slot) }

        let dayStart = SimTime(day: day).ticks
        var locations: [Location] = [], volumes: [Volume] = [], pins: [Int32] = []
        locations.reserveCapacity(order.count); volumes.reserveCapacity(order.count); pins.reserveCapacity(order.count)
        for (_, s) in order {
            locations.append(places[s].location)
            volumes.append(core[s].volume)
            pins.append(meta[s].pinned ? plannerIndex[Int(meta[s].assignedVehicle)] : -1)
        }
        let sectorCount = DaySectors.count(stops: order.count, options: options)
        let sectors = DaySectors.partition(locations: locations, volumes: volumes, pins: pins, depot: dep.location, fleet: fleet,
                                           count: sectorCount)
        var routes: [(vehicle: Int, route: PlannedRoute)] = []
        var unassigned: [(index: Int, job: UnassignedJob)] = []
        var evaluations = 0, improvements = 0, searchIterations = 0
        var carriedStops: [Int] = [], idleTrucks: [Int] = []
        let largeDay = sectors.count > 1 && order.count > options.largeDayStops
        for (k, sector) in sectors.enumerated() {
            // The sector's stops and the previous sector's unplaced ones, in priority order; its trucks and a
            // few of the idle ones of the sectors before (a quarter of its own, lowest index first), so a
            // sector's planner never carries the whole day's spare fleet.
            var stops = carriedStops.isEmpty ? sector.stops : (sector.stops + carriedStops).sorted()
            let borrowed = Swift.min(idleTrucks.count, Swift.max(1, sector.trucks.count / 4))
            let trucks = sector.trucks + idleTrucks.prefix(borrowed)
            idleTrucks.removeFirst(borrowed)
            // An overloaded cut day: the sector plans only the stops its trucks could carry (below).
            var excess: [Int] = []
            if sectors.count > 1 { (stops, excess) = admitted(stops, trucks: trucks, fleet: fleet, volumes: volumes, order: order, pins: pins) }
            var localTruck = [Int32](repeating: -2, count: fleet.count)
            for (r, t) in trucks.enumerated() { localTruck[t] = Int32(r) }
            var planner = RoutePlanner(depot: dep.location, ticksPerUnit: dep.ticksPerUnit, fleet: trucks.map { fleet[$0] }, stops: stops.count)
            for i in stops {
                // The few fields the planner needs, read in place (`job(atSlot:)` would build the whole job).
                let s = order[i].slot
                let c = core[s]
                planner.addStop(location: places[s].location, service: c.serviceTime, windows: places[s].windows, volume: c.volume,
                                isPickup: c.kind != JobKind.delivery.rawValue, pinnedTo: pins[i] >= 0 ? localTruck[Int(pins[i])] : pins[i],
                                tier: c.tier, deadline: c.deadline == SimTime.distantFuture.ticks ? .max : c.deadline &- dayStart)
            }
            // A large day's routes start with room for 40 stops (they grow if one needs more).
            planner.finishSetup(routeRoom: largeDay ? 40 : .max)
            if largeDay { planner.insertionNeighbours = options.cutInsertionNeighbours }
            var sectorOptions = options
            if largeDay && options.maxMoveEvaluations > 0 {
                // The day's local-search budget, shared by the sectors as their stops (at most
                // `movesPerStop` a stop): a large day spends what the same day planned whole would.
                let share = Double(stops.count) / Double(order.count)
                sectorOptions.maxMoveEvaluations = Swift.max(1, Swift.min(Int(Double(options.maxMoveEvaluations) * share),
                                                                          DaySectors.movesPerStop * stops.count))
            } else if sectors.count > 1 {
                sectorOptions.maxMoveEvaluations = Swift.min(options.maxMoveEvaluations, DaySectors.movesPerStop * stops.count)
            }
            if sectors.count > 1 && options.ruinRecreateIterations > 0 {
                let share = Double(stops.count) / Double(order.count)
                sectorOptions.ruinRecreateIterations = Swift.max(1, Int(Double(options.ruinRecreateIterations) * share))
                sectorOptions.timeLimit = options.timeLimit.map { $0 * share }
            }
            let (failed, iterations) = planner.planAll(options: sectorOptions)
            evaluations += planner.evaluations
            improvements += planner.improvements
            searchIterations += iterations
            for r in 0..<planner.routeCount where planner.length[r] > 0 {
                routes.append((trucks[r], plannedRoute(planner, route: r, stops: stops, order: order, vehicle: fleetIDs[trucks[r]], day: day)))
            }
            carriedStops = []
            let last = k == sectors.count - 1
            // An overloaded day hands on at most as many stops as the next sector has of its own, so no
            // sector's planner grows past twice its stops (the rest stay unplanned, diagnosed here).
            let carryLimit = last ? 0 : sectors[k + 1].stops.count
            // The failed stops (planner index f) and the excess ones (f = -1), in priority order.
            var left = failed.map { (index: stops[$0], f: $0) }
            if !excess.isEmpty { left = (left + excess.map { (index: $0, f: -1) }).sorted { $0.index < $1.index } }
            for (i, f) in left {
                if !last && pins[i] == -1 && carriedStops.count < carryLimit { carriedStops.append(i); continue }
                let slot = order[i].slot
                unassigned.append((i, UnassignedJob(job: JobID(slot: UInt32(slot), generation: core[slot].generation),
                                                    reason: f >= 0 ? planner.diagnose(f) : .fleetCapacityExhausted,
                                                    version: places[slot].version)))
            }
            idleTrucks = (idleTrucks + (0..<planner.routeCount).filter { planner.length[$0] == 0 }.map { trucks[$0] }).sorted()
        }
        routes.sort { $0.vehicle < $1.vehicle }
        unassigned.sort { $0.index < $1.index }
        let total = routes.reduce(0.0) { $0 + $1.route.distance }
        return DayPlan(depot: depot, day: day, routes: routes.map(\.route), unassigned: unassigned.map(\.job), totalDistance: total,
                       candidates: order.count, examinedSlots: examined, evaluations: evaluations,
                       improvements: improvements, searchIterations: searchIterations)
    }

    /// The stops (in priority order) a cut day's sector plans, and the excess: an unpinned stop is taken
    /// while the deliveries taken, and the pickups taken, stay within twice the capacity of the sector's
    /// `trucks`; pinned stops are always taken. An ordinary day never reaches the bound (trucks fill to
    /// at most their capacity), so only an overloaded day's lowest-priority stops are held back, which
    /// keeps its planning linear in the stops the fleet can serve rather than in the candidates.
    /// - Complexity: O(stops + trucks).
    func admitted(_ stops: [Int], trucks: [Int], fleet: [PlannerVehicle], volumes: [Volume], order: [(key: UInt64, slot: Int)],
                  pins: [Int32]) -> (taken: [Int], excess: [Int]) {
        var capacity = Volume.zero
        for t in trucks { capacity = capacity + fleet[t].capacity }
        let limit = capacity + capacity
        var deliveries = Volume.zero, pickups = Volume.zero
        var taken: [Int] = [], excess: [Int] = []
        taken.reserveCapacity(stops.count)
        for i in stops {
            if pins[i] >= 0 { taken.append(i); continue }
            let pickup = core[order[i].slot].kind != JobKind.delivery.rawValue
            let after = (pickup ? pickups : deliveries) + volumes[i]
            guard after.fits(in: limit) else { excess.append(i); continue }
            if pickup { pickups = after } else { deliveries = after }
            taken.append(i)
        }
        return (taken, excess)
    }

    /// Route `r` of `planner` as the plan reports it; `stops` maps the planner's stops to `order`.
    /// - Complexity: O(route).
    func plannedRoute(_ planner: RoutePlanner, route r: Int, stops stopIndex: [Int], order: [(key: UInt64, slot: Int)], vehicle: Int,
                      day: Int) -> PlannedRoute {
        let midnight = SimTime(day: day)
        let base = r * planner.stride
        let m = planner.length[r]
        var stops: [PlannedStop] = []
        stops.reserveCapacity(m)
        var prev = planner.n
        var t = planner.start[base]
        var peak = planner.load[base]
        for k in 1...m {
            let i = Int(planner.seq[base + k - 1])
            let arrival = t + planner.serviceAt(prev) + planner.travelTo[base + k]  // = travel(prev, i)
            let start = planner.start[base + k]
            let slot = order[stopIndex[i]].slot
            let leave = start + planner.service[i]
            let windows = places[slot].windows
            var window: TimeWindow?
            var w = 0
            while w < windows.count {
                let b = windows.bounds(w)
                if start >= b.from && start <= b.to { window = windows[w]; break }
                w += 1
            }
            let late = planner.deadline[i] == .max ? 0 : Swift.max(0, leave - planner.deadline[i])
            stops.append(PlannedStop(
                job: JobID(slot: UInt32(slot), generation: core[slot].generation),
                arrival: midnight + SimDuration(ticks: arrival), serviceStart: midnight + SimDuration(ticks: start),
                departure: midnight + SimDuration(ticks: leave), version: places[slot].version, window: window,
                load: planner.load[base + k], lateness: SimDuration(ticks: late)))
            peak = Volume.componentMax(peak, planner.load[base + k])
            t = start
            prev = i
        }
        return PlannedRoute(
            vehicle: VehicleID(Int32(vehicle)), stops: stops, distance: planner.distance[r],
            departure: midnight + SimDuration(ticks: planner.start[base]),
            returnTime: midnight + SimDuration(ticks: planner.start[base + m + 1]), peakLoad: peak,
            startLoad: planner.load[base], capacity: planner.fleet[r].capacity)
    }

    /// Applies a plan made by `planDay` on this scheduler's current state: planned jobs leave the queue
    /// (state `planned`, on their truck's route of `plan.day`); unassigned jobs roll to the next day — for
    /// an overflow reason with their tier raised one step (next-day priority management) — and remember the
    /// reason. A stop or unassigned job whose job changed since the plan was made (its `version`), was
    /// cancelled or left on a truck is skipped and reported, as are stops for a truck that has since left
    /// or become unavailable that day. The plan replaces the depot's earlier committed routes of `plan.day`
    /// on trucks that have not left: their jobs it does not place return to the queue (reported). Routes of
    /// other days are untouched.
    ///
    /// - Complexity: O(jobs in the plan and in the replaced routes × log n).
    @discardableResult
    public mutating func commit(_ plan: DayPlan) -> CommitResult {
        var result = CommitResult(committed: 0, skipped: [], carriedOver: 0, skippedCarryOvers: [], returnedToQueue: [])
        let d = Int(plan.depot.rawValue)
        guard d >= 0 && d < depots.count && depots[d] != nil else {
            result.skipped = plan.routes.flatMap { $0.stops.map(\.job) }
            result.skippedCarryOvers = plan.unassigned.map(\.job)
            return result
        }
        let day32 = Int32(clamping: plan.day)
        // The day's earlier routes on trucks still at the depot are replaced.
        var previous: [JobID] = []
        for v32 in depotVehicles[d] {
            let v = Int(v32)
            guard let i = dayEntry(v, plan.day), !vehicleDays[v][i].departed else { continue }
            for id in vehicleDays[v][i].route {
                if let s = liveSlot(id), core[s].state == .planned, isOnRoute(s, vehicle: v, day: day32) { previous.append(id) }
            }
            vehicleDays[v][i].route = []
        }
        var placed = Set<JobID>()
        for route in plan.routes {
            let v = Int(route.vehicle.rawValue)
            let usable = v >= 0 && v < vehicles.count && vehicles[v].depot == plan.depot
                && !isDeparted(v, day: plan.day) && isAvailable(route.vehicle, day: plan.day)
            var kept: [JobID] = []
            for stop in route.stops {
                guard usable, let s = liveSlot(stop.job), core[s].state != .frozen, places[s].version == stop.version else {
                    result.skipped.append(stop.job)
                    continue
                }
                if core[s].state == .pending {
                    heaps[Int(core[s].depot)].remove(at: Int(heapPos[s]), positions: &heapPos)
                }
                core[s].state = .planned
                core[s].metaDirty = true
                meta[s].assignedVehicle = route.vehicle.rawValue
                meta[s].plannedDay = day32
                bumpVersion(s)
                kept.append(stop.job)
                if !previous.isEmpty { placed.insert(stop.job) }
            }
            if usable && !kept.isEmpty {
                let i = makeDayEntry(v, plan.day)
                vehicleDays[v][i].route = kept
            }
            result.committed += kept.count
        }
        plannedLoad[DayKey(depot: plan.depot.rawValue, day: day32)] = result.committed
        for u in plan.unassigned {
            guard let s = liveSlot(u.job), core[s].state != .frozen, places[s].version == u.version else {
                result.skippedCarryOvers.append(u.job)
                continue
            }
            carryOver(u.job, reason: u.reason, day: plan.day)
            result.carriedOver += 1
        }
        // Jobs of the replaced routes that the plan neither placed nor rolled over (a plan made before
        // they were committed): back to the queue, so none is left planned on no route.
        for id in previous where !placed.contains(id) {
            guard let s = liveSlot(id), core[s].state == .planned, meta[s].plannedDay == day32 else { continue }
            bumpVersion(s)
            requeue(slot: s)
            result.returnedToQueue.append(id)
        }
        return result
    }

    /// Rolls a job to the day after `day`, raising its tier for an overflow reason. - Complexity: O(log n).
    mutating func carryOver(_ id: JobID, reason: UnassignedReason, day: Int) {
        guard let s = liveSlot(id), core[s].state != .frozen else { return }
        core[s].metaDirty = true
        meta[s].lastReason = reason.rawValue
        meta[s].carryOvers &+= 1
        bumpVersion(s)
        if reason.isOverflow { core[s].tier = core[s].priorityTier.raised.rawValue }
        core[s].promisedDay = Swift.max(core[s].promisedDay, Int32(clamping: day + 1))
        requeue(slot: s)
    }

    /// Plans and commits `day` for `depot` in one step. - Complexity: as `planDay` plus `commit`.
    @discardableResult
    public mutating func planAndCommitDay(depot: DepotID, day: Int, options: PlanOptions = PlanOptions()) throws(DeliverySchedulingError) -> DayPlan {
        let plan = try planDay(depot: depot, day: day, options: options)
        commit(plan)
        return plan
    }
}
