import Experiments
import Foundation
import Reports
import RetailerJourneys
import ScenarioFiles
import Testing

/// Replications, statistics, overrides and sweep files, in process on the tiny scenario.
@Suite("experiments: replications, overrides, sweeps")
struct ExperimentsTests {
    static var tiny: LoadedScenario {
        get throws {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            var s = try ScenarioFile.load(path: root.appendingPathComponent("Scenarios/tiny.yaml").path).scenario
            s.days = 5
            return ScenarioFile.loaded(s)
        }
    }

    @Test func replicationZeroKeepsTheScenarioSeedAndTheOthersDiffer() {
        #expect(ReplicationSeeds.seed(base: 7, replication: 0) == 7)
        let seeds = (0..<100).map { ReplicationSeeds.seed(base: 7, replication: $0) }
        #expect(Set(seeds).count == 100)
        #expect(ReplicationSeeds.seed(base: 7, replication: 3) == ReplicationSeeds.seed(base: 7, replication: 3))
    }

    @Test func aReplicationSurvivesItsFileExactly() throws {
        let r = try ReplicationResult.run(Self.tiny.scenario, cell: 2, replication: 1)
        let back = try ReplicationResult.decoded(r.encoded())
        #expect(back == r)
        #expect(back.encoded() == r.encoded())
    }

    @Test func thePoolReturnsResultsInIndexOrderForAnyNumberOfJobs() {
        let one = WorkerPool.map(Array(0..<40), jobs: 1) { $0 * $0 }
        let many = WorkerPool.map(Array(0..<40), jobs: 7) { $0 * $0 }
        #expect(one.results == many.results)
        #expect(many.results.compactMap { $0 } == (0..<40).map { $0 * $0 })
    }

    @Test func aStoppedPoolKeepsAPrefixOfFinishedJobs() {
        let pool = WorkerPool.map(Array(0..<10), jobs: 1, shouldStop: { false }) { $0 }
        #expect(pool.results.count == 10)
        let stopped = WorkerPool.map(Array(0..<10), jobs: 2, shouldStop: { true }) { $0 }
        #expect(stopped.results.allSatisfy { $0 == nil })
    }

    @Test func intervalsAndPairedDifferencesMatchHandComputedValues() {
        // Values 1, 2, 3, 4: mean 2.5, s = 1.29099, t(0.975, 3) = 3.18245 → half-width 2.05426.
        let ci = ReplicationStatistics.interval([1, 2, 3, 4])!
        #expect(abs(ci.mean - 2.5) < 1e-12)
        #expect(abs(ci.halfWidth - 2.054255) < 1e-5)
        let a = KPISummary(key: "k", journey: "j", unit: "share", definition: "", count: 0, values: [1, 2, 3, 4])
        // Differences 0.5, 0.4, 0.6, 0.5: significantly positive.
        let b = KPISummary(key: "k", journey: "j", unit: "share", definition: "", count: 0, values: [1.5, 2.4, 3.6, 4.5])
        let d = ReplicationStatistics.paired([a], [b])[0]
        #expect(d.significant)
        #expect(abs(d.difference! - 0.5) < 1e-12)
        let same = ReplicationStatistics.paired([a], [a])[0]
        #expect(!same.significant)
    }

    @Test func mser5FindsTheEndOfAnInitialTransient() {
        var series: [Double] = []
        for i in 0..<100 { series.append(i < 20 ? 50 - 2 * Double(i) : 10 + Double(i % 3)) }
        let d = ReplicationStatistics.mser5(series)!
        #expect(d >= 15 && d <= 25)
        #expect(ReplicationStatistics.mser5([1, 2, 3]) == nil)
    }

    @Test func anOverrideReachesTheScenarioByIndexOrByName() throws {
        let base = try Self.tiny
        let byIndex = try ScenarioFile.applying([Override(parsing: "regions[0].depots[0].vehicles[0].count=5")], to: base.scenario)
        let byName = try ScenarioFile.applying([Override(parsing: "regions[Aldeia].depots[Centro].vehicles[T].count=5")], to: base.scenario)
        #expect(byIndex.scenario.regions[0].depots[0].vehicles[0].count == 5)
        #expect(byIndex.hash == byName.hash)
        #expect(byIndex.hash != base.hash)
    }

    @Test func aBadOverrideNamesThePathAndSuggestsTheField() throws {
        let base = try Self.tiny
        #expect {
            try ScenarioFile.applying([Override(parsing: "regions[0].depots[0].vehicles[0].cout=5")], to: base.scenario)
        } throws: { e in
            let t = "\(e)"
            return t.contains("--set") && t.contains("cout") && t.contains("did you mean 'count'")
        }
        #expect {
            try ScenarioFile.applying([Override(parsing: "regions[0].depots[0].vehicles[0].count=-3")], to: base.scenario)
        } throws: { e in "\(e)".contains("regions[0].depots[0].vehicles[0].count") }
        #expect {
            try ScenarioFile.applying([Override(parsing: "regions[Lisbon].retailers=10")], to: base.scenario)
        } throws: { e in "\(e)".contains("no item named 'Lisbon'") && "\(e)".contains("Aldeia") }
        #expect(throws: ScenarioError.self) { try Override(parsing: "days") }
    }

    @Test func aSweepAxisSplitsOnTopLevelCommasOnly() throws {
        let a = try SweepAxis(parsing: "x={a: 1, b: 2},[3, 4],5")
        #expect(a.values == ["{a: 1, b: 2}", "[3, 4]", "5"])
        #expect(throws: ScenarioError.self) { try SweepAxis(parsing: "x=1,,2") }
        let grid = ScenarioFile.grid([SweepAxis(path: "a", values: ["1", "2"]), SweepAxis(path: "b", values: ["x", "y", "z"])])
        #expect(grid.count == 6)
        #expect(grid[1].map(\.value) == ["1", "y"])
    }

    @Test func theReportSeriesAddUpToTheRunsOwnCounts() throws {
        let sc = try Self.tiny.scenario
        let r = try ReplicationResult.run(sc, replication: 0)
        let u = r.series.utilisation
        // tiny.yaml: one group of 4 field technicians, one row each; every visit's booked minutes land in a row.
        #expect(u.rows.count == 4 && u.busyMinutes.allSatisfy { $0.count == sc.days } && u.shiftMinutes.allSatisfy { $0.count == sc.days })
        let busy = u.busyMinutes.flatMap { $0 }.reduce(0, +)
        let hours = try #require(r.kpis.first { $0.key == "cost.technicianHours" }?.value)
        #expect(abs(Double(busy) / 60 - hours) < 1e-9, "heat map \(busy) min, KPI \(hours) h")
        #expect(zip(u.busyMinutes.flatMap { $0 }, u.shiftMinutes.flatMap { $0 }).allSatisfy { $1 > 0 || $0 == 0 }, "a visit on a day off")
        // The sampled day of the only depot: every stop served that day is on the map, and every skipped one.
        let routes = try #require(r.series.routes)
        let column = { (name: String) in r.daily[routes.day][try #require(r.dailyColumns.firstIndex(of: name))] }
        let stops = routes.trucks.flatMap(\.stops)
        #expect(Double(stops.filter { $0.status == .onTime || $0.status == .late }.count) == (try column("ordersDelivered")) + (try column("pickupsDone")))
        #expect(Double(stops.filter { $0.status == .missed }.count) == (try column("reschedules")))
        #expect(Double(routes.trucks.count) == (try column("trucksOut")))
        let html = Report.html(.init(title: "t", header: ExperimentHeader(scenarioName: "tiny", scenarioHash: "h", seed: sc.seed, days: sc.days, warmUpDays: 0, regions: 1, retailers: 200, toolVersion: "t"),
                                     parameters: [], arms: [.init(label: "tiny", kpis: ReplicationStatistics.summarise([r]), results: [r])]))
        let (_, values) = SeriesFile.utilisation([r])
        #expect(html.components(separatedBy: "<rect class=\"util\"").count - 1 == values.flatMap { $0 }.compactMap { $0 }.count)
        #expect(SeriesFile.json([r]).contains("\"stops\": \(stops.count), "))
    }

    @Test func theReportCarriesTheSummaryNumbers() throws {
        let sc = try Self.tiny.scenario
        let results = try (0..<3).map { try ReplicationResult.run(sc, replication: $0) }
        let kpis = ReplicationStatistics.summarise(results)
        let header = ExperimentHeader(scenarioName: "tiny", scenarioHash: "h", seed: sc.seed, days: sc.days, warmUpDays: 0, regions: 1, retailers: 200, toolVersion: "t")
        let html = Report.html(.init(title: "t", header: header, parameters: [("a", "b")], arms: [.init(label: "tiny", kpis: kpis, results: results)]))
        let otif = try #require(kpis.first { $0.key == "delivery.otif" }?.mean)
        #expect(html.contains("data-kpi=\"delivery.otif\" data-arm=\"0\" data-value=\"\(otif)\""))
        #expect(!html.contains("http://") && !html.contains("https://"))
        let summary = ExperimentFiles.summaryJSON(header, results, requested: 3)
        #expect(summary.contains("\"replications\": 3"))
        #expect(summary.contains("\"ci95\": ["))
    }
}

/// The sweep's bookkeeping: cells, units, shards.
@Suite("experiments: sweep manifest and shards")
struct SweepManifestTests {
    static let manifest = SweepManifest(
        version: "t", header: ExperimentHeader(scenarioName: "s", scenarioHash: "h", seed: 1, days: 5, warmUpDays: 0, regions: 1, retailers: 10, toolVersion: "t"),
        sets: [], axes: [.init(path: "a", values: ["1", "2"]), .init(path: "b", values: ["x", "y", "z"])],
        cellHashes: ["0", "1", "2", "3", "4", "5"], replications: 4)

    @Test func cellsEnumerateTheLastAxisFastestLikeTheGrid() {
        let m = Self.manifest
        #expect(m.units == 24)
        #expect(m.settings(0) == ["1", "x"])
        #expect(m.settings(1) == ["1", "y"])
        #expect(m.settings(5) == ["2", "z"])
        let grid = ScenarioFile.grid([SweepAxis(path: "a", values: ["1", "2"]), SweepAxis(path: "b", values: ["x", "y", "z"])])
        for c in 0..<m.cells { #expect(grid[c].map(\.value) == m.settings(c)) }
    }

    @Test func shardsCoverEveryUnitExactlyOnce() {
        let shards = (0..<5).map { Shard(index: $0, count: 5) }
        for u in 0..<Self.manifest.units { #expect(shards.filter { $0.owns(u) }.count == 1) }
        #expect(Shard(parsing: "3/4") == Shard(index: 3, count: 4))
        #expect(Shard(parsing: "4/4") == nil)
        #expect(Shard(parsing: "-1/4") == nil)
        #expect(Shard(parsing: "1") == nil)
    }

    @Test func theManifestTextIsStable() {
        #expect(Self.manifest.encoded() == Self.manifest.encoded())
        #expect(Self.manifest.encoded().contains("\"replications\" : 4"))
    }
}
