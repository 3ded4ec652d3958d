import DiscreteEvents
import Testing
@testable import TechnicianBooking

/// SLA deadlines counted on the kernel's `BusinessCalendar`: weekends, holidays, regional hours.
@Suite struct SLACalendarTests {
    /// Books technicians 0 (zone 0) and 1 (zone 1) from `from` to `to` o'clock on `day`.
    static func fill(_ a: inout TechnicianAllocator, day: Int, from: Int = 8, to: Int = 17) throws {
        for t in 0...1 {
            let request = OfferRequest(zone: t, skill: .draughtSystems, duration: hrs(to - from))
            _ = try a.book(slot(t, day: day, start: from * 4, len: (to - from) * 4), for: request)
        }
    }

    /// One horizon for every severity.
    static func uniform(_ horizon: SLAHorizon, calendar: BusinessCalendar = SLAPolicy.officeHours) -> SLAPolicy {
        SLAPolicy(horizons: Array(repeating: horizon, count: Severity.allCases.count), calendar: calendar)
    }

    @Test func defaultCalendarIsOfficeHours() throws {
        let policy = SLAPolicy.standard
        #expect(policy.calendar == (try BusinessCalendar.weekdays([OpeningHours(fromHour: 8, toHour: 17)])))
        #expect(policy.calendar.holidays.isEmpty)
        #expect(AllocatorConfig().slaPolicy == policy)
        // Monday 08:00 + 24 business hours (9 h a day) → Wednesday 14:00; elapsed horizons ignore the calendar.
        #expect(policy.deadline(.machineDown, after: mondayMorning) == SimTime(day: 2, hour: 14))
        #expect(policy.deadline(after: mondayMorning, horizon: .elapsed(hrs(3))) == SimTime(day: 0, hour: 11))
    }

    @Test func deadlineAcrossWeekend() throws {
        let friday = SimTime(day: 4, hour: 16)
        let twoHours = Self.uniform(.businessHours(2))
        // Friday 16:00 + 2 business hours → Monday 09:00; from Saturday, 9 hours end Monday 17:00.
        #expect(twoHours.deadline(.minor, after: friday) == SimTime(day: 7, hour: 9))
        #expect(twoHours.deadline(after: SimTime(day: 5, hour: 10), horizon: .businessHours(9)) == SimTime(day: 7, hour: 17))
        // A region open Saturday mornings counts them.
        let saturdays = try BusinessCalendar(openingHours: [
            .monday: [OpeningHours(fromHour: 8, toHour: 17)], .friday: [OpeningHours(fromHour: 8, toHour: 17)],
            .saturday: [OpeningHours(fromHour: 8, toHour: 12)],
        ])
        #expect(Self.uniform(.businessHours(2), calendar: saturdays).deadline(.minor, after: friday) == SimTime(day: 5, hour: 9))

        // Friday fully booked: the offer skips the weekend and stops at Monday 09:00.
        var a = try smallAllocator(policy: twoHours)
        try Self.fill(&a, day: 4)
        let req = OfferRequest(zone: 0, skill: .draughtSystems, duration: mins(60))
        let o = try a.offer(req, now: friday)
        #expect(o.reason == nil)
        #expect(o.slots.map(\.technician) == [0, 1])
        #expect(o.slots.allSatisfy { $0.day == 7 && $0.visitStart <= SimTime(day: 7, hour: 9) })
        // Counted in elapsed time, the same 2 hours end Friday 18:00: nothing.
        var elapsed = try smallAllocator(policy: Self.uniform(.elapsed(hrs(2))))
        try Self.fill(&elapsed, day: 4)
        #expect(try elapsed.offer(req, now: friday).slots.isEmpty)
    }

    @Test func deadlineAcrossHoliday() throws {
        // Monday (day 7) is a holiday: Friday 08:00 + 24 business hours = Fri 9 h, Tue 9 h, Wed 6 h → Wed 14:00.
        let holiday = try BusinessCalendar.weekdays([OpeningHours(fromHour: 8, toHour: 17)], holidays: [7])
        let friday = SimTime(day: 4, hour: 8)
        let policy = SLAPolicy(calendar: holiday)
        #expect(policy.deadline(.machineDown, after: friday) == SimTime(day: 9, hour: 14))
        #expect(SLAPolicy.standard.deadline(.machineDown, after: friday) == SimTime(day: 8, hour: 14))

        // Technicians (who do work that Monday) are booked Fri, Mon, Tue and Wed until 14:00.
        let req = OfferRequest(zone: 0, skill: .draughtSystems, duration: mins(60), severity: .machineDown)
        func prepared(_ policy: SLAPolicy) throws -> TechnicianAllocator {
            var a = try smallAllocator(policy: policy)
            for day in [4, 7, 8] { try Self.fill(&a, day: day) }
            try Self.fill(&a, day: 9, to: 14)
            return a
        }
        // Without the holiday the deadline is Tuesday 14:00: nothing is free before it.
        var plain = try prepared(.standard)
        let none = try plain.offer(req, now: friday)
        #expect(none.slots.isEmpty)
        #expect(none.reason?.description == "no technician with skill draught systems in zone 0 within 24 business hours")
        // With it, Wednesday 14:00 is the last start: technician 0 at 14:00 is in; technician 1 (30 min travel,
        // visit 14:30) and every later day are beyond the deadline.
        var a = try prepared(policy)
        let o = try a.offer(req, now: friday)
        #expect(o.reason == nil)
        #expect(o.slots.count == 1)
        let only = try #require(o.slots.first)
        #expect(only.technician == 0 && only.day == 9 && only.visitStart == SimTime(day: 9, hour: 14))
        // A minor fault (120 business hours) reaches past the holiday week.
        var minor = req; minor.severity = .minor
        #expect(try a.offer(minor, now: friday).slots.contains { $0.day > 9 })
        #expect(a.audit().isClean)
    }

    @Test func neverOpenCalendarGivesReason() throws {
        let closed = try BusinessCalendar(openingHours: [:])
        for calendar in [closed, BusinessCalendar.neverOpen] {
            var a = try smallAllocator(policy: SLAPolicy(calendar: calendar))
            let req = OfferRequest(zone: 0, skill: .draughtSystems, duration: mins(60), severity: .degraded)
            let o = try a.offer(req, now: mondayMorning)
            #expect(o.slots.isEmpty)
            #expect(o.reason == .calendarNeverOpen(horizon: .businessHours(48)))
            #expect(o.reason?.description == "the business calendar never opens, so no slot is within 48 business hours")
            // Roster reasons still come first; elapsed horizons do not need the calendar.
            var r = req; r.skill = .installation
            #expect(try a.offer(r, now: mondayMorning).reason == .noTechnicianWithSkill(.installation, minimumLevel: 1, kind: .field))
        }
        var elapsed = try smallAllocator(policy: Self.uniform(.elapsed(hrs(48)), calendar: .neverOpen))
        #expect(try elapsed.offer(OfferRequest(zone: 0, skill: .draughtSystems, duration: mins(60)), now: mondayMorning).reason == nil)
    }
}
