import Foundation
import Testing

@Suite("jornada plan, end to end")
struct PlanCLITests {
    @Test func plansTheBundledYAMLScenario() throws {
        let r = try Tool.run(["plan", "Scenarios/plan-small.yaml", "--iterations", "2000"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        for text in ["Total distance:", "Vehicles used:", "Assigned: 10", "Unassigned: 2",
                     "festival-tejo: exceeds-vehicle-capacity", "cafe-maria"] {
            #expect(r.stdout.contains(text), "missing '\(text)' in:\n\(r.stdout)")
        }
    }

    @Test func plansTheBundledVRPTWInstanceDeterministically() throws {
        // A small search budget: the tests run a debug build, where the default budget takes minutes.
        let a = try Tool.run(["plan", "Scenarios/vrptw-jc1-50.csv", "--iterations", "2000"])
        let b = try Tool.run(["plan", "Scenarios/vrptw-jc1-50.csv", "--iterations", "2000"])
        #expect(a.status == 0, "stderr: \(a.stderr)")
        for text in ["Total distance: 1004.97", "Vehicles used: 10 of 10", "Assigned: 50  Unassigned: 0"] {
            #expect(a.stdout.contains(text), "missing '\(text)' in:\n\(a.stdout)")
        }
        #expect(a.stdout == b.stdout, "the same file must give byte-identical plans")
    }

    @Test func aMalformedFileNamesFileLineAndField() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jornada-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.yaml")
        try """
            day: 0
            depot: {id: D, x: 0, y: 0}
            vehicles:
              - {id: T1, kegs: -4, shift: "07:00-17:00"}
            jobs: []
            """.write(to: bad, atomically: true, encoding: .utf8)
        let r = try Tool.run(["plan", bad.path])
        #expect(r.status != 0)
        #expect(r.stderr.contains("bad.yaml:4: field 'vehicles[0].kegs': must be ≥ 0, got -4"), "stderr: \(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func aMissingFileIsAClearError() throws {
        let r = try Tool.run(["plan", "/nonexistent/tomorrow.csv"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("/nonexistent/tomorrow.csv: cannot read the file"), "stderr: \(r.stderr)")
    }
}

@Suite("jornada bench scheduler / technicians / processes, end to end")
struct EngineBenchCLITests {
    func jsonLines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").filter { $0.hasPrefix("{") }.map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test func schedulerBenchPrintsTheRequiredFields() throws {
        let r = try Tool.run(["bench", "scheduler", "--pending", "500,2000", "--operations", "20000",
                              "--stops", "40", "--vehicles", "4", "--repeats", "1", "--no-huge-pages", "--json"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let objects = try jsonLines(r.stdout)
        let streams = objects.filter { $0["operationsPerSecond"] != nil }
        #expect(streams.map { $0["pending"] as? Int } == [500, 2_000])
        for o in streams {
            #expect(o["operations"] as? Int == 20_000)
            #expect((o["seconds"] as? Double ?? 0) > 0)
        }
        let plan = objects.first { $0["totalDistance"] != nil }
        #expect((plan?["totalDistance"] as? Double ?? 0) > 0)
    }

    @Test func schedulerBenchComparesANationalShapedLargeDayWithThePlanningOfBefore() throws {
        let r = try Tool.run(["bench", "scheduler", "--pending", "0", "--operations", "1", "--no-baseline", "--national",
                              "--stops", "2400", "--repeats", "1", "--evaluations", "20000", "--compare-full", "--no-huge-pages", "--json"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let plans = try jsonLines(r.stdout).filter { $0["totalDistance"] != nil }
        #expect(plans.map { $0["insertion"] as? String } == ["k=12", "before"])
        #expect(plans.map { $0["vehicles"] as? Int } == [137, 137], "200 trucks per 3,500 stops")
        let assigned = plans.map { $0["assigned"] as? Int ?? 0 }, unassigned = plans.map { $0["unassigned"] as? Int ?? -1 }
        #expect(zip(assigned, unassigned).allSatisfy { $0 + $1 == 2_400 }, "every job planned or reported")
        #expect(assigned[0] * 1_000 >= assigned[1] * 1_000 - 5 * 2_400)
        let evaluations = plans.map { $0["evaluations"] as? Int ?? 0 }
        #expect(evaluations[0] * 3 < evaluations[1], "the large day evaluates far fewer positions and moves")
    }

    @Test func schedulerDeskModeLosesAndDuplicatesNoJob() throws {
        let r = try Tool.run(["bench", "scheduler", "--pending", "1000", "--operations", "10000", "--stops", "0",
                              "--clients", "4", "--requests", "20000", "--no-baseline", "--no-huge-pages", "--json"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let desk = try #require(try jsonLines(r.stdout).first { $0["clients"] != nil })
        #expect(desk["clients"] as? Int == 4 && desk["requests"] as? Int == 20_000)
        #expect(desk["lostJobs"] as? Int == 0 && desk["duplicatedJobs"] as? Int == 0)
        #expect(desk["invariants"] as? String == "ok")
    }

    @Test func technicianBenchPrintsTheRequiredFieldsAndNoDoubleBooking() throws {
        let r = try Tool.run(["bench", "technicians", "--technicians", "60", "--days", "7",
                              "--offers", "2000", "--bookings", "20000", "--json"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let o = try #require(try jsonLines(r.stdout).first)
        for key in ["technicians", "days", "offersPerSecond", "offerP50Nanoseconds", "offerP99Nanoseconds", "bookingsPerSecond"] {
            #expect(o[key] != nil, "missing \(key)")
        }
        #expect(o["doubleBookings"] as? Int == 0)

        let desk = try Tool.run(["bench", "technicians", "--technicians", "60", "--days", "7",
                                 "--clients", "4", "--requests", "20000", "--json"])
        #expect(desk.status == 0, "stderr: \(desk.stderr)")
        let d = try #require(try jsonLines(desk.stdout).last)
        #expect(d["doubleBookings"] as? Int == 0 && d["lostBookings"] as? Int == 0)
    }

    @Test func processBenchComparesHandlersAndProcesses() throws {
        let r = try Tool.run(["bench", "processes", "--customers", "2000", "--rounds", "1",
                              "--async-processes", "0", "--json"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let styles = try jsonLines(r.stdout).compactMap { $0["style"] as? String }
        #expect(styles == ["handlers", "processes"])
    }
}
