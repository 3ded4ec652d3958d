import DiscreteEvents

/// The allocator's fixed settings.
public struct AllocatorConfig: Hashable, Sendable {
    /// Slot granularity (15 minutes by default).
    public var grid: SlotGrid
    /// Calendar window length in days (1…1024): the window starts at day 0 and rolls forward with
    /// `TechnicianAllocator.advance(toDay:)`.
    public var days: Int
    /// SLA horizon per severity and the business calendar (opening hours, holidays) they are counted on.
    public var slaPolicy: SLAPolicy
    /// Field technicians farther than this from the retailer's zone are not offered.
    public var maxTravelMinutes: Int

    /// A configuration. - Complexity: O(1).
    public init(grid: SlotGrid = .quarterHour, days: Int = 28, slaPolicy: SLAPolicy = .standard,
                maxTravelMinutes: Int = 60) {
        self.grid = grid; self.days = days; self.slaPolicy = slaPolicy
        self.maxTravelMinutes = maxTravelMinutes
    }
}

/// One (technician, day) calendar cell: shift, booked and held slots (its version lives in a compact
/// side array so offers read it without touching the masks).
@usableFromInline
struct DayCell: Sendable {
    @usableFromInline var shift: DayMask
    @usableFromInline var booked: DayMask
    @usableFromInline var held: DayMask
    @inlinable var free: DayMask { shift & ~(booked | held) }
}

/// The technician slot allocator: a synchronous, single-owner engine that offers, holds and books
/// technician slots without ever double-booking.
///
/// Storage is struct-of-arrays keyed by integer ids: the calendar is a rolling window of `days` absolute
/// days `firstDay ... lastDay`, stored as a ring, so technician `t`'s calendar for `day` is cell
/// `t * days + phys(day)` (three 128-bit masks; free = shift & ~booked & ~held) and `advance(toDay:)` reuses
/// the cells of retired days for the days that enter. Technicians are grouped by
/// (home zone, skill) — remote specialists form one extra pseudo-zone — and every (group, day) keeps two
/// summary masks, supersets of its members' free slots and of their starts of free runs ≥ 1 hour: widened on every release, tightened to
/// the exact union whenever an offer scans the group, so offers skip empty days and zones in O(1).
public struct TechnicianAllocator: Sendable {
    /// The largest `topK` an offer accepts.
    public static let maxTopK = 16
    /// Run length (slots) of the second summary, which ignores free holes shorter than this.
    @usableFromInline static let longRun = 4

    /// Settings.
    public let config: AllocatorConfig
    /// Zones and travel times.
    public let zones: ZoneMap
    /// Number of technicians and specialists (ids `0 ..< technicianCount`).
    public let technicianCount: Int
    @usableFromInline let days: Int
    @usableFromInline let slotsPerDay: Int
    /// The first absolute day of the window, and its physical index in the ring (`firstDay % days`).
    @usableFromInline var windowStart: Int = 0
    @usableFromInline var ringStart: Int = 0
    /// Each technician's weekly shift, to lay out the days that enter the window.
    @usableFromInline var techWeekly: [WeeklyMask]
    /// Absences, holidays and overtime for days beyond the window, in the order they were marked; applied
    /// when their day enters (see `TechnicianAllocator+Calendar`).
    @usableFromInline var futureExceptions: [CalendarException] = []

    // Technicians (struct of arrays).
    @usableFromInline var techKind: [ResourceKind]
    @usableFromInline var techSlot: [Int32]          // zone, or zones.count for the remote pool
    @usableFromInline var techSkills: [SkillLevels]
    @usableFromInline var techLoad: [Int32]          // booked slots over the calendar
    // Calendar cells, technician-major.
    @usableFromInline var cells: [DayCell]
    @usableFromInline var cellVersion: [UInt32]       // same index as cells
    // Groups (zone slot × skill): members in CSR form, packed as technician << 3 | level.
    @usableFromInline var memberStart: [Int32]
    @usableFromInline var members: [UInt32]
    @usableFromInline var groupMaxLevel: [UInt8]
    @usableFromInline var summary: [DayMask]          // group * days + day: ⊇ ∪ members' free slots
    @usableFromInline var summaryLong: [DayMask]      // ⊇ ∪ members' starts of free runs ≥ longRun slots
    // Free masks copied per group member, day-major inside each group, so an offer's scan of one
    // (group, day) reads one contiguous run: memberStart[g] * days + day * size(g) + i.
    @usableFromInline var memberFree: [DayMask]
    @usableFromInline var memberLong: [DayMask]       // same index: starts of free runs ≥ longRun slots
    @usableFromInline var techMember: [Int32]         // technician * Skill.count + skill → member index, or -1
    @usableFromInline var poolMaxLevel: [UInt8]       // kind * Skill.count + skill
    // Reach: for each zone, field zone slots within maxTravel sorted by (travel, zone).
    @usableFromInline var reachStart: [Int32]
    @usableFromInline var reachSlot: [Int32]
    @usableFromInline var reachTravel: [Int32]
    // Reservations (slab, struct of arrays).
    @usableFromInline var resTech: [Int32] = []
    @usableFromInline var resDay: [Int32] = []
    @usableFromInline var resStart: [Int16] = []
    @usableFromInline var resTravel: [Int16] = []
    @usableFromInline var resVisit: [Int16] = []
    @usableFromInline var resState: [ReservationState] = []
    @usableFromInline var resGeneration: [UInt32] = []
    @usableFromInline var resExpiry: [Int64] = []
    @usableFromInline var resSequence: [UInt64] = []
    @usableFromInline var resRequest: [OfferRequest] = []
    @usableFromInline var freeEntries: [Int32] = []
    @usableFromInline var holdQueue = HoldQueue()
    @usableFromInline var nextSequence: UInt64 = 0
    @usableFromInline var liveHolds = 0
    @usableFromInline var liveBookings = 0
    /// Live holds. - Complexity: O(1).
    public var holdCount: Int { liveHolds }
    /// Live bookings. - Complexity: O(1).
    public var bookingCount: Int { liveBookings }

    /// An allocator for `roster` over `config.days` days.
    ///
    /// - Throws: `AllocatorError.invalidParameter` naming the field (`technicians[3].homeZone`, `days`, …).
    /// - Complexity: O(technicians × days + zones²).
    public init(roster: [TechnicianSpec], zones: ZoneMap, config: AllocatorConfig = AllocatorConfig()) throws(AllocatorError) {
        guard (1...1024).contains(config.days) else {
            throw .invalidParameter(name: "days", message: "must be in 1...1024, got \(config.days)")
        }
        guard roster.count < (1 << 20) else {
            throw .invalidParameter(name: "technicians", message: "at most \((1 << 20) - 1), got \(roster.count)")
        }
        guard config.maxTravelMinutes >= 0 else {
            throw .invalidParameter(name: "maxTravelMinutes", message: "must be ≥ 0, got \(config.maxTravelMinutes)")
        }
        let grid = config.grid
        self.config = config
        self.zones = zones
        self.days = config.days
        self.slotsPerDay = grid.slotsPerDay
        self.technicianCount = roster.count
        let zoneSlots = zones.count + 1
        let groups = zoneSlots * Skill.count

        techKind = []; techSlot = []; techSkills = []; techLoad = Array(repeating: 0, count: roster.count)
        techWeekly = []
        cells = []
        cells.reserveCapacity(roster.count * days)
        cellVersion = Array(repeating: 0, count: roster.count * days)
        var counts = Array(repeating: Int32(0), count: groups + 1)
        poolMaxLevel = Array(repeating: 0, count: ResourceKind.allCases.count * Skill.count)
        for (t, spec) in roster.enumerated() {
            if spec.kind == .field && !(0..<zones.count).contains(spec.homeZone) {
                throw .invalidParameter(name: "technicians[\(t)].homeZone", message: "unknown zone \(spec.homeZone) (have \(zones.count))")
            }
            let slot = spec.kind == .remote ? zones.count : spec.homeZone
            techKind.append(spec.kind); techSlot.append(Int32(slot)); techSkills.append(spec.skills)
            let weekly = grid.mask(spec.shift)
            techWeekly.append(weekly)
            for d in 0..<days { cells.append(DayCell(shift: weekly[Weekday(dayIndex: d)], booked: .empty, held: .empty)) }
            for s in Skill.allCases where spec.skills[s] > 0 {
                counts[slot * Skill.count + s.rawValue + 1] += 1
                let p = spec.kind.rawValue * Skill.count + s.rawValue
                poolMaxLevel[p] = max(poolMaxLevel[p], UInt8(spec.skills[s]))
            }
        }
        for g in 0..<groups { counts[g + 1] += counts[g] }
        memberStart = counts
        members = Array(repeating: 0, count: Int(counts[groups]))
        groupMaxLevel = Array(repeating: 0, count: groups)
        summary = Array(repeating: .empty, count: groups * days)
        summaryLong = summary
        memberFree = Array(repeating: .empty, count: Int(counts[groups]) * days)
        memberLong = memberFree
        techMember = Array(repeating: -1, count: roster.count * Skill.count)
        var fill = counts
        for t in 0..<roster.count {
            for s in Skill.allCases where techSkills[t][s] > 0 {
                let g = Int(techSlot[t]) * Skill.count + s.rawValue
                let m = Int(fill[g]), m0 = Int(counts[g]), size = Int(counts[g + 1]) - m0
                members[m] = UInt32(t) << 3 | UInt32(techSkills[t][s])
                techMember[t * Skill.count + s.rawValue] = Int32(m)
                for d in 0..<days {
                    memberFree[m0 * days + d * size + (m - m0)] = cells[t * days + d].free
                    memberLong[m0 * days + d * size + (m - m0)] = cells[t * days + d].free.runStarts(TechnicianAllocator.longRun)
                }
                fill[g] += 1
                groupMaxLevel[g] = max(groupMaxLevel[g], UInt8(techSkills[t][s]))
                for d in 0..<days {
                    summary[g * days + d] |= cells[t * days + d].shift
                    summaryLong[g * days + d] |= cells[t * days + d].shift.runStarts(TechnicianAllocator.longRun)
                }
            }
        }
        reachStart = [0]; reachSlot = []; reachTravel = []
        for z in 0..<zones.count {
            var near: [(travel: Int, zone: Int)] = []
            for from in 0..<zones.count {
                let m = zones.minutes(from: from, to: z)
                if m <= config.maxTravelMinutes { near.append((grid.slots(coveringMinutes: m), from)) }
            }
            near.sort { ($0.travel, $0.zone) < ($1.travel, $1.zone) }
            for n in near { reachSlot.append(Int32(n.zone)); reachTravel.append(Int32(n.travel)) }
            reachStart.append(Int32(reachSlot.count))
        }
    }

    /// The grid. - Complexity: O(1).
    @inlinable public var grid: SlotGrid { config.grid }
    /// Calendar window length in days. - Complexity: O(1).
    @inlinable public var dayCount: Int { days }
    /// The first absolute day of the calendar window (0 until `advance(toDay:)`). - Complexity: O(1).
    @inlinable public var firstDay: Int { windowStart }
    /// The last absolute day of the calendar window (`firstDay + dayCount - 1`). - Complexity: O(1).
    @inlinable public var lastDay: Int { windowStart + days - 1 }

    /// The ring index of absolute `day`, which must be in the window. - Complexity: O(1).
    @inlinable
    func phys(_ day: Int) -> Int {
        let p = day &- windowStart &+ ringStart
        return p >= days ? p &- days : p
    }

    /// Whether absolute `day` is in the window. - Complexity: O(1).
    @inlinable func inWindow(_ day: Int) -> Bool { day >= windowStart && day - windowStart < days }

    /// Throws `dayOutOfRange` unless `day` is in the window. - Complexity: O(1).
    @inlinable
    func checkDay(_ day: Int) throws(AllocatorError) {
        guard inWindow(day) else { throw .dayOutOfRange(day, firstDay: windowStart, lastDay: windowStart + days - 1) }
    }

    /// Free slots (in shift, neither held nor booked) of `technician` on `day`.
    /// - Throws: `unknownTechnician`, `dayOutOfRange`. - Complexity: O(1).
    public func freeSlots(technician: Int, day: Int) throws(AllocatorError) -> DayMask {
        try cell(technician, day).free
    }

    /// The shift slots of `technician` on `day` (after exceptions). - Complexity: O(1).
    public func shiftSlots(technician: Int, day: Int) throws(AllocatorError) -> DayMask {
        try cell(technician, day).shift
    }

    /// The calendar version of (`technician`, `day`): bumped on every hold, booking, release and exception.
    /// - Complexity: O(1).
    public func calendarVersion(technician: Int, day: Int) throws(AllocatorError) -> UInt32 {
        _ = try cell(technician, day)
        return cellVersion[technician * days + phys(day)]
    }

    /// Booked slots of `technician` over the whole calendar. - Complexity: O(1).
    public func load(technician: Int) throws(AllocatorError) -> Int {
        try checkTechnician(technician)
        return Int(techLoad[technician])
    }

    /// The home zone, kind and skills of `technician`. - Complexity: O(1).
    public func technician(_ t: Int) throws(AllocatorError) -> (kind: ResourceKind, homeZone: Int, skills: SkillLevels) {
        try checkTechnician(t)
        return (techKind[t], techKind[t] == .remote ? -1 : Int(techSlot[t]), techSkills[t])
    }

    @inlinable func checkTechnician(_ t: Int) throws(AllocatorError) {
        guard t >= 0 && t < technicianCount else { throw .unknownTechnician(t) }
    }

    @inlinable func cell(_ t: Int, _ day: Int) throws(AllocatorError) -> DayCell {
        try checkTechnician(t)
        try checkDay(day)
        return cells[t * days + phys(day)]
    }

    /// Records a change to (technician `t`, absolute `day` in the window): bumps the calendar version,
    /// refreshes the member copies of its free slots and widens its (zone, skill, day) summaries. Call
    /// after every change. - Complexity: O(skills).
    @inlinable
    mutating func touch(_ t: Int, _ absoluteDay: Int) {
        let day = phys(absoluteDay)
        let ci = t * days + day
        cellVersion[ci] &+= 1
        let free = cells[ci].free
        let long = free.runStarts(TechnicianAllocator.longRun)
        let base = Int(techSlot[t]) * Skill.count
        for s in 0..<Skill.count {
            let m = Int(techMember[t * Skill.count + s])
            if m < 0 { continue }
            let g = base + s
            let m0 = Int(memberStart[g]), size = Int(memberStart[g + 1]) - m0
            memberFree[m0 * days + day * size + (m - m0)] = free
            memberLong[m0 * days + day * size + (m - m0)] = long
            summary[g * days + day] |= free
            summaryLong[g * days + day] |= long
        }
        checkCellInvariantsIfEnabled(t, day)
    }
}
