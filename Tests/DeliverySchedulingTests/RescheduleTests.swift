import DiscreteEvents
import Testing
@testable import DeliveryScheduling

@Suite("Delays, reschedules and carry-over")
struct RescheduleTests {
    func oneJob() throws -> (DeliveryScheduler, JobID) {
        var s = makeScheduler(policy: .earliestDeadline, vehicles: 2)
        let job = DeliveryJob(
            depot: DepotID(0), location: Location(x: 60, y: 50), volume: Volume(kegs: 2),
            windows: try TimeWindowSet([TimeWindow(from: .hours(Int64(9)), to: .hours(Int64(12))), TimeWindow(from: .hours(Int64(14)), to: .hours(Int64(16)))]),
            deadline: SimTime(day: 1, hour: 18))
        let id = try s.submit(job, at: .zero)
        return (s, id)
    }

    @Test func acceptMovesTheJobToTheChosenDayAndWindow() throws {
        var (s, id) = try oneJob()
        try s.planAndCommitDay(depot: DepotID(0), day: 0)
        #expect(s.status(id) == .planned)
        try s.reportDelay(id, by: .minutes(Int64(90)))
        let now = SimTime(day: 0, hour: 13)
        let options = try s.proposeReschedule(id, now: now)
        #expect(!options.isEmpty)
        #expect(options.map(\.rank) == Array(1...options.count))
        // Ranked: on-time options before late ones; today's morning window has passed.
        #expect(options.allSatisfy { !($0.day == 0 && $0.window.to < now.timeOfDay) })
        let lateness = options.map(\.lateness)
        #expect(lateness == lateness.sorted())
        let choice = try #require(options.first { $0.day == 1 })
        try s.acceptReschedule(id, option: choice)
        #expect(s.status(id) == .pending)
        #expect(s.job(id)!.promisedDay == 1)
        #expect(s.job(id)!.windows.windows == [choice.window])
        #expect(try s.planDay(depot: DepotID(0), day: 0).candidates == 0, "not planned before the accepted day")
        let plan = try s.planDay(depot: DepotID(0), day: 1)
        let stop = try #require(plan.routes.first?.stops.first)
        #expect(stop.job == id)
        #expect(stop.serviceStart.timeOfDay >= choice.window.from && stop.serviceStart.timeOfDay <= choice.window.to)
        #expect(try s.explain(id).description.contains("delay"))
    }

    @Test func refuseRollsToTheNextDayWithRaisedPriority() throws {
        var (s, id) = try oneJob()
        let before = s.job(id)!.tier
        _ = try s.proposeReschedule(id, now: SimTime(day: 0, hour: 10))
        try s.refuseReschedule(id, day: 0)
        let after = s.job(id)!
        #expect(after.tier < before)
        #expect(after.promisedDay == 1)
        let why = try s.explain(id)
        #expect(why.refusedProposals == 1)
        #expect(why.lastUnassignedReason == .rescheduleRefused)
        #if JORNADA_INTERNAL_CHECKS
        #expect(s.checkInvariants())
        #endif
    }

    @Test func overflowCarriesOverWithRaisedPriorityAndAReason() throws {
        var s = makeScheduler(policy: .fifo, vehicles: 1)  // one truck, 30 kegs
        var ids: [JobID] = []
        for i in 0..<12 {
            ids.append(try s.submit(DeliveryJob(depot: DepotID(0), location: Location(x: 50 + Double(i), y: 52), volume: Volume(kegs: 5), tier: .standard), at: SimTime.zero + .minutes(Int64(i))))
        }
        let plan = try s.planAndCommitDay(depot: DepotID(0), day: 0)
        #expect(plan.assignedCount == 6)
        #expect(plan.unassigned.count == 6)
        for u in plan.unassigned {
            #expect(u.reason == .fleetCapacityExhausted)
            let j = s.job(u.job)!
            #expect(j.promisedDay == 1)
            #expect(j.tier == .high)
            #expect(s.status(u.job) == .pending)
            #expect(try s.explain(u.job).description.contains("higher-priority"))
        }
        // FIFO inside the tier: the first six submitted got the space.
        #expect(Set(plan.routes.flatMap(\.stops).map(\.job)) == Set(ids.prefix(6)))
        // Next day the carried-over jobs (now tier high) go before new standard jobs.
        for _ in 0..<6 {
            _ = try s.submit(DeliveryJob(depot: DepotID(0), location: Location(x: 51, y: 51), volume: Volume(kegs: 5), promisedDay: 1), at: SimTime(day: 1))
        }
        for id in plan.routes.flatMap(\.stops).map(\.job) { try s.complete(id) }
        let next = try s.planAndCommitDay(depot: DepotID(0), day: 1)
        #expect(Set(next.routes.flatMap(\.stops).map(\.job)) == Set(ids.suffix(6)))
        #if JORNADA_INTERNAL_CHECKS
        #expect(s.checkInvariants())
        #endif
    }
}
