import DiscreteEvents
import Testing
import EngineWorkloads
@testable import DeliveryScheduling

/// A random job near the depot with random tier, windows, deadline and value.
func randomJob(_ rng: inout RandomStream, depot: DepotID = DepotID(0), now: SimTime = .zero, day: Int = 0) -> DeliveryJob {
    SyntheticWorkload.job(depot: depot, now: now, promisedDay: day, rng: &rng)
}

func makeScheduler(policy: PriorityPolicy, vehicles: Int = 0) -> DeliveryScheduler {
    var s = DeliveryScheduler(policy: policy)
    try! s.addDepot(SyntheticWorkload.depot, id: DepotID(0))
    for _ in 0..<vehicles {
        _ = try! s.addVehicle(Vehicle(depot: DepotID(0), capacity: Volume(kegs: 30), shiftStart: .hours(Int64(7)), shiftEnd: .hours(Int64(18))))
    }
    return s
}

@Suite("Priority queue: submit, update, cancel, dispatch")
struct SchedulerQueueTests {
    /// Random operation sequences checked against a reference model: nothing lost or duplicated,
    /// dispatch always returns a job with the smallest (tier, policy) key, tiers strictly first.
    @Test(arguments: PriorityPolicy.allCases)
    func randomOperationsMatchReferenceModel(policy: PriorityPolicy) throws {
        for seed in UInt64(1)...4 {
            var rng = RandomStream(seed: seed, stream: 99)
            var s = makeScheduler(policy: policy)
            var model: [JobID: (job: DeliveryJob, submitted: SimTime)] = [:]
            var order: [JobID] = []  // deterministic iteration over the model
            var now = SimTime.zero
            var dispatched = Set<JobID>()
            for _ in 0..<1_500 {
                now += .seconds(Int64(30))
                let op = rng.nextInt(below: 10)
                if op < 4 || order.isEmpty {
                    let job = randomJob(&rng, now: now)
                    let id = try s.submit(job, at: now)
                    #expect(model[id] == nil, "id reused while live")
                    model[id] = (job, now)
                    order.append(id)
                } else if op < 6 {
                    let id = order[Int(rng.nextInt(below: UInt64(order.count)))]
                    let tier = PriorityTier(rawValue: UInt8(rng.nextInt(below: 4)))!
                    let deadline = now + .minutes(Int64(rng.nextInt(below: 5000)))
                    try s.update(id, JobUpdate(tier: tier, deadline: deadline))
                    model[id]!.job.tier = tier
                    model[id]!.job.deadline = deadline
                } else if op < 7 {
                    let i = Int(rng.nextInt(below: UInt64(order.count)))
                    let id = order.remove(at: i)
                    try s.cancel(id)
                    model[id] = nil
                    #expect(throws: DeliverySchedulingError.unknownJob(id)) { try s.cancel(id) }
                } else {
                    let expectedMin = order.map { policy.orderKey(job: model[$0]!.job, submitted: model[$0]!.submitted, depot: SyntheticWorkload.depot, aging: s.aging) }.min()
                    let d = try #require(try s.dispatchNext(depot: DepotID(0)))
                    let key = policy.orderKey(job: model[d.id]!.job, submitted: model[d.id]!.submitted, depot: SyntheticWorkload.depot, aging: s.aging)
                    #expect(key == expectedMin)
                    #expect(d.job == model[d.id]!.job)
                    let minTier = order.map { model[$0]!.job.tier }.min()!
                    #expect(d.job.tier == minTier, "a less urgent tier was dispatched first")
                    #expect(!dispatched.contains(d.id))
                    dispatched.insert(d.id)
                    model[d.id] = nil
                    order.removeAll { $0 == d.id }
                }
                #expect(s.liveCount == order.count)
            }
            #if JORNADA_INTERNAL_CHECKS
            #expect(s.checkInvariants())
            #endif
            #expect(s.pendingCount(depot: DepotID(0)) == order.count)
            for id in order { #expect(s.job(id) == model[id]!.job) }
        }
    }

    @Test func agingPreventsStarvationUnderCustomerValue() throws {
        var s = makeScheduler(policy: .customerValue)
        var rng = RandomStream(seed: 5)
        var cheap = randomJob(&rng)
        cheap.value = 1
        cheap.tier = .standard
        let old = try s.submit(cheap, at: .zero)
        // A stream of high-value jobs arrives, one a minute; with aging (25 %, one minute per value unit)
        // the 899-unit gap is 899 min of value = 3,596 min of waiting: served right after that.
        var served = false
        for i in 1...3_700 {
            var rich = randomJob(&rng)
            rich.value = 900
            rich.tier = .standard
            _ = try s.submit(rich, at: SimTime.zero + .minutes(Int64(i)))
            if try s.dispatchNext(depot: DepotID(0))?.id == old {
                served = true
                #expect(i >= 3_590, "served before aging could overtake")
                break
            }
        }
        #expect(served)
    }

    @Test func badInputIsATypedErrorNeverACrash() throws {
        var s = makeScheduler(policy: .fifo, vehicles: 1)
        var rng = RandomStream(seed: 2)
        var job = randomJob(&rng)
        #expect(throws: DeliverySchedulingError.invalidWindow(index: 0, from: .hours(Int64(12)), to: .hours(Int64(9)))) {
            _ = try TimeWindowSet([TimeWindow(from: .hours(Int64(12)), to: .hours(Int64(9)))])
        }
        job.volume = Volume(kegs: -2)
        #expect(throws: DeliverySchedulingError.negativeVolume(unit: "kegs", value: -2)) { _ = try s.submit(job, at: .zero) }
        job.volume = Volume(kegs: 1)
        job.depot = DepotID(7)
        #expect(throws: DeliverySchedulingError.unknownDepot(DepotID(7))) { _ = try s.submit(job, at: .zero) }
        job.depot = DepotID(0)
        let id = try s.submit(job, at: .zero)
        #expect(throws: DeliverySchedulingError.unknownVehicle(VehicleID(9))) { try s.pin(id, to: VehicleID(9)) }
        #expect(throws: DeliverySchedulingError.self) { try s.update(id, JobUpdate(volume: Volume(cases: -1))) }
        #expect(throws: DeliverySchedulingError.invalidVehicle(field: "shift")) {
            _ = try s.addVehicle(Vehicle(depot: DepotID(0), capacity: Volume(kegs: 1), shiftStart: .hours(Int64(10)), shiftEnd: .hours(Int64(9))))
        }
        try s.cancel(id)
        #expect(throws: DeliverySchedulingError.unknownJob(id)) { try s.update(id, JobUpdate(tier: .urgent)) }
        #if JORNADA_INTERNAL_CHECKS
        #expect(s.checkInvariants())
        #endif
        // Messages name the field.
        #expect(DeliverySchedulingError.negativeVolume(unit: "kegs", value: -2).description.contains("volume.kegs"))
        #expect(DeliverySchedulingError.invalidWindow(index: 1, from: .hours(Int64(12)), to: .hours(Int64(9))).description.contains("windows[1]"))
    }

    @Test func setPolicyRekeysEveryQueue() throws {
        var s = makeScheduler(policy: .fifo)
        var rng = RandomStream(seed: 3)
        for i in 0..<200 { _ = try s.submit(randomJob(&rng), at: SimTime.zero + .minutes(Int64(i))) }
        s.setPolicy(.earliestDeadline)
        #if JORNADA_INTERNAL_CHECKS
        #expect(s.checkInvariants())
        #endif
        var lastTier = PriorityTier.urgent
        var count = 0
        while let d = try s.dispatchNext(depot: DepotID(0)) {
            #expect(d.job.tier >= lastTier)
            lastTier = d.job.tier
            count += 1
        }
        #expect(count == 200)
    }
}

@Test func jobCoreFitsOneCacheLine() {
    #expect(MemoryLayout<JobCore>.stride == 64)
}

@Test func reusedSlotsStartWithCleanBookkeeping() throws {
    var s = makeScheduler(policy: .fifo, vehicles: 1)
    var rng = RandomStream(seed: 4)
    let a = try s.submit(randomJob(&rng), at: .zero)
    try s.pin(a, to: VehicleID(0))
    try s.reportDelay(a, by: .minutes(Int64(5)))
    try s.cancel(a)
    let b = try s.submit(randomJob(&rng), at: .zero)
    #expect(b.slot == a.slot && b.generation != a.generation)
    #expect(!s.isPinned(b))
    #expect(s.assignedVehicle(of: b) == nil)
    #expect(try s.explain(b).reportedDelay == .zero)
}
