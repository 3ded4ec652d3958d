import DiscreteEvents

/// One alternative (day, window) offered to a retailer when a route runs late.
public struct RescheduleOption: Sendable, Hashable, CustomStringConvertible {
    /// The proposed day.
    public var day: Int
    /// The proposed window on that day.
    public var window: TimeWindow
    /// How late the window's start is against the job's SLA deadline (zero when on time).
    public var lateness: SimDuration
    /// Jobs already planned on that depot-day by committed plans (a load indicator).
    public var plannedLoad: Int
    /// 1 for the best option, then 2, 3, … .
    public var rank: Int

    /// `day 3 09:00-12:00 (rank 1)`.
    public var description: String { "day \(day) \(window) (rank \(rank))" }
}

/// Why a job is late or was not planned: its history in the scheduler.
public struct JobExplanation: Sendable, Hashable, CustomStringConvertible {
    /// The job.
    public var job: JobID
    /// Where it is now.
    public var status: JobStatus
    /// Days it was rolled over.
    public var carryOvers: Int
    /// The reason it was last left out of a plan, if ever.
    public var lastUnassignedReason: UnassignedReason?
    /// Delay reported against its route.
    public var reportedDelay: SimDuration
    /// Reschedule proposals the retailer refused.
    public var refusedProposals: Int
    /// Its current tier and promised day.
    public var tier: PriorityTier
    /// The day now promised.
    public var promisedDay: Int

    /// Sentences for people: why the job waits or is late.
    public var description: String {
        var parts: [String] = ["\(job) is \(status), tier \(tier), promised day \(promisedDay)"]
        if let r = lastUnassignedReason {
            parts.append("not planned \(carryOvers) time(s); last because \(r)")
        }
        if reportedDelay > .zero { parts.append("its route reported a delay of \(reportedDelay)") }
        if refusedProposals > 0 { parts.append("the retailer refused \(refusedProposals) proposed new time(s)") }
        if parts.count == 1 { parts.append("nothing has delayed it") }
        return parts.joined(separator: "; ")
    }
}

extension DeliveryScheduler {
    /// Records that `job`'s route runs `delay` late (for explanations). - Throws: `.unknownJob`.
    /// - Complexity: O(1).
    public mutating func reportDelay(_ id: JobID, by delay: SimDuration) throws(DeliverySchedulingError) {
        guard let s = liveSlot(id) else { throw .unknownJob(id) }
        core[s].metaDirty = true
        meta[s].reportedDelay &+= delay.ticks
    }

    /// Ranked alternative (day, window) options for a job whose route runs late, from `now` over the
    /// next `days` days (today's remaining windows included): on-time options first, then less
    /// loaded days (by committed plans), then earlier; at most `limit`.
    ///
    /// - Throws: `.unknownJob`, `.jobFrozen`. - Complexity: O(days × windows × log).
    public func proposeReschedule(_ id: JobID, now: SimTime, days: Int = 5, limit: Int = 6) throws(DeliverySchedulingError) -> [RescheduleOption] {
        guard let s = liveSlot(id) else { throw .unknownJob(id) }
        if core[s].state == .frozen { throw .jobFrozen(id) }
        let job = job(atSlot: s)
        var windows = job.windows.windows
        if windows.isEmpty {
            let shifts = vehicles.filter { $0.depot == job.depot }
            let from = shifts.map(\.shiftStart).min() ?? .hours(Int64(8))
            let to = shifts.map(\.shiftEnd).max() ?? .hours(Int64(17))
            windows = [TimeWindow(from: from, to: to)]
        }
        var options: [RescheduleOption] = []
        let today = now.day
        for day in today...(today + Swift.max(0, days)) {
            for w in windows {
                var window = w
                if day == today {
                    let tod = now.timeOfDay
                    if tod > window.to { continue }
                    window.from = Swift.max(window.from, tod)
                }
                let start = SimTime(day: day) + window.from
                let lateness = start > job.deadline ? start - job.deadline : .zero
                let load = plannedLoad[DayKey(depot: job.depot.rawValue, day: Int32(day))] ?? 0
                options.append(RescheduleOption(day: day, window: window, lateness: lateness, plannedLoad: load, rank: 0))
            }
        }
        options.sort { a, b in
            if a.lateness != b.lateness { return a.lateness < b.lateness }
            if a.plannedLoad != b.plannedLoad { return a.plannedLoad < b.plannedLoad }
            return (a.day, a.window.from) < (b.day, b.window.from)
        }
        options = Array(options.prefix(Swift.max(0, limit)))
        for i in options.indices { options[i].rank = i + 1 }
        return options
    }

    /// The retailer accepts `option`: the job is promised that day and window and returns to the queue
    /// for planning (its tier unchanged). - Throws: `.unknownJob`, `.jobFrozen`, `.invalidWindow`.
    /// - Complexity: O(log n).
    public mutating func acceptReschedule(_ id: JobID, option: RescheduleOption) throws(DeliverySchedulingError) {
        try update(id, JobUpdate(windows: try TimeWindowSet([option.window]), promisedDay: option.day))
    }

    /// The retailer refuses the proposals: the job rolls to the day after `day` with its tier raised
    /// (next-day priority management). - Throws: `.unknownJob`, `.jobFrozen`. - Complexity: O(log n).
    public mutating func refuseReschedule(_ id: JobID, day: Int) throws(DeliverySchedulingError) {
        guard let s = liveSlot(id) else { throw .unknownJob(id) }
        if core[s].state == .frozen { throw .jobFrozen(id) }
        core[s].metaDirty = true
        meta[s].refusals &+= 1
        carryOver(id, reason: .rescheduleRefused, day: day)
    }

    /// Why the job was not planned or is late. - Throws: `.unknownJob`. - Complexity: O(1).
    public func explain(_ id: JobID) throws(DeliverySchedulingError) -> JobExplanation {
        guard let s = liveSlot(id) else { throw .unknownJob(id) }
        return JobExplanation(
            job: id, status: core[s].state, carryOvers: Int(meta[s].carryOvers),
            lastUnassignedReason: UnassignedReason(rawValue: meta[s].lastReason),
            reportedDelay: SimDuration(ticks: meta[s].reportedDelay), refusedProposals: Int(meta[s].refusals),
            tier: core[s].priorityTier, promisedDay: Int(core[s].promisedDay))
    }
}
