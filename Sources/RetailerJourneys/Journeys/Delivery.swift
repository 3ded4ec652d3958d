import DeliveryScheduling
import DiscreteEvents

/// Journey 3 — delivery: every order (and every accepted return) becomes a job for its depot with the
/// retailer's delivery windows and a promised day; at the cut-off each depot plans the next working
/// day and commits; the trucks then run in simulated time with travel and service noise; a stop that
/// will miss its window gets a reschedule proposal the retailer accepts (a new day in the plan) or
/// refuses (next-day priority); every phase change is a notification.
extension RegionModel {
    /// The promised day for a job created now: the first delivery day after the cut-off. - Complexity: O(days).
    func promisedDay(now: SimTime, depot: Int, retailer r: Int) -> Int {
        let lead = max(1, scenario.journeys.delivery.promisedLeadDays)
        var d = now.day
        if now.timeOfDay >= .minutes(Int64(spec.depots[depot].cutoff)) { d += 1 }
        // The cut-off of day d plans the next delivery day.
        var p = nextDeliveryDay(after: d, depot: depot, retailer: r)
        for _ in 1..<lead { p = nextDeliveryDay(after: p, depot: depot, retailer: r) }
        return p
    }

    /// The retailer's delivery windows on `day`. - Complexity: O(1).
    func windows(retailer r: Int, day: Int) -> TimeWindowSet {
        segmentTables.windows(segment: Int(population.all[r].segment), day: day)
    }

    /// Submits an order's delivery job. - Complexity: O(log jobs).
    mutating func submitDelivery(_ o: Int, now: SimTime) {
        let r = Int(orders.all[o].retailer)
        let dep = Int(population.all[r].depot)
        let day = promisedDay(now: now, depot: dep, retailer: r)
        orders.all[o].promisedDay = Int32(day)
        var rng = streams.stream(o, .delivery, Int(population.all[r].orderSequence))
        let job = DeliveryJob(
            kind: .delivery, retailer: Int32(r), depot: depotIDs[dep],
            location: Location(x: population.all[r].x, y: population.all[r].y),
            volume: Volume(kegs: orders.all[o].kegs, cases: orders.all[o].cases),
            serviceTime: scenario.journeys.delivery.serviceTime.sample(&rng),
            windows: windows(retailer: r, day: day), promisedDay: day,
            deadline: SimTime(day: day + 1), tier: .standard, value: Int64(orders.all[o].value))
        if let id = try? scheduler.submit(job, at: now) {
            orders.all[o].job = id
            setPayload(id, .order(Int32(o)))
            note(now, r, .orderPicked)
        } else {
            // A job the scheduler refuses (cannot happen with validated scenarios): the order is cancelled, counted.
            cancelOrder(o, now: now)
        }
    }

    /// Records what a job carries. - Complexity: O(1) amortised.
    mutating func setPayload(_ id: JobID, _ p: JobPayload) {
        let s = Int(id.slot)
        while jobPayload.count <= s { jobPayload.append(.none) }
        jobPayload[s] = p
    }

    /// The depot's cut-off: plan and commit the next working day, and send the trucks. - Complexity: one
    /// `planDay` (insertion plus the local-search budget).
    mutating func cutoff(depot dep: Int, _ agenda: inout Agenda<RegionEvent>) {
        let now = agenda.now
        let day = now.day + 1
        guard depotWorks(dep, day: day) else { return }
        let id = depotIDs[dep]
        // Broken-down trucks are unavailable that day: planning leaves them out.
        let down = trucksDown(dep, day: day)
        if down > 0 {
            for v in scheduler.vehicles(of: id).prefix(down) { _ = try? scheduler.setVehicleAvailability(v, day: day, available: false) }
        }
        var options = PlanOptions(maxMoveEvaluations: scenario.policies.planningEvaluations)
        options.largeDayStops = scenario.policies.largeDayStops
        let started = PlanningEffort.threadCPUSeconds()
        guard let plan = try? scheduler.planDay(depot: id, day: day, options: options) else { return }
        planning.add(seconds: PlanningEffort.threadCPUSeconds() - started, stops: plan.assignedCount)
        _ = scheduler.commit(plan)
        sampleRoutes(plan, depot: dep, day: day)
        let record = counts(now)
        if record { metrics.carryOvers += plan.unassigned.count }
        bumpDaily { $0.carriedOver += plan.unassigned.count }
        for route in plan.routes {
            let v = Int(route.vehicle.rawValue)
            let run = RouteRun(depot: dep, vehicle: route.vehicle, day: day, shiftEnd: scheduler.vehicle(route.vehicle)?.shiftEnd ?? .hours(24),
                               stops: route.stops, at: Location(x: spec.depots[dep].x, y: spec.depots[dep].y),
                               time: route.departure, departedAt: route.departure,
                               costPerKm: vehicleCost[v].perKm, costPerHour: vehicleCost[v].perHour)
            // A finished run's slot is reused (no event names it any more), so `runs` holds the trucks
            // on the road, not every truck-day of the run.
            let slot: Int
            if let free = freeRuns.popLast() { slot = Int(free); runs[slot] = run } else { slot = runs.count; runs.append(run) }
            agenda.post(.truckDeparts(run: Int32(slot)), at: route.departure)
            for stop in route.stops {
                if case .order(let o) = payload(stop.job) { notify(Int(orders.all[Int(o)].retailer)) }
            }
        }
    }

    /// What a job carries. - Complexity: O(1).
    func payload(_ id: JobID) -> JobPayload {
        let s = Int(id.slot)
        return s < jobPayload.count ? jobPayload[s] : .none
    }

    /// A truck leaves: its route's jobs freeze; it drives to the first stop. - Complexity: O(route).
    mutating func truckDeparts(_ i: Int, _ agenda: inout Agenda<RegionEvent>) {
        let frozen = (try? scheduler.depart(runs[i].vehicle, day: runs[i].day)) ?? []
        // The frozen jobs are the route's jobs still on it, in route order: usually all of them.
        if !frozen.elementsEqual(runs[i].stops.lazy.map(\.job)) {
            let kept = Set(frozen)
            runs[i].stops.removeAll { !kept.contains($0.job) }
        }
        runs[i].time = agenda.now
        runs[i].departedAt = agenda.now
        bumpDaily { $0.trucksOut += 1 }
        for stop in runs[i].stops {
            if case .order(let o) = payload(stop.job) {
                orders.all[Int(o)].stage = .inDelivery
                let r = Int(orders.all[Int(o)].retailer)
                notify(r)
                note(agenda.now, r, .outForDelivery)
            }
        }
        driveToNext(i, &agenda)
    }

    /// Drives to the next stop that can still be served in its window; a stop that would be missed gets a
    /// reschedule proposal and is skipped. Returns to the depot after the last. - Complexity: O(stops skipped).
    mutating func driveToNext(_ i: Int, _ agenda: inout Agenda<RegionEvent>) {
        let now = agenda.now
        let dep = scenario.journeys.delivery
        let depot = spec.depots[runs[i].depot]
        let ticksPerKm = 3_600_000_000 / depot.speed
        while runs[i].next < runs[i].stops.count {
            let stop = runs[i].stops[runs[i].next]
            guard let job = scheduler.job(stop.job) else { runs[i].next += 1; continue }
            var rng = streams.stream(Int(stop.job.slot), .routeNoise, now.day &* 64 &+ runs[i].next)
            let km = runs[i].at.distance(to: job.location)
            let travel = SimDuration(ticks: Int64(km * ticksPerKm * max(0.1, dep.travelNoise.sample(&rng))))
            let arrival = now + travel
            let tod = arrival - SimTime(day: arrival.day)
            let tolerance = dep.lateTolerance.sample(&rng)
            if arrival.day == stop.arrival.day, let _ = job.windows.earliestStart(arrivingAt: (tod - tolerance).ticks) {
                runs[i].distance += km
                runs[i].at = job.location
                agenda.post(.truckArrives(run: Int32(i)), at: arrival)
                return
            }
            missStop(stop.job, now: now, &agenda)
            runs[i].next += 1
        }
        // Back to the depot.
        let km = runs[i].at.distance(to: Location(x: depot.x, y: depot.y))
        let back = now + SimDuration(ticks: Int64(km * ticksPerKm))
        runs[i].distance += km
        finishRun(i, at: back)
    }

    /// The truck is at its next stop: waits for the window, serves, drives on. - Complexity: O(1) plus the
    /// delivery's effects.
    mutating func truckArrives(_ i: Int, _ agenda: inout Agenda<RegionEvent>) {
        let now = agenda.now
        let stop = runs[i].stops[runs[i].next]
        runs[i].next += 1
        guard let job = scheduler.job(stop.job) else { driveToNext(i, &agenda); return }
        let tod = now - SimTime(day: now.day)
        let startTOD = job.windows.earliestStart(arrivingAt: tod.ticks) ?? tod.ticks
        var rng = streams.stream(Int(stop.job.slot), .routeNoise, now.day &* 64 &+ 63)
        let service = SimDuration(ticks: Int64(Double(job.serviceTime.ticks) * max(0.1, scenario.journeys.delivery.serviceNoise.sample(&rng))))
        let start = SimTime(day: now.day) + SimDuration(ticks: max(startTOD, tod.ticks))
        let startTicks = (start - SimTime(day: now.day)).ticks
        var inWindow = job.windows.count == 0
        for w in 0..<job.windows.count where job.windows[w].from.ticks <= startTicks && startTicks <= job.windows[w].to.ticks { inWindow = true }
        try? scheduler.complete(stop.job, at: start)
        served(stop.job, job: job, at: start, inWindow: inWindow, &agenda)
        if runs[i].day == reportSeries.routeDay { sampleStop(stop.job, inWindow && start.day <= job.promisedDay ? .onTime : .late) }
        agenda.post(.truckLeaves(run: Int32(i)), at: start + service)
    }

    /// Ends a truck's day: distance, hours and cost. - Complexity: O(1).
    mutating func finishRun(_ i: Int, at back: SimTime) {
        let hours = (back - runs[i].departedAt).hours
        let overtime = max(0, (back - (SimTime(day: runs[i].day) + runs[i].shiftEnd)).hours)
        if counts(back) {
            metrics.truckOvertimeHours += overtime
            metrics.distance += runs[i].distance
            metrics.truckHours += hours
            metrics.deliveryCost += runs[i].distance * runs[i].costPerKm + hours * runs[i].costPerHour
        }
        let km = runs[i].distance
        bumpDaily { $0.distance += km }
        runs[i].stops = []
        freeRuns.append(Int32(i))
    }

    /// A stop that will miss its window: back to the queue, a proposal, the retailer's answer. - Complexity:
    /// O(log jobs + proposal ranking).
    mutating func missStop(_ id: JobID, now: SimTime, _ agenda: inout Agenda<RegionEvent>) {
        guard (try? scheduler.returnToQueue(id)) != nil, let job = scheduler.job(id) else { return }
        if now.day == reportSeries.routeDay { sampleStop(id, .missed) }
        let r = Int(job.retailer)
        var rng = streams.stream(Int(id.slot), .reschedule, now.day)
        bumpDaily { $0.reschedules += 1 }
        notify(r)
        note(now, r, .rescheduleProposed)
        let options = (try? scheduler.proposeReschedule(id, now: now, days: 5, limit: 3)) ?? []
        let accepted = !options.isEmpty && rng.chance(scenario.journeys.delivery.rescheduleAcceptance)
        if counts(now) { metrics.rescheduleAcceptance.record(accepted) }
        if accepted, let first = options.first, (try? scheduler.acceptReschedule(id, option: first)) != nil {
            note(now, r, .rescheduleAccepted)
        } else {
            try? scheduler.refuseReschedule(id, day: now.day)
            note(now, r, .rescheduleRefused)
        }
    }
}
