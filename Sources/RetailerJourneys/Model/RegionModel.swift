import DeliveryScheduling
import DiscreteEvents
import TechnicianBooking

/// A compact event of a region: a kind and integer payloads (retailer, order, ticket, …), so the
/// kernel queue stores it inline and no event allocates.
public enum RegionEvent: Sendable {
    /// 00:00 of a day: consumption, alerts, disruptions, sales reps.
    case dayStart(Int32)
    /// A depot's cut-off: plan and commit the next working day.
    case cutoff(depot: Int32)
    /// A retailer places an order (from an alert or a low stock).
    case placeOrder(retailer: Int32, fromAlert: Bool)
    /// An order moves to its next stage.
    case orderStage(order: Int32)
    /// A blocked retailer regularises its account.
    case unblock(retailer: Int32)
    /// An invoice falls due.
    case invoiceDue(retailer: Int32, amount: Float, late: Bool)
    /// A late invoice is finally paid.
    case invoicePaid(retailer: Int32, amount: Float)
    /// A truck leaves the depot on its committed route.
    case truckDeparts(run: Int32)
    /// A truck reaches its next stop.
    case truckArrives(run: Int32)
    /// A truck leaves a stop after service.
    case truckLeaves(run: Int32)
    /// A retailer finds defective kegs and reports them.
    case defectFound(retailer: Int32, kegs: Int32, batch: Int32)
    /// An installed machine fails.
    case machineFails(retailer: Int32)
    /// An installed machine is due for preventive maintenance.
    case maintenanceDue(retailer: Int32)
    /// A technical-assistance ticket moves on.
    case ticketStep(ticket: Int32, token: Int32)
    /// A new application arrives.
    case application(Int32)
    /// An applicant's documents come back (or not).
    case applicantStep(applicant: Int32)
    /// A background service contact of a case type arrives.
    case caseArrival(type: Int32)
    /// A deferred journey event raises its cases (late orders, data prompts).
    case caseTrigger(event: Int32, retailer: Int32)
    /// A case's step continues (work done, answer received, wait over, attempt due).
    case caseResume(case: Int32, token: Int32)
    /// An escalation's timeout runs out.
    case caseTimeout(case: Int32, token: Int32)
    /// A caller's patience runs out in the queue.
    case caseAbandon(case: Int32, token: Int32)
    /// A team's shift starts or ends.
    case shiftChange(team: Int32)
    /// A coupon or voucher is used or expires.
    case couponEnds(used: Bool)
    /// 23:59:59 of a day: the engines close the day; the day's row is written.
    case dayEnd(Int32)
}

/// One region: its population, its engines and the journeys' state. All state is region-local, every
/// random draw comes from a (seed, region, entity, purpose) stream, so regions can run in parallel
/// between daily barriers.
public struct RegionModel: SimulationModel {
    /// The event type.
    public typealias Event = RegionEvent

    // Scenario (read-only).
    let scenario: Scenario
    let spec: RegionSpec
    let regionIndex: Int
    let calendar: BusinessCalendar
    let streams: StreamFactory
    /// Per segment: consumption factor per (weekday, day) is computed on the fly from these.
    let segments: [SegmentSpec]
    /// What the handlers read of a segment, precomputed (windows, channel weights, values).
    let segmentTables: SegmentTables
    /// Per depot: scheduler depot id, planning options.
    var depotIDs: [DepotID] = []
    var vehicleCost: [(perKm: Double, perHour: Double)] = []

    // Engines.
    /// The region's delivery scheduler (one depot per region depot).
    public internal(set) var scheduler: DeliveryScheduler
    /// The region's technician allocator.
    public internal(set) var allocator: TechnicianAllocator
    var technicianRate: [Double] = []

    // Population and journey state.
    /// The retailers.
    public internal(set) var population = Population()
    var orders = OrderBook()
    var returns = ReturnBook()
    var tickets = TicketBook()
    var applicants = ApplicantBook()
    var batches = BatchBook()
    var runs: [RouteRun] = []
    /// Slots of `runs` whose truck is back at the depot, reused last in first out.
    var freeRuns: [Int32] = []
    /// Job slot → what the job carries (order or return).
    var jobPayload: [JobPayload] = []
    /// Reservation index → ticket, for displacements.
    var ticketOfReservation: [ReservationID: Int32] = [:]
    var salesRepQueue: [(retailer: Int32, approvedDay: Int32)] = []
    /// The service desk with its names resolved, its cases and its agents.
    var desk = CompiledDesk()
    var cases = CaseBook()
    var floor = AgentFloor(teams: 0)
    /// Per case type: background contacts drawn so far (their random-stream key).
    var arrivalSequence: [Int] = []
    /// Per segment: the typical outlet's consumption value per day (activation potential check).
    var typicalDailyValue: [Double] = []
    var salesRepHead = 0

    // Measures.
    /// The region's metrics.
    public internal(set) var metrics = JourneyMetrics()
    /// The region's daily series.
    public internal(set) var daily: [DailyRow] = []
    /// Engine audit failures found at day ends (when auditing is on).
    public internal(set) var auditFailures: [String] = []
    /// Audit both engines at every day end.
    var auditEveryDay = false
    /// Optional trace of (time, who, what) for tests.
    var trace: [TraceEntry]? = nil
    var offerBuffer: [SlotOffer] = []
    var expiredBuffer: [ReservationID] = []
    var outcomes: [JobOutcome] = []
    var today = 0
    /// Time spent in day planning and the stops it placed (the effort report; never in the results files).
    public internal(set) var planning = PlanningEffort()
    /// The report's utilisation and route-map series (see `ReportSeries`).
    var reportSeries = ReportRecorder()

    /// Whether outcomes at `t` count (after the warm-up).
    func counts(_ t: SimTime) -> Bool { t.day >= scenario.warmUpDays }

    /// Handles one event. - Complexity: O(1) for most events; cut-offs cost a day plan.
    public mutating func handle(_ event: RegionEvent, agenda: inout Agenda<RegionEvent>) {
        switch event {
        case .dayStart(let d): startDay(Int(d), &agenda)
        case .cutoff(let depot): cutoff(depot: Int(depot), &agenda)
        case .placeOrder(let r, let alert): placeOrder(retailer: Int(r), fromAlert: alert, &agenda)
        case .orderStage(let o): advanceOrder(Int(o), &agenda)
        case .unblock(let r): unblock(retailer: Int(r), &agenda)
        case .invoiceDue(let r, let amount, let late): invoiceDue(retailer: Int(r), amount: amount, late: late, &agenda)
        case .invoicePaid(let r, let amount): invoicePaid(retailer: Int(r), amount: amount)
        case .truckDeparts(let run): truckDeparts(Int(run), &agenda)
        case .truckArrives(let run): truckArrives(Int(run), &agenda)
        case .truckLeaves(let run): driveToNext(Int(run), &agenda)
        case .defectFound(let r, let kegs, let batch): defectFound(retailer: Int(r), kegs: Int(kegs), batch: Int(batch), &agenda)
        case .machineFails(let r): machineFails(retailer: Int(r), &agenda)
        case .maintenanceDue(let r): maintenanceDue(retailer: Int(r), &agenda)
        case .ticketStep(let t, let token): if tickets.token[Int(t)] == token { ticketStep(Int(t), &agenda) }
        case .application(let seq): application(Int(seq), &agenda)
        case .applicantStep(let a): applicantStep(Int(a), &agenda)
        case .caseArrival(let t): caseArrival(type: Int(t), &agenda)
        case .caseTrigger(let e, let r): caseTrigger(event: Int(e), retailer: Int(r), &agenda)
        case .caseResume(let c, let token): caseResume(Int(c), token: token, &agenda)
        case .caseTimeout(let c, let token): caseTimeout(Int(c), token: token, &agenda)
        case .caseAbandon(let c, let token): caseAbandon(Int(c), token: token, &agenda)
        case .shiftChange(let k): setDuty(Int(k), agenda.now, &agenda)
        case .couponEnds(let used): couponEnds(used: used, now: agenda.now)
        case .dayEnd(let d): endDay(Int(d), &agenda)
        }
    }

    /// Records a trace entry when tracing (tests). - Complexity: O(1) amortised.
    mutating func note(_ t: SimTime, _ who: Int, _ what: TraceEvent) {
        trace?.append(TraceEntry(time: t, retailer: who, event: what))
    }

    /// Counts a notification to a retailer. - Complexity: O(1).
    mutating func notify(_ r: Int) {
        population.all[r].notifications &+= 1
        metrics.notifications += 1
    }
}

/// What a delivery-scheduler job carries.
enum JobPayload: Sendable {
    case none
    case order(Int32)
    case pickup(Int32)
}

/// One entry of a test trace: when, which retailer, what.
public struct TraceEntry: Sendable, Hashable, CustomStringConvertible {
    /// When.
    public var time: SimTime
    /// The retailer (region-local index).
    public var retailer: Int
    /// What happened.
    public var event: TraceEvent
    /// `day 3 08:00 r12 orderPlaced`.
    public var description: String { "\(time) r\(retailer) \(event)" }
}

/// The (who, when, what) events a test trace records.
public enum TraceEvent: Sendable, Hashable {
    case alert, orderPlaced, orderBlocked, orderUnblocked, orderPaid, orderInvoiced, rupture, orderCancelled
    case orderPicked, orderPlanned, outForDelivery, delivered, rescheduleProposed, rescheduleAccepted
    case rescheduleRefused, defectReported, returnAccepted, returnRefused, pickedUp, creditGranted, batchWarning
    case machineFailed, selfResolved, remoteBooked, remoteResolved, visitOffered, visitHeld, holdExpired
    case visitConfirmed, visitDone, fixed, returnVisitNeeded, maintenanceDone, applied, documentsAsked, abandoned, approved
    case salesRepVisit, equipmentDelivered, installed
    /// A service case (its sequence number in the region) enters a step of its flow, `type.step`.
    case caseStep(case: Int, step: String)
    /// A service case closes: `resolved`, `abandoned` or `transferred`.
    case caseClosed(case: Int, outcome: String)
}
