import TechnicianBooking
import DiscreteEvents

/// A deterministic synthetic region (roster, zones, request stream) for tests and benchmarks.
public struct SyntheticRegion: Sendable {
    /// Zones on a square-ish grid, 20 minutes per step.
    public let zones: ZoneMap
    /// The roster.
    public let roster: [TechnicianSpec]
    /// Configuration used by `makeAllocator`.
    public let config: AllocatorConfig
    /// Business-hours availability used by a share of requests (weekdays 08–12 and 14–18).
    public let officeHours: WeeklyMask

    /// A region of `technicians` (15% remote specialists) over `days` days and `zoneGrid`² zones, from `seed`.
    /// - Complexity: O(technicians).
    public init(technicians: Int, days: Int, zoneGrid: Int = 4, seed: UInt64) {
        var rng = RandomStream(seed: seed, stream: 1)
        let zones = ZoneMap.grid(width: zoneGrid, height: zoneGrid, minutesPerStep: 20)
        let shifts: [WeeklyHours] = [
            .weekdays(TimeWindow(from: 8, to: 17)),
            .weekdays(TimeWindow(from: 7, to: 16)),
            WeeklyHours(windows: (0..<7).map { $0 >= 1 && $0 <= 5 ? [TimeWindow(from: 9, to: 18)] : [] }),
        ]
        var roster: [TechnicianSpec] = []
        roster.reserveCapacity(technicians)
        for _ in 0..<technicians {
            let remote = rng.nextUnit() < 0.15
            var skills = SkillLevels()
            let p: [Double] = [0.6, 0.4, 0.4, 0.25]
            for s in Skill.allCases where rng.nextUnit() < p[s.rawValue] { skills[s] = 1 + Int(rng.nextInt(below: 3)) }
            if skills.packed == 0 { skills[.draughtSystems] = 1 + Int(rng.nextInt(below: 3)) }
            let u = rng.nextUnit()
            let shift = shifts[u < 0.6 ? 0 : u < 0.8 ? 1 : 2]
            roster.append(TechnicianSpec(kind: remote ? .remote : .field, homeZone: Int(rng.nextInt(below: UInt64(zones.count))),
                                         skills: skills, shift: shift))
        }
        self.zones = zones
        self.roster = roster
        self.config = AllocatorConfig(days: days)
        self.officeHours = config.grid.mask(WeeklyHours(windows: (0..<7).map {
            $0 < 5 ? [TimeWindow(from: 8, to: 12), TimeWindow(from: 14, to: 18)] : []
        }))
    }

    /// A fresh allocator for this region. - Complexity: O(technicians × days).
    public func makeAllocator() -> TechnicianAllocator {
        try! TechnicianAllocator(roster: roster, zones: zones, config: config)
    }

    /// A random request: 85% field, skill mix draught 50% / coffee 20% / refrigeration 20% / installation 10%,
    /// 30–120 minutes, mixed severities, 30% restricted to office hours. - Complexity: O(1).
    public func request(_ rng: inout RandomStream, policy: RankingPolicy = .earliest, topK: Int = 3) -> OfferRequest {
        let zone = Int(rng.nextInt(below: UInt64(zones.count)))
        let kind: ResourceKind = rng.nextUnit() < 0.15 ? .remote : .field
        let u = rng.nextUnit()
        let skill: Skill = u < 0.5 ? .draughtSystems : u < 0.7 ? .coffeeMachines : u < 0.9 ? .refrigeration : .installation
        let minutes = Int64(30 * (1 + rng.nextInt(below: 4)))
        let v = rng.nextUnit()
        let severity: Severity = v < 0.25 ? .machineDown : v < 0.6 ? .degraded : v < 0.7 ? .installation : .minor
        let availability = rng.nextUnit() < 0.3 ? officeHours : .always
        let preferred = policy == .sameTechnician ? Int(rng.nextInt(below: UInt64(max(1, roster.count)))) : -1
        return OfferRequest(retailer: Int(rng.nextInt(below: 1_000_000)), zone: zone, kind: kind, skill: skill,
                            duration: .minutes(minutes), severity: severity, availability: availability,
                            policy: policy, topK: topK, preferredTechnician: roster.isEmpty ? -1 : preferred)
    }

    /// Books random visits until about `fraction` of every technician's shift slots are taken.
    /// Returns the number of bookings made. - Complexity: O(technicians × days).
    @discardableResult
    public func prefill(_ a: inout TechnicianAllocator, fraction: Double, seed: UInt64) -> Int {
        var rng = RandomStream(seed: seed, stream: 2)
        var made = 0
        let spd = a.grid.slotsPerDay
        for t in 0..<roster.count {
            let spec = roster[t]
            guard let skill = Skill.allCases.first(where: { spec.skills[$0] > 0 }) else { continue }
            for day in 0..<a.dayCount {
                guard let shift = try? a.shiftSlots(technician: t, day: day), !shift.isEmpty else { continue }
                let target = Int(Double(shift.count) * fraction)
                var taken = 0, attempts = 0
                while taken < target && attempts < 40 {
                    attempts += 1
                    let len = 2 + Int(rng.nextInt(below: 7))
                    let start = Int(rng.nextInt(below: UInt64(spd - len)))
                    let q = OfferRequest(zone: max(0, spec.homeZone), kind: spec.kind, skill: skill,
                                         duration: .minutes(Int64(len * a.grid.minutesPerSlot)))
                    let slot = SlotOffer(technician: t, day: day, startSlot: start, travelSlots: 0, visitSlots: len,
                                         calendarVersion: 0, rankKey: 0, visitStart: .zero, visitEnd: .zero)
                    if (try? a.book(slot, for: q)) != nil { taken += len; made += 1 }
                }
            }
        }
        return made
    }
}
