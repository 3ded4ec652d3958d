import Benchmark
import DiscreteEvents
import TechnicianBooking
import EngineWorkloads

/// A 1,000-technician, 28-day region half booked, with a warm request stream (built outside measurement).
struct TechnicianFixture {
    var allocator: TechnicianAllocator
    var requests: [OfferRequest]
    var nows: [SimTime]
    var region: SyntheticRegion

    init(policy: RankingPolicy, count: Int) {
        let r = SyntheticRegion(technicians: 1_000, days: 28, zoneGrid: 4, seed: 1)
        var a = r.makeAllocator()
        r.prefill(&a, fraction: 0.5, seed: 1)
        var rng = RandomStream(seed: 1, stream: 100)
        var qs: [OfferRequest] = [], ts: [SimTime] = []
        for _ in 0..<count {
            qs.append(r.request(&rng, policy: policy))
            ts.append(SimTime(day: Int(rng.nextInt(below: 21)), hour: 7 + Int(rng.nextInt(below: 10)), minute: Int(rng.nextInt(below: 60))))
        }
        region = r; allocator = a; requests = qs; nows = ts
    }
}

/// The Technician suite: gates on allocation counts (deterministic), never on wall time.
let benchmarks: @Sendable () -> Void = {
    // A stray harness allocation must not fail CI; one allocation per operation adds 1,000 per
    // sample, far above the 50 tolerated.
    let config = Benchmark.Configuration(metrics: [.mallocCountTotal], scalingFactor: .kilo, maxDuration: .seconds(2), maxIterations: 20,
                                         thresholds: [.mallocCountTotal: .init(absolute: [.p90: 50])])

    for policy in [RankingPolicy.earliest, .balancedLoad] {
        let name = policy == .earliest ? "Technicians.offerTop3" : "Technicians.offerTop3BalancedLoad"
        Benchmark(name, configuration: config) { benchmark in
            var f = TechnicianFixture(policy: policy, count: 4_096)
            var out: [SlotOffer] = []
            out.reserveCapacity(TechnicianAllocator.maxTopK)
            for i in 0..<f.requests.count { _ = try? f.allocator.offer(f.requests[i], now: f.nows[i], into: &out) }
            benchmark.startMeasurement()
            var found = 0
            for i in benchmark.scaledIterations {
                let j = i & 4_095
                _ = try? f.allocator.offer(f.requests[j], now: f.nows[j], into: &out)
                found &+= out.count
            }
            benchmark.stopMeasurement()
            precondition(found > 0, "offers found nothing")
            blackHole(found)
        }
    }

    Benchmark("Technicians.bookCancel", configuration: config) { benchmark in
        var f = TechnicianFixture(policy: .earliest, count: 4_096)
        var out: [SlotOffer] = []
        out.reserveCapacity(TechnicianAllocator.maxTopK)
        var slots: [(SlotOffer, OfferRequest)] = []
        for i in 0..<f.requests.count {
            if (try? f.allocator.offer(f.requests[i], now: f.nows[i], into: &out)) == nil, let s = out.first { slots.append((s, f.requests[i])) }
        }
        // Warm the slab once so the measured loop reuses entries.
        for (s, q) in slots { if let id = try? f.allocator.book(s, for: q) { try? f.allocator.cancel(id) } }
        benchmark.startMeasurement()
        var ok = 0
        for i in benchmark.scaledIterations {
            let (s, q) = slots[i % slots.count]
            if let id = try? f.allocator.book(s, for: q) { ok &+= 1; try? f.allocator.cancel(id) }
        }
        benchmark.stopMeasurement()
        precondition(ok > 0 && f.allocator.audit().isClean, "book/cancel broke the calendar")
        blackHole(ok)
    }

    Benchmark("Technicians.holdConfirmCancel", configuration: config) { benchmark in
        var f = TechnicianFixture(policy: .earliest, count: 1_024)
        var out: [SlotOffer] = []
        out.reserveCapacity(TechnicianAllocator.maxTopK)
        var slots: [(SlotOffer, OfferRequest)] = []
        for i in 0..<f.requests.count {
            if (try? f.allocator.offer(f.requests[i], now: f.nows[i], into: &out)) == nil, let s = out.first { slots.append((s, f.requests[i])) }
        }
        var now = SimTime(day: 0, hour: 7)
        for (s, q) in slots { if let id = try? f.allocator.hold(s, for: q, ttl: .minutes(Int64(5)), now: now) { try? f.allocator.release(id) } }
        benchmark.startMeasurement()
        var ok = 0
        for i in benchmark.scaledIterations {
            let (s, q) = slots[i % slots.count]
            now += .microseconds(Int64(1))
            if let id = try? f.allocator.hold(s, for: q, ttl: .minutes(Int64(5)), now: now) {
                if (try? f.allocator.confirm(id, now: now)) != nil { ok &+= 1 }
                try? f.allocator.cancel(id)
            }
        }
        benchmark.stopMeasurement()
        precondition(ok > 0 && f.allocator.audit().isClean, "hold/confirm broke the calendar")
        blackHole(ok)
    }
}
