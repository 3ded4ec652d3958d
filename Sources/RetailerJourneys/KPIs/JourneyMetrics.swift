import DiscreteEvents
import TechnicianBooking

/// Everything a region measures, in mergeable form; `RunResult` turns it into KPI rows. Only outcomes
/// after the warm-up are recorded (flow counts for conservation include everything).
public struct JourneyMetrics: Sendable, Hashable {
    // Onboarding (journey 1).
    /// Applications received.
    public var applications = 0
    /// Applications approved (at once or after documents).
    public var approved = 0
    /// Approved at once by automatic validation.
    public var approvedAutomatically = 0
    /// Applicants who gave up when asked for documents.
    public var abandoned = 0
    /// Application → approval, hours.
    public var approvalTime = Sample()
    /// First sales-rep visit within the target business days of approval.
    public var salesRepOnTime = Share()
    /// Approval → draught installation done, days.
    public var installationLeadTime = Sample()

    // Ordering and delivery (journeys 2, 3).
    /// Orders placed (flow count, whole run).
    public var ordersPlaced = 0
    /// Orders delivered (flow count).
    public var ordersDelivered = 0
    /// Orders cancelled (flow count).
    public var ordersCancelled = 0
    /// Orders placed after a proactive alert.
    public var ordersFromAlerts = 0
    /// Orders per channel, in `OrderChannel.allCases` order.
    public var ordersByChannel = [Int](repeating: 0, count: OrderChannel.allCases.count)
    /// Orders held by the credit check (blocked account).
    public var ordersBlocked = 0
    /// Block → unblock, hours.
    public var blockToUnblock = Sample()
    /// Orders with a rupture (partial fulfilment).
    public var ruptures = 0
    /// Order placed → delivered, hours.
    public var orderLeadTime = Sample()
    /// On time (delivered on the promised day, inside a window) and in full (no rupture).
    public var otif = Share()
    /// On time only.
    public var onTime = Share()
    /// Reschedule proposals accepted (of proposals made).
    public var rescheduleAcceptance = Share()
    /// Jobs carried over by planning overflow (counted per carry-over).
    public var carryOvers = 0
    /// Retailers whose stock ran out on a day (stock-out retailer-days).
    public var stockOutDays = 0
    /// Notifications sent (phase changes, reschedules, alerts, warnings).
    public var notifications = 0

    // The service desk and journeys 5, 6, 8.
    /// Service cases, activations, blocked accounts and data changes.
    public var service = ServiceMetrics()

    // Returns (journey 4).
    /// Returns registered (flow count).
    public var returnsRegistered = 0
    /// Returns refused by validation (flow count).
    public var returnsRefused = 0
    /// Returns registered per problem class, in `ProblemClass.allCases` order.
    public var returnsByClass = [Int](repeating: 0, count: ProblemClass.allCases.count)
    /// Returns refused per criterion, in `RefusalCriterion.allCases` order.
    public var refusalsByCriterion = [Int](repeating: 0, count: RefusalCriterion.allCases.count)
    /// Returns picked up (flow count).
    public var returnsPickedUp = 0
    /// Registration → pickup, hours.
    public var returnLeadTime = Sample()
    /// Credits granted, euros.
    public var creditsGranted = 0.0
    /// Defective kegs delivered.
    public var defectiveKegs = 0
    /// Batches detected as mass problems.
    public var batchesDetected = 0
    /// First delivery of a detected batch → detection, hours.
    public var detectionLatency = Sample()
    /// First defect report of a detected batch → detection, hours.
    public var detectionAfterFirstReport = Sample()
    /// Retailers warned proactively of a detected batch.
    public var retailersWarned = 0
    /// Retailers with defective kegs of a detected batch who were warned before they reported.
    public var warnedBeforeReport = Share()

    // Technical assistance (journey 7), installation visits included in `visits*`.
    /// Failures reported (tickets opened for repairs).
    public var failures = 0
    /// Resolved by self-diagnosis.
    public var selfResolved = 0
    /// Resolved by the remote first line.
    public var remoteResolved = 0
    /// Remote calls held.
    public var remoteCalls = 0
    /// Visits booked (flow count).
    public var visitsBooked = 0
    /// Visits done (flow count).
    public var visitsDone = 0
    /// Visits cancelled (flow count).
    public var visitsCancelled = 0
    /// Tickets fixed at the first visit (of tickets with a first visit).
    public var firstTimeFix = Share()
    /// Ticket opened → first visit start, hours, per severity (`Severity.rawValue` order).
    public var timeToVisit = [Sample](repeating: Sample(), count: Severity.allCases.count)
    /// First visit started by the severity's SLA deadline, per severity.
    public var visitSLA = [Share](repeating: Share(), count: Severity.allCases.count)
    /// Ticket opened → machine working again, hours.
    public var timeToResolution = Sample()
    /// Holds that expired before the retailer confirmed.
    public var holdsExpired = 0
    /// Offers that came back empty (no slot within the SLA horizon).
    public var emptyOffers = 0
    /// Bookings displaced by technician absences.
    public var displacedVisits = 0
    /// Preventive maintenance visits done.
    public var maintenanceVisits = 0
    /// Maintenance visits started within their horizon (due day + the minor severity's SLA).
    public var maintenanceOnTime = Share()

    // Costs.
    /// Distance driven, km.
    public var distance = 0.0
    /// Truck-hours (depot to depot).
    public var truckHours = 0.0
    /// Truck-hours after the end of the trucks' shifts (overtime).
    public var truckOvertimeHours = 0.0
    /// Delivery cost (distance and hours at the fleet's rates), euros.
    public var deliveryCost = 0.0
    /// Technician hours booked (travel and visits).
    public var technicianHours = 0.0
    /// Technician hours available in shifts over the run.
    public var technicianShiftHours = 0.0
    /// Technician hours on the rosters' cost rates, euros.
    public var technicianCost = 0.0

    /// Empty metrics. - Complexity: O(buckets).
    public init() {}

    /// Adds another region's metrics (regions are merged in region order). - Complexity: O(buckets).
    public mutating func merge(_ o: JourneyMetrics) {
        service.merge(o.service)
        applications += o.applications; approved += o.approved; approvedAutomatically += o.approvedAutomatically
        abandoned += o.abandoned; approvalTime.merge(o.approvalTime); salesRepOnTime.merge(o.salesRepOnTime)
        installationLeadTime.merge(o.installationLeadTime)
        ordersPlaced += o.ordersPlaced; ordersDelivered += o.ordersDelivered; ordersCancelled += o.ordersCancelled
        ordersFromAlerts += o.ordersFromAlerts
        for i in ordersByChannel.indices { ordersByChannel[i] += o.ordersByChannel[i] }
        ordersBlocked += o.ordersBlocked; blockToUnblock.merge(o.blockToUnblock); ruptures += o.ruptures
        orderLeadTime.merge(o.orderLeadTime); otif.merge(o.otif); onTime.merge(o.onTime)
        rescheduleAcceptance.merge(o.rescheduleAcceptance); carryOvers += o.carryOvers
        stockOutDays += o.stockOutDays; notifications += o.notifications
        returnsRegistered += o.returnsRegistered; returnsRefused += o.returnsRefused
        returnsPickedUp += o.returnsPickedUp; returnLeadTime.merge(o.returnLeadTime)
        for i in returnsByClass.indices { returnsByClass[i] += o.returnsByClass[i] }
        for i in refusalsByCriterion.indices { refusalsByCriterion[i] += o.refusalsByCriterion[i] }
        creditsGranted += o.creditsGranted; defectiveKegs += o.defectiveKegs
        batchesDetected += o.batchesDetected; detectionLatency.merge(o.detectionLatency)
        detectionAfterFirstReport.merge(o.detectionAfterFirstReport); retailersWarned += o.retailersWarned
        warnedBeforeReport.merge(o.warnedBeforeReport)
        failures += o.failures; selfResolved += o.selfResolved; remoteResolved += o.remoteResolved
        remoteCalls += o.remoteCalls; visitsBooked += o.visitsBooked; visitsDone += o.visitsDone
        visitsCancelled += o.visitsCancelled; firstTimeFix.merge(o.firstTimeFix)
        for i in timeToVisit.indices { timeToVisit[i].merge(o.timeToVisit[i]); visitSLA[i].merge(o.visitSLA[i]) }
        timeToResolution.merge(o.timeToResolution); holdsExpired += o.holdsExpired; emptyOffers += o.emptyOffers
        displacedVisits += o.displacedVisits; maintenanceVisits += o.maintenanceVisits
        maintenanceOnTime.merge(o.maintenanceOnTime)
        distance += o.distance; truckHours += o.truckHours; truckOvertimeHours += o.truckOvertimeHours; deliveryCost += o.deliveryCost
        technicianHours += o.technicianHours; technicianShiftHours += o.technicianShiftHours
        technicianCost += o.technicianCost
    }
}

/// The problem class a retailer gives when registering a return.
public enum ProblemClass: String, Sendable, CaseIterable, Hashable {
    /// The keg leaks.
    case leak
    /// Flat or off-taste beer.
    case quality
    /// A damaged keg or valve.
    case damaged
    /// Not what was ordered.
    case wrongProduct
}

/// Why automatic validation refused a return (kept with the answer sent to the retailer).
public enum RefusalCriterion: String, Sendable, CaseIterable, Hashable {
    /// Reported more than `returnWindowDays` after delivery.
    case outsideReturnWindow
    /// The evidence did not support the claim.
    case evidenceNotConclusive
}
