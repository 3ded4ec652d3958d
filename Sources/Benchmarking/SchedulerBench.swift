import DeliveryScheduling
import DiscreteEvents
import Foundation
import HeapModule
import EngineWorkloads
import RetailerJourneys

/// CPU time consumed by the calling thread, in seconds: on a shared machine it separates the
/// engine's cost from time spent waiting for a core.
func threadCPUSeconds() -> Double { PlanningEffort.threadCPUSeconds() }

/// The delivery scheduler benchmarks behind `jornada bench scheduler`.
public enum SchedulerBench {
    /// Runs the mixed stream (submit 30 %, update 40 %, cancel 10 %, dispatch-next 20 %) at `pending`
    /// jobs for `operations` operations, optionally against the swift-collections `Heap` baseline with
    /// lazy deletion fed the same stream. One record per call.
    public static func mixedStream(pending: Int, operations: Int, seed: UInt64, policy: PriorityPolicy, baseline: Bool) -> BenchRecord {
        var stream = MixedOperationStream(pending: pending, seed: seed, policy: policy)
        let cpu0 = threadCPUSeconds()
        let (checksum, seconds) = BenchClock.measure { stream.run(operations: operations) }
        let cpuSeconds = threadCPUSeconds() - cpu0
        let opsPerSecond = Double(operations) / seconds
        var fields: [(String, BenchRecord.Value)] = [
            ("pending", .int(pending)),
            ("operations", .int(operations)),
            ("seconds", .double(seconds)),
            ("operationsPerSecond", .double(opsPerSecond)),
            ("nsPerOperation", .double(seconds * 1e9 / Double(operations))),
            ("cpuSeconds", .double(cpuSeconds)),
            ("operationsPerCpuSecond", .double(Double(operations) / cpuSeconds)),
            ("pendingAfter", .int(stream.pendingCount)),
        ]
        if baseline {
            var base = LazyHeapBaseline(pending: pending, seed: seed, policy: policy)
            let (baseChecksum, baseSeconds) = BenchClock.measure { base.run(operations: operations) }
            let baseOps = Double(operations) / baseSeconds
            fields.append(("baselineOperationsPerSecond", .double(baseOps)))
            fields.append(("speedupVsHeap", .double(opsPerSecond / baseOps)))
            // The baseline must have dispatched exactly the jobs the engine did, in the same order.
            fields.append(("baselineAgrees", .text(baseChecksum == checksum ? "yes" : "no")))
        }
        fields.append(("policy", .text(policy.rawValue)))
        fields.append(("checksum", .int(Int(truncatingIfNeeded: checksum & 0xFFFF_FFFF))))
        return BenchRecord(fields)
    }

    /// Plans one synthetic depot-day of `stops` jobs and `vehicles` trucks; reports the best of
    /// `repeats` wall and thread-CPU times, the CPU nanoseconds per planned stop, total distance, vehicles
    /// used and unassigned jobs.
    /// With `national` the day is `NationalDayWorkload`'s (its own truck mix, `vehicles` ignored).
    public static func planDay(stops: Int, vehicles: Int, seed: UInt64, repeats: Int, options: PlanOptions = PlanOptions(),
                               national: Bool = false) -> BenchRecord {
        let (scheduler, depot) = national ? { let d = NationalDayWorkload.day(stops: stops, seed: seed); return (d.0, d.1) }()
            : SyntheticWorkload.day(stops: stops, vehicles: vehicles, seed: seed)
        let trucks = scheduler.vehicles(of: depot).count
        var best = Double.infinity
        var bestCPU = Double.infinity
        var plan: DayPlan?
        for _ in 0..<Swift.max(1, repeats) {
            let cpu0 = threadCPUSeconds()
            let (p, seconds) = BenchClock.measure { try! scheduler.planDay(depot: depot, day: 0, options: options) }
            bestCPU = Swift.min(bestCPU, threadCPUSeconds() - cpu0)
            best = Swift.min(best, seconds)
            plan = p
        }
        let p = plan!
        return BenchRecord([
            ("stops", .int(stops)),
            ("vehicles", .int(trucks)),
            ("milliseconds", .double(best * 1000)),
            ("cpuMilliseconds", .double(bestCPU * 1000)),
            ("cpuNsPerStop", .double(bestCPU * 1e9 / Double(Swift.max(1, stops)))),
            ("totalDistance", .double(p.totalDistance)),
            ("vehiclesUsed", .int(p.vehiclesUsed)),
            ("assigned", .int(p.assignedCount)),
            ("unassigned", .int(p.unassigned.count)),
            ("evaluations", .int(p.evaluations)),
            ("improvements", .int(p.improvements)),
        ])
    }
}

/// The baseline: the same operation stream over swift-collections' `Heap` with lazy deletion (an
/// update pushes a fresh entry and stales the old one; cancel stales; dispatch pops past stale entries).
struct LazyHeapBaseline {
    struct Entry: Comparable {
        var key: UInt64
        var slot: UInt32
        var version: UInt32
        static func < (a: Entry, b: Entry) -> Bool { (a.key, a.slot) < (b.key, b.slot) }
    }
    var heap = Heap<Entry>()
    var jobs: [DeliveryJob] = []
    var submitted: [SimTime] = []
    var version: [UInt32] = []
    var alive: [Bool] = []
    var free: [UInt32] = []
    var live: [UInt32] = []
    var livePos: [Int32] = []
    var rng: RandomStream
    var now = SimTime.zero
    var pool: [DeliveryJob] = []
    var poolNext = 0
    let policy: PriorityPolicy
    let aging = AgingRule()
    let depot = SyntheticWorkload.depot

    init(pending: Int, seed: UInt64, policy: PriorityPolicy) {
        self.policy = policy
        rng = RandomStream(seed: seed, stream: 7)
        var gen = RandomStream(seed: seed, stream: 8)
        for _ in 0..<MixedOperationStream.poolSize {
            pool.append(SyntheticWorkload.job(depot: DepotID(0), now: .zero, promisedDay: 0, rng: &gen))
        }
        for _ in 0..<pending { submitOne() }
    }

    mutating func key(_ s: Int) -> UInt64 { policy.orderKey(job: jobs[s], submitted: submitted[s], depot: depot, aging: aging) }

    mutating func submitOne() {
        var job = pool[poolNext]
        poolNext = (poolNext + 1) & (MixedOperationStream.poolSize - 1)
        job.deadline = now + (job.deadline - .zero)
        try! job.validate()
        let s: Int
        if let f = free.popLast() {
            s = Int(f)
            jobs[s] = job; submitted[s] = now; alive[s] = true; version[s] &+= 1
        } else {
            s = jobs.count
            jobs.append(job); submitted.append(now); version.append(0); alive.append(true); livePos.append(-1)
        }
        heap.insert(Entry(key: key(s), slot: UInt32(s), version: version[s]))
        livePos[s] = Int32(live.count)
        live.append(UInt32(s))
    }

    mutating func forget(_ s: Int) {
        let p = Int(livePos[s])
        let last = live.removeLast()
        if p < live.count { live[p] = last; livePos[Int(last)] = Int32(p) }
        livePos[s] = -1
        alive[s] = false
        version[s] &+= 1
        free.append(UInt32(s))
    }

    @inline(never) func handOver(_ s: Int) -> DeliveryJob { jobs[s] }

    /// Runs the stream; returns the same checksum of dispatched jobs as `MixedOperationStream.run`.
    mutating func run(operations: Int) -> UInt64 {
        var checksum: UInt64 = 0
        for _ in 0..<operations {
            now.ticks += 1_000
            let r = rng.next()
            let op = r % 100
            if live.isEmpty || op < 30 {
                submitOne()
            } else if op < 70 {
                let s = Int(live[Int((r >> 8) % UInt64(live.count))])
                let which = (r >> 40) % 10
                if which == 0 {
                    jobs[s].tier = PriorityTier(rawValue: UInt8((r >> 44) % 4))!
                } else if which < 6 {
                    jobs[s].deadline = now + .minutes(Int64(60 + Int64((r >> 44) % 4000)))
                } else if which < 8 {
                    jobs[s].volume = Volume(kegs: Int32(1 + (r >> 44) % 4))
                } else {
                    let open = Int64(8 * 60 + Int64((r >> 44) % 300))
                    jobs[s].windows = TimeWindowSet(single: TimeWindow(from: .minutes(open), to: .minutes(open + 180)))
                }
                try! jobs[s].validate()
                version[s] &+= 1
                heap.insert(Entry(key: key(s), slot: UInt32(s), version: version[s]))
            } else if op < 80 {
                let s = Int(live[Int((r >> 8) % UInt64(live.count))])
                forget(s)
            } else {
                while let top = heap.popMin() {
                    let s = Int(top.slot)
                    if alive[s] && version[s] == top.version {
                        // Hand the job over, as DeliveryScheduler.dispatchNext does.
                        checksum &+= UInt64(s) &* 31 &+ UInt64(handOver(s).retailer & 0xFF)
                        forget(s)
                        break
                    }
                }
            }
        }
        return checksum
    }
}
