import DiscreteEvents
import Testing
@testable import RetailerJourneys

@Suite struct RunTests {
    @Test func smallScenarioRunsWithCleanAuditsAndConservation() throws {
        let r = try ScenarioRun.run(Fixtures.small(), options: RunOptions(auditEveryDay: true))
        for c in r.conservation { #expect(c.holds, "\(c)") }
        #expect(r.auditFailures.isEmpty, "\(r.auditFailures)")
        #expect(r.metrics.ordersPlaced > 100)
        #expect(r.metrics.ordersDelivered > 0)
        for k in r.kpis { print(k.key, k.value, k.count) }
    }
}
