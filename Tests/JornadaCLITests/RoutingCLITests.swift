import Foundation
import Testing

@Suite("jornada plan on Solomon instances and jornada bench routing, end to end")
struct RoutingCLITests {
    func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jornada-routing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func plansASolomonFileDirectlyWithStopDetails() throws {
        let r = try Tool.run(["plan", "Scenarios/solomon/c101.txt", "--iterations", "500"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        for text in ["Plan for C101", "Total distance: 828.94", "Vehicles used: 10 of 25", "Assigned: 100  Unassigned: 0",
                     "arrive   wait  window", "of 200 cases", "(reproducible)"] {
            #expect(r.stdout.contains(text), "missing '\(text)'")
        }
        #expect(!r.stdout.contains("NOT ALL JOBS ARE PLANNED"))
    }

    @Test func jsonOutputCarriesStopsRoutesAndTotals() throws {
        let r = try Tool.run(["plan", "Scenarios/solomon/r101.txt", "--iterations", "300", "--json"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(o["assigned"] as? Int == 100 && o["allPlanned"] as? Bool == true && o["vehiclesGiven"] as? Int == 25)
        let routes = try #require(o["routes"] as? [[String: Any]])
        #expect(routes.count == o["vehiclesUsed"] as? Int)
        let stop = try #require((routes.first?["stops"] as? [[String: Any]])?.first)
        for key in ["job", "arrival", "wait", "window", "serviceStart", "departure", "load", "lateness"] { #expect(stop[key] != nil, "stop lacks \(key)") }
        let total = routes.reduce(0.0) { $0 + (($1["distance"] as? Double) ?? 0) }
        #expect(abs(total - ((o["totalDistance"] as? Double) ?? 0)) < 0.01 * Double(routes.count))
        #expect(routes.allSatisfy { (($0["capacityUse"] as? Double) ?? 2) <= 1 })
    }

    @Test func csvOutputHasOneRowPerStopAndPerWaitingJob() throws {
        let r = try Tool.run(["plan", "Scenarios/plan-small.yaml", "--csv", "--iterations", "2000"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let rows = r.stdout.split(separator: "\n")
        #expect(rows.first?.hasPrefix("vehicle,stop,job,arrival,wait,window_from,window_to") == true)
        #expect(rows.count == 1 + 12)
        #expect(rows.contains { $0.hasSuffix(",exceeds-vehicle-capacity") && $0.contains("festival-tejo") })
    }

    @Test func unassignedJobsAreSaidPlainlyAndFailOnRequest() throws {
        let plain = try Tool.run(["plan", "Scenarios/plan-small.yaml", "--iterations", "2000"])
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("NOT ALL JOBS ARE PLANNED: 2 of 12 wait"))
        let strict = try Tool.run(["plan", "Scenarios/plan-small.yaml", "--iterations", "2000", "--fail-on-unassigned"])
        #expect(strict.status == 3)
        let served = try Tool.run(["plan", "Scenarios/solomon/c101.txt", "--fast", "--fail-on-unassigned"])
        #expect(served.status == 0, "stderr: \(served.stderr)")
    }

    @Test func aMalformedSolomonFileNamesFileLineAndField() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("r101.txt")
        try """
            R101

            VEHICLE
            NUMBER     CAPACITY
              25         200

            CUSTOMER
            CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME

                0      35         35          0          0        230          0
                1      41         49         10        171        161         10
            """.write(to: bad, atomically: true, encoding: .utf8)
        let r = try Tool.run(["plan", bad.path])
        #expect(r.status != 0)
        #expect(r.stderr.contains("r101.txt:11: field 'DUE DATE': customer 1's due date 161 is before its ready time 171"), "stderr: \(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func benchRoutingReportsEachInstanceAndItsGap() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["c101.txt", "rc105.txt", "best-known.csv"] {
            try FileManager.default.copyItem(at: Tool.packageRoot.appendingPathComponent("Scenarios/solomon/\(name)"),
                                             to: dir.appendingPathComponent(name))
        }
        let r = try Tool.run(["bench", "routing", dir.path, "--iterations", "300", "--json"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let objects = try r.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let c101 = try #require(objects.first { $0["instance"] as? String == "C101" })
        #expect(c101["served"] as? Int == 100 && c101["customers"] as? Int == 100 && c101["fleet"] as? Int == 25)
        #expect(c101["bestKnownDistance"] as? Double == 828.94)
        #expect(abs((c101["gapPercent"] as? Double ?? 99)) < 0.01)
        #expect((c101["seconds"] as? Double ?? -1) >= 0)
        #expect(objects.contains { $0["family"] as? String == "RC1" && $0["meanGapPercent"] != nil })
    }
}
