import DiscreteEvents
import Testing
import EngineWorkloads
@testable import TechnicianBooking

/// Seeded random operation sequences checked against a plain reference model.
@Suite struct PropertyTests {
    struct Ref { var tech: Int; var day: Int; var start: Int; var len: Int; var held: Bool; var expiry: Int64 }

    /// Reference free slots of (t, day): roster shift minus every live reference reservation.
    static func refFree(_ region: SyntheticRegion, _ a: TechnicianAllocator, _ live: [ReservationID: Ref], t: Int, day: Int) -> DayMask {
        var m = a.grid.mask(region.roster[t].shift)[Weekday(dayIndex: day)]
        for r in live.values where r.tech == t && r.day == day { m = m & ~DayMask(slots: r.start ..< r.start + r.len) }
        return m
    }

    /// Brute-force top-k over every technician and day, with the policy's documented key.
    static func brute(_ region: SyntheticRegion, _ a: TechnicianAllocator, _ live: [ReservationID: Ref],
                              _ q: OfferRequest, now: SimTime) -> [(Int, Int, Int)] {
        let grid = a.grid, spd = grid.slotsPerDay
        let visit = grid.slots(covering: q.duration)
        let deadline = a.config.slaPolicy.deadline(q.severity, after: now)
        var found: [(key: (Int, Int, Int), offer: (Int, Int, Int))] = []
        for t in 0..<region.roster.count {
            let spec = region.roster[t]
            guard spec.kind == q.kind, spec.skills[q.skill] >= max(1, q.minimumLevel) else { continue }
            let preferred = q.policy == .sameTechnician && t == q.preferredTechnician
            var travel = 0
            if q.kind == .field {
                let min = a.zones.minutes(from: spec.homeZone, to: q.zone)
                guard min <= a.config.maxTravelMinutes || preferred else { continue }
                travel = grid.slots(coveringMinutes: min)
            }
            let from = max(now, q.earliestStart)
            for day in max(a.firstDay, from.day) ..< a.firstDay + a.dayCount {
                let free = refFree(region, a, live, t: t, day: day)
                let avail = q.availability[Weekday(dayIndex: day)]
                for s in 0 ..< spd where s + travel + visit <= spd {
                    let start = grid.time(day: day, slot: s)
                    let visitStart = grid.time(day: day, slot: s + travel)
                    guard start >= from, visitStart <= deadline else { continue }
                    guard (s ..< s + travel + visit).allSatisfy({ free.contains($0) }),
                          (s + travel ..< s + travel + visit).allSatisfy({ avail.contains($0) }) else { continue }
                    let visitAbs = day * spd + s + travel
                    let key: (Int, Int, Int)
                    switch q.policy {
                    case .earliest: key = (visitAbs, travel, t)
                    case .leastTravel: key = (travel, visitAbs, t)
                    case .sameTechnician: key = (preferred ? 0 : 1, visitAbs, t)
                    case .balancedLoad: key = (day, try! a.load(technician: t), t)
                    }
                    found.append((key, (t, day, s)))
                    break
                }
            }
        }
        found.sort { $0.key < $1.key }
        return found.prefix(q.topK).map(\.offer)
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func randomOperationsKeepInvariants(seed: UInt64) throws {
        let region = SyntheticRegion(technicians: 40, days: 10, zoneGrid: 3, seed: seed)
        var a = region.makeAllocator()
        var rng = RandomStream(seed: seed, stream: 9)
        var live: [ReservationID: Ref] = [:]
        var ids: [ReservationID] = []          // insertion order, for deterministic picks
        var now = mondayMorning
        var lastOffers: [SlotOffer] = []
        var lastRequest = region.request(&rng)
        var compared = 0
        var nonEmpty = 0
        for step in 0..<1500 {
            now += .minutes(Int64(rng.nextInt(below: 20)))
            // Reference expiry first (the engine reaps lazily, at its next timed operation).
            let op = rng.nextInt(below: 10)
            switch op {
            case 0, 1, 2:
                let policy = RankingPolicy.allCases[Int(rng.nextInt(below: 4))]
                var q = region.request(&rng, policy: policy)
                if rng.nextUnit() < 0.3 { q.topK = 1 + Int(rng.nextInt(below: 8)) }
                for (id, r) in live where r.held && r.expiry <= now.ticks { live[id] = nil }
                a.expireHolds(now: now)
                let o = try a.offer(q, now: now)
                let brute = Self.brute(region, a, live, q, now: now)
                #expect(o.slots.map { ($0.technician, $0.day, $0.startSlot) }.elementsEqual(brute, by: ==), "step \(step) \(q.policy)")
                compared += 1
                if !o.slots.isEmpty { nonEmpty += 1 }
                #expect(o.slots.isEmpty == (o.reason != nil))
                lastOffers = o.slots; lastRequest = q
            case 3, 4:
                guard let s = lastOffers.first else { continue }
                lastOffers.removeFirst()
                for (id, r) in live where r.held && r.expiry <= now.ticks { live[id] = nil }
                let free = Self.refFree(region, a, live, t: s.technician, day: s.day)
                let slotsFree = free.isSuperset(of: DayMask(slots: s.startSlot ..< s.startSlot + s.reservedSlots))
                let ttl = SimDuration.minutes(Int64(5 + rng.nextInt(below: 60)))
                // Strict half the time: also needs the technician-day unchanged since the offer.
                let strict = rng.nextUnit() < 0.5
                let before = try a.calendarVersion(technician: s.technician, day: s.day)
                let fresh = before == s.calendarVersion
                let want = slotsFree && (!strict || fresh)
                do {
                    let id = try a.hold(s, for: lastRequest, ttl: ttl, now: now, expectedVersion: strict ? s.calendarVersion : nil)
                    #expect(want, "hold succeeded on a taken slot or stale offer at step \(step)")
                    #expect(try a.calendarVersion(technician: s.technician, day: s.day) != before)
                    live[id] = Ref(tech: s.technician, day: s.day, start: s.startSlot, len: s.reservedSlots, held: true, expiry: (now + ttl).ticks)
                    ids.append(id)
                } catch {
                    #expect(!want, "hold failed on a free slot at step \(step): \(error)")
                    if strict && !fresh {
                        #expect(error == .staleOffer(technician: s.technician, day: s.day, offered: s.calendarVersion, current: before))
                    }
                }
            case 5, 6:
                guard !ids.isEmpty else { continue }
                let id = ids[Int(rng.nextInt(below: UInt64(ids.count)))]
                do {
                    try a.confirm(id, now: now)
                    #expect(live[id]?.held == true && live[id]!.expiry > now.ticks)
                    live[id]!.held = false
                } catch {
                    if let r = live[id], r.held, r.expiry <= now.ticks { live[id] = nil }
                    #expect(live[id] == nil || live[id]!.held == false)
                }
            case 7, 8:
                guard !ids.isEmpty else { continue }
                let k = Int(rng.nextInt(below: UInt64(ids.count)))
                let id = ids[k]
                for (x, r) in live where r.held && r.expiry <= now.ticks { live[x] = nil }
                a.expireHolds(now: now)
                if let r = live[id] {
                    try a.cancel(id)
                    live[id] = nil
                    // Cancelled slots become offerable again.
                    #expect(try a.freeSlots(technician: r.tech, day: r.day).isSuperset(of: DayMask(slots: r.start ..< r.start + r.len)))
                } else {
                    #expect(throws: AllocatorError.unknownReservation(id)) { try a.cancel(id) }
                }
                ids.remove(at: k)
            default:
                // A random slot: succeeds iff free in the reference, in shift, skill matches.
                let t = Int(rng.nextInt(below: UInt64(region.roster.count)))
                let day = Int(rng.nextInt(below: UInt64(a.dayCount)))
                let len = 1 + Int(rng.nextInt(below: 8))
                let start = Int(rng.nextInt(below: UInt64(96 - len)))
                let spec = region.roster[t]
                let skill = Skill.allCases.first { spec.skills[$0] > 0 }!
                let q = OfferRequest(zone: max(0, spec.homeZone), kind: spec.kind, skill: skill, duration: .minutes(Int64(15 * len)))
                for (x, r) in live where r.held && r.expiry <= now.ticks { live[x] = nil }
                a.expireHolds(now: now)
                let want = Self.refFree(region, a, live, t: t, day: day).isSuperset(of: DayMask(slots: start ..< start + len))
                if let id = try? a.book(slot(t, day: day, start: start, len: len), for: q) {
                    #expect(want)
                    live[id] = Ref(tech: t, day: day, start: start, len: len, held: false, expiry: .max)
                    ids.append(id)
                } else {
                    #expect(!want)
                }
            }
            if step % 250 == 0 { #expect(a.audit().isClean, "\(a.audit())") }
        }
        for (x, r) in live where r.held && r.expiry <= now.ticks { live[x] = nil }
        a.expireHolds(now: now)
        let audit = a.audit()
        #expect(audit.isClean, "\(audit)")
        #expect(audit.holds + audit.bookings == live.count)
        for t in 0..<region.roster.count {
            for d in 0..<a.dayCount { #expect(try a.freeSlots(technician: t, day: d) == Self.refFree(region, a, live, t: t, day: d)) }
        }
        #expect(compared > 300)
        #expect(nonEmpty > compared / 2)
    }

    @Test func everyPolicyOffersOnlyFeasibleSlots() throws {
        let region = SyntheticRegion(technicians: 60, days: 14, zoneGrid: 3, seed: 5)
        var a = region.makeAllocator()
        region.prefill(&a, fraction: 0.5, seed: 5)
        var rng = RandomStream(seed: 5, stream: 3)
        for policy in RankingPolicy.allCases {
            for _ in 0..<200 {
                let q = region.request(&rng, policy: policy)
                let now = mondayMorning + .minutes(Int64(rng.nextInt(below: 3000)))
                let o = try a.offer(q, now: now)
                #expect(o.slots == o.slots.sorted { $0.rankKey < $1.rankKey })
                #expect(Set(o.slots.map { [$0.technician, $0.day] }).count == o.slots.count)
                for s in o.slots {
                    #expect(try a.freeSlots(technician: s.technician, day: s.day).isSuperset(of: DayMask(slots: s.startSlot ..< s.startSlot + s.reservedSlots)))
                    let spec = region.roster[s.technician]
                    #expect(spec.kind == q.kind && spec.skills[q.skill] >= 1)
                    #expect(s.visitStart >= now)
                    #expect(q.availability[s.visitStart.weekday].isSuperset(of: DayMask(slots: s.startSlot + s.travelSlots ..< s.startSlot + s.reservedSlots)))
                }
                if policy == .sameTechnician, let first = o.slots.first, q.preferredTechnician >= 0,
                   o.slots.contains(where: { $0.technician == q.preferredTechnician }) {
                    #expect(first.technician == q.preferredTechnician)
                }
            }
        }
        #expect(a.audit().isClean)
    }
}
