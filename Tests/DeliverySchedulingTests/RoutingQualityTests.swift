import DeliveryScheduling
import DiscreteEvents
import PlanningFiles
import Testing

/// The quality search on published instances: feasibility by an independent checker, determinism for
/// a seed and budget, and the bundled instances' exact outcomes.
@Suite("Route quality on Solomon's instances")
struct RoutingQualityTests {
    static let budget = 2_000

    func solve(_ name: String, options: PlanOptions) throws -> (DayPlan, PlannedFile, SolomonInstance) {
        let path = scenarios + "/solomon/\(name).txt"
        let loaded = try PlanningFile.load(path: path).build()
        return (try loaded.plan(options: options), loaded, try SolomonInstance(path: path))
    }

    @Test(arguments: ["c101", "c105", "r101", "r105", "r109", "rc101", "rc105", "rc108"])
    func everyReturnedRouteIsFeasibleByAnIndependentCheck(_ name: String) throws {
        for options in [PlanOptions.fast, PlanOptions.quality(timeLimit: nil, iterations: Self.budget)] {
            let (plan, loaded, inst) = try solve(name, options: options)
            let check = checkSolomonPlan(plan, loaded, inst)
            #expect(check.problems.isEmpty, "\(name): \(check.problems.prefix(5))")
            #expect(abs(check.distance - plan.totalDistance) < 1e-6, "\(name): the plan's distance is not the routes' distance")
            #expect(check.served == 100, "\(name): \(100 - check.served) customers left out by a fleet that serves them all")
            #expect(plan.unassigned.isEmpty)
        }
    }

    @Test func theSameSeedAndBudgetGiveTheSamePlanAndAnotherSeedSearchesElsewhere() throws {
        let a = try solve("rc105", options: .quality(timeLimit: nil, iterations: 1_500, seed: 7)).0
        let b = try solve("rc105", options: .quality(timeLimit: nil, iterations: 1_500, seed: 7)).0
        let c = try solve("rc105", options: .quality(timeLimit: nil, iterations: 1_500, seed: 8)).0
        #expect(a == b)
        #expect(a.searchIterations == 1_500)
        #expect(a.routes.map(\.stops) != c.routes.map(\.stops), "the seed should steer the search")
    }

    /// Exact outcomes of the bundled instances for a fixed budget (seed 1): customers served, trucks
    /// and distance to the hundredth. The fast setting's outcome is pinned too (C107's is optimal).
    @Test func bundledInstancesGiveTheirExactOutcomes() throws {
        let expected: [(String, Int, String)] = [
            ("c101", 10, "828.94"), ("r101", 20, "1658.02"), ("rc101", 16, "1671.25"),
        ]
        for (name, vehicles, distance) in expected {
            let (plan, _, _) = try solve(name, options: .quality(timeLimit: nil, iterations: Self.budget))
            #expect(plan.assignedCount == 100, "\(name)")
            #expect(plan.vehiclesUsed == vehicles, "\(name): \(plan.vehiclesUsed) vehicles")
            #expect(String(format: "%.2f", plan.totalDistance) == distance, "\(name): \(plan.totalDistance)")
        }
        let (fast, _, _) = try solve("c107", options: .fast)
        #expect(fast.vehiclesUsed == 10 && String(format: "%.2f", fast.totalDistance) == "828.94")
    }

    @Test func theSearchNeverDoesWorseThanTheFastSetting() throws {
        for name in ["c103", "r103", "rc103"] {
            let fast = try solve(name, options: .fast).0
            let quality = try solve(name, options: .quality(timeLimit: nil, iterations: Self.budget)).0
            #expect(quality.assignedCount >= fast.assignedCount)
            #expect(quality.totalDistance <= fast.totalDistance + 1e-9, "\(name): \(quality.totalDistance) > \(fast.totalDistance)")
        }
    }

    @Test func aTimeLimitStopsTheSearchEarly() throws {
        let (plan, loaded, inst) = try solve("r101", options: .quality(timeLimit: .milliseconds(50), iterations: 10_000_000))
        #expect(plan.searchIterations < 10_000_000)
        #expect(checkSolomonPlan(plan, loaded, inst).problems.isEmpty)
    }

    @Test func theSearchKeepsRandomMixedDaysFeasible() throws {
        // Deliveries and pickups, one or two windows, deadlines, tiers and pinned jobs, with overflow.
        for seed in UInt64(1)...4 {
            let (s, ids) = randomDay(seed: seed, stops: 60 + Int(seed) * 10, vehicles: 3 + Int(seed % 3), pins: 4)
            let fast = try s.planDay(depot: DepotID(0), day: 0)
            let plan = try s.planDay(depot: DepotID(0), day: 0, options: .quality(timeLimit: nil, iterations: 400, seed: seed))
            checkPlan(plan, s, candidates: ids)
            #expect(plan.assignedCount >= fast.assignedCount, "the search served fewer jobs than the fast setting")
            #expect(plan.totalDistance == plan.routes.reduce(0) { $0 + $1.distance })
        }
    }

    @Test func tiersStayStrictUnderTheSearch() throws {
        // One truck that can serve only some of the jobs: every urgent job it can reach is served first.
        var s = makeScheduler(policy: .earliestDeadline)
        _ = try s.addVehicle(Vehicle(depot: DepotID(0), capacity: Volume(kegs: 6), shiftStart: .hours(Int64(7)), shiftEnd: .hours(Int64(17))))
        var urgent: [JobID] = []
        for i in 0..<8 {
            let job = DeliveryJob(depot: DepotID(0), location: Location(x: Double(i), y: 1), volume: Volume(kegs: 1),
                                  tier: i % 2 == 0 ? .urgent : .low)
            let id = try s.submit(job, at: .zero)
            if i % 2 == 0 { urgent.append(id) }
        }
        let plan = try s.planDay(depot: DepotID(0), day: 0, options: .quality(timeLimit: nil, iterations: 500))
        let planned = Set(plan.routes.flatMap { $0.stops.map(\.job) })
        #expect(plan.assignedCount == 6)
        #expect(urgent.allSatisfy { planned.contains($0) }, "an urgent job was traded for a low one")
    }
}

@Suite("Deadlines are met or reported")
struct DeadlineTests {
    func scheduler(shiftStart: Int64 = 7) throws -> DeliveryScheduler {
        var s = makeScheduler(policy: .fifo)
        _ = try s.addVehicle(Vehicle(depot: DepotID(0), capacity: Volume(kegs: 50), shiftStart: .hours(shiftStart), shiftEnd: .hours(Int64(18))))
        return s
    }

    @Test func aMeetableDeadlineIsAHardLimit() throws {
        var s = try scheduler()
        // The depot is at (50, 50). Two far jobs first in FIFO order; the near job's deadline allows it only
        // as the first stop (12 minutes out, 10 of service), although serving it last drives as far.
        let far = try s.submit(DeliveryJob(depot: DepotID(0), location: Location(x: 95, y: 50), volume: Volume(kegs: 1)), at: .zero)
        _ = try s.submit(DeliveryJob(depot: DepotID(0), location: Location(x: 95, y: 60), volume: Volume(kegs: 1)), at: .zero)
        let due = SimTime(day: 0, hour: 7, minute: 30)
        let near = try s.submit(DeliveryJob(depot: DepotID(0), location: Location(x: 60, y: 50), volume: Volume(kegs: 1), deadline: due), at: .zero)
        for options in [PlanOptions.fast, .quality(timeLimit: nil, iterations: 300)] {
            let plan = try s.planDay(depot: DepotID(0), day: 0, options: options)
            let stops = plan.routes.flatMap(\.stops)
            let n = try #require(stops.first { $0.job == near })
            #expect(n.departure <= due, "served after its deadline")
            #expect(n.lateness == .zero)
            #expect(stops.contains { $0.job == far })
            #expect(plan.lateCount == 0)
        }
    }

    @Test func aDeadlineNoRouteCanMeetIsPlannedLateAndSaysSo() throws {
        var s = try scheduler(shiftStart: 9)
        let due = SimTime(day: 0, hour: 8)  // before the only truck leaves
        let id = try s.submit(DeliveryJob(depot: DepotID(0), location: Location(x: 5, y: 0), volume: Volume(kegs: 1), deadline: due), at: .zero)
        let plan = try s.planDay(depot: DepotID(0), day: 0)
        let stop = try #require(plan.routes.first?.stops.first { $0.job == id })
        #expect(stop.lateness == stop.departure - due)
        #expect(stop.lateness > .zero)
        #expect(plan.lateCount == 1)
    }

    @Test func noStopIsSilentlyLateInARandomDay() throws {
        let (s, _) = randomDay(seed: 11, stops: 300, vehicles: 6)
        for options in [PlanOptions.fast, .quality(timeLimit: nil, iterations: 200)] {
            let plan = try s.planDay(depot: DepotID(0), day: 0, options: options)
            for st in plan.routes.flatMap(\.stops) {
                let deadline = try #require(s.job(st.job)).deadline
                if st.departure > deadline {
                    #expect(st.lateness == st.departure - deadline, "late stop without its lateness")
                } else {
                    #expect(st.lateness == .zero)
                }
            }
        }
    }
}

@Suite("Solomon files: bad input names file, line and field")
struct SolomonFileErrorTests {
    static let good = """
        R101

        VEHICLE
        NUMBER     CAPACITY
          25         200

        CUSTOMER
        CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME

            0      35         35          0          0        230          0
            1      41         49         10        161        171         10
            2      35         17          7         50         60         10
        """

    func error(_ text: String) -> PlanningFileError? {
        do { _ = try PlanningFile.parseSolomon(text, file: "bad.txt"); return nil } catch { return error as? PlanningFileError }
    }

    @Test func aWellFormedSubsetReads() throws {
        let f = try PlanningFile.parseSolomon(Self.good, file: "good.txt")
        #expect(f.jobs.count == 2 && f.vehicles.first?.count == 25 && f.vehicles.first?.capacity == Volume(cases: 200))
        #expect(f.jobs[0].job.windows.windows == [TimeWindow(from: .minutes(Int64(161)), to: .minutes(Int64(171)))])
        #expect(f.vehicles.first?.shiftEnd == .minutes(Int64(230)))
    }

    @Test func aMissingSectionIsNamed() {
        let noCustomers = Self.good.components(separatedBy: "CUSTOMER\n")[0]
        #expect(error(noCustomers)?.field == "CUSTOMER")
        let noVehicle = Self.good.replacingOccurrences(of: "VEHICLE\nNUMBER     CAPACITY\n  25         200\n", with: "")
        let e = error(noVehicle)
        #expect(e?.field == "VEHICLE" && e?.line == 4, "\(String(describing: e))")
    }

    @Test func aWrongColumnCountNamesTheLine() {
        let e = error(Self.good.replacingOccurrences(of: "161        171         10", with: "161        171"))
        #expect(e == PlanningFileError(file: "bad.txt", line: 11, field: "columns",
                                       message: "expected 7 numbers (CUST NO., XCOORD., YCOORD., DEMAND, READY TIME, DUE DATE, SERVICE TIME), got 6"))
    }

    @Test func aDueDateBeforeItsReadyTimeIsNamed() {
        let e = error(Self.good.replacingOccurrences(of: "50         60", with: "60         50"))
        #expect(e?.line == 12 && e?.field == "DUE DATE", "\(String(describing: e))")
        #expect(e?.description.hasPrefix("bad.txt:12: field 'DUE DATE': customer 2's due date 50 is before its ready time 60") == true)
    }

    @Test func moreCustomersThanTheNameDeclaresIsAnError() {
        var lines = [Self.good]
        for c in 3...101 { lines.append("  \(c)      10         10          1          0        200         10") }
        let e = error(lines.joined(separator: "\n"))
        #expect(e?.line == 13 + 98 && e?.field == "CUST NO.", "\(String(describing: e))")
        #expect(e?.message == "instance R101 declares 100 customers, but this line holds customer 101")
    }

    @Test func customersOutOfSequenceAreAnError() {
        let e = error(Self.good.replacingOccurrences(of: "    2      35", with: "    7      35"))
        #expect(e?.line == 12 && e?.field == "CUST NO.")
    }

    @Test func nonNumericAndNegativeValuesAreNamed() {
        #expect(error(Self.good.replacingOccurrences(of: "41         49", with: "4x         49"))?.field == "XCOORD.")
        #expect(error(Self.good.replacingOccurrences(of: "  25         200", with: "  25         -5"))?.field == "CAPACITY")
    }

    @Test func theFormatIsRecognisedByContentWhateverTheName() throws {
        let f = try PlanningFile.load(path: scenarios + "/solomon/c101.txt")
        #expect(f.depotName == "C101" && f.jobs.count == 100)
        #expect(PlanningFile.declaredCustomers("C1_2_1") == 200 && PlanningFile.declaredCustomers("RC208") == 100)
        #expect(PlanningFile.declaredCustomers("tomorrow") == nil)
    }
}
