import DiscreteEvents
import Testing
@testable import RetailerJourneys

/// Journey 4: defects, validation, pickups, credits and mass-problem detection.
@Suite struct ReturnsTraceTests {
    /// Three cafés served on day 1 from a batch whose every keg is defective; reports come one, two and
    /// three days after delivery. Two reports within the window detect the batch, so the third café is
    /// warned before it reports.
    @Test func massProblemIsDetectedAtTheThresholdAndWarnsTheRest() throws {
        var s = Fixtures.controlled(retailers: 3, days: 8)
        s.disruptions = [.badKegBatch(region: nil, day: 1, days: 1, defectRate: 1)]
        s.journeys.returns.massProblemThreshold = 2
        s.journeys.returns.detectionWindowDays = 7
        s.journeys.returns.reportDelay = RandomDuration((try? .uniform(min: 1, max: 3)) ?? .zero, unit: .days(1))
        s.journeys.returns.acceptance = 1
        let r = try ScenarioRun.run(s, options: RunOptions(trace: true))
        let reports = r.trace.filter { $0.event == .defectReported }.sorted { $0.time < $1.time }
        #expect(reports.count >= 2)
        let warnings = r.trace.filter { $0.event == .batchWarning }
        #expect(r.metrics.batchesDetected == 1)
        // Detection happens at the second report; the warned retailers are exactly those not yet reported.
        let second = try #require(reports.dropFirst().first)
        for w in warnings {
            #expect(w.time == second.time)
            #expect(!reports.prefix(2).contains { $0.retailer == w.retailer })
        }
        #expect(r.metrics.detectionAfterFirstReport.count == 1)
        #expect(abs(r.metrics.detectionAfterFirstReport.mean - (second.time - reports[0].time).hours) < 0.01 * max(1, (second.time - reports[0].time).hours))
        // Every accepted return is picked up by a truck and credited.
        for rep in reports {
            let t = r.trace.of(rep.retailer)
            #expect(t.contains { $0.event == .returnAccepted && $0.time == rep.time })
        }
        #expect(r.metrics.returnsPickedUp >= 1)
        // Credit: 90 EUR per returned keg, at least one keg per pickup.
        #expect(r.metrics.creditsGranted >= 90 * Double(r.metrics.returnsPickedUp))
        #expect(r.metrics.creditsGranted.truncatingRemainder(dividingBy: 90) == 0)
        for c in r.conservation { #expect(c.holds, "\(c)") }
    }

    @Test func refusedReturnsAreNotPickedUp() throws {
        var s = Fixtures.controlled(retailers: 2, days: 6)
        s.disruptions = [.badKegBatch(region: nil, day: 1, days: 1, defectRate: 1)]
        s.journeys.returns.acceptance = 0
        s.journeys.returns.reportDelay = .days(1)
        let r = try ScenarioRun.run(s, options: RunOptions(trace: true))
        #expect(r.metrics.returnsRegistered >= 1)
        #expect(r.metrics.returnsRefused == r.metrics.returnsRegistered)
        #expect(r.metrics.refusalsByCriterion == [0, r.metrics.returnsRefused])   // evidence, not the window
        #expect(r.metrics.returnsPickedUp == 0)
        #expect(!r.trace.contains { $0.event == .pickedUp })
    }

    @Test func returnsReportedAfterTheWindowAreRefusedWithThatCriterion() throws {
        var s = Fixtures.controlled(retailers: 2, days: 12)
        s.disruptions = [.badKegBatch(region: nil, day: 1, days: 1, defectRate: 1)]
        s.journeys.returns.acceptance = 1
        s.journeys.returns.returnWindowDays = 3
        s.journeys.returns.reportDelay = .days(5)
        let r = try ScenarioRun.run(s, options: RunOptions(trace: true))
        #expect(r.metrics.returnsRegistered >= 1)
        #expect(r.metrics.refusalsByCriterion == [r.metrics.returnsRegistered, 0])
        #expect(r.metrics.returnsByClass.reduce(0, +) == r.metrics.returnsRegistered)
    }

    @Test func noDefectsMeansNoReturns() throws {
        let r = try ScenarioRun.run(Fixtures.controlled(retailers: 3, days: 6), options: RunOptions(trace: true))
        #expect(r.metrics.returnsRegistered == 0)
        #expect(r.metrics.defectiveKegs == 0)
    }
}
