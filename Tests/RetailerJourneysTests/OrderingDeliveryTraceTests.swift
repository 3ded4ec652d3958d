import DiscreteEvents
import Testing
@testable import RetailerJourneys

/// Journeys 2 and 3 on one café with constant timings: the asserted (who, when, what) trace.
@Suite struct OrderingDeliveryTraceTests {
    @Test func alertOrderStagesAndNextDayDelivery() throws {
        let r = try ScenarioRun.run(Fixtures.controlled(days: 3), options: RunOptions(trace: true))
        let t = r.trace.of(0)
        // Day 0: stock falls from 3 to 2 days of cover, under the alert threshold: alert, order, stages.
        #expect(Array(t.events.prefix(6)) == [.alert, .orderPlaced, .orderPaid, .orderInvoiced, .orderPicked, .outForDelivery])
        let placed = try #require(t.first(.orderPlaced))
        #expect(t.first(.alert)?.time == SimTime(day: 0))
        #expect(placed.time.day == 0)
        #expect(t.first(.orderPaid)?.time == placed.time + .minutes(30))
        #expect(t.first(.orderInvoiced)?.time == placed.time + .minutes(50))
        // Planned at the 16:00 cut-off for day 1; the truck leaves at 07:00 and serves inside a window.
        let out = try #require(t.first(.outForDelivery))
        #expect(out.time == SimTime(day: 1, hour: 7))
        let delivered = try #require(t.first(.delivered))
        #expect(delivered.time.day == 1)
        let tod = delivered.time - SimTime(day: 1)
        #expect((tod >= .hours(8) && tod <= .hours(12)) || (tod >= .hours(14) && tod <= .hours(17)))
        #expect(r.metrics.otif.hits == r.metrics.otif.count && r.metrics.otif.count >= 1)
        for c in r.conservation { #expect(c.holds, "\(c)") }
    }

    @Test func creditBlockHoldsTheOrderUntilRegularised() throws {
        var s = Fixtures.controlled(days: 2)
        s.segments = [Fixtures.controlledCafe(creditLimit: 0)]
        s.journeys.ordering.regulariseSameDay = 1
        let r = try ScenarioRun.run(s, options: RunOptions(trace: true))
        let t = r.trace.of(0)
        let placed = try #require(t.first(.orderPlaced))
        #expect(t.first(.orderBlocked)?.time == placed.time)
        #expect(t.first(.orderUnblocked)?.time == placed.time + .hours(2))
        #expect(t.first(.orderPaid)?.time == placed.time + .hours(2) + .minutes(30))
        #expect(r.metrics.ordersBlocked == 1)
        #expect(r.metrics.blockToUnblock.mean == 2)
    }

    @Test func aLateTruckProposesANewDayAndTheAcceptedDayDelivers() throws {
        var s = Fixtures.controlled(days: 6)
        // Actual travel takes five times the planned time: every stop misses its window.
        s.journeys.delivery.travelNoise = Fixtures.constant(5)
        s.journeys.delivery.rescheduleAcceptance = 1
        s.regions[0].depots[0].x = 0
        s.regions[0].depots[0].y = 0
        s.segments[0].deliveryHours = .everyDay([DayWindow(from: 8 * 60, to: 8 * 60 + 30)])
        let r = try ScenarioRun.run(s, options: RunOptions(trace: true))
        let t = r.trace.of(0)
        let proposed = try #require(t.first(.rescheduleProposed))
        #expect(proposed.time.day == 1)
        #expect(t.first(.rescheduleAccepted)?.time == proposed.time)
        #expect(r.metrics.rescheduleAcceptance.count >= 1 && r.metrics.rescheduleAcceptance.hits == r.metrics.rescheduleAcceptance.count)
        #expect(t.first(.delivered) == nil || t.first(.delivered)!.time > proposed.time)
    }

    @Test func aRefusedProposalCarriesTheJobOverWithRaisedPriority() throws {
        var s = Fixtures.controlled(days: 4)
        s.journeys.delivery.travelNoise = Fixtures.constant(5)
        s.journeys.delivery.rescheduleAcceptance = 0
        s.regions[0].depots[0].x = 0
        s.regions[0].depots[0].y = 0
        s.segments[0].deliveryHours = .everyDay([DayWindow(from: 8 * 60, to: 8 * 60 + 30)])
        let r = try ScenarioRun.run(s, options: RunOptions(trace: true))
        let t = r.trace.of(0)
        let proposed = try #require(t.first(.rescheduleProposed))
        #expect(t.first(.rescheduleRefused)?.time == proposed.time)
        #expect(r.metrics.rescheduleAcceptance.hits == 0)
        // The refused job is tomorrow's backlog (next-day priority management).
        #expect(r.daily[proposed.time.day].deliveryBacklog >= 1)
    }
}
