import DiscreteEvents

/// The service desk (seed 002) — running a case through its flow: identify → validate → resolve or
/// escalate → follow up → close, with the flow's branches, the phone rule for documents, escalations
/// with timeouts, outbound attempts and the SLA clocks on the business calendar.
///
/// Agent model: a work step queues the case at the team serving its channel and skill; consecutive work
/// steps of one team are one contact (the same agent goes on); documents on the phone keep the agent on
/// the line up to `phoneDocumentWait`, then the case continues by e-mail; any other step frees the agent.
extension RegionModel {
    /// Opens a case and starts its flow. - Complexity: O(1) plus the first step.
    @discardableResult
    mutating func openCase(type t: Int, retailer r: Int, channel ch: Int, proactive: Bool, _ agenda: inout Agenda<RegionEvent>) -> Int {
        let now = agenda.now
        let c = cases.add(type: t, retailer: r, channel: ch, proactive: proactive, at: now)
        metrics.service.opened += 1
        bumpDaily { $0.casesOpened += 1 }
        if counts(now) {
            if proactive { metrics.service.proactive[t] += 1 } else { metrics.service.reactive[t] += 1 }
        }
        let type = desk.types[t]
        let first = proactive && type.proactiveStart >= 0 ? type.proactiveStart : type.start
        // A call outside the desk's hours is made at the next shift (a written contact just queues).
        let team = teamFor(c, type.steps[first])
        if !proactive, desk.channels[ch].kind == .phone, team >= 0, floor.onDuty[team] == 0, type.steps[first].kind == .work {
            cases.step[c] = Int16(first)
            cases.phase[c] = .startPending
            // Callers who found the line closed call back during the next shift's first three hours, not all at its start.
            var rng = caseStream(c)
            cases.draws[c] &+= 1
            let opening = nextShiftStart(team, after: now)
            let back = nextShiftStart(team, after: opening + .seconds(rng.nextUnit() * 3 * 3_600))
            agenda.post(.caseResume(case: Int32(c), token: cases.token[c]), at: back)
            return c
        }
        enter(c, first, &agenda)
        return c
    }

    /// The team that works step `s` of case `c` (−1: none). - Complexity: O(1).
    func teamFor(_ c: Int, _ s: CompiledStep) -> Int {
        s.team >= 0 ? s.team : desk.team(type: Int(cases.type[c]), channel: Int(cases.channel[c]))
    }

    /// Enters step `s` of case `c`. - Complexity: O(1) plus queue dispatch.
    mutating func enter(_ c: Int, _ s: Int, _ agenda: inout Agenda<RegionEvent>) {
        let now = agenda.now
        let t = Int(cases.type[c])
        let st = desk.types[t].steps[s]
        let held = Int(cases.heldTeam[c])
        let phone = desk.channels[Int(cases.channel[c])].kind == .phone
        let keepsAgent = (st.kind == .work && held >= 0 && teamFor(c, st) == held) || (st.kind == .documents && phone && held >= 0)
        if !keepsAgent { releaseAgent(c, now, &agenda) }
        cases.step[c] = Int16(s)
        cases.token[c] &+= 1
        let token = cases.token[c]
        if trace != nil {
            note(now, Int(cases.retailer[c]), .caseStep(case: Int(cases.sequence[c]), step: "\(desk.types[t].name).\(desk.stepName(t, s))"))
        }
        var rng = caseStream(c)
        switch st.kind {
        case .work:
            if keepsAgent {
                startWork(c, team: held, newContact: false, &rng, &agenda)
            } else {
                let team = teamFor(c, st)
                if team < 0 {
                    // No team serves it (the reader rejects such flows); the case waits the work's length unattended.
                    cases.phase[c] = .waiting
                    agenda.post(.caseResume(case: Int32(c), token: token), at: now + st.duration.sample(&rng))
                } else {
                    enqueue(c, team: team, &rng, &agenda)
                }
            }
        case .documents:
            cases.documents[c] &+= 1
            let delay = desk.documentDelay.sample(&rng)
            cases.docsAt[c] = now + delay
            cases.since[c] = now
            if keepsAgent {
                let wait = desk.phoneDocumentWait.deadline(from: now, calendar: calendar)
                cases.phase[c] = now + delay <= wait ? .onLine : .lineGivenUp
                agenda.post(.caseResume(case: Int32(c), token: token), at: min(now + delay, wait))
            } else {
                cases.phase[c] = .waiting
                agenda.post(.caseResume(case: Int32(c), token: token), at: now + delay)
            }
        case .escalate:
            cases.escalations[c] &+= 1
            cases.since[c] = now
            cases.phase[c] = .escalated
            let p = desk.parties[st.party]
            if counts(cases.openedAt[c]) { metrics.service.escalations[st.party] += 1 }
            if !rng.chance(p.neverAnswers) {
                agenda.post(.caseResume(case: Int32(c), token: token), at: later(p.response, &rng, from: now))
            }
            if let timeout = st.timeout {
                agenda.post(.caseTimeout(case: Int32(c), token: token), at: timeout.deadline(from: now, calendar: calendar))
            }
        case .contact:
            cases.phase[c] = .outbound
            cases.tries[c] = 0
            agenda.post(.caseResume(case: Int32(c), token: token), at: calendar.nextOpening(after: now))
        case .wait:
            cases.phase[c] = .waiting
            let at = later(st.duration, &rng, from: now)
            if at == now { cases.draws[c] &+= 1; complete(c, &agenda); return }
            agenda.post(.caseResume(case: Int32(c), token: token), at: at)
        case .transfer:
            let r = Int(cases.retailer[c]), ch = Int(cases.channel[c])
            if counts(cases.openedAt[c]) { metrics.service.transfers += 1 }
            close(c, .transferred, &agenda)
            openCase(type: st.transferType, retailer: r, channel: ch, proactive: false, &agenda)
            return
        case .close:
            close(c, .resolved, &agenda)
            return
        }
        cases.draws[c] &+= 1
    }

    /// A continuation of case `c` is due. - Complexity: O(1) plus the next step.
    mutating func caseResume(_ c: Int, token: Int32, _ agenda: inout Agenda<RegionEvent>) {
        guard cases.token[c] == token else { return }
        let now = agenda.now
        let t = Int(cases.type[c])
        let st = desk.types[t].steps[Int(cases.step[c])]
        switch cases.phase[c] {
        case .startPending:
            enter(c, Int(cases.step[c]), &agenda)
        case .inWork, .onLine, .waiting:
            complete(c, &agenda)
        case .lineGivenUp:
            // The seed's phone rule: past the wait on the line, the case goes on by e-mail.
            releaseAgent(c, now, &agenda)
            if desk.email >= 0 && Int(cases.channel[c]) != desk.email { cases.channel[c] = Int8(desk.email); cases.switched[c] = true }
            cases.phase[c] = .waiting
            agenda.post(.caseResume(case: Int32(c), token: token), at: max(now, cases.docsAt[c]))
        case .escalated:
            let p = st.party
            if counts(cases.openedAt[c]) {
                metrics.service.partyAnswer[p].record((now - cases.since[c]).hours)
                if let target = escalationTarget(c, st) {
                    metrics.service.partyOnTime[p].record(now <= target.deadline(from: cases.since[c], calendar: calendar))
                }
            }
            complete(c, &agenda)
        case .outbound:
            var rng = caseStream(c)
            cases.draws[c] &+= 1
            cases.attempts[c] &+= 1
            cases.tries[c] &+= 1
            let record = counts(cases.openedAt[c])
            if record { metrics.service.outboundAttempts += 1 }
            if rng.chance(st.reach) {
                if record { metrics.service.outboundReached += 1 }
                complete(c, &agenda)
            } else if Int(cases.tries[c]) < st.attempts {
                // The next attempt: another business day, three business hours later in the day.
                cases.token[c] &+= 1
                let next = calendar.add(.hours(3), to: calendar.addBusinessDays(1, to: now))
                agenda.post(.caseResume(case: Int32(c), token: cases.token[c]), at: next)
            } else {
                enter(c, st.onNoContact >= 0 ? st.onNoContact : desk.types[t].steps.count - 1, &agenda)
            }
        case .idle, .queued, .closed:
            break
        }
    }

    /// An escalation's timeout ran out: the step's timeout branch. - Complexity: O(1) plus the next step.
    mutating func caseTimeout(_ c: Int, token: Int32, _ agenda: inout Agenda<RegionEvent>) {
        guard cases.token[c] == token, cases.phase[c] == .escalated else { return }
        let st = desk.types[Int(cases.type[c])].steps[Int(cases.step[c])]
        if counts(cases.openedAt[c]) {
            metrics.service.partyTimeouts[st.party] += 1
            if escalationTarget(c, st) != nil { metrics.service.partyOnTime[st.party].record(false) }
        }
        enter(c, st.onTimeout >= 0 ? st.onTimeout : desk.types[Int(cases.type[c])].steps.count - 1, &agenda)
    }

    /// The answer target of an escalation: the step's by channel, the step's, else the party's. - Complexity: O(1).
    func escalationTarget(_ c: Int, _ st: CompiledStep) -> SLAClock? {
        st.targetByChannel[Int(cases.channel[c])] ?? st.target ?? desk.parties[st.party].target
    }

    /// The current step is done: its action and milestone, then the branch taken. - Complexity: O(branches).
    mutating func complete(_ c: Int, _ agenda: inout Agenda<RegionEvent>) {
        let now = agenda.now
        let t = Int(cases.type[c])
        let st = desk.types[t].steps[Int(cases.step[c])]
        if let a = st.action { apply(a, case: c, now: now, &agenda) }
        if st.milestone >= 0 && counts(cases.openedAt[c]) {
            metrics.service.milestones[t][st.milestone].record((now - cases.openedAt[c]).hours)
        }
        var rng = caseStream(c)
        cases.draws[c] &+= 1
        enter(c, choose(c, st.next, &rng), &agenda)
    }

    /// The branch taken: the first conditional branch that holds, else one of the others by weight.
    /// - Complexity: O(branches).
    func choose(_ c: Int, _ next: [CompiledBranch], _ rng: inout RandomStream) -> Int {
        // Two passes instead of collecting the weighted branches in arrays (no allocation per step); the
        // draw is `RandomStream.pick`'s over the weighted branches in order, so the results are unchanged.
        var total = 0.0, weighted = 0, only = 0
        for b in next {
            if let cond = b.condition {
                if holds(cond, case: c) != b.negated { return b.to }
            } else {
                total += b.weight; weighted += 1; only = b.to
            }
        }
        if weighted == 0 { return desk.types[Int(cases.type[c])].steps.count - 1 }
        if weighted == 1 { return only }
        var u = rng.nextUnit() * total
        var last = only
        for b in next where b.condition == nil {
            if u < b.weight { return b.to }
            u -= b.weight
            last = b.to
        }
        return last
    }

    /// Closes a case and records its outcome. - Complexity: O(1).
    mutating func close(_ c: Int, _ outcome: CaseOutcome, _ agenda: inout Agenda<RegionEvent>) {
        let now = agenda.now
        releaseAgent(c, now, &agenda)
        let t = Int(cases.type[c]), ch = Int(cases.channel[c])
        if trace != nil { note(now, Int(cases.retailer[c]), .caseClosed(case: Int(cases.sequence[c]), outcome: "\(outcome)")) }
        metrics.service.closed += 1
        bumpDaily { $0.casesClosed += 1 }
        if outcome == .resolved && counts(cases.openedAt[c]) {
            let sm = desk.types[t]
            let hours = (now - cases.openedAt[c]).hours
            metrics.service.resolution.record(hours)
            metrics.service.resolutionByType[t].record(hours)
            let met = now <= sm.sla.deadline(from: cases.openedAt[c], calendar: calendar)
            metrics.service.sla[t * desk.channels.count + ch].record(met)
            if cases.sessions[c] > 0 {
                metrics.service.firstContact[ch].record(cases.sessions[c] == 1 && cases.escalations[c] == 0 && cases.documents[c] == 0
                                                        && cases.attempts[c] == 0 && !cases.abandoned[c] && !cases.switched[c])
            }
            if cases.escalations[c] > 0 { metrics.service.escalatedCases += 1 }
            metrics.service.effort.record(effortScore(c, slaMet: met))
        }
        cases.end(c)
    }

    /// The customer-effort score of a case, 1 (effortless) to 7: 1 + one per extra contact, per document
    /// request, per channel switch and for a missed SLA, two for an abandoned call, a half per escalation;
    /// minus one when the desk reached out first. - Complexity: O(1).
    func effortScore(_ c: Int, slaMet: Bool) -> Double {
        var e = 1.0
        e += Double(max(0, Int(cases.sessions[c]) - 1))
        e += Double(cases.documents[c])
        e += cases.switched[c] ? 1 : 0
        e += cases.abandoned[c] ? 2 : 0
        e += 0.5 * Double(cases.escalations[c])
        e += slaMet ? 0 : 1
        e -= cases.proactive[c] ? 1 : 0
        return min(7, max(1, e))
    }

    /// The random stream of a case's next draw. - Complexity: O(1).
    func caseStream(_ c: Int) -> RandomStream {
        streams.stream(Int(cases.sequence[c]), .cases, Int(cases.draws[c]))
    }

    /// An instant `d` after `t`: elapsed time, or open time on the calendar when `d` counts business time.
    /// - Complexity: O(1), or as `BusinessCalendar.add`.
    func later(_ d: RandomDuration, _ rng: inout RandomStream, from t: SimTime) -> SimTime {
        let x = d.sample(&rng)
        return d.businessTime ? calendar.add(x, to: t) : t + x
    }
}
