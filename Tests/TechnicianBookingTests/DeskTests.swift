import DiscreteEvents
import Testing
import EngineWorkloads
@testable import TechnicianBooking

@Suite struct DeskTests {
    /// 8 clients race for the same slots (same zone and skill): offer, hold the best, confirm; afterwards
    /// the audit finds no double booking and every confirmed id is a live booking.
    @Test func concurrentClientsNeverDoubleBook() async throws {
        let region = SyntheticRegion(technicians: 30, days: 7, zoneGrid: 2, seed: 11)
        let router = TechnicianDeskRouter(allocators: [region.makeAllocator()])
        let desk = try router.desk(region: 0)
        let results = await withTaskGroup(of: (confirmed: [ReservationID], conflicts: Int).self) { group in
            for c in 0..<8 {
                group.addTask {
                    var confirmed: [ReservationID] = []
                    var conflicts = 0
                    let q = OfferRequest(retailer: c, zone: 0, skill: .draughtSystems, duration: mins(45), severity: .minor)
                    for round in 0..<150 {
                        let now = SimTime(day: 0, hour: 8) + SimDuration.seconds(Int64(round))
                        let offered = await desk.submit([.offer(q)], now: now)
                        guard case .offered(let slots) = offered[0] else { continue }
                        let held = await desk.submit([.hold(slots[0], q, ttl: mins(10))], now: now)
                        guard case .held(let id, _) = held[0] else { conflicts += 1; continue }
                        let done = await desk.submit([.confirm(id)], now: now)
                        if case .done = done[0] { confirmed.append(id) }
                    }
                    return (confirmed, conflicts)
                }
            }
            var all: [(confirmed: [ReservationID], conflicts: Int)] = []
            for await r in group { all.append(r) }
            return all
        }
        let audit = await desk.audit()
        #expect(audit.isClean, "\(audit)")
        #expect(audit.doubleBookings == 0)
        let confirmed = results.flatMap(\.confirmed)
        #expect(Set(confirmed).count == confirmed.count)
        #expect(audit.bookings == confirmed.count)
        let snap = await desk.snapshot()
        for id in confirmed { #expect(snap.reservation(id)?.state == .booked) }
        #expect(try await desk.markAbsence(technician: 0, from: SimTime(day: 1, hour: 0), to: SimTime(day: 2, hour: 0),
                                           now: SimTime(day: 0, hour: 9), holdTTL: hrs(1)).count >= 0)
        #expect(await desk.audit().isClean)
        #expect(throws: AllocatorError.self) { try router.desk(region: 3) }
    }

    @Test func batchesReportTypedFailures() async throws {
        let desk = TechnicianDesk(region: 0, allocator: try smallAllocator())
        let q = OfferRequest(zone: 0, skill: .draughtSystems, duration: mins(60))
        var bad = q; bad.duration = .zero
        let r = await desk.submit([.offerAndHold(q, ttl: mins(5)), .offer(bad), .cancel(ReservationID(index: 99, generation: 0))], now: mondayMorning)
        guard case .held(let id, let s) = r[0] else { Issue.record("expected a hold"); return }
        #expect(s.technician == 0)
        guard case .failed(.invalidDuration) = r[1] else { Issue.record("expected invalidDuration"); return }
        guard case .failed(.unknownReservation) = r[2] else { Issue.record("expected unknownReservation"); return }
        try await desk.confirm(id, now: mondayMorning)
        #expect(await desk.audit().bookings == 1)
    }

    @Test func deskAdvancesTheCalendarAndReportsExpiredHolds() async throws {
        let desk = TechnicianDesk(region: 0, allocator: try smallAllocator(days: 14))
        let q = OfferRequest(zone: 0, skill: .draughtSystems, duration: mins(60))
        let held = try await desk.hold(slot(0, day: 0, start: 32, len: 4), for: q, ttl: mins(10), now: mondayMorning)
        _ = try await desk.hold(slot(0, day: 3, start: 32, len: 4), for: q, ttl: hrs(200), now: mondayMorning)
        #expect(await desk.expireHolds(now: mondayMorning + mins(10)) == [held])
        #expect(try await desk.advance(toDay: 5) == CalendarAdvance(retiredBookings: 0, releasedHolds: 1, retiredDays: 5))
        #expect(await desk.calendarWindow() == 5...18)
        let r = await desk.submit([.book(slot(0, day: 4, start: 32, len: 4), q)], now: SimTime(day: 5, hour: 8))
        guard case .failed(.dayOutOfRange(4, firstDay: 5, lastDay: 18)) = r[0] else { Issue.record("expected dayOutOfRange, got \(r[0])"); return }
        #expect(await desk.audit().isClean)
    }
}
