import DiscreteEvents

/// The service desk — where cases come from (background contacts spread over business hours, journey
/// events with a contact probability or proactive outreach, journey 8's periodic data prompts), the
/// self-service that deflects them, and what the flows' actions and conditions do to the retailers.
extension RegionModel {
    /// Day 0: the first background contact of every case type. Each type's contacts are a Poisson process
    /// in business time at `perRetailerPerYear × retailers` a year. - Complexity: O(types).
    mutating func bootstrapDesk(_ agenda: inout Agenda<RegionEvent>) {
        for t in desk.types.indices where desk.types[t].rate > 0 { scheduleArrival(type: t, after: agenda.now, &agenda) }
    }

    /// Mean business hours between two background contacts of type `t` (infinite when none come). - Complexity: O(1).
    func arrivalGapHours(_ t: Int) -> Double {
        let openHoursPerYear = calendar.weeklyOpenTime.hours * 365 / 7
        let perYear = desk.types[t].rate * Double(population.count)
        return perYear > 0 && openHoursPerYear > 0 ? openHoursPerYear / perYear : .infinity
    }

    /// Schedules type `t`'s next background contact. - Complexity: as `BusinessCalendar.add`.
    mutating func scheduleArrival(type t: Int, after now: SimTime, _ agenda: inout Agenda<RegionEvent>) {
        let gap = arrivalGapHours(t)
        guard gap.isFinite else { return }
        var rng = streams.stream(t, .caseArrivals, arrivalSequence[t])
        arrivalSequence[t] += 1
        let at = calendar.add(.seconds(rng.exponential(mean: gap) * 3_600), to: now)
        guard at.day < scenario.days else { return }
        agenda.post(.caseArrival(type: Int32(t)), at: at)
    }

    /// A background contact of type `t`: a random active retailer contacts the desk. - Complexity: O(1) expected.
    mutating func caseArrival(type t: Int, _ agenda: inout Agenda<RegionEvent>) {
        var rng = streams.stream(t, .caseArrivals, -1 - arrivalSequence[t])
        scheduleArrival(type: t, after: agenda.now, &agenda)
        let n = population.count
        guard n > 0 else { return }
        var r = Int(rng.nextInt(below: UInt64(n)))
        for _ in 0..<16 where !population.all[r].active { r = (r + 1) % n }
        guard population.all[r].active else { return }
        contact(type: t, retailer: r, &rng, &agenda)
    }

    /// A retailer's own contact about type `t`: self-service (digital retailers) or a case on a channel
    /// drawn from the type's mix. - Complexity: O(channels).
    mutating func contact(type t: Int, retailer r: Int, _ rng: inout RandomStream, _ agenda: inout Agenda<RegionEvent>) {
        let type = desk.types[t]
        if type.selfService > 0, r >= 0, population.all[r].digital, rng.chance(type.selfService) {
            if counts(agenda.now) {
                metrics.service.deflected[t] += 1
                if type.steps.contains(where: { $0.action == .dataUpdated }) { metrics.service.dataUpdates += 1 }
            }
            return
        }
        guard type.channelWeights.contains(where: { $0 > 0 }) else { return }
        openCase(type: t, retailer: r, channel: rng.pick(type.channelWeights), proactive: false, &agenda)
    }

    /// A journey event happened: each trigger on it raises a contact with its probability, or (proactive)
    /// the desk reaches out. `r` may be `-1 - applicant`. - Complexity: O(triggers on the event).
    mutating func raise(_ event: TriggerEvent, retailer r: Int, key: Int, _ agenda: inout Agenda<RegionEvent>) {
        guard !desk.types.isEmpty, let e = TriggerEvent.allCases.firstIndex(of: event) else { return }
        for (i, tr) in desk.triggers[e].enumerated() {
            var rng = streams.stream(key, .caseTriggers, e &* 64 &+ i)
            if rng.chance(tr.contact) {
                contact(type: tr.type, retailer: r, &rng, &agenda)
            } else if tr.proactive {
                openCase(type: tr.type, retailer: r, channel: max(0, desk.phone), proactive: true, &agenda)
            }
        }
    }

    /// A deferred journey event (late orders found at a day's end, data prompts) is raised now. - Complexity: as `raise`.
    mutating func caseTrigger(event e: Int, retailer r: Int, _ agenda: inout Agenda<RegionEvent>) {
        guard e < TriggerEvent.allCases.count else { return }
        raise(TriggerEvent.allCases[e], retailer: r, key: r &* 1_024 &+ agenda.now.day, &agenda)
    }

    /// Journey 8: the day's share of retailers is prompted to review its data (each every
    /// `dataPromptIntervalDays`), at an office-hour time. - Complexity: O(retailers / interval).
    mutating func promptDataReviews(day d: Int, _ agenda: inout Agenda<RegionEvent>) {
        let interval = desk.dataPromptIntervalDays
        guard interval > 0, !desk.types.isEmpty, let e = TriggerEvent.allCases.firstIndex(of: .dataPrompt),
              !desk.triggers[e].isEmpty else { return }
        let first = ((-d % interval) + interval) % interval
        for r in stride(from: first, to: population.count, by: interval) where population.all[r].active {
            if counts(agenda.now) { metrics.service.dataPrompts += 1 }
            notify(r)
            var rng = streams.stream(r, .caseTriggers, d)
            agenda.post(.caseTrigger(event: Int32(e), retailer: Int32(r)),
                            at: SimTime(day: d) + .minutes(Int64(480 + rng.nextInt(below: 600))))
        }
    }

    /// Whether a branch's condition holds for case `c`. - Complexity: O(1).
    func holds(_ cond: CaseCondition, case c: Int) -> Bool {
        let r = Int(cases.retailer[c])
        switch cond {
        case .onPhone: return desk.channels[Int(cases.channel[c])].kind == .phone
        case .orderBeforePayment:
            guard r >= 0, population.all[r].openOrder >= 0 else { return false }
            let s = orders.all[Int(population.all[r].openOrder)].stage
            return s == .received || s == .blocked
        case .creditCooldown:
            guard r >= 0, population.all[r].creditAnsweredDay != .min else { return false }
            return today - Int(population.all[r].creditAnsweredDay) < desk.creditCooldownDays
        case .digital: return r >= 0 && population.all[r].digital
        case .lowPotential:
            guard r >= 0 else { return true }
            let s = Int(population.all[r].segment)
            let p = segments[s]
            let value = Double(population.all[r].kegRate) * p.kegValue + Double(population.all[r].caseRate) * p.caseValue
            return value < 0.5 * typicalDailyValue[s]
        }
    }

    /// What reaching the end of a step with an action does. - Complexity: O(1).
    mutating func apply(_ a: CaseAction, case c: Int, now: SimTime, _ agenda: inout Agenda<RegionEvent>) {
        let r = Int(cases.retailer[c])
        let record = counts(cases.openedAt[c])
        var rng = caseStream(c)
        cases.draws[c] &+= 1
        switch a {
        case .voucher, .coupon:
            if record { if a == .voucher { metrics.service.vouchers += 1 } else { metrics.service.coupons += 1 } }
            let expiry = SimDuration.seconds(Double(desk.couponExpiryDays) * 86_400)
            let use = desk.couponUseDelay.sample(&rng)
            let used = rng.chance(desk.couponUse) && use < expiry
            agenda.post(.couponEnds(used: used), at: now + (used ? use : expiry))
        case .refund: if record { metrics.service.refunds += 1 }
        case .cancelOrder:
            if cancelBeforePayment(r, now: now) && record { metrics.service.ordersCancelled += 1 }
        case .blockAccount:
            guard r >= 0 else { return }
            population.all[r].fraudBlocked = true
            if record { metrics.service.accountsBlocked += 1 }
            if cancelBeforePayment(r, now: now) && record { metrics.service.ordersCancelled += 1 }
        case .creditGranted, .creditRefused:
            guard r >= 0 else { return }
            population.all[r].creditAnsweredDay = Int32(today)
            if a == .creditGranted {
                population.all[r].creditLimit *= Float(desk.creditIncrease)
                if record { metrics.service.creditGranted += 1 }
            } else if record { metrics.service.creditRefused += 1 }
        case .activationDone:
            if r >= 0 { population.all[r].activations &+= 1 }
            if record { metrics.service.activationsDone += 1 }
        case .dataUpdated: if record { metrics.service.dataUpdates += 1 }
        }
    }

    /// Cancels `r`'s open order when it is still before payment. - Complexity: O(1).
    mutating func cancelBeforePayment(_ r: Int, now: SimTime) -> Bool {
        guard r >= 0, population.all[r].openOrder >= 0 else { return false }
        let o = Int(population.all[r].openOrder)
        guard orders.all[o].stage == .received || orders.all[o].stage == .blocked else { return false }
        cancelOrder(o, now: now)
        return true
    }

    /// A coupon or voucher is used or expires. - Complexity: O(1).
    mutating func couponEnds(used: Bool, now: SimTime) {
        guard counts(now) else { return }
        if used { metrics.service.couponsUsed += 1 } else { metrics.service.couponsExpired += 1 }
    }

    /// 23:59:59: agent time accrues to the day's end; the day's open cases. - Complexity: O(teams).
    mutating func endDeskDay(_ now: SimTime) {
        for k in desk.teams.indices { accrue(k, now) }
        let open = cases.open
        bumpDaily { $0.casesOpen = open }
    }
}
