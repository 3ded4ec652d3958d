import DiscreteEvents
import Testing
@testable import RetailerJourneys

/// Each disruption changes what it should, against the same scenario without it (common random numbers:
/// same seed, so the difference is the disruption's).
@Suite struct DisruptionTests {
    static let base = Fixtures.small(retailers: 500, trucks: 6, technicians: 6, days: 28)

    @Test func truckBreakdownsRaiseTheBacklog() throws {
        var s = Self.base
        s.disruptions = [.truckBreakdown(region: 0, depot: 0, count: 4, day: 7, days: 7)]
        let a = try ScenarioRun.run(Self.base)
        let b = try ScenarioRun.run(s, options: RunOptions(auditEveryDay: true))
        let backlogA = a.daily[7..<14].map(\.deliveryBacklog).reduce(0, +)
        let backlogB = b.daily[7..<14].map(\.deliveryBacklog).reduce(0, +)
        #expect(backlogB > backlogA)
        // Only two trucks leave on breakdown days.
        for d in 8..<14 where b.daily[d].trucksOut > 0 { #expect(b.daily[d].trucksOut <= 2) }
        #expect(b.auditFailures.isEmpty, "\(b.auditFailures)")
        for c in b.conservation { #expect(c.holds, "\(c)") }
    }

    @Test func aClosedDepotSendsNoTrucks() throws {
        var s = Self.base
        s.disruptions = [.depotClosed(region: 0, depot: 0, day: 9, days: 3)]
        let b = try ScenarioRun.run(s)
        for d in 9..<12 { #expect(b.daily[d].trucksOut == 0) }
        #expect(b.daily[12].trucksOut > 0 || b.daily[13].trucksOut > 0)
    }

    @Test func aDemandPeakRaisesOrders() throws {
        var s = Self.base
        s.disruptions = [.demandPeak(region: nil, day: 7, days: 14, factor: 1.8)]
        let a = try ScenarioRun.run(Self.base)
        let b = try ScenarioRun.run(s)
        let ordersA = a.daily[7..<21].map(\.ordersPlaced).reduce(0, +)
        let ordersB = b.daily[7..<21].map(\.ordersPlaced).reduce(0, +)
        // 1.8× consumption: more orders (at least 1.15×: a retailer with an order on its way places no
        // other, so a saturated fleet caps the rise), and more stock-outs.
        #expect(Double(ordersB) > 1.15 * Double(ordersA))
        #expect(b.metrics.stockOutDays > a.metrics.stockOutDays)
    }

    @Test func technicianAbsenceDisplacesVisitsAndDelaysThem() throws {
        var base = Self.base
        base.journeys.assistance.failuresPerYear = 6
        var s = base
        s.disruptions = [.technicianAbsence(region: 0, count: 5, day: 3, days: 20)]
        let a = try ScenarioRun.run(base)
        let b = try ScenarioRun.run(s, options: RunOptions(auditEveryDay: true))
        let p90a = a.metrics.timeToVisit.map { $0.quantile(0.9) }.filter { !$0.isNaN }.max() ?? 0
        let p90b = b.metrics.timeToVisit.map { $0.quantile(0.9) }.filter { !$0.isNaN }.max() ?? 0
        #expect(p90b > p90a)
        #expect(b.auditFailures.isEmpty, "\(b.auditFailures)")
        for c in b.conservation { #expect(c.holds, "\(c)") }
    }
}
