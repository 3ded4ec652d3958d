import DiscreteEvents
import Testing
@testable import TechnicianBooking

@Suite struct OfferTests {
    @Test func earliestOffersHomeTechnicianFirst() throws {
        var a = try smallAllocator()
        let req = OfferRequest(zone: 0, skill: .draughtSystems, duration: mins(60))
        let o = try a.offer(req, now: mondayMorning)
        #expect(o.reason == nil)
        #expect(o.slots.count == 3)
        let best = try #require(o.slots.first)
        #expect(best.technician == 0 && best.day == 0 && best.startSlot == 32 && best.travelSlots == 0)
        #expect(best.visitStart == SimTime(day: 0, hour: 8) && best.visitEnd == SimTime(day: 0, hour: 9))
        // Technician 1 (zone 1, 30 min away) can start travelling at 08:00, visit at 08:30.
        #expect(o.slots.contains { $0.technician == 1 && $0.day == 0 && $0.travelSlots == 2 })
        #expect(o.slots == o.slots.sorted { $0.rankKey < $1.rankKey })
    }

    @Test func leastTravelAndSameTechnicianAndBalanced() throws {
        var a = try smallAllocator()
        var req = OfferRequest(zone: 1, skill: .draughtSystems, duration: mins(60), policy: .leastTravel)
        var o = try a.offer(req, now: mondayMorning)
        #expect(o.slots.first?.technician == 1)          // home zone 1, no travel
        req.policy = .sameTechnician; req.preferredTechnician = 0
        o = try a.offer(req, now: mondayMorning)
        #expect(o.slots.first?.technician == 0)
        // Load technician 0 heavily: balancedLoad prefers technician 1.
        _ = try a.book(slot(0, day: 1, start: 32, len: 20), for: OfferRequest(zone: 0, skill: .draughtSystems, duration: mins(300)))
        req.policy = .balancedLoad; req.preferredTechnician = -1
        o = try a.offer(req, now: mondayMorning)
        #expect(o.slots.first?.technician == 1)
    }

    @Test func remoteSpecialistsIgnoreZones() throws {
        var a = try smallAllocator()
        let o = try a.offer(OfferRequest(zone: 2, kind: .remote, skill: .draughtSystems, duration: mins(15)), now: mondayMorning)
        #expect(o.slots.allSatisfy { $0.technician == 3 && $0.travelSlots == 0 })
        #expect(o.slots.map(\.day) == [0, 1, 2])    // one window per (technician, day)
    }

    @Test func retailerAvailabilityIsHonoured() throws {
        var a = try smallAllocator()
        var avail = WeeklyMask(repeating: .empty)
        avail[.wednesday] = a.grid.mask([TimeWindow(from: 14, to: 16)])
        let req = OfferRequest(zone: 0, skill: .draughtSystems, duration: mins(60), severity: .minor, availability: avail)
        let o = try a.offer(req, now: mondayMorning)
        #expect(!o.slots.isEmpty)
        for s in o.slots {
            #expect(s.visitStart.weekday == .wednesday)
            #expect(s.visitStart.timeOfDay >= hrs(14) && s.visitEnd.timeOfDay <= hrs(16))
        }
    }

    @Test func horizonBySeverity() throws {
        var a = try smallAllocator()
        // Fill technician 0 and 1 for the next 3 weeks except day 9.
        for t in 0...1 {
            let fill = OfferRequest(zone: t, skill: .draughtSystems, duration: mins(540))
            for d in 0..<14 where d != 9 && !Weekday(dayIndex: d).isWeekend { _ = try a.book(slot(t, day: d, start: 32, len: 36), for: fill) }
        }
        let down = OfferRequest(zone: 0, skill: .draughtSystems, duration: mins(60), severity: .machineDown)
        let o = try a.offer(down, now: mondayMorning)
        #expect(o.slots.isEmpty)
        #expect(o.reason?.description == "no technician with skill draught systems in zone 0 within 24 business hours")
        var minor = down; minor.severity = .minor
        let m = try a.offer(minor, now: mondayMorning)
        #expect(m.slots.first?.day == 9)
    }
}

@Suite struct BadInputTests {
    @Test func typedErrorsAndReasons() throws {
        var a = try smallAllocator()
        let ok = OfferRequest(zone: 0, skill: .draughtSystems, duration: mins(60))
        var r = ok; r.duration = .zero
        #expect(throws: AllocatorError.invalidDuration(.zero)) { try a.offer(r, now: mondayMorning) }
        r.duration = mins(-5)
        #expect(throws: AllocatorError.invalidDuration(mins(-5))) { try a.offer(r, now: mondayMorning) }
        r = ok; r.duration = hrs(25)
        #expect(throws: AllocatorError.self) { try a.offer(r, now: mondayMorning) }
        r = ok; r.topK = 0
        #expect(throws: AllocatorError.invalidTopK(0)) { try a.offer(r, now: mondayMorning) }
        r = ok; r.zone = 9
        #expect(throws: AllocatorError.unknownZone(9)) { try a.offer(r, now: mondayMorning) }
        r = ok; r.preferredTechnician = 99; r.policy = .sameTechnician
        #expect(throws: AllocatorError.unknownTechnician(99)) { try a.offer(r, now: mondayMorning) }
        #expect(throws: AllocatorError.unknownTechnician(42)) { try a.hold(slot(42, day: 0, start: 32, len: 4), for: ok, ttl: mins(5), now: mondayMorning) }
        #expect(throws: AllocatorError.dayOutOfRange(99, firstDay: 0, lastDay: 13)) { try a.book(slot(0, day: 99, start: 32, len: 4), for: ok) }
        #expect(throws: AllocatorError.outsideShift(technician: 0, day: 0, start: 4)) { try a.book(slot(0, day: 0, start: 4, len: 4), for: ok) }
        #expect(throws: AllocatorError.skillMismatch(technician: 2, skill: .draughtSystems, level: 1)) { try a.book(slot(2, day: 0, start: 32, len: 4), for: ok) }
        #expect(throws: AllocatorError.invalidTTL(.zero)) { try a.hold(slot(0, day: 0, start: 32, len: 4), for: ok, ttl: .zero, now: mondayMorning) }
        #expect(throws: AllocatorError.self) { try SlotGrid(minutesPerSlot: 7) }
        #expect(AllocatorError.invalidDuration(.zero).description.hasPrefix("duration:"))

        // A skill nobody has; a level nobody has; out of reach; a window outside every shift.
        r = ok; r.skill = .installation
        #expect(try a.offer(r, now: mondayMorning).reason == .noTechnicianWithSkill(.installation, minimumLevel: 1, kind: .field))
        r = ok; r.minimumLevel = 5
        #expect(try a.offer(r, now: mondayMorning).reason == .noTechnicianWithSkill(.draughtSystems, minimumLevel: 5, kind: .field))
        var near = try smallAllocator(maxTravel: 30)
        r = ok; r.skill = .refrigeration; r.zone = 0
        #expect(try near.offer(r, now: mondayMorning).reason == .noTechnicianInReach(.refrigeration, zone: 0))
        r = ok; r.availability = WeeklyMask(repeating: a.grid.mask([TimeWindow(from: 20, to: 23)]))
        let night = try a.offer(r, now: mondayMorning)
        #expect(night.slots.isEmpty)
        #expect(night.reason?.description == "no technician with skill draught systems in zone 0 within 48 business hours")
        #expect(a.audit().isClean)
    }

    @Test func rosterErrorsNameTheField() {
        let zones = ZoneMap.grid(width: 2, height: 1, minutesPerStep: 10)
        let bad = [TechnicianSpec(homeZone: 5, skills: SkillLevels([(.draughtSystems, 1)]), shift: .weekdays(TimeWindow(from: 8, to: 17)))]
        #expect(throws: AllocatorError.invalidParameter(name: "technicians[0].homeZone", message: "unknown zone 5 (have 2)")) {
            try TechnicianAllocator(roster: bad, zones: zones)
        }
        #expect(throws: AllocatorError.self) { try TechnicianAllocator(roster: [], zones: zones, config: AllocatorConfig(days: 0)) }
        #expect(throws: AllocatorError.self) { try ZoneMap(travelMinutes: [[0, -1], [1, 0]]) }
    }
}
