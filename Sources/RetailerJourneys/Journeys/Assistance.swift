import DiscreteEvents
import TechnicianBooking

/// Journey 7 — technical assistance (and the installation visits of journey 1): installed machines fail
/// at a rate that grows with age; self-diagnosis resolves some; the remote first line (specialists in the
/// allocator's remote pool) resolves more; otherwise a visit: the severity sets the SLA horizon, the
/// allocator offers the top-k slots, the retailer picks one, hold → confirm (a hold can expire), the
/// visit runs, and is a first-time fix or needs a return visit after the parts lead time.
extension RegionModel {
    /// Schedules a machine's next failure (exponential at its age's rate). - Complexity: O(1).
    mutating func scheduleNextFailure(_ r: Int, after t: SimTime, _ agenda: inout Agenda<RegionEvent>) {
        let a = scenario.journeys.assistance
        let age = Double(population.all[r].machineAge) + Double(t.day) / 365
        let perYear = a.failuresPerYear + a.failuresPerYearPerAgeYear * age
        guard perYear > 0 else { return }
        var rng = streams.stream(r, .failures, Int(population.all[r].failureSequence))
        population.all[r].failureSequence &+= 1
        let at = t + .days(rng.exponential(mean: 365 / perYear))
        if at.day < scenario.days { agenda.post(.machineFails(retailer: Int32(r)), at: at) }
    }

    /// Schedules a machine's next preventive maintenance `interval` days after `t` (at 08:00). - Complexity: O(1).
    mutating func scheduleMaintenance(_ r: Int, afterDays days: Int, from t: SimTime, _ agenda: inout Agenda<RegionEvent>) {
        guard scenario.journeys.assistance.maintenanceIntervalDays > 0 else { return }
        let at = SimTime(day: t.day + max(1, days), hour: 8)
        if at.day < scenario.days { agenda.post(.maintenanceDue(retailer: Int32(r)), at: at) }
    }

    /// Maintenance is due: a minor-severity visit is offered (or postponed while another ticket is open).
    /// - Complexity: one offer.
    mutating func maintenanceDue(retailer r: Int, _ agenda: inout Agenda<RegionEvent>) {
        let now = agenda.now
        let interval = scenario.journeys.assistance.maintenanceIntervalDays
        guard population.all[r].draught, population.all[r].active else { return }
        guard population.all[r].openTicket < 0 else { scheduleMaintenance(r, afterDays: 7, from: now, &agenda); return }
        let deadline = allocator.config.slaPolicy.deadline(.minor, after: now)
        let t = tickets.add(retailer: r, severity: .minor, at: now, deadline: deadline, earliest: now, approvedDay: -1, purpose: .maintenance)
        population.all[r].openTicket = Int32(t)
        tickets.stage[t] = .offering
        ticketStep(t, &agenda)
        scheduleMaintenance(r, afterDays: interval, from: now, &agenda)
    }

    /// A machine fails: a ticket opens, self-diagnosis first. - Complexity: O(1) plus a remote offer.
    mutating func machineFails(retailer r: Int, _ agenda: inout Agenda<RegionEvent>) {
        let now = agenda.now
        guard population.all[r].draught, population.all[r].active, population.all[r].openTicket < 0 else {
            scheduleNextFailure(r, after: now, &agenda)
            return
        }
        let a = scenario.journeys.assistance
        var rng = streams.stream(r, .assistance, Int(population.all[r].failureSequence))
        let sevs: [Severity] = [.machineDown, .degraded, .minor]
        let severity = sevs[rng.pick(sevs.map { a.severityMix[$0] ?? 0 })]
        let deadline = allocator.config.slaPolicy.deadline(severity, after: now)
        let t = tickets.add(retailer: r, severity: severity, at: now, deadline: deadline, earliest: now, approvedDay: -1)
        population.all[r].openTicket = Int32(t)
        metrics.failures += 1
        bumpDaily { $0.ticketsOpened += 1 }
        note(now, r, .machineFailed)
        notify(r)
        if population.all[r].digital && rng.chance(a.selfDiagnosisResolves) {
            if counts(now) { metrics.selfResolved += 1 }
            note(now, r, .selfResolved)
            closeTicket(t, now: now, &agenda)
            return
        }
        // The remote first line: a video call with a specialist, booked like a visit without travel.
        let request = OfferRequest(retailer: r, zone: Int(population.all[r].zone), kind: .remote, skill: .draughtSystems,
                                   duration: a.remoteDuration.sample(&rng), severity: severity, policy: .earliest, topK: 1)
        if !offerSlots(request, now: now) {
            tickets.stage[t] = .offering
            ticketStep(t, &agenda)
            return
        }
        let slot = offerBuffer[0]
        guard let res = try? allocator.book(slot, for: request) else {
            tickets.stage[t] = .offering
            ticketStep(t, &agenda)
            return
        }
        tickets.stage[t] = .remoteBooked
        tickets.reservation[t] = res
        tickets.slot[t] = slot
        ticketOfReservation[res] = Int32(t)
        note(now, r, .remoteBooked)
        schedule(t, at: slot.visitEnd, &agenda)
    }

    /// Fills `offerBuffer` for `request`; false when there is no slot (or the request is refused).
    /// - Complexity: as `TechnicianAllocator.offer`.
    mutating func offerSlots(_ request: OfferRequest, now: SimTime) -> Bool {
        do {
            let reason = try allocator.offer(request, now: now, into: &offerBuffer)
            return reason == nil && !offerBuffer.isEmpty
        } catch {
            offerBuffer.removeAll(keepingCapacity: true)
            return false
        }
    }

    /// Schedules the ticket's next step at `t`, superseding any earlier one. - Complexity: O(1).
    mutating func schedule(_ t: Int, at time: SimTime, _ agenda: inout Agenda<RegionEvent>) {
        tickets.token[t] &+= 1
        agenda.post(.ticketStep(ticket: Int32(t), token: tickets.token[t]), at: max(time, agenda.now))
    }

    /// The request for a field visit of ticket `t`. - Complexity: O(1).
    func visitRequest(_ t: Int, _ rng: inout RandomStream) -> OfferRequest {
        let r = Int(tickets.retailer[t])
        let a = scenario.journeys.assistance
        let install = tickets.purpose[t] == .installation
        let duration = switch tickets.purpose[t] {
        case .installation: scenario.journeys.onboarding.installationDuration.sample(&rng)
        case .maintenance: a.maintenanceDuration.sample(&rng)
        case .repair: a.visitDuration.sample(&rng)
        }
        // After three empty offers the ticket is offered on the longest horizon (minor) rather than never.
        return OfferRequest(retailer: r, zone: Int(population.all[r].zone), kind: .field, skill: install ? .installation : .draughtSystems,
                            duration: max(.minutes(15), duration), severity: tickets.offers[t] >= 3 ? .minor : tickets.severity[t],
                            policy: scenario.policies.technicianPolicy, topK: max(1, min(TechnicianAllocator.maxTopK, scenario.policies.offersShown)),
                            preferredTechnician: Int(population.all[r].lastTechnician), earliestStart: tickets.earliest[t])
    }

    /// The ticket's next step, by stage. - Complexity: one offer, hold, confirm or visit.
    mutating func ticketStep(_ t: Int, _ agenda: inout Agenda<RegionEvent>) {
        let now = agenda.now
        let r = Int(tickets.retailer[t])
        let a = scenario.journeys.assistance
        var rng = streams.stream(t, .assistance, Int(tickets.token[t]) &* 16 &+ Int(tickets.stage[t].rawValue))
        switch tickets.stage[t] {
        case .remoteBooked:
            ticketOfReservation[tickets.reservation[t]] = nil
            if counts(now) { metrics.remoteCalls += 1 }
            if rng.chance(a.remoteResolves) {
                if counts(now) { metrics.remoteResolved += 1 }
                note(now, r, .remoteResolved)
                closeTicket(t, now: now, &agenda)
            } else {
                tickets.stage[t] = .offering
                ticketStep(t, &agenda)
            }
        case .offering, .partsWait:
            tickets.stage[t] = .offering
            let request = visitRequest(t, &rng)
            tickets.offers[t] &+= 1
            if !offerSlots(request, now: now) {
                if counts(now) { metrics.emptyOffers += 1 }
                // Try again the next morning.
                schedule(t, at: SimTime(day: now.day + 1, hour: 8), &agenda)
                return
            }
            note(now, r, .visitOffered)
            let pick = offerBuffer.count > 1 && !rng.chance(a.picksFirstOffer) ? 1 + Int(rng.nextInt(below: UInt64(offerBuffer.count - 1))) : 0
            let slot = offerBuffer[pick]
            let ttl = max(.minutes(1), a.holdTTL.sample(&rng))
            guard let res = try? allocator.hold(slot, for: request, ttl: ttl, now: now) else {
                schedule(t, at: now + .minutes(5), &agenda)
                return
            }
            tickets.stage[t] = .held
            tickets.reservation[t] = res
            tickets.slot[t] = slot
            note(now, r, .visitHeld)
            let delay = a.confirmDelay.sample(&rng)
            // A confirmation later than the hold's expiry finds it gone.
            schedule(t, at: now + (delay > ttl ? ttl + .seconds(1) : delay), &agenda)
        case .held:
            expireHolds(now)
            if (try? allocator.confirm(tickets.reservation[t], now: now)) != nil {
                tickets.stage[t] = .confirmed
                ticketOfReservation[tickets.reservation[t]] = Int32(t)
                metrics.visitsBooked += 1
                note(now, r, .visitConfirmed)
                notify(r)
                schedule(t, at: tickets.slot[t].visitEnd, &agenda)
            } else {
                if counts(now) { metrics.holdsExpired += 1 }
                note(now, r, .holdExpired)
                tickets.stage[t] = .offering
                ticketStep(t, &agenda)
            }
        case .confirmed:
            visitDone(t, now: now, &rng, &agenda)
        case .selfDiagnosis, .closed:
            break
        }
    }

    /// A visit ends: first-time fix, installation done, or a return visit after the parts lead time.
    /// - Complexity: O(1).
    mutating func visitDone(_ t: Int, now: SimTime, _ rng: inout RandomStream, _ agenda: inout Agenda<RegionEvent>) {
        let r = Int(tickets.retailer[t])
        let slot = tickets.slot[t]
        ticketOfReservation[tickets.reservation[t]] = nil
        metrics.visitsDone += 1
        bumpDaily { $0.visitsDone += 1 }
        population.all[r].lastTechnician = Int32(slot.technician)
        let hours = Double(slot.reservedSlots * allocator.grid.minutesPerSlot) / 60
        metrics.technicianHours += hours
        reportSeries.visit(technician: slot.technician, day: slot.visitStart.day, minutes: slot.reservedSlots * allocator.grid.minutesPerSlot)
        if slot.technician >= 0 && slot.technician < technicianRate.count { metrics.technicianCost += hours * technicianRate[slot.technician] }
        note(now, r, .visitDone)
        let sev = tickets.severity[t]
        let first = tickets.visits[t] == 0
        tickets.visits[t] &+= 1
        if tickets.purpose[t] == .maintenance {
            metrics.maintenanceVisits += 1
            if counts(tickets.openedAt[t]) { metrics.maintenanceOnTime.record(slot.visitStart <= tickets.slaDeadline[t]) }
            note(now, r, .maintenanceDone)
            population.all[r].openTicket = -1
            tickets.end(t)
            return
        }
        if first && counts(tickets.openedAt[t]) {
            metrics.timeToVisit[sev.rawValue].record((slot.visitStart - tickets.openedAt[t]).hours)
            metrics.visitSLA[sev.rawValue].record(slot.visitStart <= tickets.slaDeadline[t])
        }
        if tickets.purpose[t] == .installation {
            installed(t, now: now, &agenda)
            return
        }
        let fixed = rng.chance(scenario.journeys.assistance.firstTimeFix)
        if first && counts(tickets.openedAt[t]) { metrics.firstTimeFix.record(fixed) }
        if fixed {
            note(now, r, .fixed)
            closeTicket(t, now: now, &agenda)
        } else {
            // The return visit is booked now, for no earlier than the parts' arrival.
            note(now, r, .returnVisitNeeded)
            tickets.stage[t] = .partsWait
            tickets.earliest[t] = now + scenario.journeys.assistance.partsLeadTime.sample(&rng)
            schedule(t, at: now, &agenda)
        }
    }

    /// A repair ticket closes: the machine works again; its next failure is scheduled. - Complexity: O(1).
    mutating func closeTicket(_ t: Int, now: SimTime, _ agenda: inout Agenda<RegionEvent>) {
        let r = Int(tickets.retailer[t])
        if counts(tickets.openedAt[t]) { metrics.timeToResolution.record((now - tickets.openedAt[t]).hours) }
        population.all[r].openTicket = -1
        tickets.end(t)
        notify(r)
        scheduleNextFailure(r, after: now, &agenda)
    }

    /// Expires holds whose time is up (virtual time). - Complexity: O(expired).
    mutating func expireHolds(_ now: SimTime) { _ = allocator.expireHolds(now: now, into: &expiredBuffer) }

    /// `count` field technicians absent from `from` for `days` days: their bookings are displaced and
    /// re-offered by the allocator; tickets follow their new holds or go back to offering. - Complexity:
    /// O(displaced bookings × offer).
    mutating func absent(count: Int, from d: Int, days: Int, _ agenda: inout Agenda<RegionEvent>) {
        let now = agenda.now
        var done = 0
        var t = 0
        while done < count && t < allocator.technicianCount {
            if let info = try? allocator.technician(t), info.kind == .field {
                let displaced = (try? allocator.markAbsence(technician: t, from: SimTime(day: d), to: SimTime(day: d + days),
                                                           now: now, holdTTL: .minutes(30))) ?? []
                for disp in displaced { rebook(disp, &agenda) }
                done += 1
            }
            t += 1
        }
    }

    /// Follows one displaced booking: confirm its new hold, or offer again. - Complexity: O(1).
    mutating func rebook(_ disp: Displacement, _ agenda: inout Agenda<RegionEvent>) {
        let now = agenda.now
        guard let ti = ticketOfReservation[disp.original] else { return }
        let t = Int(ti)
        ticketOfReservation[disp.original] = nil
        metrics.displacedVisits += 1
        if let hold = disp.newHold, (try? allocator.confirm(hold, now: now)) != nil, let info = allocator.reservation(hold) {
            tickets.reservation[t] = hold
            ticketOfReservation[hold] = ti
            let grid = allocator.grid
            let start = grid.time(day: info.day, slot: info.startSlot + info.travelSlots)
            tickets.slot[t] = SlotOffer(technician: info.technician, day: info.day, startSlot: info.startSlot,
                                        travelSlots: info.travelSlots, visitSlots: info.visitSlots, calendarVersion: 0,
                                        rankKey: 0, visitStart: start, visitEnd: start + SimDuration(ticks: grid.ticksPerSlot * Int64(info.visitSlots)))
            schedule(t, at: tickets.slot[t].visitEnd, &agenda)
        } else {
            tickets.stage[t] = .offering
            schedule(t, at: now, &agenda)
        }
        notify(Int(tickets.retailer[t]))
    }
}
