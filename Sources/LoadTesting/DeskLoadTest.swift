import DeliveryScheduling
import DeskService
import DiscreteEvents
import EngineWorkloads
import TechnicianBooking

/// What to run in process: the target, the load, and how the desks are sharded.
public struct DeskLoadOptions: Sendable {
    /// Which desks.
    public var target: LoadTarget
    /// Offered rate (requests/s) and duration (ns), clients, batch limit.
    public var run: LoadRunConfig
    /// Delivery desks (depots) and technician desks (region shards); nil keeps the scenario's.
    public var desks: Int?
    /// Whether the day's shape is flattened (a constant rate).
    public var flat: Bool

    /// Options. - Complexity: O(1).
    public init(target: LoadTarget, run: LoadRunConfig, desks: Int? = nil, flat: Bool = false) {
        self.target = target; self.run = run; self.desks = desks; self.flat = flat
    }
}

/// The engines' invariants after a run, from the desks' own state and the clients' tallies.
public struct DeskAuditSummary: Sendable, Equatable {
    /// Delivery: submitted ids, and those in no state or in more than one (must be 0).
    public var submittedJobs = 0
    /// Submitted jobs in none of pending / dispatched / cancelled.
    public var lostJobs = 0
    /// Jobs handed out twice or live without a submit.
    public var duplicatedJobs = 0
    /// Technicians: confirmed bookings, double bookings, and bookings a client holds that the desk lost.
    public var confirmedBookings = 0
    /// Overlapping bookings of one technician (must be 0).
    public var doubleBookings = 0
    /// Bookings a client holds that are not booked in the desk (must be 0).
    public var lostBookings = 0
    /// Other calendar violations (outside shift, skill, mask, summaries; must be 0).
    public var calendarViolations = 0
    /// An empty summary. - Complexity: O(1).
    public init() {}

    /// Whether nothing was lost, duplicated or double-booked. - Complexity: O(1).
    public var holds: Bool { lostJobs + duplicatedJobs + doubleBookings + lostBookings + calendarViolations == 0 }
}

/// A delivery and a technician client in one: each hop's requests split between the two in the
/// profile's proportion (the delivery part first, then the technician part).
public struct BothDriver: LoadDriver {
    var delivery: DeliveryDriver
    var technicians: TechnicianDriver
    let share: Double
    var credit = 0.0

    /// A combined client sending `share` of its requests to the technician desk. - Complexity: O(1).
    public init(delivery: DeliveryDriver, technicians: TechnicianDriver, share: Double) {
        self.delivery = delivery; self.technicians = technicians; self.share = share
    }

    /// Sends `count` requests, split, in one hop to each side. - Complexity: O(count × request cost).
    public mutating func send(_ count: Int, at now: SimTime) async -> HopOutcome {
        credit += Double(count) * share
        let t = min(count, Int(credit))
        credit -= Double(t)
        var out = HopOutcome()
        if count - t > 0 { let d = await delivery.send(count - t, at: now); out.errors += d.errors; out.refused += d.refused }
        if t > 0 { let d = await technicians.send(t, at: now); out.errors += d.errors; out.refused += d.refused }
        return out
    }

    /// Both tallies. - Complexity: O(live bookings).
    public func finish() -> (DeskClientTally, TechnicianTally) { (delivery.finish(), technicians.finish()) }
}

/// A run of the in-process desks: build them from the profile, drive them open loop, audit them.
public enum DeskLoadTest {
    /// The result of one run: measurements and audit.
    public struct Outcome: Sendable {
        /// Merged measurements.
        public var recorder: LatencyRecorder
        /// Offered and achieved rates.
        public var offeredRate: Double
        /// Completed (and failed) requests per second.
        public var achievedRate: Double
        /// Wall time of the run.
        public var elapsedNanoseconds: Int64
        /// The engines' invariants after the run.
        public var audit: DeskAuditSummary
        /// Desks driven (delivery, technicians).
        public var desks: (delivery: Int, technicians: Int)
    }

    /// The delivery desks: `count` depots (the synthetic depot; queue operations do not need trucks).
    /// - Complexity: O(count).
    public static func deliveryDesks(_ count: Int) -> (DeliveryDeskRouter, [DeliveryDesk]) {
        DeskWorkload(depots: count, clients: 1, batch: 1, requests: 1, seed: 1).makeDesks()
    }

    /// The technician desks of `layout` (`DeskLayout.makeTechnicianShards`), each with the cases of
    /// its roster. - Complexity: O(shards × technicians × days).
    public static func technicianDesks(_ profile: LoadProfile, _ layout: DeskLayout) -> [(TechnicianDesk, CaseGenerator)] {
        layout.makeTechnicianShards().enumerated().map { i, shard in
            (TechnicianDesk(region: i, allocator: shard.allocator), CaseGenerator(profile: profile, roster: shard.roster, zones: shard.zones))
        }
    }

    /// The technician desks: `count` shards, each a 28-day calendar over the profile's region `i mod
    /// regions` roster (a 40-technician synthetic roster, 30 % prefilled, when the scenario has none).
    /// - Complexity: O(count × technicians × days).
    public static func technicianDesks(_ profile: LoadProfile, count: Int) -> [(TechnicianDesk, CaseGenerator)] {
        technicianDesks(profile, DeskLayout(profile, desks: count))
    }

    /// Runs `options` against fresh desks built from `profile`, then audits them.
    /// - Complexity: O(rate × duration × request cost + audit O(submitted + bookings)).
    public static func run(_ profile: LoadProfile, _ options: DeskLoadOptions, progress: LoadProgress? = nil) async -> Outcome {
        var config = options.run
        config.hours = options.flat ? [1] : profile.hours(options.target)
        let depots = options.desks ?? profile.depots
        let shards = options.desks ?? max(1, profile.rosters.count)
        var audit = DeskAuditSummary()
        switch options.target {
        case .delivery:
            let (_, desks) = deliveryDesks(depots)
            let r = await LoadRun.run(config, progress: progress) {
                DeliveryDriver(desks: desks, clients: config.clients, mix: profile.deliveryMix, seed: profile.seed, client: $0)
            }
            await auditDelivery(desks, r.tallies, into: &audit)
            return Outcome(recorder: r.recorder, offeredRate: r.offeredRate, achievedRate: r.achievedRate,
                           elapsedNanoseconds: r.elapsedNanoseconds, audit: audit, desks: (depots, 0))
        case .technicians:
            let desks = technicianDesks(profile, count: shards)
            let r = await LoadRun.run(config, progress: progress) { c in
                let (desk, cases) = desks[c % desks.count]
                return TechnicianDriver(desk: desk, deskIndex: c % desks.count, cases: cases, mix: profile.technicianMix, seed: profile.seed, client: c,
                                        technicians: cases.technicians, sharing: Self.sharing(config.clients, desks.count, c))
            }
            await auditTechnicians(desks.map(\.0), r.tallies, into: &audit)
            return Outcome(recorder: r.recorder, offeredRate: r.offeredRate, achievedRate: r.achievedRate,
                           elapsedNanoseconds: r.elapsedNanoseconds, audit: audit, desks: (0, desks.count))
        case .both:
            let (_, ddesks) = deliveryDesks(depots)
            let tdesks = technicianDesks(profile, count: shards)
            let r = await LoadRun.run(config, progress: progress) { c in
                let (desk, cases) = tdesks[c % tdesks.count]
                return BothDriver(
                    delivery: DeliveryDriver(desks: ddesks, clients: config.clients, mix: profile.deliveryMix, seed: profile.seed, client: c),
                    technicians: TechnicianDriver(desk: desk, deskIndex: c % tdesks.count, cases: cases, mix: profile.technicianMix,
                                                  seed: profile.seed, client: c, technicians: cases.technicians,
                                                  sharing: Self.sharing(config.clients, tdesks.count, c)),
                    share: profile.technicianShare)
            }
            await auditDelivery(ddesks, r.tallies.map(\.0), into: &audit)
            await auditTechnicians(tdesks.map(\.0), r.tallies.map(\.1), into: &audit)
            return Outcome(recorder: r.recorder, offeredRate: r.offeredRate, achievedRate: r.achievedRate,
                           elapsedNanoseconds: r.elapsedNanoseconds, audit: audit, desks: (depots, tdesks.count))
        }
    }

    /// Clients sharing the desk of client `c` (clients go to desks round robin). - Complexity: O(1).
    static func sharing(_ clients: Int, _ desks: Int, _ c: Int) -> Int {
        clients / desks + (c % desks < clients % desks ? 1 : 0)
    }

    /// Every submitted job exactly one of pending, dispatched, cancelled (`DeskWorkload.audit`).
    /// - Complexity: O(submitted + depots).
    static func auditDelivery(_ desks: [DeliveryDesk], _ tallies: [DeskClientTally], into a: inout DeskAuditSummary) async {
        let d = await DeskWorkload.audit(desks: desks, tallies: tallies)
        a.submittedJobs = d.submitted
        a.lostJobs = d.lostJobs
        a.duplicatedJobs = d.duplicatedJobs + (d.invariantsHold ? 0 : 1)
    }

    /// No double booking, no calendar violation, and every booking a client holds booked and unique.
    /// - Complexity: O(bookings + technicians × days).
    static func auditTechnicians(_ desks: [TechnicianDesk], _ tallies: [TechnicianTally], into a: inout DeskAuditSummary) async {
        for (i, desk) in desks.enumerated() {
            let audit = await desk.audit()
            let snapshot = await desk.snapshot()
            a.doubleBookings += audit.doubleBookings
            a.calendarViolations += audit.outsideShift + audit.skillMismatches + audit.maskMismatches + audit.summaryViolations
            let live = tallies.filter { $0.desk == i }.flatMap(\.live)
            a.lostBookings += live.filter { snapshot.reservation($0)?.state != .booked }.count + (live.count - Set(live).count)
            a.confirmedBookings += tallies.filter { $0.desk == i }.reduce(0) { $0 + $1.confirmed }
        }
    }
}
