import DiscreteEvents
import Testing
@testable import TechnicianBooking

@Suite struct ReservationTests {
    let req = OfferRequest(zone: 0, skill: .draughtSystems, duration: mins(60))

    @Test func holdConfirmReleaseExpire() throws {
        var a = try smallAllocator()
        let s = slot(0, day: 0, start: 32, len: 4)
        let v0 = try a.calendarVersion(technician: 0, day: 0)
        let h = try a.hold(s, for: req, ttl: mins(10), now: mondayMorning)
        #expect(try a.calendarVersion(technician: 0, day: 0) == v0 &+ 1)
        #expect(throws: AllocatorError.slotUnavailable(technician: 0, day: 0, start: 32)) { try a.hold(s, for: req, ttl: mins(10), now: mondayMorning) }
        try a.confirm(h, now: mondayMorning + mins(5))
        #expect(a.reservation(h)?.state == .booked)
        #expect(throws: AllocatorError.notHeld(h)) { try a.release(h) }
        try a.cancel(h)
        #expect(a.reservation(h) == nil)
        #expect(throws: AllocatorError.unknownReservation(h)) { try a.cancel(h) }
        #expect(try a.freeSlots(technician: 0, day: 0).isSuperset(of: DayMask(slots: 32 ..< 36)))

        // Expiry: a hold not confirmed in time is gone, and its slots are offerable again.
        let h2 = try a.hold(s, for: req, ttl: mins(10), now: mondayMorning)
        #expect(throws: AllocatorError.holdExpired(h2)) { try a.confirm(h2, now: mondayMorning + mins(10)) }
        #expect(a.reservation(h2) == nil)
        let h3 = try a.hold(s, for: req, ttl: mins(10), now: mondayMorning)
        #expect(a.expireHolds(now: mondayMorning + mins(9)) == [])
        #expect(a.expireHolds(now: mondayMorning + mins(10)) == [h3])
        #expect(a.reservation(h3) == nil)
        let o = try a.offer(req, now: mondayMorning)
        #expect(o.slots.first?.technician == 0 && o.slots.first?.startSlot == 32)
        #expect(a.audit().isClean)
    }

    @Test func rescheduleIsAtomic() throws {
        var a = try smallAllocator()
        let b = try a.book(slot(0, day: 0, start: 32, len: 4), for: req)
        let other = try a.book(slot(0, day: 1, start: 40, len: 4), for: req)
        #expect(throws: AllocatorError.slotUnavailable(technician: 0, day: 1, start: 38)) { try a.reschedule(b, to: slot(0, day: 1, start: 38, len: 4)) }
        #expect(a.reservation(b)?.day == 0)
        #expect(throws: AllocatorError.self) { try a.reschedule(b, to: slot(1, day: 2, start: 36, len: 4)) }   // no travel time
        try a.reschedule(b, to: slot(1, day: 2, start: 36, len: 4, travel: 2))
        #expect(a.reservation(b)?.technician == 1)
        #expect(try a.freeSlots(technician: 0, day: 0).isSuperset(of: DayMask(slots: 32 ..< 36)))
        #expect(a.reservation(other) != nil)
        #expect(a.audit().isClean)
    }

    @Test func absenceDisplacesInPriorityOrder() throws {
        var a = try smallAllocator()
        var minor = req; minor.severity = .minor
        var down = req; down.severity = .machineDown
        let m = try a.book(slot(0, day: 1, start: 32, len: 4), for: minor)    // booked first
        let d = try a.book(slot(0, day: 1, start: 40, len: 4), for: down)
        let keep = try a.book(slot(0, day: 2, start: 40, len: 4), for: down)
        let out = try a.markAbsence(technician: 0, from: SimTime(day: 1, hour: 0), to: SimTime(day: 2, hour: 0),
                                    now: SimTime(day: 0, hour: 18), holdTTL: hrs(2))
        #expect(out.map(\.original) == [d, m])                 // machine down re-offered first
        #expect(out.allSatisfy { $0.newHold != nil })
        for x in out { #expect(x.offers.allSatisfy { !($0.technician == 0 && $0.day == 1) }) }
        #expect(a.reservation(keep) != nil)
        #expect(try a.shiftSlots(technician: 0, day: 1).isEmpty)
        #expect(a.audit().isClean)
        // Holiday displaces everyone on the day; overtime reopens slots.
        let h = try a.markHoliday(day: 2, now: SimTime(day: 0, hour: 18), holdTTL: hrs(1))
        #expect(h.contains { $0.original == keep })
        try a.addOvertime(technician: 1, from: SimTime(day: 5, hour: 9), to: SimTime(day: 5, hour: 12))
        #expect(try a.freeSlots(technician: 1, day: 5) == DayMask(slots: 36 ..< 48))
        #expect(a.audit().isClean)
    }
}
