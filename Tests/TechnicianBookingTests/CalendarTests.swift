import DiscreteEvents
import EngineWorkloads
import Testing
@testable import TechnicianBooking

/// The rolling calendar window, hold expiry reports and the earliest start.
@Suite struct CalendarTests {
    let req = OfferRequest(zone: 0, skill: .draughtSystems, duration: mins(60))
    /// Office hours 08:00–17:00 at 15-minute slots.
    let office = DayMask(slots: 32 ..< 68)

    @Test func advanceRetiresPastDaysAndTheirReservations() throws {
        var a = try smallAllocator(days: 14)
        let doneMonday = try a.book(slot(0, day: 0, start: 32, len: 4), for: req)
        let doneTuesday = try a.book(slot(0, day: 1, start: 40, len: 4), for: req)
        let heldTuesday = try a.hold(slot(0, day: 1, start: 32, len: 4), for: req, ttl: hrs(100), now: mondayMorning)
        let friday = try a.book(slot(0, day: 4, start: 32, len: 4), for: req)
        let summary = try a.advance(toDay: 2)
        #expect(summary == CalendarAdvance(retiredBookings: 2, releasedHolds: 1, retiredDays: 2))
        #expect(a.firstDay == 2 && a.lastDay == 15)
        #expect(a.reservation(doneMonday) == nil && a.reservation(doneTuesday) == nil && a.reservation(heldTuesday) == nil)
        #expect(a.reservation(friday)?.day == 4)
        #expect(a.bookingCount == 1 && a.holdCount == 0)
        #expect(try a.load(technician: 0) == 4)
        // Retired days are refused with the typed error, everywhere.
        let out = AllocatorError.dayOutOfRange(1, firstDay: 2, lastDay: 15)
        #expect(throws: out) { try a.book(slot(0, day: 1, start: 32, len: 4), for: req) }
        #expect(throws: out) { try a.hold(slot(0, day: 1, start: 32, len: 4), for: req, ttl: mins(5), now: SimTime(day: 2, hour: 8)) }
        #expect(throws: out) { try a.freeSlots(technician: 0, day: 1) }
        #expect(throws: AllocatorError.dayOutOfRange(16, firstDay: 2, lastDay: 15)) { try a.calendarVersion(technician: 0, day: 16) }
        // The entering days (Monday 14, Tuesday 15) reuse the retired cells with a fresh weekly shift.
        #expect(try a.freeSlots(technician: 0, day: 14) == office && a.freeSlots(technician: 0, day: 15) == office)
        let late = try a.book(slot(0, day: 15, start: 32, len: 4), for: req)
        #expect(a.reservation(late)?.day == 15)
        #expect(try a.freeSlots(technician: 0, day: 15) == office & ~DayMask(slots: 32 ..< 36))
        // Offers start at the window whatever `now` says, and say so when `now` is past it.
        let early = try a.offer(req, now: mondayMorning)
        #expect(early.slots.first?.day == 2 && early.slots.first?.startSlot == 32)
        let beyond = try a.offer(req, now: SimTime(day: 16, hour: 8))
        #expect(beyond.slots.isEmpty && beyond.reason == .outsideCalendarWindow(day: 16, firstDay: 2, lastDay: 15))
        #expect(try a.advance(toDay: 1) == CalendarAdvance(retiredBookings: 0, releasedHolds: 0, retiredDays: 0))
        #expect(a.audit().isClean, "\(a.audit())")
        // A jump longer than the window replaces every day.
        #expect(try a.advance(toDay: 100) == CalendarAdvance(retiredBookings: 2, releasedHolds: 0, retiredDays: 14))
        #expect(try a.firstDay == 100 && a.bookingCount == 0 && a.load(technician: 0) == 0)
        #expect(try a.freeSlots(technician: 0, day: 100) == office)                    // day 100 is a Wednesday
        #expect(a.audit().isClean)
    }

    @Test func exceptionsBeyondTheWindowApplyWhenTheirDaysEnter() throws {
        var a = try smallAllocator(days: 7, maxTravel: 0)         // days 0 (Mon) … 6 (Sun); zone 0 served by tech 0 only
        let now = SimTime(day: 0, hour: 7)
        // Tech 2 away Saturday (5) through Tuesday (8); tech 0 away Wednesday 9 mornings; holiday Friday 11.
        #expect(try a.markAbsence(technician: 2, from: SimTime(day: 4, hour: 12), to: SimTime(day: 9), now: now, holdTTL: hrs(1)).isEmpty)
        #expect(try a.markAbsence(technician: 0, from: SimTime(day: 9, hour: 8), to: SimTime(day: 9, hour: 12), now: now, holdTTL: hrs(1)).isEmpty)
        #expect(try a.markHoliday(day: 11, now: now, holdTTL: hrs(1)).isEmpty)
        try a.addOvertime(technician: 1, from: SimTime(day: 10, hour: 17), to: SimTime(day: 10, hour: 19))
        #expect(try a.shiftSlots(technician: 2, day: 4) == DayMask(slots: 32 ..< 48))   // in the window: applied now
        try a.advance(toDay: 7)
        #expect(try a.shiftSlots(technician: 2, day: 7).isEmpty && a.shiftSlots(technician: 2, day: 8).isEmpty)
        #expect(try a.shiftSlots(technician: 0, day: 9) == DayMask(slots: 48 ..< 68))
        #expect(try a.shiftSlots(technician: 1, day: 10) == DayMask(slots: 32 ..< 76))
        for t in 0..<4 { #expect(try a.shiftSlots(technician: t, day: 11).isEmpty) }
        #expect(try a.shiftSlots(technician: 0, day: 10) == office)
        let o = try a.offer(req, now: SimTime(day: 9, hour: 8))
        #expect(o.slots.first.map { [$0.technician, $0.day, $0.startSlot] } == [0, 9, 48])
        #expect(a.audit().isClean, "\(a.audit())")
        // Past days are refused for holidays.
        #expect(throws: AllocatorError.dayOutOfRange(3, firstDay: 7, lastDay: 13)) { try a.markHoliday(day: 3, now: now, holdTTL: hrs(1)) }
    }

    @Test func expireHoldsReturnsExactlyTheExpiredHolds() throws {
        var a = try smallAllocator()
        let confirmed = try a.hold(slot(0, day: 0, start: 32, len: 4), for: req, ttl: mins(10), now: mondayMorning)
        let twenty = try a.hold(slot(0, day: 0, start: 40, len: 4), for: req, ttl: mins(20), now: mondayMorning)
        let released = try a.hold(slot(0, day: 0, start: 48, len: 4), for: req, ttl: mins(20), now: mondayMorning)
        let thirty = try a.hold(slot(1, day: 0, start: 32, len: 4), for: OfferRequest(zone: 1, skill: .draughtSystems, duration: mins(60)),
                                ttl: mins(30), now: mondayMorning)
        try a.confirm(confirmed, now: mondayMorning + mins(5))
        try a.release(released)
        #expect(a.expireHolds(now: mondayMorning + mins(19)) == [])
        #expect(a.expireHolds(now: mondayMorning + mins(20)) == [twenty])
        var out: [ReservationID] = []
        out.reserveCapacity(4)
        #expect(a.expireHolds(now: mondayMorning + hrs(5), into: &out) == 1)
        #expect(out == [thirty])
        #expect(a.reservation(confirmed)?.state == .booked && a.holdCount == 0)
        #expect(a.audit().isClean)
    }

    @Test func earliestStartIsRespectedAndTheSLAIsCountedFromNow() throws {
        var a = try smallAllocator(days: 14)
        let now = mondayMorning                                          // Monday 08:00
        let deadline = a.config.slaPolicy.deadline(req.severity, after: now)   // 48 business hours: Monday 7 11:00
        #expect(deadline == SimTime(day: 7, hour: 11))
        var q = req
        q.topK = 8
        q.earliestStart = SimTime(day: 2, hour: 13)                       // the equipment arrives Wednesday noon
        let o = try a.offer(q, now: now)
        #expect(!o.slots.isEmpty)
        #expect(o.slots.first.map { [$0.technician, $0.day, $0.startSlot] } == [0, 2, 52])
        for s in o.slots {
            #expect(SimTime(day: s.day) + .minutes(Int64(15 * s.startSlot)) >= q.earliestStart)
            #expect(s.visitStart <= deadline)
        }
        // Close to the deadline: only Monday 7 up to 11:00 remains.
        q.earliestStart = SimTime(day: 7, hour: 10)
        let tight = try a.offer(q, now: now)
        #expect(!tight.slots.isEmpty && tight.slots.allSatisfy { $0.day == 7 && $0.visitStart <= deadline && $0.startSlot >= 40 })
        // After the deadline nothing is offered: the SLA runs from the request, not from the earliest start.
        q.earliestStart = SimTime(day: 7, hour: 12)
        let none = try a.offer(q, now: now)
        #expect(none.slots.isEmpty && none.reason == .noFreeWindow(.draughtSystems, zone: 0, horizon: a.config.slaPolicy.horizon(q.severity)))
        // The default (.zero) is "from now".
        q.earliestStart = .zero
        #expect(try a.offer(q, now: now).slots.first.map { [$0.day, $0.startSlot] } == [0, 32])
    }

    /// 200 days through a 28-day window: random offers (checked against brute force), holds, bookings,
    /// confirms, cancels and future overtime and absences; after every advance the audit is clean, the
    /// retired counts match the reference, and at the end every free mask matches it.
    @Test(arguments: [UInt64(7), 8])
    func longRandomRunThroughARollingWindowStaysConsistent(seed: UInt64) throws {
        let region = SyntheticRegion(technicians: 16, days: 28, zoneGrid: 2, seed: seed)
        var a = region.makeAllocator()
        var rng = RandomStream(seed: seed, stream: 11)
        var live: [ReservationID: PropertyTests.Ref] = [:]
        var ids: [ReservationID] = []
        var exceptions: [(t: Int, day: Int, mask: DayMask, adds: Bool)] = []
        func refShift(_ t: Int, _ day: Int) -> DayMask {
            var m = a.grid.mask(region.roster[t].shift)[Weekday(dayIndex: day)]
            for e in exceptions where e.t == t && e.day == day { m = e.adds ? m | e.mask : m & ~e.mask }
            return m
        }
        func refFree(_ t: Int, _ day: Int) -> DayMask {
            var m = refShift(t, day)
            for r in live.values where r.tech == t && r.day == day { m = m & ~DayMask(slots: r.start ..< r.start + r.len) }
            return m
        }
        func dropExpired(_ now: SimTime) {
            for (id, r) in live where r.held && r.expiry <= now.ticks { live[id] = nil }
            a.expireHolds(now: now)
        }
        var compared = 0, nonEmpty = 0
        for day in 0..<200 {
            var now = SimTime(day: day, hour: 7)
            if day > 0 {
                dropExpired(now)
                let bookings = live.values.filter { $0.day < day && !$0.held }.count
                let holds = live.values.filter { $0.day < day && $0.held }.count
                #expect(try a.advance(toDay: day) == CalendarAdvance(retiredBookings: bookings, releasedHolds: holds, retiredDays: 1))
                for (id, r) in live where r.day < day { live[id] = nil; #expect(a.reservation(id) == nil) }
                #expect(a.firstDay == day && a.lastDay == day + 27)
                let audit = a.audit()
                #expect(audit.isClean && audit.holds + audit.bookings == live.count, "day \(day): \(audit)")
            }
            for _ in 0..<12 {
                now += .minutes(Int64(rng.nextInt(below: 40)))
                switch rng.nextInt(below: 10) {
                case 0, 1, 2:
                    var q = region.request(&rng, policy: RankingPolicy.allCases[Int(rng.nextInt(below: 4))])
                    if rng.nextUnit() < 0.3 { q.earliestStart = now + .hours(Int64(rng.nextInt(below: 72))) }
                    dropExpired(now)
                    let o = try a.offer(q, now: now)
                    let brute = PropertyTests.brute(region, a, live, q, now: now)
                    // The oracle reads the roster's shifts; compare where no exception touched the window.
                    if exceptions.allSatisfy({ $0.day < a.firstDay || $0.day > a.lastDay }) {
                        #expect(o.slots.map { ($0.technician, $0.day, $0.startSlot) }.elementsEqual(brute, by: ==), "day \(day)")
                        compared += 1
                    }
                    if !o.slots.isEmpty { nonEmpty += 1 }
                    if let s = o.slots.first, rng.nextUnit() < 0.7 {
                        let ttl = SimDuration.minutes(Int64(10 + rng.nextInt(below: 600)))
                        let id = try a.hold(s, for: q, ttl: ttl, now: now)
                        live[id] = PropertyTests.Ref(tech: s.technician, day: s.day, start: s.startSlot, len: s.reservedSlots,
                                                     held: true, expiry: (now + ttl).ticks)
                        ids.append(id)
                    }
                case 3, 4:
                    guard !ids.isEmpty else { continue }
                    let id = ids[Int(rng.nextInt(below: UInt64(ids.count)))]
                    dropExpired(now)
                    if let r = live[id], r.held { try a.confirm(id, now: now); live[id]!.held = false }
                case 5:
                    guard !ids.isEmpty else { continue }
                    let k = Int(rng.nextInt(below: UInt64(ids.count)))
                    if live[ids[k]] != nil { try a.cancel(ids[k]); live[ids[k]] = nil }
                    ids.remove(at: k)
                case 6 where day < 60:
                    // Overtime or an absence on a day beyond the window (nothing to displace). Only in the
                    // first 60 days, so that from day ~120 on the brute-force oracle (roster shifts) applies.
                    let t = Int(rng.nextInt(below: UInt64(region.roster.count)))
                    let d = a.lastDay + 1 + Int(rng.nextInt(below: 30))
                    let h = 6 + Int(rng.nextInt(below: 10))
                    let from = SimTime(day: d, hour: h), to = SimTime(day: d, hour: h + 2)
                    let adds = rng.nextUnit() < 0.5
                    if adds { try a.addOvertime(technician: t, from: from, to: to) } else {
                        #expect(try a.markAbsence(technician: t, from: from, to: to, now: now, holdTTL: hrs(1)).isEmpty)
                    }
                    exceptions.append((t, d, DayMask(slots: 4 * h ..< 4 * h + 8), adds))
                default:
                    // A direct booking on a random day of the window: succeeds iff free in the reference.
                    let t = Int(rng.nextInt(below: UInt64(region.roster.count)))
                    let d = a.firstDay + Int(rng.nextInt(below: 28))
                    let len = 1 + Int(rng.nextInt(below: 8))
                    let start = Int(rng.nextInt(below: UInt64(96 - len)))
                    let spec = region.roster[t]
                    let skill = try #require(Skill.allCases.first { spec.skills[$0] > 0 })
                    let q = OfferRequest(zone: max(0, spec.homeZone), kind: spec.kind, skill: skill, duration: .minutes(Int64(15 * len)))
                    dropExpired(now)
                    let want = refFree(t, d).isSuperset(of: DayMask(slots: start ..< start + len))
                    if let id = try? a.book(slot(t, day: d, start: start, len: len), for: q) {
                        #expect(want)
                        live[id] = PropertyTests.Ref(tech: t, day: d, start: start, len: len, held: false, expiry: .max)
                        ids.append(id)
                    } else {
                        #expect(!want)
                    }
                }
            }
        }
        dropExpired(SimTime(day: 199, hour: 23))
        #expect(a.audit().isClean)
        for t in 0..<region.roster.count {
            for d in a.firstDay ... a.lastDay { #expect(try a.freeSlots(technician: t, day: d) == refFree(t, d), "t \(t) day \(d)") }
        }
        #expect(compared > 100 && nonEmpty > compared / 2)
    }
}
