import DeliveryScheduling
import DiscreteEvents
import TechnicianBooking

extension RegionModel {
    /// 00:00: the day's disruptions, consumption and alerts, applications, sales-rep visits; schedules
    /// the cut-offs and the day's end. - Complexity: O(retailers) for the consumption sweep.
    mutating func startDay(_ d: Int, _ agenda: inout Agenda<RegionEvent>) {
        today = d
        let now = agenda.now
        daily.append(DailyRow(day: d))
        if d == 0 { bootstrap(&agenda); bootstrapDesk(&agenda) }
        scheduleShifts(day: d, &agenda)
        promptDataReviews(day: d, &agenda)
        // The technician calendar rolls: past days and their reservations retire.
        if d > allocator.firstDay { _ = try? allocator.advance(toDay: d) }
        applyDisruptions(day: d, &agenda)
        consume(day: d, &agenda)
        arriveApplications(day: d, &agenda)
        salesRepVisits(day: d, now: now)
        for dep in spec.depots.indices {
            agenda.post(.cutoff(depot: Int32(dep)), at: SimTime(day: d) + .minutes(Int64(spec.depots[dep].cutoff)))
        }
        agenda.post(.dayEnd(Int32(d)), at: SimTime(day: d + 1) - .seconds(1))
    }

    /// Day 0 only: the first machine failure of every installed machine. - Complexity: O(retailers).
    mutating func bootstrap(_ agenda: inout Agenda<RegionEvent>) {
        let interval = scenario.journeys.assistance.maintenanceIntervalDays
        for r in 0..<population.count where population.all[r].draught {
            scheduleNextFailure(r, after: agenda.now, &agenda)
            // The first maintenance falls anywhere in the first interval, so visits spread over the days.
            if interval > 0 {
                var rng = streams.stream(r, .assistance, -1)
                scheduleMaintenance(r, afterDays: Int(rng.nextInt(below: UInt64(interval))), from: agenda.now, &agenda)
            }
        }
    }

    /// The demand factor of a segment on a day: weekday × season × active peaks. - Complexity: O(disruptions).
    func demandFactor(segment s: Int, day d: Int) -> Double {
        let p = segments[s]
        let wd = Weekday(dayIndex: d).rawValue
        var f = wd < p.weekdayFactor.count ? p.weekdayFactor[wd] : 1
        if p.seasonAmplitude != 0 {
            f *= 1 + p.seasonAmplitude * Elementary.cos(2 * 3.141592653589793 * Double(d - p.seasonPeakDay) / 365)
        }
        for case let .demandPeak(region, day, days, factor) in scenario.disruptions
        where (region == nil || region == regionIndex) && d >= day && d < day + days {
            f *= factor
        }
        return max(0, f)
    }

    /// Draws down every active retailer's stock by the day's consumption; raises alerts and orders.
    /// - Complexity: O(retailers).
    mutating func consume(day d: Int, _ agenda: inout Agenda<RegionEvent>) {
        let factors = segments.indices.map { Float(demandFactor(segment: $0, day: d)) }
        let ord = scenario.journeys.ordering
        let record = d >= scenario.warmUpDays
        let alertCover = Float(ord.alertCoverDays), manualCover = Float(ord.manualReorderCoverDays)
        for r in 0..<population.count where population.all[r].active {
            let f = factors[Int(population.all[r].segment)]
            let kr = population.all[r].draught ? population.all[r].kegRate : 0
            let cr = population.all[r].caseRate
            var out = false
            if kr > 0 {
                population.all[r].stockKegs -= kr * f
                if population.all[r].stockKegs < 0 { population.all[r].stockKegs = 0; out = true }
            }
            if cr > 0 {
                population.all[r].stockCases -= cr * f
                if population.all[r].stockCases < 0 { population.all[r].stockCases = 0; out = true }
            }
            if out && record && f > 0 { metrics.stockOutDays += 1 }
            guard population.all[r].openOrder < 0 else { continue }
            // Cover in days at the base rate: the smaller of kegs and cases.
            var cover = Float.infinity
            if kr > 0 { cover = population.all[r].stockKegs / kr }
            if cr > 0 { cover = min(cover, population.all[r].stockCases / cr) }
            guard cover < alertCover else { continue }
            var rng = streams.stream(r, .ordering, d)
            // An order during the day's business hours (08:00–18:00).
            let at = SimTime(day: d) + .minutes(Int64(480 + rng.nextInt(below: 600)))
            if population.all[r].digital {
                notify(r)
                note(agenda.now, r, .alert)
                if rng.chance(ord.alertAcceptance) {
                    population.all[r].openOrder = -2   // an order is on its way (placed later today)
                    agenda.post(.placeOrder(retailer: Int32(r), fromAlert: true), at: at)
                    continue
                }
            }
            if cover < manualCover {
                population.all[r].openOrder = -2
                agenda.post(.placeOrder(retailer: Int32(r), fromAlert: false), at: at)
            }
        }
    }

    /// Starts the disruptions that begin on `day`. - Complexity: O(disruptions + affected resources).
    mutating func applyDisruptions(day d: Int, _ agenda: inout Agenda<RegionEvent>) {
        for dis in scenario.disruptions {
            switch dis {
            case let .technicianAbsence(region, count, day, days) where region == regionIndex && day == d:
                absent(count: count, from: d, days: days, &agenda)
            default: break
            }
        }
    }

    /// Whether `depot` dispatches on `day`: a working weekday, not a holiday, not closed. - Complexity: O(disruptions).
    func depotWorks(_ depot: Int, day d: Int) -> Bool {
        let wd = Weekday(dayIndex: d).rawValue
        let spec = self.spec.depots[depot]
        guard wd < spec.workingDays.count, spec.workingDays[wd], !calendar.isHoliday(day: d) else { return false }
        for case let .depotClosed(region, dep, day, days) in scenario.disruptions
        where region == regionIndex && dep == depot && d >= day && d < day + days { return false }
        return true
    }

    /// Trucks of `depot` out of service on `day` (breakdowns). - Complexity: O(disruptions).
    func trucksDown(_ depot: Int, day d: Int) -> Int {
        var n = 0
        for case let .truckBreakdown(region, dep, count, day, days) in scenario.disruptions
        where region == regionIndex && dep == depot && d >= day && d < day + days { n += count }
        return n
    }

    /// The first day after `day` on which `depot` dispatches and the retailer receives (within 14 days).
    /// - Complexity: O(days searched × disruptions).
    func nextDeliveryDay(after day: Int, depot: Int, retailer r: Int) -> Int {
        var d = day + 1
        let segment = Int(population.all[r].segment)
        for _ in 0..<14 {
            if segmentTables.receives(segment: segment, day: d) && depotWorks(depot, day: d) { return d }
            d += 1
        }
        return day + 1
    }

    /// 23:59:59: expire holds, close the engines' day, write the day's row, audit. - Complexity: O(depots + jobs
    /// of the day).
    mutating func endDay(_ d: Int, _ agenda: inout Agenda<RegionEvent>) {
        let now = agenda.now
        expireHolds(now)
        // The engines close the day: unserved jobs of today's routes return to the queue for tomorrow.
        for id in depotIDs { _ = try? scheduler.closeDay(depot: id, day: d) }
        outcomes.removeAll(keepingCapacity: true)
        scheduler.drainOutcomes(into: &outcomes)
        // The carry-over backlog: orders promised for today or earlier and not delivered.
        var backlog = 0, blocked = 0
        let lateEvent = Int32(TriggerEvent.allCases.firstIndex(of: .lateOrder) ?? 0)
        for i in orders.all.indices {
            switch orders.all[i].stage {
            case .picking, .inDelivery:
                guard orders.all[i].promisedDay <= Int32(d) else { break }
                backlog += 1
                // Late today for the first time: the retailer may ask the desk (next morning).
                if orders.all[i].promisedDay == Int32(d) && !desk.types.isEmpty {
                    var rng = streams.stream(Int(orders.all[i].retailer), .caseTriggers, d &* 2 &+ 1)
                    agenda.post(.caseTrigger(event: lateEvent, retailer: orders.all[i].retailer),
                                    at: SimTime(day: d + 1) + .minutes(Int64(480 + rng.nextInt(below: 240))))
                }
            case .blocked: blocked += 1
            default: break
            }
        }
        var row = daily[daily.count - 1]
        row.deliveryBacklog = backlog
        row.ticketsOpen = tickets.open
        row.blockedOrders = blocked
        daily[daily.count - 1] = row
        endDeskDay(now)
        if auditEveryDay { audit(day: d) }
    }

    /// Checks both engines' invariants and the journeys' flow identities. - Complexity: O(jobs + reservations).
    mutating func audit(day d: Int) {
        let a = allocator.audit()
        if !a.isClean { auditFailures.append("day \(d): technician calendar audit: \(a)") }
        if !scheduler.checkDayInvariants() { auditFailures.append("day \(d): delivery scheduler day bookkeeping broken") }
        #if JORNADA_INTERNAL_CHECKS
        if !scheduler.checkInvariants() { auditFailures.append("day \(d): delivery scheduler invariants broken") }
        #endif
        // Every job served today appears exactly once in the engine's outcome feed.
        let served = outcomes.filter { $0.outcome == .served }.count
        let row = daily[daily.count - 1]
        if served != row.ordersDelivered + row.pickupsDone {
            auditFailures.append("day \(d): the scheduler fed \(served) served jobs, the journeys counted \(row.ordersDelivered + row.pickupsDone)")
        }
        let m = metrics
        if m.ordersPlaced != m.ordersDelivered + m.ordersCancelled + orders.open {
            auditFailures.append("day \(d): orders placed \(m.ordersPlaced) ≠ delivered \(m.ordersDelivered) + cancelled \(m.ordersCancelled) + open \(orders.open)")
        }
    }

    /// The current day's row, for counting. - Complexity: O(1).
    mutating func bumpDaily(_ update: (inout DailyRow) -> Void) {
        if !daily.isEmpty { update(&daily[daily.count - 1]) }
    }
}
