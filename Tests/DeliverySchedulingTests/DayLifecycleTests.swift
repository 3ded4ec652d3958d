import DiscreteEvents
import EngineWorkloads
import Testing
@testable import DeliveryScheduling

extension DeliveryScheduler {
    /// Every live job id, read through testable access (the public `liveJobs` exists only under
    /// JORNADA_INTERNAL_CHECKS).
    var testLiveJobs: [JobID] {
        core.indices.filter { core[$0].state != .unknown }.map { JobID(slot: UInt32($0), generation: core[$0].generation) }
    }

    /// The per-day bookkeeping check, plus the heap and slot check when internal checks are compiled in.
    func consistent() -> Bool {
        var ok = checkDayInvariants()
        #if JORNADA_INTERNAL_CHECKS
        ok = ok && checkInvariants()
        #endif
        return ok
    }
}

/// A small job near the depot (SyntheticWorkload's depot is at the origin), served any time.
func nearJob(_ i: Int, depot: DepotID = DepotID(0), kegs: Int32 = 2, tier: PriorityTier = .standard, day: Int = 0,
             kind: JobKind = .delivery) -> DeliveryJob {
    DeliveryJob(kind: kind, retailer: Int32(100 + i), depot: depot, location: Location(x: Double(3 + i % 5), y: Double(2 + i % 3)),
                volume: Volume(kegs: kegs), promisedDay: day, tier: tier)
}

/// The jobs of `plan`'s routes: vehicles in id order, each in route order.
func routeOrder(_ plan: DayPlan) -> [JobID] { plan.routes.sorted { $0.vehicle < $1.vehicle }.flatMap { $0.stops.map(\.job) } }

@Suite("Day lifecycle: close, versions, availability, outcomes")
struct DayLifecycleTests {
    @Test func tomorrowsPlanCommittedWhileTodaysTrucksAreOutSurvivesTodaysClose() throws {
        var s = makeScheduler(policy: .earliestDeadline, vehicles: 2)
        let depot = DepotID(0)
        let today = try (0..<6).map { try s.submit(nearJob($0, kegs: 8), at: .zero) }
        let plan0 = try s.planAndCommitDay(depot: depot, day: 0)
        #expect(plan0.assignedCount == 6 && plan0.vehiclesUsed == 2)
        for r in plan0.routes { _ = try s.depart(r.vehicle, day: 0) }
        #expect(today.allSatisfy { s.status($0) == .frozen })

        // 18:00 of day 0: plan day 1 while both trucks are out.
        let tomorrow = try (6..<10).map { try s.submit(nearJob($0, kegs: 8, day: 1), at: SimTime(day: 0, hour: 17)) }
        let plan1 = try s.planDay(depot: depot, day: 1)
        #expect(plan1.candidates == 4 && plan1.assignedCount == 4, "today's departures must not block tomorrow")
        #expect(s.commit(plan1).committed == 4)

        // Two of today's stops are served, the rest not (a breakdown): close day 0 at 23:59.
        let order0 = routeOrder(plan0)
        try s.complete(order0[0], at: SimTime(day: 0, hour: 9))
        try s.complete(order0[3], at: SimTime(day: 0, hour: 10))
        let closing = try s.closeDay(depot: depot, day: 0)
        #expect(closing.day == 0 && closing.depot == depot)
        #expect(closing.completed == 2)
        #expect(closing.returnedToQueue == order0.enumerated().filter { $0.offset != 0 && $0.offset != 3 }.map(\.element))
        for id in closing.returnedToQueue {
            #expect(s.status(id) == .pending)
            let e = try s.explain(id)
            #expect(e.tier == .high && e.promisedDay == 1 && e.lastUnassignedReason == .notServed)
        }
        #expect(s.currentDay(depot: depot) == 1)

        // Day 1: the committed routes survived; the trucks leave and freeze exactly them.
        #expect(tomorrow.allSatisfy { s.status($0) == .planned })
        var frozen: [JobID] = []
        for r in plan1.routes { frozen += try s.depart(r.vehicle, day: 1) }
        #expect(frozen == routeOrder(plan1))
        #expect(s.consistent())
    }

    @Test func closeDayReturnsFrozenAndUndepartedJobsInRouteOrderWithRaisedTier() throws {
        var s = makeScheduler(policy: .fifo, vehicles: 2)
        let ids = try [PriorityTier.low, .standard, .low, .standard, .high, .low].enumerated().map { i, t in
            try s.submit(nearJob(i, kegs: 10, tier: t), at: SimTime(ticks: Int64(i)))
        }
        let plan = try s.planAndCommitDay(depot: DepotID(0), day: 0)
        #expect(plan.vehiclesUsed == 2)
        let first = plan.routes.map(\.vehicle).min()!
        _ = try s.depart(first, day: 0)                  // the other truck never leaves
        let tiers = Dictionary(uniqueKeysWithValues: ids.map { ($0, s.job($0)!.tier) })
        let closing = try s.closeDay(depot: DepotID(0), day: 0)
        #expect(closing.returnedToQueue == routeOrder(plan))
        #expect(closing.completed == 0)
        for id in closing.returnedToQueue {
            #expect(s.job(id)!.tier == tiers[id]!.raised)
            #expect(s.status(id) == .pending && s.job(id)!.promisedDay == 1)
        }
        #expect(s.pendingCount(depot: DepotID(0)) == 6)
        // Day 0's state is gone: both trucks plan day 1 afresh, and closing day 0 again returns nothing.
        #expect(try s.planDay(depot: DepotID(0), day: 1).assignedCount == 6)
        #expect(try s.closeDay(depot: DepotID(0), day: 0).returnedToQueue.isEmpty)
        #expect(s.consistent())
    }

    @Test func aPlanMadeBeforeAnUpdateDoesNotCommitOverIt() throws {
        var s = makeScheduler(policy: .earliestDeadline, vehicles: 1)
        let a = try s.submit(nearJob(0), at: .zero)
        let b = try s.submit(nearJob(1), at: .zero)
        let c = try s.submit(nearJob(2), at: .zero)
        let huge = try s.submit(nearJob(3, kegs: 500), at: .zero)        // larger than the truck: unassigned
        #expect(s.version(of: a) == 0)
        let plan = try s.planDay(depot: DepotID(0), day: 0)
        #expect(plan.routes.flatMap(\.stops).allSatisfy { $0.version == 0 })
        try s.update(b, JobUpdate(tier: .urgent))
        try s.update(huge, JobUpdate(volume: Volume(kegs: 400)))
        #expect(s.version(of: b) == 1)
        let result = s.commit(plan)
        #expect(result.skipped == [b] && result.skippedCount == 1)
        #expect(result.committed == 2)
        #expect(result.skippedCarryOvers == [huge] && result.carriedOver == 0)
        #expect(s.status(b) == .pending && s.status(a) == .planned && s.status(c) == .planned)
        #expect(s.job(huge)!.promisedDay == 0, "a changed job is not rolled over by an older plan")
        // Every change bumps: commit, pin, unpin, departure.
        #expect(s.version(of: a) == 1)
        try s.pin(b, to: VehicleID(0)); #expect(s.version(of: b) == 2)
        try s.unpin(b); #expect(s.version(of: b) == 3)
        _ = try s.depart(VehicleID(0), day: 0)
        #expect(s.version(of: a) == 2)
        #expect(s.version(of: JobID(slot: 99, generation: 0)) == nil)
        #expect(s.consistent())
    }

    @Test func aStalePlanCommittedLastLeavesNoJobPlannedOffRoute() throws {
        var s = makeScheduler(policy: .earliestDeadline, vehicles: 1)
        let a = try s.submit(nearJob(0), at: .zero)
        let early = try s.planDay(depot: DepotID(0), day: 0)           // sees only a
        let b = try s.submit(nearJob(1), at: .zero)
        s.commit(try s.planDay(depot: DepotID(0), day: 0))              // a and b planned
        let result = s.commit(early)                                  // a changed (committed) since: skipped
        #expect(result.skipped == [a])
        #expect(Set(result.returnedToQueue) == [a, b])
        #expect(s.status(a) == .pending && s.status(b) == .pending)
        #expect(s.consistent())
    }

    @Test func anUnavailableVehicleTakesNoRouteThatDayAndWorksTheNext() throws {
        var s = makeScheduler(policy: .earliestDeadline, vehicles: 2)
        let (v0, v1) = (VehicleID(0), VehicleID(1))
        let x = try s.submit(nearJob(0, kegs: 20), at: .zero)
        let y = try s.submit(nearJob(1, kegs: 20), at: .zero)
        #expect(try s.setVehicleAvailability(v0, day: 0, available: false).isEmpty)
        #expect(!s.isAvailable(v0, day: 0) && s.isAvailable(v0, day: 1))
        let day0 = try s.planDay(depot: DepotID(0), day: 0)
        #expect(day0.routes.map(\.vehicle) == [v1])
        #expect(day0.unassigned.map(\.reason) == [.fleetCapacityExhausted])
        s.commit(day0)
        #expect(throws: DeliverySchedulingError.vehicleUnavailable(v0, day: 0)) { try s.depart(v0, day: 0) }
        _ = try s.closeDay(depot: DepotID(0), day: 0)
        let day1 = try s.planAndCommitDay(depot: DepotID(0), day: 1)
        #expect(day1.routes.map(\.vehicle) == [v0, v1])
        #expect(Set(routeOrder(day1)) == [x, y])

        // A breakdown announced before departure sends the truck's planned jobs back at once.
        let onV0 = try #require(day1.routes.first { $0.vehicle == v0 }).stops.map(\.job)
        let back = try s.setVehicleAvailability(v0, day: 1, available: false)
        #expect(back == onV0)
        #expect(back.allSatisfy { s.status($0) == .pending && (try? s.explain($0).lastUnassignedReason) == .vehicleUnavailable })
        let replan = try s.planDay(depot: DepotID(0), day: 1)
        #expect(!replan.routes.contains { $0.vehicle == v0 })
        // A breakdown after departure: closeDay returns the unserved frozen jobs, reason vehicle-unavailable.
        s.commit(replan)
        _ = try s.depart(v1, day: 1)
        try s.setVehicleAvailability(v1, day: 1, available: false)
        let closing = try s.closeDay(depot: DepotID(0), day: 1)
        #expect(closing.returnedToQueue == routeOrder(replan))
        #expect(closing.returnedToQueue.allSatisfy { (try? s.explain($0).lastUnassignedReason) == .vehicleUnavailable })
        #expect(s.isAvailable(v0, day: 1) && s.isAvailable(v1, day: 1), "closed days' availability is dropped")
        #expect(s.consistent())
    }

    @Test func theOutcomeFeedListsEachServedCancelledAndDispatchedJobOnceWithItsTime() throws {
        var s = makeScheduler(policy: .fifo, vehicles: 1)
        let cancelled = try s.submit(nearJob(0, kind: .empties), at: .zero)
        let dispatched = try s.submit(nearJob(1), at: SimTime(ticks: 1))
        let served = try s.submit(nearJob(2, kind: .defectReturn), at: SimTime(ticks: 2))
        let silent = try s.submit(nearJob(3), at: SimTime(ticks: 3))
        try s.cancel(cancelled, at: SimTime(day: 0, hour: 6))
        #expect(try s.dispatchNext(depot: DepotID(0), at: SimTime(day: 0, hour: 7))?.id == dispatched)
        try s.planAndCommitDay(depot: DepotID(0), day: 0)
        _ = try s.depart(VehicleID(0), day: 0)
        try s.complete(served, at: SimTime(day: 0, hour: 11))
        try s.complete(silent)                                   // untimed: counted, not fed
        var feed: [JobOutcome] = []
        feed.reserveCapacity(8)
        s.drainOutcomes(into: &feed)
        #expect(feed == [
            JobOutcome(job: cancelled, depot: DepotID(0), retailer: 100, kind: .empties, outcome: .cancelled, time: SimTime(day: 0, hour: 6)),
            JobOutcome(job: dispatched, depot: DepotID(0), retailer: 101, kind: .delivery, outcome: .dispatched, time: SimTime(day: 0, hour: 7)),
            JobOutcome(job: served, depot: DepotID(0), retailer: 102, kind: .defectReturn, outcome: .served, time: SimTime(day: 0, hour: 11)),
        ])
        feed.removeAll(keepingCapacity: true)
        s.drainOutcomes(into: &feed)
        #expect(feed.isEmpty, "drained outcomes are not repeated")
        #expect(try s.closeDay(depot: DepotID(0), day: 0).completed == 2)
    }

    @Test func planDayGathersCandidatesFromItsOwnDepotOnly() throws {
        var s = makeScheduler(policy: .earliestDeadline, vehicles: 2)
        let other = try s.addDepot(SyntheticWorkload.depot)
        _ = try s.addVehicle(Vehicle(depot: other, capacity: Volume(kegs: 30)))
        var rng = RandomStream(seed: 5, stream: 1)
        for _ in 0..<5_000 { _ = try s.submit(randomJob(&rng, depot: other), at: .zero) }
        for i in 0..<10 { _ = try s.submit(nearJob(i, day: i < 8 ? 0 : 1), at: .zero) }
        let plan = try s.planDay(depot: DepotID(0), day: 0)
        #expect(plan.examinedSlots == 10, "only the depot's own queue is read")
        #expect(plan.candidates == 8)
        s.commit(plan)
        // Re-planning the day reads the queue (2 left) and the day's routes (8 planned).
        let again = try s.planDay(depot: DepotID(0), day: 0)
        #expect(again.examinedSlots == 10 && again.candidates == 8)
        #expect(routeOrder(again) == routeOrder(plan))
    }

    /// Thirty days of random lifecycle operations (submit, update, cancel, dispatch, plan and commit
    /// tomorrow at the cut-off, sometimes with a stale plan, depart, serve, breakdowns, close): no job is
    /// lost or duplicated, the outcome feed lists every served, cancelled and dispatched job exactly once,
    /// and the queue and route bookkeeping stay consistent.
    @Test(arguments: [UInt64(1), 2, 3])
    func randomDaysLoseNoJobAndFeedEveryOutcomeOnce(seed: UInt64) throws {
        var s = makeScheduler(policy: .earliestDeadline, vehicles: 4)
        let depot = DepotID(0)
        var rng = RandomStream(seed: seed, stream: 21)
        var submitted: [JobID] = []
        var gone: [JobID: JobOutcomeKind] = [:]
        var untimedCompletions = 0
        var feed: [JobOutcome] = []
        var stale: DayPlan?
        for day in 0..<30 {
            // Morning: trucks leave (one may break down first), then serve most of their stops.
            for v in s.vehicles(of: depot) {
                if rng.nextUnit() < 0.1 { try s.setVehicleAvailability(v, day: day, available: false); continue }
                let route = try s.depart(v, day: day)
                for (k, id) in route.enumerated() where rng.nextUnit() < 0.85 {
                    if k % 5 == 4 { try s.complete(id); untimedCompletions += 1; gone[id] = .served } else {
                        try s.complete(id, at: SimTime(day: day, hour: 9 + k % 8)); gone[id] = .served
                    }
                }
            }
            // Orders and changes during the day.
            for k in 0..<20 {
                let now = SimTime(day: day, hour: 8 + k % 9)
                let live = s.testLiveJobs
                switch rng.nextInt(below: 10) {
                case 0...4:
                    submitted.append(try s.submit(randomJob(&rng, now: now, day: day + 1 + Int(rng.nextInt(below: 2))), at: now))
                case 5, 6:
                    guard let id = live.randomElement(using: &rng) else { continue }
                    if s.status(id) == .frozen {
                        #expect(throws: DeliverySchedulingError.jobFrozen(id)) { try s.update(id, JobUpdate(tier: .high)) }
                    } else {
                        let v = s.version(of: id)!
                        try s.update(id, JobUpdate(value: Int64(k)))
                        #expect(s.version(of: id) == v &+ 1)
                    }
                case 7:
                    guard let id = live.randomElement(using: &rng), s.status(id) != .frozen else { continue }
                    try s.cancel(id, at: now); gone[id] = .cancelled
                case 8:
                    if let d = try s.dispatchNext(depot: depot, at: now) { gone[d.id] = .dispatched }
                default:
                    stale = try s.planDay(depot: depot, day: day + 1)
                }
            }
            // Cut-off: plan tomorrow and commit (sometimes an older plan lands afterwards).
            s.commit(try s.planDay(depot: depot, day: day + 1))
            if let old = stale, rng.nextUnit() < 0.3 { s.commit(old) }
            stale = nil
            #expect(s.consistent(), "day \(day)")
            let closing = try s.closeDay(depot: depot, day: day)
            #expect(closing.returnedToQueue.allSatisfy { s.status($0) == .pending })
            #expect(s.consistent(), "after closing day \(day)")
            s.drainOutcomes(into: &feed)
        }
        // Every job is exactly one of live or gone; every timed outcome is fed once, with its kind.
        let live = Set(s.testLiveJobs)
        for id in submitted { #expect(live.contains(id) != (gone[id] != nil), "\(id) lost or duplicated") }
        #expect(live.count + gone.count == submitted.count)
        #expect(Set(feed.map(\.job)).count == feed.count)
        #expect(feed.count == gone.count - untimedCompletions)
        for o in feed { #expect(gone[o.job] == o.outcome) }
    }
}
