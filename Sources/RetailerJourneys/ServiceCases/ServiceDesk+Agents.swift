import DiscreteEvents

/// The service desk — agents: teams on shifts of the business week, FIFO queues per team, phone
/// abandonment by patience, and the busy/on-shift integrals behind utilisation.
extension RegionModel {
    /// Queues case `c` at `team`; a phone caller's first wait can end in abandonment. - Complexity: O(1) amortised.
    mutating func enqueue(_ c: Int, team: Int, _ rng: inout RandomStream, _ agenda: inout Agenda<RegionEvent>) {
        let now = agenda.now
        cases.phase[c] = .queued
        cases.since[c] = now
        floor.queue[team].append((Int32(c), cases.token[c]))
        let ch = desk.channels[Int(cases.channel[c])]
        if ch.kind == .phone && cases.sessions[c] == 0 && !cases.proactive[c] {
            if counts(cases.openedAt[c]) { metrics.service.callsOffered += 1 }
            agenda.post(.caseAbandon(case: Int32(c), token: cases.token[c]), at: now + ch.patience.sample(&rng))
        }
        dispatch(team, &agenda)
    }

    /// Gives waiting cases to free agents on shift. - Complexity: O(cases started + stale entries skipped).
    mutating func dispatch(_ team: Int, _ agenda: inout Agenda<RegionEvent>) {
        while floor.busy[team] < floor.onDuty[team] {
            guard let c = nextQueued(team) else { return }
            var rng = caseStream(c)
            cases.draws[c] &+= 1
            startWork(c, team: team, newContact: true, &rng, &agenda)
        }
    }

    /// The next live entry of `team`'s queue (entries of cases that moved on are dropped). - Complexity: O(1) amortised.
    mutating func nextQueued(_ team: Int) -> Int? {
        while floor.head[team] < floor.queue[team].count {
            let e = floor.queue[team][floor.head[team]]
            floor.head[team] += 1
            let c = Int(e.slot)
            if cases.token[c] == e.token && cases.phase[c] == .queued { floor.compact(team); return c }
        }
        floor.compact(team)
        return nil
    }

    /// An agent works on `c`: a new contact takes a free agent of `team`, a continued one keeps its agent.
    /// - Complexity: O(1).
    mutating func startWork(_ c: Int, team: Int, newContact: Bool, _ rng: inout RandomStream, _ agenda: inout Agenda<RegionEvent>) {
        let now = agenda.now
        let t = Int(cases.type[c])
        let st = desk.types[t].steps[Int(cases.step[c])]
        if newContact {
            accrue(team, now)
            floor.busy[team] += 1
            let ch = Int(cases.channel[c])
            if counts(cases.openedAt[c]) {
                metrics.service.queueWait[ch].record((now - cases.since[c]).hours)
                if cases.sessions[c] == 0 {
                    // A call is answered from the moment it rings (a caller who found the line closed called
                    // again later); a written contact from the moment it was sent.
                    let from = desk.channels[ch].kind == .phone ? cases.since[c] : cases.openedAt[c]
                    let target = desk.channels[ch].responseTarget.deadline(from: from, calendar: calendar)
                    metrics.service.response[ch].record(now <= target)
                }
            }
            cases.sessions[c] &+= 1
            cases.heldTeam[c] = Int16(team)
        }
        cases.phase[c] = .inWork
        agenda.post(.caseResume(case: Int32(c), token: cases.token[c]), at: now + st.duration.sample(&rng))
    }

    /// Frees the agent `c` holds, if any, and gives the agent the next case. - Complexity: O(1) plus dispatch.
    mutating func releaseAgent(_ c: Int, _ now: SimTime, _ agenda: inout Agenda<RegionEvent>) {
        let team = Int(cases.heldTeam[c])
        guard team >= 0 else { return }
        cases.heldTeam[c] = -1
        accrue(team, now)
        floor.busy[team] -= 1
        dispatch(team, &agenda)
    }

    /// A caller's patience ran out while queued: abandoned; some write an e-mail instead. - Complexity: O(1).
    mutating func caseAbandon(_ c: Int, token: Int32, _ agenda: inout Agenda<RegionEvent>) {
        guard cases.token[c] == token, cases.phase[c] == .queued else { return }
        cases.abandoned[c] = true
        let record = counts(cases.openedAt[c])
        if record { metrics.service.callsAbandoned += 1 }
        var rng = caseStream(c)
        cases.draws[c] &+= 1
        let st = desk.types[Int(cases.type[c])].steps[Int(cases.step[c])]
        if desk.email >= 0, rng.chance(desk.abandonRetry) {
            if record { metrics.service.abandonRetries += 1 }
            cases.channel[c] = Int8(desk.email)
            cases.switched[c] = true
            cases.token[c] &+= 1
            let team = teamFor(c, st)
            if team >= 0 { enqueue(c, team: team, &rng, &agenda) } else { close(c, .abandoned, &agenda) }
        } else {
            close(c, .abandoned, &agenda)
        }
    }

    /// 00:00: every team's shift boundaries of the day are scheduled and its on-shift count set.
    /// - Complexity: O(teams × windows).
    mutating func scheduleShifts(day d: Int, _ agenda: inout Agenda<RegionEvent>) {
        let start = SimTime(day: d)
        for k in desk.teams.indices {
            setDuty(k, agenda.now, &agenda)
            guard !calendar.isHoliday(day: d) else { continue }
            for w in desk.teams[k].shift.windows(Weekday(dayIndex: d)) {
                if w.from > 0 { agenda.post(.shiftChange(team: Int32(k)), at: start + w.start) }
                if w.to < 1440 { agenda.post(.shiftChange(team: Int32(k)), at: start + w.end) }
            }
        }
    }

    /// A shift boundary: the team's on-shift count follows its windows. - Complexity: O(windows) plus dispatch.
    mutating func setDuty(_ team: Int, _ now: SimTime, _ agenda: inout Agenda<RegionEvent>) {
        let on = onShift(team, at: now) ? desk.agents[team] : 0
        guard on != floor.onDuty[team] else { return }
        accrue(team, now)
        floor.onDuty[team] = on
        dispatch(team, &agenda)
    }

    /// Whether `team` is on shift at `t` (holidays off). - Complexity: O(windows).
    func onShift(_ team: Int, at t: SimTime) -> Bool {
        guard !calendar.isHoliday(day: t.day) else { return false }
        let minute = Int(t.timeOfDay.ticks / SimDuration.minutes(1).ticks)
        return desk.teams[team].shift.windows(Weekday(dayIndex: t.day)).contains { minute >= $0.from && minute < $0.to }
    }

    /// The next instant ≥ `t` at which `team` is on shift (within 21 days; else `t`). - Complexity: O(days × windows).
    func nextShiftStart(_ team: Int, after t: SimTime) -> SimTime {
        if onShift(team, at: t) { return t }
        for k in 0..<21 {
            let day = t.day + k
            guard !calendar.isHoliday(day: day) else { continue }
            for w in desk.teams[team].shift.windows(Weekday(dayIndex: day)) {
                let s = SimTime(day: day) + w.start
                if s >= t { return s }
            }
        }
        return t
    }

    /// Adds busy and on-shift agent time since the team's last change (after the warm-up). - Complexity: O(1).
    mutating func accrue(_ team: Int, _ now: SimTime) {
        let last = floor.lastChange[team]
        if counts(last) && now > last {
            let h = (now - last).hours
            metrics.service.busyHours[team] += Double(floor.busy[team]) * h
            // Agents finishing a contact after their shift ends count as on shift until they are done.
            metrics.service.dutyHours[team] += Double(max(floor.busy[team], floor.onDuty[team])) * h
        }
        floor.lastChange[team] = now
    }
}
