/// The service desk's KPI rows (seed 002) and journeys 5, 6 and 8, laid out by the desk's names.
extension KPI {
    /// Rows for `s` (none when the scenario has no desk). - Complexity: O(types × channels × buckets).
    static func serviceRows(_ s: ServiceMetrics, _ m: JourneyMetrics, daily: [DailyRow]) -> [KPI] {
        guard !s.typeNames.isEmpty else { return [] }
        var t: [KPI] = []
        func add(_ key: String, _ value: Double, _ unit: String, _ count: Int, _ def: String) {
            t.append(KPI(key: key, journey: String(key.prefix { $0 != "." }), value: value, unit: unit, count: count, definition: def))
        }
        func share(_ key: String, _ x: Share, _ def: String) { add(key, x.value, "share", x.count, def) }
        func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? .nan : Double(a) / Double(b) }
        func sample(_ key: String, _ x: Sample, _ unit: String, _ what: String, quantiles: Bool = true) {
            add("\(key).mean", x.mean, unit, x.count, "mean \(what)")
            guard quantiles else { return }
            add("\(key).p50", x.quantile(0.5), unit, x.count, "median \(what)")
            add("\(key).p90", x.quantile(0.9), unit, x.count, "90th percentile of \(what)")
            add("\(key).p99", x.quantile(0.99), unit, x.count, "99th percentile of \(what)")
        }
        let nc = s.channelNames.count
        let reactive = s.reactive.reduce(0, +), proactive = s.proactive.reduce(0, +), deflected = s.deflected.reduce(0, +)
        var all = Share(), fcr = Share()
        for x in s.sla { all.merge(x) }
        for x in s.firstContact { fcr.merge(x) }
        // The desk as a whole.
        add("service.casesOpened", Double(s.opened), "count", 0, "service cases opened (flow count, whole run)")
        share("service.sla", all, "cases resolved within their case type's SLA (all types and channels)")
        share("service.firstContactResolution", fcr, "cases resolved at the first agent contact: no escalation, documents, outreach or second contact")
        sample("service.timeToResolution", s.resolution, "hours", "time from a case's opening to its resolution")
        add("service.escalationRate", ratio(s.escalatedCases, all.count), "share", all.count, "resolved cases escalated to at least one external party")
        add("service.abandonment", ratio(s.callsAbandoned, s.callsOffered), "share", s.callsOffered, "phone calls abandoned in the queue")
        add("service.abandonRetries", Double(s.abandonRetries), "count", 0, "abandoned callers who wrote an e-mail instead")
        add("service.selfServiceDeflection", ratio(deflected, deflected + reactive), "share", deflected + reactive,
            "retailer contacts resolved in self-service, of self-service plus reactive cases")
        add("service.proactiveShare", ratio(proactive, proactive + reactive), "share", proactive + reactive, "cases opened by the desk's outreach, of all cases")
        add("service.reactiveCases", Double(reactive), "count", 0, "cases opened by the retailer's contact")
        add("service.proactiveCases", Double(proactive), "count", 0, "cases opened by the desk's outreach")
        add("service.outboundReach", ratio(s.outboundReached, s.outboundAttempts), "share", s.outboundAttempts, "outbound attempts that reached the retailer")
        sample("service.customerEffort", s.effort, "score", "customer-effort score (1 effortless … 7; see Results/README.md)", quantiles: false)
        let backlog = daily.map(\.casesOpen)
        add("service.backlogMean", backlog.isEmpty ? .nan : Double(backlog.reduce(0, +)) / Double(backlog.count), "cases", backlog.count, "mean service cases open at a day's end")
        add("service.backlogMax", Double(backlog.max() ?? 0), "cases", backlog.count, "most service cases open at a day's end")
        add("service.transfers", Double(s.transfers), "count", 0, "cases handed over to another case type")
        add("service.vouchers", Double(s.vouchers), "count", 0, "vouchers sent (ruptures)")
        add("service.coupons", Double(s.coupons), "count", 0, "cashback coupons created")
        add("service.couponsUsed", Double(s.couponsUsed), "count", 0, "coupons and vouchers used before they expired")
        add("service.couponsExpired", Double(s.couponsExpired), "count", 0, "coupons and vouchers expired unused (90 days after creation)")
        add("service.refunds", Double(s.refunds), "count", 0, "refunds paid")
        add("service.creditGranted", Double(s.creditGranted), "count", 0, "credit increases granted")
        add("service.creditRefused", Double(s.creditRefused), "count", 0, "credit increases refused")
        add("service.accountsBlocked", Double(s.accountsBlocked), "count", 0, "accounts blocked for confirmed fraud")
        add("service.ordersCancelled", Double(s.ordersCancelled), "count", 0, "orders cancelled through a case (before payment)")
        // Per channel.
        for (ci, c) in s.channelNames.enumerated() {
            share("service.channel.\(c).responseSLA", s.response[ci], "first agent answers within the \(c) channel's response target")
            add("service.channel.\(c).queueWait.mean", s.queueWait[ci].mean, "hours", s.queueWait[ci].count, "mean wait in a queue for an agent, \(c)")
            add("service.channel.\(c).queueWait.p90", s.queueWait[ci].quantile(0.9), "hours", s.queueWait[ci].count, "90th percentile of the wait for an agent, \(c)")
            share("service.channel.\(c).firstContactResolution", s.firstContact[ci], "cases ending on \(c) resolved at the first agent contact")
        }
        // Per party.
        for (pi, p) in s.partyNames.enumerated() {
            add("service.party.\(p).escalations", Double(s.escalations[pi]), "count", 0, "escalations sent to \(p)")
            add("service.party.\(p).answerTime.mean", s.partyAnswer[pi].mean, "hours", s.partyAnswer[pi].count, "mean time for \(p) to answer an escalation")
            add("service.party.\(p).answerTime.p90", s.partyAnswer[pi].quantile(0.9), "hours", s.partyAnswer[pi].count, "90th percentile of \(p)'s answer time")
            share("service.party.\(p).onTime", s.partyOnTime[pi], "escalations to \(p) answered within their target")
            add("service.party.\(p).timeouts", Double(s.partyTimeouts[pi]), "count", 0, "escalations to \(p) that ran out their timeout")
        }
        // Per team.
        for (ki, k) in s.teamNames.enumerated() {
            add("service.team.\(k).utilisation", s.dutyHours[ki] == 0 ? .nan : s.busyHours[ki] / s.dutyHours[ki], "share", 0,
                "agent hours busy over agent hours on shift, \(k)")
        }
        // Per case type: SLA by channel, resolution time, deflection, milestones.
        for (ti, name) in s.typeNames.enumerated() {
            let area = s.typeAreas[ti]
            let prefix = area == "service" ? "service.type.\(name)" : (name == area ? area : "\(area).\(name)")
            var type = Share()
            for ci in 0..<nc { type.merge(s.sla[ti * nc + ci]) }
            share("\(prefix).sla", type, "\(name) cases resolved within their SLA")
            for (ci, c) in s.channelNames.enumerated() where s.typeChannels[ti][ci] || s.sla[ti * nc + ci].count > 0 {
                share("\(prefix).sla.\(c)", s.sla[ti * nc + ci], "\(name) cases ending on \(c) resolved within their SLA")
            }
            add("\(prefix).cases", Double(s.reactive[ti] + s.proactive[ti]), "count", 0, "\(name) cases opened (reactive and proactive)")
            add("\(prefix).timeToResolution.mean", s.resolutionByType[ti].mean, "hours", s.resolutionByType[ti].count, "mean time to resolve a case (\(name))")
            add("\(prefix).timeToResolution.p90", s.resolutionByType[ti].quantile(0.9), "hours", s.resolutionByType[ti].count, "90th percentile of the time to resolve a case (\(name))")
            if s.deflected[ti] > 0 || s.reactive[ti] > 0 {
                add("\(prefix).selfService", ratio(s.deflected[ti], s.deflected[ti] + s.reactive[ti]), "share", s.deflected[ti] + s.reactive[ti],
                    "\(name) contacts resolved in self-service")
            }
            for (mi, ms) in s.milestoneNames[ti].enumerated() {
                let x = s.milestones[ti][mi]
                add("\(prefix).\(ms).share", ratio(x.count, s.reactive[ti] + s.proactive[ti]), "share", s.reactive[ti] + s.proactive[ti],
                    "\(name) cases that reached '\(ms)'")
                sample("\(prefix).\(ms).time", x, "hours", "time from the opening of a case (\(name)) to '\(ms)'")
            }
        }
        // Journeys 5, 6, 8 beyond their flows.
        add("activation.done", Double(s.activationsDone), "count", 0, "trade-marketing activations carried out")
        add("activation.outletsWithHistory", Double(s.outletsWithActivation), "count", 0, "outlets with at least one activation in their history at the run's end")
        add("payments.blockedOrders", Double(m.ordersBlocked), "count", 0, "orders held by an automatic block (overdue invoices or credit limit)")
        add("payments.blockedByOverdue", Double(s.blockedOverdue), "count", 0, "orders blocked for overdue invoices")
        add("payments.blockedByLimit", Double(s.blockedLimit), "count", 0, "orders blocked by the credit limit")
        sample("payments.blockToUnblock", m.blockToUnblock, "hours", "time from an automatic block to the account's unblock (self-service regularisation)")
        add("information.prompts", Double(s.dataPrompts), "count", 0, "periodic prompts to review the outlet's data")
        add("information.dataUpdates", Double(s.dataUpdates), "count", 0, "data changes applied (self-service and reviewed)")
        return t
    }
}
