import DiscreteEvents
import Testing
@testable import TechnicianBooking

/// Strict holds (optimistic concurrency on the technician-day calendar version) and version bumps.
@Suite struct StrictHoldTests {
    let req = OfferRequest(zone: 0, skill: .draughtSystems, duration: mins(60))

    /// Runs `body` and reports whether (`t`, `day`)'s calendar version changed.
    func bumps(_ a: inout TechnicianAllocator, _ t: Int, _ day: Int, _ body: (inout TechnicianAllocator) throws -> Void) throws -> Bool {
        let before = try a.calendarVersion(technician: t, day: day)
        try body(&a)
        return try a.calendarVersion(technician: t, day: day) != before
    }

    @Test func strictHoldFailsAfterAnotherBookingOnTheSameDayLenientSucceeds() throws {
        var a = try smallAllocator()
        let best = try #require(try a.offer(req, now: mondayMorning).slots.first)
        #expect(best.technician == 0 && best.day == 0 && best.startSlot == 32)
        // Someone else books a different slot of the same technician-day.
        _ = try a.book(slot(0, day: 0, start: 48, len: 4), for: req)
        #expect(try a.freeSlots(technician: 0, day: 0).isSuperset(of: DayMask(slots: 32 ..< 36)))   // still free
        let stale = AllocatorError.staleOffer(technician: 0, day: 0, offered: best.calendarVersion, current: best.calendarVersion &+ 1)
        #expect(throws: stale) {
            try a.hold(best, for: req, ttl: mins(10), now: mondayMorning, expectedVersion: best.calendarVersion)
        }
        #expect(stale.description.contains("technician 0's calendar for day 0 changed 1 time since the offer"))
        #expect(a.holdCount == 0)                                            // the failed hold changed nothing
        #expect(try a.calendarVersion(technician: 0, day: 0) == best.calendarVersion &+ 1)
        // The default (lenient) hold only needs the slots to be free.
        let h = try a.hold(best, for: req, ttl: mins(10), now: mondayMorning)
        #expect(a.reservation(h)?.state == .held)
        #expect(a.audit().isClean)
    }

    @Test func strictHoldSucceedsWhenTheTechnicianDayIsUnchanged() throws {
        var a = try smallAllocator()
        let best = try #require(try a.offer(req, now: mondayMorning).slots.first)
        // Changes to other technician-days do not make the offer stale.
        _ = try a.book(slot(0, day: 1, start: 32, len: 4), for: req)
        _ = try a.book(slot(1, day: 0, start: 32, len: 4, travel: 2), for: req)
        let h = try a.hold(best, for: req, ttl: mins(10), now: mondayMorning, expectedVersion: best.calendarVersion)
        #expect(a.reservation(h)?.startSlot == 32)
        // A second strict hold on the now-changed day with the old version is stale, even on free slots.
        let later = slot(0, day: 0, start: 40, len: 4)
        #expect(throws: AllocatorError.staleOffer(technician: 0, day: 0, offered: best.calendarVersion, current: best.calendarVersion &+ 1)) {
            try a.hold(later, for: req, ttl: mins(10), now: mondayMorning, expectedVersion: best.calendarVersion)
        }
        // Bad ids are still reported by name before the version.
        #expect(throws: AllocatorError.unknownTechnician(42)) {
            try a.hold(slot(42, day: 0, start: 32, len: 4), for: req, ttl: mins(5), now: mondayMorning, expectedVersion: 0)
        }
        #expect(throws: AllocatorError.dayOutOfRange(99, firstDay: 0, lastDay: 13)) {
            try a.hold(slot(0, day: 99, start: 32, len: 4), for: req, ttl: mins(5), now: mondayMorning, expectedVersion: 0)
        }
    }

    @Test func aLapsedUnreapedHoldDoesNotMakeAnOfferStale() throws {
        var a = try smallAllocator()
        _ = try a.hold(slot(0, day: 0, start: 32, len: 4), for: req, ttl: mins(10), now: mondayMorning)
        let later = mondayMorning + mins(20)                  // the hold lapsed but nobody reaped it yet
        let v = try a.calendarVersion(technician: 0, day: 0)
        let h = try a.hold(slot(0, day: 0, start: 40, len: 4), for: req, ttl: mins(10), now: later, expectedVersion: v)
        #expect(a.holdCount == 1 && a.reservation(h) != nil)  // reaped by this hold, then held
        #expect(try a.calendarVersion(technician: 0, day: 0) == v &+ 2)
    }

    @Test func everyMutationKindBumpsTheVersion() throws {
        var a = try smallAllocator()
        let s = slot(0, day: 0, start: 32, len: 4)
        var id = ReservationID(index: -1, generation: 0)
        #expect(try bumps(&a, 0, 0) { id = try $0.hold(s, for: req, ttl: mins(10), now: mondayMorning) })
        #expect(try bumps(&a, 0, 0) { try $0.confirm(id, now: mondayMorning) })
        #expect(try bumps(&a, 0, 0) { try $0.cancel(id) })
        #expect(try bumps(&a, 0, 0) { id = try $0.hold(s, for: req, ttl: mins(10), now: mondayMorning) })
        #expect(try bumps(&a, 0, 0) { try $0.release(id) })
        #expect(try bumps(&a, 0, 0) { id = try $0.book(s, for: req) })
        #expect(try bumps(&a, 0, 0) { try $0.cancel(id) })
        // Expiry, reaped explicitly and reaped lazily by a later hold on another day.
        _ = try a.hold(s, for: req, ttl: mins(10), now: mondayMorning)
        var expired: [ReservationID] = []
        #expect(try bumps(&a, 0, 0) { expired = $0.expireHolds(now: mondayMorning + mins(10)) })
        #expect(expired.count == 1)
        _ = try a.hold(s, for: req, ttl: mins(10), now: mondayMorning)
        #expect(try bumps(&a, 0, 0) { _ = try $0.hold(slot(0, day: 1, start: 32, len: 4), for: req, ttl: mins(10), now: mondayMorning + mins(10)) })
        // Reschedule bumps both the old and the new technician-day.
        id = try a.book(s, for: req)
        let v00 = try a.calendarVersion(technician: 0, day: 0)
        #expect(try bumps(&a, 0, 2) { try $0.reschedule(id, to: slot(0, day: 2, start: 32, len: 4)) })
        #expect(try a.calendarVersion(technician: 0, day: 0) != v00)
        // Exceptions: absence, holiday, overtime.
        #expect(try bumps(&a, 0, 3) { _ = try $0.markAbsence(technician: 0, from: SimTime(day: 3, hour: 9), to: SimTime(day: 3, hour: 10), now: mondayMorning, holdTTL: hrs(1)) })
        #expect(try bumps(&a, 2, 4) { _ = try $0.markHoliday(day: 4, now: mondayMorning, holdTTL: hrs(1)) })
        #expect(try bumps(&a, 1, 5) { try $0.addOvertime(technician: 1, from: SimTime(day: 5, hour: 17), to: SimTime(day: 5, hour: 19)) })
        // Offers and failed operations change nothing.
        #expect(try !bumps(&a, 0, 2) { _ = try $0.offer(req, now: mondayMorning) })
        #expect(try !bumps(&a, 0, 2) { _ = try? $0.book(slot(0, day: 2, start: 32, len: 4), for: req) })
        #expect(try !bumps(&a, 0, 2) { _ = try? $0.reschedule(id, to: slot(0, day: 2, start: 0, len: 4)) })   // off shift
        #expect(a.audit().isClean)
    }

    @Test func deskBatchStrictHold() async throws {
        let desk = TechnicianDesk(region: 0, allocator: try smallAllocator())
        let offered = await desk.submit([.offer(req)], now: mondayMorning)
        guard case .offered(let slots) = offered[0] else { Issue.record("no offer"); return }
        let best = slots[0]
        _ = await desk.submit([.book(slot(0, day: 0, start: 48, len: 4), req)], now: mondayMorning)
        let out = await desk.submit([.hold(best, req, ttl: mins(10), expectedVersion: best.calendarVersion),
                                     .hold(best, req, ttl: mins(10))], now: mondayMorning)
        guard case .failed(let e) = out[0] else { Issue.record("strict hold should fail: \(out[0])"); return }
        #expect(e == .staleOffer(technician: 0, day: 0, offered: best.calendarVersion, current: best.calendarVersion &+ 1))
        guard case .held(_, let s) = out[1] else { Issue.record("lenient hold should succeed: \(out[1])"); return }
        #expect(s == best)
        // Unchanged since a fresh offer: the strict hold succeeds, also through the desk's direct method.
        let fresh = try await desk.offer(req, now: mondayMorning).slots[0]
        let id = try await desk.hold(fresh, for: req, ttl: mins(10), now: mondayMorning, expectedVersion: fresh.calendarVersion)
        #expect(await desk.snapshot().reservation(id)?.state == .held)
    }
}
