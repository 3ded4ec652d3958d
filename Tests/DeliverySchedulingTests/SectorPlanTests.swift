import DiscreteEvents
import Testing
@testable import DeliveryScheduling

@Suite("Large days are planned by sectors")
struct SectorPlanTests {
    @Test func aDayCutIntoSectorsServesEachJobOnceWithinCapacityWindowsShiftsAndPins() throws {
        for seed in UInt64(1)...4 {
            let (s, ids) = randomDay(seed: seed, stops: 160 + Int(seed) * 20, vehicles: 14, pins: 6)
            let options = PlanOptions(maxMoveEvaluations: 200_000, maxStopsPerSector: 40)
            let plan = try s.planDay(depot: DepotID(0), day: 0, options: options)
            checkPlan(plan, s, candidates: ids)
            #expect(plan.routes.map(\.vehicle.rawValue) == plan.routes.map(\.vehicle.rawValue).sorted(), "routes in vehicle order")
            #expect(try s.planDay(depot: DepotID(0), day: 0, options: options) == plan, "the same day gives the same plan")
        }
    }

    @Test func withTrucksToSpareEveryJobOfASectoredDayIsServed() throws {
        var s = makeScheduler(policy: .earliestDeadline, vehicles: 30)
        var rng = RandomStream(seed: 5, stream: 9)
        var ids = Set<JobID>()
        for _ in 0..<300 {
            var j = randomJob(&rng)
            j.windows = .anyTime
            j.deadline = .distantFuture
            ids.insert(try s.submit(j, at: .zero))
        }
        let plan = try s.planDay(depot: DepotID(0), day: 0, options: PlanOptions(maxStopsPerSector: 100))
        checkPlan(plan, s, candidates: ids)
        #expect(plan.unassigned.isEmpty)
        #expect(plan.assignedCount == 300)
    }

    @Test func anOverloadedCutDayStillAccountsForEveryJobOnceAndIsDeterministic() throws {
        // 400 stops for 3 trucks: most cannot be served, so each sector's leftovers exceed what the next
        // sector may take on; the excess stays unplanned, every job still appears exactly once.
        let (s, ids) = randomDay(seed: 11, stops: 400, vehicles: 3)
        let options = PlanOptions(maxMoveEvaluations: 20_000, maxStopsPerSector: 100)
        let plan = try s.planDay(depot: DepotID(0), day: 0, options: options)
        checkPlan(plan, s, candidates: ids)
        #expect(!plan.unassigned.isEmpty)
        #expect(plan.assignedCount + plan.unassigned.count == 400)
        #expect(try s.planDay(depot: DepotID(0), day: 0, options: options) == plan, "the same day gives the same plan")
    }

    @Test func anOverloadedSectorHoldsBackOnlyUnpinnedStopsBeyondTwiceItsTrucksCapacity() throws {
        let (s, _) = randomDay(seed: 12, stops: 300, vehicles: 2, pins: 3)
        let plan = try s.planDay(depot: DepotID(0), day: 0, options: PlanOptions(maxMoveEvaluations: 0, maxStopsPerSector: 50))
        #expect(plan.unassigned.contains { $0.reason == .fleetCapacityExhausted }, "the excess is reported as the fleet being full")
        let fleet = s.vehicles(of: DepotID(0)).map { v in
            PlannerVehicle(capacity: s.vehicle(v)!.capacity, shiftStart: 0, shiftEnd: 1)
        }
        let order = (0..<plan.candidates).map { (key: UInt64($0), slot: $0) }
        // Every stop fills a truck: the sector's one truck takes two deliveries and two pickups at most.
        let volumes = Array(repeating: fleet[0].capacity, count: order.count)
        var pins = [Int32](repeating: -1, count: order.count)
        pins[order.count - 1] = 0
        let (taken, excess) = s.admitted(Array(order.indices), trucks: [0], fleet: fleet, volumes: volumes, order: order, pins: pins)
        #expect(taken.count + excess.count == order.count)
        #expect(taken.last == order.count - 1, "a pinned stop is always taken")
        #expect(excess.allSatisfy { pins[$0] < 0 })
        #expect(taken.count >= 3 && taken.count <= 5)
        #expect(try s.planDay(depot: DepotID(0), day: 0, options: PlanOptions(maxMoveEvaluations: 0, maxStopsPerSector: 50)) == plan)
    }

    @Test func smallerSectorsForACutDayAreCountedAndPlanned() throws {
        #expect(DaySectors.count(stops: 1_000, options: PlanOptions(maxStopsPerSector: 1_000, cutSectorStops: 250)) == 1)
        #expect(DaySectors.count(stops: 1_001, options: PlanOptions(maxStopsPerSector: 1_000, cutSectorStops: 250)) == 5)
        #expect(DaySectors.count(stops: 1_001, options: PlanOptions(maxStopsPerSector: 1_000)) == 2)
        #expect(DaySectors.count(stops: 5_000, options: PlanOptions(maxStopsPerSector: 0, cutSectorStops: 250)) == 1)
        let (s, ids) = randomDay(seed: 3, stops: 200, vehicles: 14, pins: 4)
        let options = PlanOptions(maxMoveEvaluations: 50_000, maxStopsPerSector: 100, cutSectorStops: 30)
        let plan = try s.planDay(depot: DepotID(0), day: 0, options: options)
        checkPlan(plan, s, candidates: ids)
        #expect(try s.planDay(depot: DepotID(0), day: 0, options: options) == plan)
    }

    @Test func aDayWithinOneSectorIsPlannedAsBefore() throws {
        let (s, _) = randomDay(seed: 8, stops: 90, vehicles: 6)
        let whole = try s.planDay(depot: DepotID(0), day: 0, options: PlanOptions(maxStopsPerSector: 0))
        #expect(try s.planDay(depot: DepotID(0), day: 0, options: PlanOptions(maxStopsPerSector: 90)) == whole)
    }

    @Test func sectorsSplitStopsAndTrucksExactlyAndPinnedStopsFollowTheirTruck() {
        var rng = RandomStream(seed: 3, stream: 1)
        var locations: [Location] = [], volumes: [Volume] = [], pins: [Int32] = []
        for i in 0..<500 {
            locations.append(Location(x: rng.nextUnit() * 100, y: rng.nextUnit() * 100))
            volumes.append(Volume(kegs: Int32(1 + i % 3)))
            pins.append(i % 50 == 0 ? Int32(i % 20) : -1)
        }
        let fleet = (0..<20).map { _ in PlannerVehicle(capacity: Volume(kegs: 60), shiftStart: 0, shiftEnd: 1_000_000) }
        let sectors = DaySectors.partition(locations: locations, volumes: volumes, pins: pins, depot: Location(x: 50, y: 50),
                                           fleet: fleet, count: 5)
        #expect(sectors.count == 5)
        #expect(sectors.flatMap(\.stops).sorted() == Array(0..<500), "every stop in exactly one sector")
        #expect(sectors.flatMap(\.trucks).sorted() == Array(0..<20), "every truck in exactly one sector")
        #expect(sectors.allSatisfy { !$0.trucks.isEmpty && $0.stops == $0.stops.sorted() })
        for sector in sectors {
            for i in sector.stops where pins[i] >= 0 { #expect(sector.trucks.contains(Int(pins[i]))) }
        }
        let free = sectors.map { $0.stops.filter { pins[$0] < 0 }.count }
        #expect(free.max()! - free.min()! <= 1, "equal stop counts")
        #expect(DaySectors.partition(locations: locations, volumes: volumes, pins: pins, depot: Location(x: 50, y: 50),
                                     fleet: fleet, count: 5).map(\.stops) == sectors.map(\.stops))
    }

    @Test func thePseudoAngleGrowsWithTheAngle() {
        let points: [(Double, Double)] = [(1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1), (0, -1), (1, -1), (1, -0.01)]
        let angles = points.map { DaySectors.pseudoAngle(dx: $0.0, dy: $0.1) }
        #expect(angles == angles.sorted())
        #expect(angles.allSatisfy { $0 >= 0 && $0 < 4 })
    }

    @Test func gridNeighbourListsEqualThoseOfComparingEveryPair() {
        var rng = RandomStream(seed: 4, stream: 2)
        var planner = RoutePlanner(depot: Location(x: 0, y: 0), ticksPerUnit: 1, fleet: [], stops: 300)
        for i in 0..<300 {
            // Clusters and exact duplicates, so ties by index matter.
            let x = i % 10 == 0 ? 5.0 : (i < 150 ? rng.nextUnit() * 3 : 50 + rng.nextUnit() * 200)
            let y = i % 10 == 0 ? 5.0 : rng.nextUnit() * 40
            planner.addStop(location: Location(x: x, y: y), service: 0, windows: .anyTime, volume: .zero, isPickup: false, pinnedTo: -1)
        }
        planner.finishSetup()
        for k in [1, 7, 12, 40] {
            let grid = planner.nearestNeighbours(k).lists(count: planner.n)
            for i in 0..<planner.n {
                let brute = (0..<planner.n).filter { $0 != i }.sorted { (planner.dist(i, $0), $0) < (planner.dist(i, $1), $1) }
                #expect(grid[i] == brute.prefix(k).map { Int32($0) })
            }
        }
    }
}
