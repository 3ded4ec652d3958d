import DeliveryScheduling
import DiscreteEvents

/// Journey 2 — ordering: the quantity recommended (up to `orderUpToDays` of cover), the channel, the
/// credit check that holds a blocked account's order, then the seed's stages received → payment →
/// invoicing (a rupture found here: partial fulfilment) → picking/packing → delivery. Cancellation is
/// possible only before payment.
extension RegionModel {
    /// A retailer places an order now. - Complexity: O(channels).
    mutating func placeOrder(retailer r: Int, fromAlert: Bool, _ agenda: inout Agenda<RegionEvent>) {
        guard population.all[r].openOrder == -2 else { return }
        population.all[r].openOrder = -1
        // An account blocked for fraud orders nothing.
        guard !population.all[r].fraudBlocked else { return }
        let now = agenda.now
        let ord = scenario.journeys.ordering
        let segment = Int(population.all[r].segment)
        let seq = Int(population.all[r].orderSequence)
        population.all[r].orderSequence &+= 1
        var rng = streams.stream(r, .orderStages, seq)
        let upTo = Float(ord.orderUpToDays)
        let kegs = population.all[r].draught ? max(0, Int((population.all[r].kegRate * upTo - population.all[r].stockKegs).rounded(.up))) : 0
        let cases = max(0, Int((population.all[r].caseRate * upTo - population.all[r].stockCases).rounded(.up)))
        guard kegs + cases > 0 else { return }
        let value = Double(kegs) * segmentTables.kegValue[segment] + Double(cases) * segmentTables.caseValue[segment]
        let o = orders.add(retailer: r, kegs: kegs, cases: cases, at: now, value: value)
        population.all[r].openOrder = Int32(o)
        metrics.ordersPlaced += 1
        bumpDaily { $0.ordersPlaced += 1 }
        if counts(now) {
            if fromAlert { metrics.ordersFromAlerts += 1 }
            metrics.ordersByChannel[rng.pick(segmentTables.channelWeights[segment])] += 1
        }
        notify(r)
        note(now, r, .orderPlaced)
        // Credit check: overdue invoices or the limit block the account; one uniform reason is sent.
        if population.all[r].overdueInvoices > 0 || population.all[r].balance + Float(value) > population.all[r].creditLimit {
            orders.all[o].stage = .blocked
            orders.all[o].blockedAt = now
            if counts(now) {
                metrics.ordersBlocked += 1
                if population.all[r].overdueInvoices > 0 { metrics.service.blockedOverdue += 1 } else { metrics.service.blockedLimit += 1 }
            }
            notify(r)
            note(now, r, .orderBlocked)
            raise(.blockedOrder, retailer: r, key: o &* 7 &+ seq, &agenda)
            let delay = rng.chance(ord.regulariseSameDay) ? SimDuration.hours(2) : ord.regulariseDelay.sample(&rng)
            agenda.post(.unblock(retailer: Int32(r)), at: now + delay)
            return
        }
        toPayment(o, &rng, &agenda)
    }

    /// Received → payment, or cancelled before payment. - Complexity: O(1).
    mutating func toPayment(_ o: Int, _ rng: inout RandomStream, _ agenda: inout Agenda<RegionEvent>) {
        let ord = scenario.journeys.ordering
        let r = Int(orders.all[o].retailer)
        if rng.chance(ord.cancelBeforePayment) {
            cancelOrder(o, now: agenda.now)
            return
        }
        orders.all[o].stage = .payment
        agenda.post(.orderStage(order: Int32(o)), at: agenda.now + ord.paymentDelay.sample(&rng))
        _ = r
    }

    /// Cancels an order (only before payment). - Complexity: O(1).
    mutating func cancelOrder(_ o: Int, now: SimTime) {
        let r = Int(orders.all[o].retailer)
        orders.end(o, .cancelled)
        population.all[r].openOrder = -1
        metrics.ordersCancelled += 1
        notify(r)
        note(now, r, .orderCancelled)
    }

    /// The next stage of an order. - Complexity: O(log jobs) when the job is submitted.
    mutating func advanceOrder(_ o: Int, _ agenda: inout Agenda<RegionEvent>) {
        let now = agenda.now
        let r = Int(orders.all[o].retailer)
        let ord = scenario.journeys.ordering
        var rng = streams.stream(r, .orderStages, Int(population.all[r].orderSequence) &* 8 &+ Int(orders.all[o].stage.rawValue))
        switch orders.all[o].stage {
        case .payment:
            orders.all[o].stage = .invoicing
            notify(r)
            note(now, r, .orderPaid)
            agenda.post(.orderStage(order: Int32(o)), at: now + ord.invoicingDelay.sample(&rng))
        case .invoicing:
            // A rupture is found at invoicing: only part of the order can be served.
            if rng.chance(ord.ruptureProbability) {
                orders.all[o].rupture = true
                orders.all[o].kegs = Int32((Double(orders.all[o].kegs) * ord.ruptureFillShare).rounded(.down))
                orders.all[o].cases = Int32((Double(orders.all[o].cases) * ord.ruptureFillShare).rounded(.down))
                let segment = Int(population.all[r].segment)
                orders.all[o].value = Float(Double(orders.all[o].kegs) * segmentTables.kegValue[segment] + Double(orders.all[o].cases) * segmentTables.caseValue[segment])
                if counts(now) { metrics.ruptures += 1 }
                notify(r)
                note(now, r, .rupture)
                raise(.rupture, retailer: r, key: r &* 4_096 &+ Int(population.all[r].orderSequence), &agenda)
            }
            invoice(retailer: r, amount: orders.all[o].value, &rng, &agenda)
            notify(r)
            note(now, r, .orderInvoiced)
            orders.all[o].stage = .picking
            submitDelivery(o, now: now)
        default:
            break
        }
    }

    /// A blocked retailer regularises: overdue invoices and the balance are paid; the held order goes on.
    /// - Complexity: O(1).
    mutating func unblock(retailer r: Int, _ agenda: inout Agenda<RegionEvent>) {
        population.all[r].overdueInvoices = 0
        population.all[r].balance = 0
        let o = Int(population.all[r].openOrder)
        guard o >= 0, orders.all[o].stage == .blocked else { return }
        let now = agenda.now
        if counts(orders.all[o].blockedAt) { metrics.blockToUnblock.record((now - orders.all[o].blockedAt).hours) }
        notify(r)
        note(now, r, .orderUnblocked)
        var rng = streams.stream(r, .orderStages, Int(population.all[r].orderSequence) &* 8 &+ 7)
        toPayment(o, &rng, &agenda)
    }

    /// Adds an invoice to the balance and schedules its due date. - Complexity: O(1).
    mutating func invoice(retailer r: Int, amount: Float, _ rng: inout RandomStream, _ agenda: inout Agenda<RegionEvent>) {
        population.all[r].balance += amount
        let term = segmentTables.paymentTermDays[Int(population.all[r].segment)]
        agenda.post(.invoiceDue(retailer: Int32(r), amount: amount, late: population.all[r].latePayer),
                        at: agenda.now + .days(Int64(max(0, term))))
    }

    /// An invoice falls due: paid, or overdue (late payers) until paid later. - Complexity: O(1).
    mutating func invoiceDue(retailer r: Int, amount: Float, late: Bool, _ agenda: inout Agenda<RegionEvent>) {
        if late {
            population.all[r].overdueInvoices &+= 1
            var rng = streams.stream(r, .orderStages, Int(agenda.now.day) &* 31 &+ 5)
            agenda.post(.invoicePaid(retailer: Int32(r), amount: amount), at: agenda.now + .days(rng.exponential(mean: 10)))
        } else {
            population.all[r].balance = max(0, population.all[r].balance - amount)
        }
    }

    /// A late invoice is paid. - Complexity: O(1).
    mutating func invoicePaid(retailer r: Int, amount: Float) {
        if population.all[r].overdueInvoices > 0 { population.all[r].overdueInvoices -= 1 }
        population.all[r].balance = max(0, population.all[r].balance - amount)
    }
}

extension SimDuration {
    /// A duration of `d` days (fractional). - Complexity: O(1).
    static func days(_ d: Double) -> SimDuration { .seconds(d * 86_400) }
}
