import TechnicianBooking

/// One KPI of a run: a stable key, the journey it belongs to, its value and unit, the count it was
/// computed from (for shares and samples) and its one-line definition.
public struct KPI: Sendable, Hashable {
    /// Stable key (`delivery.otif`), used in `summary.json` and `kpis.csv`.
    public var key: String
    /// The journey or area (`delivery`, `cost`).
    public var journey: String
    /// Value (NaN when nothing was measured).
    public var value: Double
    /// Unit (`share`, `hours`, `count`, `km`, `EUR`, `days`).
    public var unit: String
    /// Cases it was computed from (0 for plain counts).
    public var count: Int
    /// One-line definition.
    public var definition: String

    /// The KPI table of a run, grouped by journey in a fixed order. - Complexity: O(KPIs × buckets).
    public static func table(_ m: JourneyMetrics, daily: [DailyRow]) -> [KPI] {
        var t: [KPI] = []
        func add(_ key: String, _ value: Double, _ unit: String, _ count: Int, _ def: String) {
            let journey = String(key.prefix { $0 != "." })
            t.append(KPI(key: key, journey: journey, value: value, unit: unit, count: count, definition: def))
        }
        func share(_ key: String, _ s: Share, _ def: String) { add(key, s.value, "share", s.count, def) }
        func sample(_ key: String, _ s: Sample, _ unit: String, _ what: String) {
            add("\(key).mean", s.mean, unit, s.count, "mean \(what)")
            add("\(key).p50", s.quantile(0.5), unit, s.count, "median \(what)")
            add("\(key).p90", s.quantile(0.9), unit, s.count, "90th percentile of \(what)")
            add("\(key).p99", s.quantile(0.99), unit, s.count, "99th percentile of \(what)")
        }
        // Journey 1.
        add("onboarding.applications", Double(m.applications), "count", 0, "applications received")
        add("onboarding.approved", Double(m.approved), "count", 0, "applications approved, at once or after documents")
        add("onboarding.abandoned", Double(m.abandoned), "count", 0, "applicants who gave up when asked for documents")
        add("onboarding.autoApprovalShare", m.applications == 0 ? .nan : Double(m.approvedAutomatically) / Double(m.applications),
            "share", m.applications, "share of applications approved at once by automatic validation")
        sample("onboarding.approvalTime", m.approvalTime, "hours", "time from application to approval")
        share("onboarding.salesRepOnTime", m.salesRepOnTime, "first sales-rep visits within the target business days of approval")
        sample("onboarding.installationLeadTime", m.installationLeadTime, "days", "days from approval to draught installation")
        // Journey 2.
        add("ordering.ordersPlaced", Double(m.ordersPlaced), "count", 0, "orders placed (whole run, flow count)")
        add("ordering.alertShare", m.ordersPlaced == 0 ? .nan : Double(m.ordersFromAlerts) / Double(m.ordersPlaced), "share",
            m.ordersPlaced, "share of orders placed on a proactive stock alert")
        for (i, c) in OrderChannel.allCases.enumerated() {
            add("ordering.channel.\(c.rawValue)", Double(m.ordersByChannel[i]), "count", 0, "orders placed on the \(c.rawValue) channel")
        }
        add("ordering.blockedOrders", Double(m.ordersBlocked), "count", 0, "orders held by the credit check (blocked account)")
        sample("ordering.blockToUnblock", m.blockToUnblock, "hours", "time from an order's block to the account's unblock")
        add("ordering.ruptures", Double(m.ruptures), "count", 0, "orders found short at invoicing (partial fulfilment)")
        add("ordering.cancelled", Double(m.ordersCancelled), "count", 0, "orders cancelled before payment")
        add("ordering.stockOutDays", Double(m.stockOutDays), "count", 0, "retailer-days on which stock ran out")
        sample("ordering.leadTime", m.orderLeadTime, "hours", "time from order placement to delivery")
        // Journey 3.
        share("delivery.otif", m.otif, "orders delivered on the promised day, inside a window, and in full")
        share("delivery.onTime", m.onTime, "orders delivered on the promised day inside a window")
        share("delivery.rescheduleAcceptance", m.rescheduleAcceptance, "reschedule proposals accepted by the retailer")
        add("delivery.carryOvers", Double(m.carryOvers), "count", 0, "jobs left unplanned at a cut-off and carried to the next day")
        let backlog = daily.map(\.deliveryBacklog)
        add("delivery.backlogMean", backlog.isEmpty ? .nan : Double(backlog.reduce(0, +)) / Double(backlog.count), "orders", backlog.count,
            "mean orders promised for the day or earlier and not delivered at its end")
        add("delivery.backlogMax", Double(backlog.max() ?? 0), "orders", backlog.count, "most orders promised for the day or earlier and not delivered at a day's end")
        add("delivery.notifications", Double(m.notifications), "count", 0, "notifications sent to retailers (every phase change, alert, warning)")
        add("delivery.notificationsPerOrder", m.ordersPlaced == 0 ? .nan : Double(m.notifications) / Double(m.ordersPlaced), "count",
            m.ordersPlaced, "notifications sent per order placed (all journeys' notifications over orders)")
        // Journey 4.
        add("returns.registered", Double(m.returnsRegistered), "count", 0, "returns registered (flow count)")
        add("returns.refused", Double(m.returnsRefused), "count", 0, "returns refused by automatic validation, with the criterion")
        for (i, c) in ProblemClass.allCases.enumerated() {
            add("returns.class.\(c.rawValue)", Double(m.returnsByClass[i]), "count", 0, "returns registered with problem class \(c.rawValue)")
        }
        for (i, c) in RefusalCriterion.allCases.enumerated() {
            add("returns.refused.\(c.rawValue)", Double(m.refusalsByCriterion[i]), "count", 0, "returns refused with the criterion \(c.rawValue)")
        }
        add("returns.defectiveKegs", Double(m.defectiveKegs), "count", 0, "defective kegs delivered")
        sample("returns.leadTime", m.returnLeadTime, "hours", "time from a return's registration to its pickup")
        add("returns.batchesDetected", Double(m.batchesDetected), "count", 0, "keg batches detected as mass problems")
        sample("returns.detectionLatency", m.detectionLatency, "hours", "time from a detected batch's first delivery to its detection")
        sample("returns.detectionAfterFirstReport", m.detectionAfterFirstReport, "hours", "time from a detected batch's first report to its detection")
        add("returns.retailersWarned", Double(m.retailersWarned), "count", 0, "retailers warned proactively of a detected batch")
        share("returns.warnedBeforeReport", m.warnedBeforeReport, "retailers with defective kegs of a detected batch warned before they reported")
        // Journey 7.
        add("assistance.failures", Double(m.failures), "count", 0, "machine failures reported")
        add("assistance.selfServiceDeflection", m.failures == 0 ? .nan : Double(m.selfResolved) / Double(m.failures), "share", m.failures,
            "share of failures resolved by self-diagnosis")
        add("assistance.remoteResolution", m.remoteCalls == 0 ? .nan : Double(m.remoteResolved) / Double(m.remoteCalls), "share", m.remoteCalls,
            "share of remote first-line calls that resolved the failure")
        share("assistance.firstTimeFix", m.firstTimeFix, "repair tickets fixed at the first visit")
        for sev in Severity.allCases {
            let name = ["machineDown", "degraded", "installation", "minor"][sev.rawValue]
            sample("assistance.timeToVisit.\(name)", m.timeToVisit[sev.rawValue], "hours", "time from ticket to first visit, \(sev)")
            share("assistance.visitSLA.\(name)", m.visitSLA[sev.rawValue], "first visits started within the SLA horizon, \(sev)")
        }
        sample("assistance.timeToResolution", m.timeToResolution, "hours", "time from failure to the machine working again")
        add("assistance.holdsExpired", Double(m.holdsExpired), "count", 0, "held slots that expired before the retailer confirmed")
        add("assistance.emptyOffers", Double(m.emptyOffers), "count", 0, "offers with no slot inside the SLA horizon")
        add("assistance.maintenanceVisits", Double(m.maintenanceVisits), "count", 0, "preventive maintenance visits done (draught line cleaning)")
        share("assistance.maintenanceOnTime", m.maintenanceOnTime, "maintenance visits started within the minor severity's SLA horizon of their due date")
        add("assistance.displacedVisits", Double(m.displacedVisits), "count", 0, "booked visits displaced by technician absences")
        add("assistance.utilisation", m.technicianShiftHours == 0 ? .nan : m.technicianHours / m.technicianShiftHours, "share", 0,
            "field-technician hours booked (travel and visits) over shift hours")
        // Costs.
        add("cost.distance", m.distance, "km", 0, "distance driven by delivery trucks")
        add("cost.truckHours", m.truckHours, "hours", 0, "truck-hours, depot to depot")
        add("cost.truckOvertimeHours", m.truckOvertimeHours, "hours", 0, "truck-hours after the end of the trucks' shifts")
        add("cost.delivery", m.deliveryCost, "EUR", 0, "delivery cost at the fleet's per-km and per-hour rates")
        add("cost.technicianHours", m.technicianHours, "hours", 0, "field-technician hours booked (travel and visits)")
        add("cost.technicians", m.technicianCost, "EUR", 0, "technician hours at the rosters' rates")
        add("cost.credits", m.creditsGranted, "EUR", 0, "credits granted for accepted returns")
        return t + serviceRows(m.service, m, daily: daily)
    }
}

extension KPI {
    /// The KPI glossary as a Markdown table (key, unit, definition), from an empty run's table: every
    /// KPI a run reports, in its order. - Complexity: O(KPIs).
    public static func glossaryMarkdown() -> String {
        var s = "| KPI | unit | definition |\n|---|---|---|\n"
        var m = JourneyMetrics()
        m.service = ServiceMetrics(desk: ServiceDeskSpec())
        for k in table(m, daily: []) { s += "| `\(k.key)` | \(k.unit) | \(k.definition) |\n" }
        return s
    }
}
