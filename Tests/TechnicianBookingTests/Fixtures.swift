import DiscreteEvents
@testable import TechnicianBooking

/// A tiny hand-made region (SLA counted on `policy`): 3 zones in a line (30 min apart), 4 technicians, 14 days.
func smallAllocator(days: Int = 14, maxTravel: Int = 60, policy: SLAPolicy = .standard) throws -> TechnicianAllocator {
    let zones = try ZoneMap(travelMinutes: [[0, 30, 60], [30, 0, 30], [60, 30, 0]])
    let office = WeeklyHours.weekdays(TimeWindow(from: 8, to: 17))
    let roster = [
        TechnicianSpec(homeZone: 0, skills: SkillLevels([(.draughtSystems, 3)]), shift: office),          // 0
        TechnicianSpec(homeZone: 1, skills: SkillLevels([(.draughtSystems, 1), (.coffeeMachines, 2)]), shift: office), // 1
        TechnicianSpec(homeZone: 2, skills: SkillLevels([(.refrigeration, 2)]), shift: office),           // 2
        TechnicianSpec(kind: .remote, homeZone: 0, skills: SkillLevels([(.draughtSystems, 2)]), shift: office), // 3
    ]
    return try TechnicianAllocator(roster: roster, zones: zones, config: AllocatorConfig(days: days, slaPolicy: policy, maxTravelMinutes: maxTravel))
}

/// Monday of week 0, 08:00.
let mondayMorning = SimTime(day: 0, hour: 8)

/// Slot offer for a hand-picked slot.
func slot(_ t: Int, day: Int, start: Int, len: Int, travel: Int = 0) -> SlotOffer {
    SlotOffer(technician: t, day: day, startSlot: start, travelSlots: travel, visitSlots: len,
              calendarVersion: 0, rankKey: 0, visitStart: .zero, visitEnd: .zero)
}

/// `n` minutes (SimDuration's Int64/Double overloads make a bare literal ambiguous).
func mins(_ n: Int) -> SimDuration { .minutes(Int64(n)) }
/// `n` hours.
func hrs(_ n: Int) -> SimDuration { .hours(Int64(n)) }
