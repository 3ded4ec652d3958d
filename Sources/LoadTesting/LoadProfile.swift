import DiscreteEvents
import RetailerJourneys
import TechnicianBooking

/// Which desks a load test drives.
public enum LoadTarget: String, Sendable, CaseIterable {
    /// The delivery / return-pickup desks (one per depot).
    case delivery
    /// The technician desks (one per region).
    case technicians
    /// Both, each request going to one or the other in the scenario's proportion.
    case both
}

/// The request mix and its shape over the day, derived (read-only) from a scenario's simulated retailers.
///
/// The delivery mix follows one order's life: a submit, its dispatch when its truck leaves, an update
/// when a delivery is rescheduled or a rupture regularised, a cancel when the order is cancelled
/// before payment; return pickups add a submit and a dispatch. The technician mix follows one
/// assistance case that needs a visit: an offer, a hold, a confirm, and a cancel when the visit is
/// done (steady state). The shape gives each hour of the day a weight: deliveries by the segments'
/// delivery hours (weighted by share), technician cases by the business calendar's hours, both with a
/// 5 % floor so night hours keep some traffic.
public struct LoadProfile: Sendable, Equatable {
    /// Scenario name.
    public var scenario: String
    /// Seed of the clients' random streams (the scenario's).
    public var seed: UInt64
    /// Shares of submit, update, cancel, dispatch-next among delivery requests (sum 1).
    public var deliveryMix: [Double]
    /// Shares of offer, hold, confirm, cancel among technician requests (sum 1).
    public var technicianMix: [Double]
    /// Share of technician requests when the target is `.both` (per simulated day, cases vs orders).
    public var technicianShare: Double
    /// Relative weight of each hour 0..<24 for delivery requests.
    public var deliveryHours: [Double]
    /// Relative weight of each hour 0..<24 for technician requests.
    public var technicianHours: [Double]
    /// Depots (delivery desks) in the scenario, over all regions.
    public var depots: Int
    /// Technician rosters, one per region that has technicians.
    public var rosters: [[TechnicianSpec]]
    /// The zone grid width of each roster's region, and its minutes per step.
    public var zoneGrids: [(width: Int, minutes: Int)]
    /// Severity mix of assistance cases (machine down, degraded, minor).
    public var severityMix: [(Severity, Double)]
    /// Mean visit duration in minutes.
    public var visitMinutes: Int
    /// Share of cases resolved remotely (a remote technician's slot).
    public var remoteShare: Double

    /// Equality on the fields that decide the mix (the roster by size).
    /// - Complexity: O(24).
    public static func == (a: LoadProfile, b: LoadProfile) -> Bool {
        a.scenario == b.scenario && a.seed == b.seed && a.deliveryMix == b.deliveryMix && a.technicianMix == b.technicianMix
            && a.technicianShare == b.technicianShare && a.deliveryHours == b.deliveryHours && a.technicianHours == b.technicianHours
            && a.depots == b.depots && a.rosters.map(\.count) == b.rosters.map(\.count)
    }

    /// The profile of `scenario`. - Complexity: O(segments × 24 + technicians).
    public init(_ scenario: Scenario) {
        self.scenario = scenario.name
        seed = scenario.seed
        let j = scenario.journeys
        // Orders per retailer-day: one per delivery day; reschedules and regularisations update.
        let orders = 1.0
        let pickups = orders * max(0, j.returns.defectRate) * 10  // a pickup per defective keg report
        let updates = orders * (max(0, j.ordering.ruptureProbability) + max(0, 1 - j.delivery.rescheduleAcceptance) * 0.2 + 0.1)
        let cancels = orders * max(0.001, j.ordering.cancelBeforePayment)
        let submits = orders + pickups
        let dispatches = submits - cancels
        deliveryMix = Self.normalised([submits, updates, cancels, dispatches])
        technicianMix = [0.25, 0.25, 0.25, 0.25]
        // Cases per retailer-day against orders per retailer-day.
        let casesPerDay = max(0.0001, (j.assistance.failuresPerYear + 4 * j.assistance.failuresPerYearPerAgeYear) / 365 * 4)
        technicianShare = min(0.9, max(0.1, casesPerDay * 4 / (casesPerDay * 4 + submits + updates + cancels + dispatches)))
        var dh = [Double](repeating: 0, count: 24)
        for s in scenario.segments {
            for w in s.deliveryHours.days.first ?? [] { Self.cover(&dh, w, weight: max(0, s.share)) }
        }
        deliveryHours = Self.floored(dh)
        var th = [Double](repeating: 0, count: 24)
        for w in scenario.calendar.hours.days.first ?? [] { Self.cover(&th, w, weight: 1) }
        technicianHours = Self.floored(th)
        depots = max(1, scenario.regions.reduce(0) { $0 + $1.depots.count })
        var rosters: [[TechnicianSpec]] = []
        var grids: [(Int, Int)] = []
        for r in scenario.regions where !r.technicians.isEmpty {
            let width = max(1, r.zoneGrid)
            let zones = width * width
            var roster: [TechnicianSpec] = []
            var k = 0
            // As RegionModel's setup (internal to RetailerJourneys): one spec per technician of each group.
            for g in r.technicians {
                var pairs: [(Skill, Int)] = []
                for s in Skill.allCases { if let l = g.skills[s], l > 0 { pairs.append((s, l)) } }
                let hours = WeeklyHours(windows: g.shift.days.map { $0.map { TechnicianBooking.TimeWindow(from: 0, $0.from, to: 0, $0.to) } })
                for _ in 0..<max(0, g.count) {
                    roster.append(TechnicianSpec(kind: g.kind, homeZone: g.kind == .remote ? 0 : (g.zone ?? (k % zones)),
                                                 skills: SkillLevels(pairs), shift: hours))
                    k += 1
                }
            }
            rosters.append(roster)
            grids.append((width, max(1, r.zoneTravelMinutes)))
        }
        self.rosters = rosters
        zoneGrids = grids
        let mix = j.assistance.severityMix
        severityMix = [Severity.machineDown, .degraded, .minor].map { ($0, max(0, mix[$0] ?? 0)) }
        visitMinutes = max(15, Int(j.assistance.visitDuration.mean.seconds / 60))
        remoteShare = min(1, max(0, j.assistance.remoteResolves))
    }

    /// The hour weights of `target`, averaged for `.both` by `technicianShare`. - Complexity: O(24).
    public func hours(_ target: LoadTarget) -> [Double] {
        switch target {
        case .delivery: return deliveryHours
        case .technicians: return technicianHours
        case .both: return (0..<24).map { deliveryHours[$0] * (1 - technicianShare) + technicianHours[$0] * technicianShare }
        }
    }

    static func normalised(_ xs: [Double]) -> [Double] {
        let s = xs.reduce(0, +)
        return s > 0 ? xs.map { $0 / s } : xs.map { _ in 1 / Double(xs.count) }
    }

    /// Adds `weight` to every hour `w` covers, in proportion to the minutes covered.
    static func cover(_ hours: inout [Double], _ w: DayWindow, weight: Double) {
        for h in 0..<24 {
            let overlap = min(w.to, (h + 1) * 60) - max(w.from, h * 60)
            if overlap > 0 { hours[h] += weight * Double(overlap) / 60 }
        }
    }

    /// Normalised to a peak of 1 with a floor of 5 % (a flat day when nothing was covered).
    static func floored(_ hours: [Double]) -> [Double] {
        let peak = hours.max() ?? 0
        guard peak > 0 else { return [Double](repeating: 1, count: 24) }
        return hours.map { max(0.05, $0 / peak) }
    }
}
