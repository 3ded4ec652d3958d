import Dispatch
import DiscreteEvents
import Synchronization
import Testing
@testable import RetailerJourneys

/// Regions run side by side between daily barriers: the result is the same whatever the workers, and a
/// keg batch reported a little in every region is detected nationally.
@Suite struct ParallelRegionsTests {
    /// Three regions of different sizes built from the small fixture.
    static func national(days: Int = 21) -> Scenario {
        var s = Fixtures.small(retailers: 300, days: days, seed: 5)
        let base = s.regions[0]
        s.regions = [300, 200, 150].enumerated().map { i, n in
            var r = base
            r.name = "R\(i)"
            r.retailers = n
            return r
        }
        return s
    }

    static let pool: ParallelFor = { count, body in
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(2, count)) { _ in
            while true {
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard i < count else { return }
                body(i)
            }
        }
    }

    @Test func workersDoNotChangeTheResult() throws {
        let s = Self.national()
        let one = try ScenarioRun.run(s)
        let two = try ScenarioRun.run(s, parallel: Self.pool)
        // Values compared as printed (NaN, for a KPI measured on nothing, is not equal to itself).
        let a = one.kpis.map { "\($0.key)=\($0.value)/\($0.count)" }, b = two.kpis.map { "\($0.key)=\($0.value)/\($0.count)" }
        #expect(a == b)
        #expect(one.daily == two.daily)
        #expect(one.events == two.events && one.retailerDays == two.retailerDays)
        #expect(one.metrics.service.opened > 0)
    }

    @Test func aBatchReportedAcrossRegionsIsDetectedNationally() throws {
        // A bad batch everywhere, and a threshold no single region reaches: only the sum over regions does.
        var s = Self.national(days: 28)
        s.disruptions = [.badKegBatch(region: nil, day: 3, days: 1, defectRate: 0.3)]
        s.journeys.returns.detectionWindowDays = 14
        var alone = s
        alone.regions = [s.regions[0]]
        let threshold = try Self.reports(alone) + 1
        #expect(threshold > 1)
        s.journeys.returns.massProblemThreshold = threshold
        alone.journeys.returns.massProblemThreshold = threshold
        #expect(try ScenarioRun.run(alone).metrics.batchesDetected == 0, "one region alone stays under the threshold")
        let all = try ScenarioRun.run(s)
        #expect(all.metrics.batchesDetected >= 1, "the regions' reports summed at the barrier pass it")
        #expect(all.metrics.retailersWarned > 0)
    }

    /// Returns registered in the largest region from the bad batch's window (an upper bound of one region's reports).
    static func reports(_ s: Scenario) throws -> Int {
        var t = s
        t.journeys.returns.massProblemThreshold = 1_000_000
        return try ScenarioRun.run(t).metrics.returnsRegistered
    }
}
