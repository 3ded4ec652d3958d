import DiscreteEvents

/// Per-offer constants for the scan.
@usableFromInline
struct OfferScan {
    @usableFromInline var skill: Int
    @usableFromInline var level: Int
    @usableFromInline var visit: Int
    @usableFromInline var nowDay: Int
    @usableFromInline var nowSlot: Int
    @usableFromInline var lastDay: Int
    @usableFromInline var deadlineSlot: Int
    @usableFromInline var policy: RankingPolicy
    @usableFromInline var preferred: Int
    @usableFromInline var k: Int
    @usableFromInline init(skill: Int, level: Int, visit: Int, nowDay: Int, nowSlot: Int, lastDay: Int,
                           deadlineSlot: Int, policy: RankingPolicy, preferred: Int, k: Int) {
        self.skill = skill; self.level = level; self.visit = visit; self.nowDay = nowDay; self.nowSlot = nowSlot
        self.lastDay = lastDay; self.deadlineSlot = deadlineSlot; self.policy = policy; self.preferred = preferred; self.k = k
    }
}

extension TechnicianAllocator {
    /// Ranks the top-k (day, window, technician) slots that can take `request`, the reservation (travel,
    /// then visit) starting no earlier than max(`now`, `request.earliestStart`) and the visit no later
    /// than the SLA deadline of its severity counted from `now`, inside the retailer's availability and
    /// the calendar window (`firstDay ... lastDay`).
    ///
    /// `out` is cleared and filled best first (reuse it across calls: no allocation once it has capacity
    /// for `topK`). Each (technician, day) contributes at most its earliest feasible window. The scan
    /// also tightens the (zone, skill, day) summaries it reads, hence `mutating`.
    ///
    /// - Returns: nil when `out` is non-empty, else why there is no slot (`calendarNeverOpen` when the
    ///   severity's business hours never elapse on `config.slaPolicy.calendar`, `outsideCalendarWindow`
    ///   when the earliest start is after `lastDay`).
    /// - Throws: `invalidDuration`, `durationTooLong`, `invalidTopK`, `unknownZone`, `invalidParameter`.
    /// - Complexity: O(days in horizon × zones in reach) summary checks plus O(members) per (group, day)
    ///   whose summary admits the visit and whose lower-bound key can still enter the top k;
    ///   `earliest`, `sameTechnician` and `balancedLoad` stop after the first day that fills k,
    ///   `leastTravel` after the first travel band that does.
    @inlinable
    public mutating func offer(_ request: OfferRequest, now: SimTime, into out: inout [SlotOffer]) throws(AllocatorError) -> NoOfferReason? {
        out.removeAll(keepingCapacity: true)
        let visit = try validate(request)
        let level = max(1, request.minimumLevel)
        let skill = request.skill.rawValue
        if Int(poolMaxLevel[request.kind.rawValue * Skill.count + skill]) < level {
            return .noTechnicianWithSkill(request.skill, minimumLevel: level, kind: request.kind)
        }
        // Reach: the remote pool is one pseudo-zone with no travel.
        let remote = request.kind == .remote
        let r0 = remote ? 0 : Int(reachStart[request.zone]), r1 = remote ? 1 : Int(reachStart[request.zone + 1])
        var anyone = false
        for i in r0..<r1 where Int(groupMaxLevel[groupIndex(reach: i, remote: remote, skill: skill)]) >= level { anyone = true; break }
        if !anyone { return .noTechnicianInReach(request.skill, zone: request.zone) }

        let horizon = config.slaPolicy.horizon(request.severity)
        let deadline = config.slaPolicy.deadline(after: now, horizon: horizon)
        if deadline == .distantFuture, case .businessHours = horizon { return .calendarNeverOpen(horizon: horizon) }
        let start = Swift.max(now, request.earliestStart)
        if start.day > lastDay { return .outsideCalendarWindow(day: start.day, firstDay: firstDay, lastDay: lastDay) }
        let tps = config.grid.ticksPerSlot
        let calendarEnd = Int64(lastDay + 1) * SimDuration.ticksPerDay
        var scan = OfferScan(
            skill: skill, level: level, visit: visit, nowDay: start.day,
            nowSlot: Int((start.timeOfDay.ticks + tps - 1) / tps), lastDay: lastDay, deadlineSlot: 1 << 20,
            policy: request.policy, preferred: request.policy == .sameTechnician ? request.preferredTechnician : -1,
            k: request.topK)
        if deadline.ticks < calendarEnd {
            scan.lastDay = deadline.day
            scan.deadlineSlot = Int(deadline.timeOfDay.ticks / tps)
        }
        let firstDay = max(self.firstDay, scan.nowDay)
        if firstDay <= scan.lastDay {
            switch request.policy {
            case .leastTravel:
                scanByTravel(request, scan, firstDay, r0, r1, &out)
            case .sameTechnician:
                if scan.preferred >= 0 { scanPreferred(request, scan, firstDay, &out) }
                scanByDay(request, scan, firstDay, r0, r1, &out)
            case .earliest, .balancedLoad:
                scanByDay(request, scan, firstDay, r0, r1, &out)
            }
        }
        return out.isEmpty ? .noFreeWindow(request.skill, zone: request.zone, horizon: horizon) : nil
    }

    /// The ranked offer as a value (allocates its array). - Complexity: as `offer(_:now:into:)`.
    public mutating func offer(_ request: OfferRequest, now: SimTime) throws(AllocatorError) -> Offer {
        var out: [SlotOffer] = []
        let reason = try offer(request, now: now, into: &out)
        return Offer(slots: out, reason: reason)
    }

    /// Checks a request's fields and returns its visit length in slots. - Complexity: O(1).
    @inlinable
    func validate(_ r: OfferRequest) throws(AllocatorError) -> Int {
        guard r.duration.ticks > 0 else { throw .invalidDuration(r.duration) }
        let visit = config.grid.slots(covering: r.duration)
        guard visit <= slotsPerDay else { throw .durationTooLong(r.duration, slotsPerDay: slotsPerDay) }
        guard r.topK >= 1 && r.topK <= TechnicianAllocator.maxTopK else { throw .invalidTopK(r.topK) }
        guard r.zone >= 0 && r.zone < zones.count else { throw .unknownZone(r.zone) }
        guard (0...5).contains(r.minimumLevel) else {
            throw .invalidParameter(name: "minimumLevel", message: "must be in 0...5, got \(r.minimumLevel)")
        }
        guard r.preferredTechnician >= -1 && r.preferredTechnician < technicianCount else {
            throw .unknownTechnician(r.preferredTechnician)
        }
        return visit
    }

    @inlinable
    func groupIndex(reach i: Int, remote: Bool, skill: Int) -> Int {
        (remote ? zones.count : Int(reachSlot[i])) * Skill.count + skill
    }

    /// Slots where a reservation (travel + visit) may start on `day`: after now, visit starting by the
    /// deadline, visit inside the retailer's availability. - Complexity: O(1).
    @inlinable
    func allowedStarts(_ scan: OfferScan, day: Int, travel: Int, availStarts: DayMask) -> DayMask {
        let lo = day == scan.nowDay ? scan.nowSlot : 0
        let hi = day == scan.lastDay ? scan.deadlineSlot - travel : slotsPerDay - 1
        if hi < lo { return .empty }
        return DayMask(slots: lo ..< hi + 1) & availStarts.shiftedDown(travel)
    }

    /// Packs (primary 24 bits, secondary 20 bits, technician 20 bits). - Complexity: O(1).
    @inlinable
    func rankKey(_ scan: OfferScan, technician t: Int, visitAbs: Int, travel: Int) -> UInt64 {
        let primary: Int, secondary: Int
        switch scan.policy {
        case .earliest: primary = visitAbs; secondary = travel
        case .leastTravel: primary = travel; secondary = visitAbs
        case .sameTechnician: primary = t == scan.preferred ? 0 : 1; secondary = visitAbs
        case .balancedLoad: primary = visitAbs / slotsPerDay; secondary = t < 0 ? 0 : Int(techLoad[t])
        }
        return UInt64(min(primary, 0xFF_FFFF)) << 40 | UInt64(min(secondary, 0xF_FFFF)) << 20 | UInt64(max(t, 0))
    }

    @inlinable
    static func insert(_ o: SlotOffer, into out: inout [SlotOffer], k: Int) {
        if out.count < k { out.append(o) } else { out[k - 1] = o }
        var i = out.count - 1
        while i > 0 && out[i - 1].rankKey > out[i].rankKey { out.swapAt(i - 1, i); i -= 1 }
    }

    /// Days ascending, zones in reach inside; stops once a finished day filled k (every policy scanned
    /// this way has the day, or the visit start, in its primary key).
    @inlinable
    mutating func scanByDay(_ r: OfferRequest, _ scan: OfferScan, _ firstDay: Int, _ r0: Int, _ r1: Int, _ out: inout [SlotOffer]) {
        let remote = r.kind == .remote
        for day in firstDay...scan.lastDay {
            let avail = r.availability[Weekday(dayIndex: day)].runStarts(scan.visit)
            if avail.isEmpty { continue }
            for i in r0..<r1 {
                let g = groupIndex(reach: i, remote: remote, skill: scan.skill)
                if Int(groupMaxLevel[g]) < scan.level { continue }
                let travel = remote ? 0 : Int(reachTravel[i])
                let allowed = allowedStarts(scan, day: day, travel: travel, availStarts: avail)
                if allowed.isEmpty { continue }
                scanGroupDay(group: g, day: day, travel: travel, allowed: allowed, scan, &out)
            }
            if out.count == scan.k { return }
        }
    }

    /// Zones by increasing travel, days inside; stops when the next band cannot beat the k-th offer.
    @inlinable
    mutating func scanByTravel(_ r: OfferRequest, _ scan: OfferScan, _ firstDay: Int, _ r0: Int, _ r1: Int, _ out: inout [SlotOffer]) {
        let remote = r.kind == .remote
        for i in r0..<r1 {
            let travel = remote ? 0 : Int(reachTravel[i])
            if out.count == scan.k && UInt64(travel) > out[scan.k - 1].rankKey >> 40 { return }
            let g = groupIndex(reach: i, remote: remote, skill: scan.skill)
            if Int(groupMaxLevel[g]) < scan.level { continue }
            for day in firstDay...scan.lastDay {
                let avail = r.availability[Weekday(dayIndex: day)].runStarts(scan.visit)
                let allowed = allowedStarts(scan, day: day, travel: travel, availStarts: avail)
                if allowed.isEmpty { continue }
                scanGroupDay(group: g, day: day, travel: travel, allowed: allowed, scan, &out)
            }
        }
    }

    /// The preferred technician's earliest window on each day of the horizon.
    @inlinable
    mutating func scanPreferred(_ r: OfferRequest, _ scan: OfferScan, _ firstDay: Int, _ out: inout [SlotOffer]) {
        let t = scan.preferred
        guard techKind[t] == r.kind, techSkills[t][r.skill] >= scan.level else { return }
        let travel = r.kind == .remote ? 0
            : config.grid.slots(coveringMinutes: zones.minutes(from: Int(techSlot[t]), to: r.zone))
        let run = travel + scan.visit
        if run > slotsPerDay { return }
        for day in firstDay...scan.lastDay {
            let avail = r.availability[Weekday(dayIndex: day)].runStarts(scan.visit)
            let allowed = allowedStarts(scan, day: day, travel: travel, availStarts: avail)
            let c = cells[t * days + phys(day)]
            let starts = c.free.runStarts(run) & allowed
            if starts.isEmpty { continue }
            emit(technician: t, day: day, start: starts.first, travel: travel, scan, &out)
            if out.count == scan.k { return }
        }
    }

    @inlinable
    func makeOffer(technician t: Int, day: Int, start s: Int, travel: Int, version: UInt32, key: UInt64, visit: Int) -> SlotOffer {
        let tps = config.grid.ticksPerSlot
        let dayStart = Int64(day) * SimDuration.ticksPerDay
        return SlotOffer(technician: t, day: day, startSlot: s, travelSlots: travel, visitSlots: visit,
                         calendarVersion: version, rankKey: key,
                         visitStart: SimTime(ticks: dayStart + Int64(s + travel) * tps),
                         visitEnd: SimTime(ticks: dayStart + Int64(s + travel + visit) * tps))
    }

    /// Inserts the offer if it ranks in the top k; reads the calendar version only then (a cache miss).
    @inlinable
    func emit(technician t: Int, day: Int, start s: Int, travel: Int, _ scan: OfferScan, _ out: inout [SlotOffer]) {
        let key = rankKey(scan, technician: t, visitAbs: day * slotsPerDay + s + travel, travel: travel)
        if out.count == scan.k && key >= out[scan.k - 1].rankKey { return }
        let version = cellVersion[t * days + phys(day)]
        TechnicianAllocator.insert(makeOffer(technician: t, day: day, start: s, travel: travel, version: version, key: key, visit: scan.visit),
                                   into: &out, k: scan.k)
    }

    /// The latest reservation start on (`day`, `travel`) that could still rank above `worst`
    /// (inclusive, ties allowed), or -1 when none can, or `Int.max` when the key does not bound it.
    /// - Complexity: O(1).
    @inlinable
    func startLimit(_ scan: OfferScan, worst: UInt64, day: Int, travel: Int) -> Int {
        let primary = Int(worst >> 40), secondary = Int((worst >> 20) & 0xF_FFFF)
        let dayBase = day * slotsPerDay + travel
        switch scan.policy {
        case .earliest:
            return primary - dayBase
        case .leastTravel:
            return travel < primary ? Int.max : travel > primary ? -1 : secondary - dayBase
        case .sameTechnician:
            return primary == 0 ? -1 : secondary - dayBase
        case .balancedLoad:
            return day > primary ? -1 : Int.max
        }
    }

    /// Scans one (group, day): summary check, bound prune, then every member (a member whose free
    /// slots cannot start before the k-th offer is skipped with two word tests); writes back the exact
    /// unions of the members' free slots and long-run starts as the new summaries.
    /// - Complexity: O(1) when pruned, else O(members).
    @inlinable
    mutating func scanGroupDay(group g: Int, day: Int, travel: Int, allowed: DayMask, _ scan: OfferScan, _ out: inout [SlotOffer]) {
        let pd = phys(day)
        let si = g * days + pd
        let run = travel + scan.visit
        if run > slotsPerDay { return }
        let long = TechnicianAllocator.longRun
        var limit = allowed
        if out.count == scan.k {
            let s = startLimit(scan, worst: out[scan.k - 1].rankKey, day: day, travel: travel)
            if s < 0 { return }
            if s < slotsPerDay { limit = allowed & DayMask.below(s + 1) }
        }
        let groupStarts = (run >= long ? summaryLong[si].runStarts(run - long + 1) : summary[si].runStarts(run)) & limit
        if groupStarts.isEmpty { return }
        var union = DayMask.empty, unionLong = DayMask.empty
        let m0 = Int(memberStart[g]), size = Int(memberStart[g + 1]) - m0
        let fbase = m0 * days + pd * size
        var i = 0
        while i < size {
            let free = memberFree[fbase + i]
            let packed = members[m0 + i]
            i += 1
            let longStarts = memberLong[fbase + i - 1]
            union |= free
            unionLong |= longStarts
            // A run of `run ≥ longRun` slots starts where `run - longRun + 1` long-run starts follow each other.
            let base = run >= long ? longStarts : free
            if !base.intersects(limit) { continue }
            let t = Int(packed >> 3)
            if Int(packed & 7) < scan.level || t == scan.preferred { continue }
            let starts = (run >= long ? longStarts.runStarts(run - long + 1) : free.runStarts(run)) & limit
            if starts.isEmpty { continue }
            emit(technician: t, day: day, start: starts.first, travel: travel, scan, &out)
            if out.count == scan.k {
                let s = startLimit(scan, worst: out[scan.k - 1].rankKey, day: day, travel: travel)
                if s < 0 { limit = .empty } else if s < slotsPerDay { limit = limit & DayMask.below(s + 1) }
            }
        }
        summary[si] = union
        summaryLong[si] = unionLong
        checkGroupInvariantsIfEnabled(group: g, day: pd, exact: true)   // the ring index, as the summaries are stored
    }
}
