import DiscreteEvents
import Testing
import EngineWorkloads
@testable import DeliveryScheduling

@Suite("DeliveryDesk actor and router")
struct DeliveryDeskTests {
    func desk(_ d: Int32) throws -> DeliveryDesk {
        try DeliveryDesk(depot: DepotID(d), SyntheticWorkload.depot,
                         vehicles: [Vehicle(depot: DepotID(d), capacity: Volume(kegs: 60))])
    }

    @Test func concurrentClientsLoseNothing() async throws {
        let desks = [try desk(0), try desk(1)]
        let router = try DeliveryDeskRouter(desks: desks)
        let clients = 8
        let counts = await withTaskGroup(of: (submitted: Int, cancelled: Int).self) { group in
            for c in 0..<clients {
                group.addTask {
                    var rng = RandomStream(seed: 77, stream: UInt64(c))
                    var submitted = 0, cancelled = 0
                    for _ in 0..<20 {
                        let batch = (0..<25).map { _ in randomJob(&rng, depot: DepotID(Int32(rng.nextInt(below: 2)))) }
                        let ids = await router.submit(batch, at: .zero).compactMap { try? $0.get() }
                        submitted += ids.count
                        let toCancel = ids.enumerated().filter { $0.offset % 3 == 0 }.map(\.element)
                        let errors = await router.cancel(toCancel)
                        cancelled += errors.filter { $0 == nil }.count
                    }
                    return (submitted, cancelled)
                }
            }
            var total = (submitted: 0, cancelled: 0)
            for await r in group { total.submitted += r.submitted; total.cancelled += r.cancelled }
            return total
        }
        #expect(counts.submitted == clients * 20 * 25)
        var live = 0
        for d in desks {
            let snap = await d.snapshot()
            #if JORNADA_INTERNAL_CHECKS
            #expect(snap.checkInvariants())
            #endif
            live += snap.liveCount
        }
        #expect(live == counts.submitted - counts.cancelled)
    }

    @Test func routerReportsUnknownDepotsPerJob() async throws {
        let router = try DeliveryDeskRouter(desks: [try desk(0)])
        var rng = RandomStream(seed: 1)
        let results = await router.submit([randomJob(&rng, depot: DepotID(0)), randomJob(&rng, depot: DepotID(5))], at: .zero)
        #expect((try? results[0].get()) != nil)
        if case .failure(let e) = results[1] { #expect(e == .unknownDepot(DepotID(5))) } else { Issue.record("expected a failure") }
        #expect(throws: DeliverySchedulingError.duplicateDepot(DepotID(0))) { _ = try DeliveryDeskRouter(desks: [try desk(0), try desk(0)]) }
    }

    @Test func deskPlansDispatchesAndExplains() async throws {
        let d = try desk(0)
        var rng = RandomStream(seed: 9)
        let ids = await d.submit((0..<30).map { _ in randomJob(&rng) }, at: .zero).compactMap { try? $0.get() }
        #expect(ids.count == 30)
        let plan = try await d.planDay(0)
        #expect(plan.assignedCount + plan.unassigned.count == 30)
        for u in plan.unassigned { #expect(try await d.explain(u.job).lastUnassignedReason == u.reason) }
        _ = try await d.depart(plan.routes[0].vehicle)
        #expect(await d.status(plan.routes[0].stops[0].job) == .frozen)
    }

    @Test func deskRunsTheDayLifecycle() async throws {
        let d = try desk(0)
        let today = await d.submit((0..<3).map { nearJob($0) }, at: .zero).compactMap { try? $0.get() }
        let plan0 = try await d.plan(0)
        #expect(await d.commit(plan0).committed == 3)
        let truck = plan0.routes[0].vehicle
        #expect(try await d.depart(truck, day: 0) == routeOrder(plan0))
        let tomorrow = await d.submit([nearJob(7, day: 1)], at: SimTime(day: 0, hour: 12)).compactMap { try? $0.get() }
        #expect(await d.commit(try await d.plan(1)).committed == 1)
        try await d.complete(routeOrder(plan0)[0], at: SimTime(day: 0, hour: 9))
        #expect(await d.cancel(tomorrow, at: SimTime(day: 0, hour: 19)) == [nil])
        let closing = try await d.closeDay(0)
        #expect(closing.completed == 1 && closing.returnedToQueue == Array(routeOrder(plan0).dropFirst()))
        #expect(await d.version(of: today[1]) != nil)
        try await d.setVehicleAvailability(truck, day: 1, available: false)
        #expect(try await d.plan(1).vehiclesUsed == 0)
        #expect(await d.dispatchNext(1, at: SimTime(day: 1, hour: 6)).count == 1)
        let feed = await d.drainOutcomes()
        #expect(feed.map(\.outcome) == [.served, .cancelled, .dispatched])
        #expect(feed.map(\.time) == [SimTime(day: 0, hour: 9), SimTime(day: 0, hour: 19), SimTime(day: 1, hour: 6)])
        #expect(await d.drainOutcomes().isEmpty)
    }
}
