import DeliveryScheduling
import DiscreteEvents

/// Journey 4 — returns: defects per delivered keg (a bad batch raises the rate); a return registered
/// with product data and problem class; automatic validation (accepted or refused, with the criterion);
/// an accepted return becomes a pickup in the same scheduler; then the credit decision and its
/// notification. Mass problems: `massProblemThreshold` reports from one batch within the detection
/// window trigger proactive notices to every other retailer who received it.
extension RegionModel {
    /// A job was served at `start`: an order delivered, or a return picked up. - Complexity: O(kegs delivered).
    mutating func served(_ id: JobID, job: DeliveryJob, at start: SimTime, inWindow: Bool, _ agenda: inout Agenda<RegionEvent>) {
        switch payload(id) {
        case .order(let oi):
            let o = Int(oi)
            let r = Int(orders.all[o].retailer)
            population.all[r].stockKegs += Float(orders.all[o].kegs)
            population.all[r].stockCases += Float(orders.all[o].cases)
            population.all[r].openOrder = -1
            metrics.ordersDelivered += 1
            bumpDaily { $0.ordersDelivered += 1 }
            let onTime = start.day <= Int(orders.all[o].promisedDay) && inWindow
            let otif = onTime && !orders.all[o].rupture
            if otif { bumpDaily { $0.ordersOTIF += 1 } }
            if counts(orders.all[o].placedAt) {
                metrics.orderLeadTime.record((start - orders.all[o].placedAt).hours)
                metrics.onTime.record(onTime)
                metrics.otif.record(otif)
            }
            notify(r)
            note(start, r, .delivered)
            shipKegs(retailer: r, kegs: Int(orders.all[o].kegs), at: start, &agenda)
            orders.end(o, .delivered)
        case .pickup(let ri):
            let ret = Int(ri)
            let r = Int(returns.retailer[ret])
            metrics.returnsPickedUp += 1
            bumpDaily { $0.pickupsDone += 1 }
            if counts(returns.registeredAt[ret]) {
                metrics.returnLeadTime.record((start - returns.registeredAt[ret]).hours)
                metrics.creditsGranted += Double(returns.kegs[ret]) * scenario.journeys.returns.creditPerKeg
            }
            notify(r)
            note(start, r, .pickedUp)
            note(start, r, .creditGranted)
            returns.end(ret)
        case .none:
            break
        }
        setPayload(id, .none)
    }

    /// The defect rate of the batch delivered on `day` (a bad-batch disruption overrides it). - Complexity: O(disruptions).
    func defectRate(day d: Int) -> Double {
        var rate = scenario.journeys.returns.defectRate
        for case let .badKegBatch(region, day, days, r) in scenario.disruptions
        where (region == nil || region == regionIndex) && d >= day && d < day + days { rate = r }
        return rate
    }

    /// Kegs of today's batch reach a retailer: some are defective and will be reported. - Complexity: O(kegs).
    mutating func shipKegs(retailer r: Int, kegs: Int, at t: SimTime, _ agenda: inout Agenda<RegionEvent>) {
        guard kegs > 0 else { return }
        let b = t.day
        batches.ensure(b, rate: defectRate(day: b))
        if batches.firstDelivery[b] == .distantFuture { batches.firstDelivery[b] = t }
        batches.recipients[b].append(Int32(r))
        batches.kegs[b] += kegs
        var rng = streams.stream(r, .defects, Int(population.all[r].orderSequence))
        let rate = batches.defectRate[b]
        var bad = 0
        for _ in 0..<kegs where rng.chance(rate) { bad += 1 }
        guard bad > 0 else { return }
        if counts(t) { metrics.defectiveKegs += bad }
        let at = t + scenario.journeys.returns.reportDelay.sample(&rng)
        batches.pending[b].append((Int32(r), at))
        agenda.post(.defectFound(retailer: Int32(r), kegs: Int32(bad), batch: Int32(b)), at: at)
    }

    /// A retailer reports defective kegs: the return is registered and validated; accepted returns become
    /// pickups; the batch's reports are checked for a mass problem. - Complexity: O(log jobs + reports in window).
    mutating func defectFound(retailer r: Int, kegs: Int, batch b: Int, _ agenda: inout Agenda<RegionEvent>) {
        let now = agenda.now
        let p = scenario.journeys.returns
        let ret = returns.add(retailer: r, kegs: kegs, batch: b, at: now)
        metrics.returnsRegistered += 1
        bumpDaily { $0.returnsRegistered += 1 }
        note(now, r, .defectReported)
        notify(r)
        if let i = batches.pending[b].firstIndex(where: { $0.retailer == Int32(r) }) { batches.pending[b].remove(at: i) }
        batches.reported[b].append(Int32(r))
        batches.reports[b].append(now)
        if batches.firstReport[b] == .distantFuture { batches.firstReport[b] = now }
        checkMassProblem(batch: b, now: now)

        var rng = streams.stream(r, .returns, b)
        // The registration carries the product (the batch) and the problem class.
        let cls = rng.pick([0.35, 0.35, 0.2, 0.1])
        metrics.returnsByClass[cls] += 1
        // Automatic validation: the return window first, then the evidence.
        let late = now.day - b > p.returnWindowDays
        let criterion: RefusalCriterion? = late ? .outsideReturnWindow : (rng.chance(p.acceptance) ? nil : .evidenceNotConclusive)
        if let criterion {
            // Refused: the criterion is kept and sent with the answer.
            metrics.returnsRefused += 1
            metrics.refusalsByCriterion[RefusalCriterion.allCases.firstIndex(of: criterion) ?? 0] += 1
            notify(r)
            note(now, r, .returnRefused)
            returns.end(ret)
            return
        }
        note(now, r, .returnAccepted)
        let dep = Int(population.all[r].depot)
        let day = promisedDay(now: now, depot: dep, retailer: r)
        let job = DeliveryJob(
            kind: .defectReturn, retailer: Int32(r), depot: depotIDs[dep],
            location: Location(x: population.all[r].x, y: population.all[r].y), volume: Volume(kegs: Int32(kegs)),
            serviceTime: scenario.journeys.returns.pickupServiceTime.sample(&rng),
            windows: windows(retailer: r, day: day), promisedDay: day, deadline: SimTime(day: day + 1),
            tier: .standard, value: Int64(Double(kegs) * scenario.journeys.returns.creditPerKeg))
        if let id = try? scheduler.submit(job, at: now) {
            setPayload(id, .pickup(Int32(ret)))
        } else {
            metrics.returnsRefused += 1
            returns.end(ret)
        }
    }

    /// Mass-problem detection on a batch's reports in the sliding window. - Complexity: O(reports of the batch).
    mutating func checkMassProblem(batch b: Int, now: SimTime) {
        guard !batches.detected[b] else { return }
        let p = scenario.journeys.returns
        let since = now - .days(Int64(max(1, p.detectionWindowDays)))
        var inWindow = 0
        for t in batches.reports[b] where t >= since { inWindow += 1 }
        // Ordinary defects of a large batch are no mass problem: the count must also stand well above what
        // the normal rate predicts for the kegs shipped.
        let expected = p.defectRate * Double(batches.kegs[b])
        guard inWindow >= max(1, p.massProblemThreshold), Double(inWindow) > p.massProblemFactor * expected else { return }
        detect(batch: b, now: now)
    }

    /// A batch is detected: every recipient who has not reported is warned. - Complexity: O(recipients).
    mutating func detect(batch b: Int, now: SimTime) {
        batches.detected[b] = true
        let record = counts(batches.firstDelivery[b])
        if record {
            metrics.batchesDetected += 1
            metrics.detectionLatency.record((now - batches.firstDelivery[b]).hours)
            metrics.detectionAfterFirstReport.record((now - batches.firstReport[b]).hours)
        }
        var reported = Set(batches.reported[b])
        var warned = Set<Int32>()
        for r in batches.recipients[b] where !reported.contains(r) && !warned.contains(r) {
            warned.insert(r)
            notify(Int(r))
            note(now, Int(r), .batchWarning)
        }
        if record {
            metrics.retailersWarned += warned.count
            // Of the retailers with defective kegs, who was warned before reporting?
            for (r, at) in batches.pending[b] where at > now && warned.contains(r) { metrics.warnedBeforeReport.record(true) }
            for r in reported { _ = r; metrics.warnedBeforeReport.record(false) }
        }
        reported.removeAll()
    }
}
