import DiscreteEvents
import TechnicianBooking

/// Journey 1 — first contact: applications arrive per segment; automatic validation passes or asks for
/// documents (delay, retry or abandon); the portfolio is available at once except draught, which needs
/// an equipment installation booked through the technician allocator no earlier than the equipment's
/// delivery; a first sales-rep visit is planned within N business days (reps as a daily capacity).
extension RegionModel {
    /// The day's applications (business days only), at random office-hour times. - Complexity: O(applications).
    mutating func arriveApplications(day d: Int, _ agenda: inout Agenda<RegionEvent>) {
        guard calendar.isBusinessDay(d) else { return }
        let rate = scenario.journeys.onboarding.applicationsPerDayPer1000 * Double(spec.retailers) / 1000
        guard rate > 0 else { return }
        var rng = streams.stream(d, .applications)
        // Poisson count by inversion of exponential gaps over one day.
        var n = 0, t = rng.exponential(mean: 1 / rate)
        while t < 1 && n < 100_000 { n += 1; t += rng.exponential(mean: 1 / rate) }
        for _ in 0..<n {
            let seq = applicants.segment.count
            applicants.segment.append(UInt8(rng.pick(segments.map(\.share))))
            applicants.appliedAt.append(.zero)
            applicants.attempts.append(0)
            agenda.post(.application(Int32(seq)), at: SimTime(day: d) + .minutes(Int64(480 + rng.nextInt(below: 600))))
        }
    }

    /// An application arrives: automatic validation. - Complexity: O(1).
    mutating func application(_ a: Int, _ agenda: inout Agenda<RegionEvent>) {
        let now = agenda.now
        applicants.appliedAt[a] = now
        metrics.applications += 1
        var rng = streams.stream(a, .onboarding)
        let o = scenario.journeys.onboarding
        note(now, -1 - a, .applied)
        if rng.chance(o.autoValidationPass) {
            if counts(now) { metrics.approvedAutomatically += 1 }
            approve(a, now: now, &agenda)
        } else {
            note(now, -1 - a, .documentsAsked)
            agenda.post(.applicantStep(applicant: Int32(a)), at: now + o.documentDelay.sample(&rng))
            raise(.registrationPending, retailer: -1 - a, key: -1 - a, &agenda)
        }
    }

    /// Documents come back, or the applicant gives up. - Complexity: O(1).
    mutating func applicantStep(_ a: Int, _ agenda: inout Agenda<RegionEvent>) {
        let now = agenda.now
        let o = scenario.journeys.onboarding
        applicants.attempts[a] &+= 1
        var rng = streams.stream(a, .onboarding, Int(applicants.attempts[a]))
        if rng.chance(o.abandonOnDocuments) || applicants.attempts[a] > 3 {
            metrics.abandoned += 1
            note(now, -1 - a, .abandoned)
        } else if rng.chance(o.documentsPass) {
            approve(a, now: now, &agenda)
        } else {
            note(now, -1 - a, .documentsAsked)
            agenda.post(.applicantStep(applicant: Int32(a)), at: now + o.documentDelay.sample(&rng))
        }
    }

    /// Approved: a new retailer with the portfolio at once; draught waits for its installation; a sales-rep
    /// visit is queued. - Complexity: O(depots).
    mutating func approve(_ a: Int, now: SimTime, _ agenda: inout Agenda<RegionEvent>) {
        metrics.approved += 1
        if counts(now) { metrics.approvalTime.record((now - applicants.appliedAt[a]).hours) }
        let s = Int(applicants.segment[a])
        let p = segments[s]
        var rng = streams.stream(spec.retailers + a, .profile)
        let towns = [(spec.size / 2, spec.size / 2)]
        let (x, y) = place(&rng, towns: towns)
        let r = population.count
        let wantsDraught = rng.chance(p.draughtShare)
        population.append(segment: s, profile: p, x: x, y: y, zone: zoneOf(x, y), depot: nearestDepot(x, y), rng: &rng,
                          active: true, installedDraught: false, initialCoverDays: 0)
        note(now, r, .approved)
        notify(r)
        salesRepQueue.append((Int32(r), Int32(now.day)))
        guard wantsDraught else { return }
        // The equipment is delivered first; the installation is booked no earlier than that.
        let delivered = now + scenario.journeys.onboarding.equipmentLeadDays.sample(&rng)
        let deadline = allocator.config.slaPolicy.deadline(.installation, after: delivered)
        let t = tickets.add(retailer: r, severity: .installation, at: now, deadline: deadline, earliest: delivered, approvedDay: now.day,
                            purpose: .installation)
        population.all[r].openTicket = Int32(t)
        tickets.stage[t] = .offering
        schedule(t, at: now, &agenda)   // offered now, for visits no earlier than the delivery (earliestStart)
    }

    /// The installation is done: draught products become available. - Complexity: O(1).
    mutating func installed(_ t: Int, now: SimTime, _ agenda: inout Agenda<RegionEvent>) {
        let r = Int(tickets.retailer[t])
        population.all[r].draught = true
        note(now, r, .installed)
        if counts(now) { metrics.installationLeadTime.record(Double(now.day - Int(tickets.approvedDay[t]))) }
        population.all[r].openTicket = -1
        tickets.end(t)
        notify(r)
        scheduleNextFailure(r, after: now, &agenda)
        scheduleMaintenance(r, afterDays: scenario.journeys.assistance.maintenanceIntervalDays, from: now, &agenda)
    }

    /// The day's first sales-rep visits, oldest approval first, up to the region's daily capacity.
    /// - Complexity: O(capacity).
    mutating func salesRepVisits(day d: Int, now: SimTime) {
        guard calendar.isBusinessDay(d) else { return }
        var n = 0
        let target = scenario.journeys.onboarding.salesRepWithinBusinessDays
        while n < spec.salesRepVisitsPerDay && salesRepHead < salesRepQueue.count {
            let (r, approved) = salesRepQueue[salesRepHead]
            salesRepHead += 1
            n += 1
            var businessDays = 0
            var day = Int(approved) + 1
            while day <= d { if calendar.isBusinessDay(day) { businessDays += 1 }; day += 1 }
            if Int(approved) >= scenario.warmUpDays { metrics.salesRepOnTime.record(businessDays <= target) }
            note(SimTime(day: d, hour: 9), Int(r), .salesRepVisit)
        }
        if salesRepHead > 4096 && salesRepHead * 2 > salesRepQueue.count {
            salesRepQueue.removeFirst(salesRepHead)
            salesRepHead = 0
        }
    }
}
