import DiscreteEvents
import Foundation
import TechnicianBooking
import EngineWorkloads

/// `jornada bench technicians`: the technician allocator's offer latency, booking rate, and the desk
/// under concurrent clients.
public enum TechnicianBench {
    /// Settings of the single-core engine measurement.
    public struct EngineConfig: Sendable {
        /// Technicians in the synthetic region.
        public var technicians: Int
        /// Calendar days.
        public var days: Int
        /// Ranking policy of the offers.
        public var policy: RankingPolicy
        /// Offers timed one by one (percentiles) and again in a loop (throughput).
        public var offers: Int
        /// Book attempts in the book-plus-cancel loop.
        public var bookings: Int
        /// Share of shift slots booked before measuring.
        public var fill: Double
        /// Seed of the region and the request streams.
        public var seed: UInt64
        /// A configuration. - Complexity: O(1).
        public init(technicians: Int, days: Int, policy: RankingPolicy, offers: Int, bookings: Int, fill: Double, seed: UInt64) {
            self.technicians = technicians; self.days = days; self.policy = policy
            self.offers = offers; self.bookings = bookings; self.fill = fill; self.seed = seed
        }
    }

    /// Zones for a region of `technicians`: about 60 technicians per zone, on a square grid.
    static func zoneGrid(_ technicians: Int) -> Int { max(2, Int(Double(technicians / 60).squareRoot())) }

    /// Random `now`: a weekday working hour in the first 3/4 of the calendar.
    static func randomNow(_ rng: inout RandomStream, days: Int) -> SimTime {
        let day = Int(rng.nextInt(below: UInt64(max(1, days * 3 / 4))))
        return SimTime(day: day, hour: 7 + Int(rng.nextInt(below: 10)), minute: Int(rng.nextInt(below: 60)))
    }

    /// Measures offers (top-3, one policy) and book-plus-cancel on one core. - Complexity: O(offers + bookings).
    public static func runEngine(_ c: EngineConfig) -> BenchRecord {
        let region = SyntheticRegion(technicians: c.technicians, days: c.days, zoneGrid: zoneGrid(c.technicians), seed: c.seed)
        var a = region.makeAllocator()
        region.prefill(&a, fraction: c.fill, seed: c.seed)
        var rng = RandomStream(seed: c.seed, stream: 100)
        let n = max(1, c.offers)
        var requests: [OfferRequest] = []
        var nows: [SimTime] = []
        requests.reserveCapacity(n); nows.reserveCapacity(n)
        for _ in 0..<n { requests.append(region.request(&rng, policy: c.policy)); nows.append(randomNow(&rng, days: c.days)) }
        var out: [SlotOffer] = []
        out.reserveCapacity(TechnicianAllocator.maxTopK)
        var empty = 0
        // Warm-up pass (also settles the summaries), then timed one by one.
        for i in 0..<min(n, 20_000) { _ = try? a.offer(requests[i], now: nows[i], into: &out) }
        var samples = [UInt64](repeating: 0, count: n)
        for i in 0..<n {
            let t0 = BenchClock.nanoseconds()
            let reason = try? a.offer(requests[i], now: nows[i], into: &out)
            let t1 = BenchClock.nanoseconds()
            samples[i] = t1 &- t0
            if reason != nil { empty += 1 }
        }
        samples.sort()
        let p50 = samples[n / 2], p99 = samples[min(n - 1, n * 99 / 100)], pmax = samples[n - 1]
        var sink = 0
        let (_, offerSeconds) = BenchClock.measure {
            for i in 0..<n { _ = try? a.offer(requests[i], now: nows[i], into: &out); sink &+= out.count }
        }

        // Book + cancel on a fresh calendar: candidate slots inside shifts, a ring of live bookings
        // cancelled oldest first (a half-full calendar would mostly measure cheap conflicts).
        let auditFilled = a.audit()
        a = region.makeAllocator()
        let spd = a.grid.slotsPerDay
        var perTech: [OfferRequest] = []
        for t in 0..<c.technicians {
            let spec = region.roster[t]
            let skill = Skill.allCases.first { spec.skills[$0] > 0 } ?? .draughtSystems
            perTech.append(OfferRequest(zone: max(0, spec.homeZone), kind: spec.kind, skill: skill, duration: .minutes(Int64(30))))
        }
        let m = max(1, min(c.bookings, 1 << 20))
        var cands: [SlotOffer] = []
        cands.reserveCapacity(m)
        var attempts = 0
        while cands.count < m && attempts < 64 * m {
            attempts += 1
            let t = Int(rng.nextInt(below: UInt64(c.technicians)))
            let day = Int(rng.nextInt(below: UInt64(c.days)))
            guard let shift = try? a.shiftSlots(technician: t, day: day), !shift.isEmpty else { continue }
            let len = 2 + Int(rng.nextInt(below: 7))
            let lo = shift.first
            let hi = min(spd, shift.hi != 0 ? 128 - shift.hi.leadingZeroBitCount : 64 - shift.lo.leadingZeroBitCount)
            guard hi - lo > len else { continue }
            let s = lo + Int(rng.nextInt(below: UInt64(hi - lo - len)))
            cands.append(SlotOffer(technician: t, day: day, startSlot: s, travelSlots: 0, visitSlots: len,
                                   calendarVersion: 0, rankKey: 0, visitStart: .zero, visitEnd: .zero))
        }
        if cands.isEmpty { cands.append(SlotOffer(technician: 0, day: 0, startSlot: 0, travelSlots: 0, visitSlots: 1,
                                                  calendarVersion: 0, rankKey: 0, visitStart: .zero, visitEnd: .zero)) }
        let mc = cands.count
        let window = 4096
        var ring = [ReservationID](repeating: ReservationID(index: 0, generation: 0), count: window)
        var head = 0, live = 0, booked = 0, cancelled = 0, conflicts = 0
        let (_, bookSeconds) = BenchClock.measure {
            for i in 0..<c.bookings {
                let s = cands[i % mc]
                if let id = try? a.book(s, for: perTech[s.technician]) {
                    booked += 1
                    if live == window {
                        if (try? a.cancel(ring[head])) != nil { cancelled += 1 }
                        live -= 1
                    }
                    ring[head] = id; head = (head + 1) % window; live += 1
                } else { conflicts += 1 }
            }
        }
        let audit = a.audit()
        let doubleBookings = audit.doubleBookings + auditFilled.doubleBookings
        return BenchRecord([
            ("technicians", .int(c.technicians)), ("days", .int(c.days)), ("policy", .text(c.policy.rawValue)),
            ("offersPerSecond", .double(Double(n) / offerSeconds)),
            ("offerP50Nanoseconds", .int(Int(p50))), ("offerP99Nanoseconds", .int(Int(p99))), ("offerMaxNanoseconds", .int(Int(pmax))),
            ("emptyOffers", .double(Double(empty) / Double(n))),
            ("bookingsPerSecond", .double(Double(booked) / bookSeconds)),
            ("bookCancelOpsPerSecond", .double(Double(booked + cancelled) / bookSeconds)),
            ("bookConflicts", .double(Double(conflicts) / Double(max(1, c.bookings)))),
            ("doubleBookings", .int(doubleBookings)), ("auditClean", .text(audit.isClean && auditFilled.isClean ? "yes" : "no")),
        ])
    }
}
