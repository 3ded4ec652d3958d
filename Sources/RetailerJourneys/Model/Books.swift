import DeliveryScheduling
import DiscreteEvents
import TechnicianBooking

/// The stage of an order (journey 2), in the seed's order.
enum OrderStage: UInt8 {
    case received, blocked, payment, invoicing, picking, inDelivery, delivered, cancelled
}

/// Orders as an array of records with slot reuse: a slot is freed when the order ends.
struct OrderBook {
    /// One order's fields side by side (under 64 bytes), so an order's event reads one or two cache lines
    /// rather than one per column.
    struct Record {
        var placedAt: SimTime
        var blockedAt: SimTime
        var value: Float
        var retailer: Int32
        var kegs: Int32
        var cases: Int32
        var promisedDay: Int32
        var job: JobID
        var stage: OrderStage
        var rupture: Bool
    }
    /// Every order slot (a freed slot is reused by the next order).
    var all: [Record] = []
    var free: [Int32] = []
    /// Open orders (placed, not delivered or cancelled).
    var open = 0

    /// A new order; returns its slot. - Complexity: O(1) amortised.
    mutating func add(retailer r: Int, kegs k: Int, cases c: Int, at t: SimTime, value v: Double) -> Int {
        open += 1
        let record = Record(placedAt: t, blockedAt: t, value: Float(v), retailer: Int32(r), kegs: Int32(k), cases: Int32(c),
                            promisedDay: -1, job: JobID(slot: .max, generation: 0), stage: .received, rupture: false)
        if let s = free.popLast() {
            all[Int(s)] = record
            return Int(s)
        }
        all.append(record)
        return all.count - 1
    }

    /// Ends an order (delivered or cancelled) and frees its slot. - Complexity: O(1).
    mutating func end(_ i: Int, _ final: OrderStage) {
        all[i].stage = final
        open -= 1
        free.append(Int32(i))
    }
}

/// Returns of defective kegs (journey 4).
struct ReturnBook {
    var retailer: [Int32] = []
    var kegs: [Int32] = []
    var batch: [Int32] = []
    var registeredAt: [SimTime] = []
    var free: [Int32] = []
    var open = 0

    mutating func add(retailer r: Int, kegs k: Int, batch b: Int, at t: SimTime) -> Int {
        open += 1
        if let s = free.popLast() {
            let i = Int(s)
            retailer[i] = Int32(r); kegs[i] = Int32(k); batch[i] = Int32(b); registeredAt[i] = t
            return i
        }
        retailer.append(Int32(r)); kegs.append(Int32(k)); batch.append(Int32(b)); registeredAt.append(t)
        return retailer.count - 1
    }

    mutating func end(_ i: Int) { open -= 1; free.append(Int32(i)) }
}

/// The stage of a technical-assistance ticket (journey 7) or an installation (journey 1).
enum TicketStage: UInt8 {
    case selfDiagnosis, remoteBooked, offering, held, confirmed, partsWait, closed
}

/// What a ticket is for.
enum TicketPurpose: UInt8 {
    case repair, installation, maintenance
}

/// Technical-assistance, installation and maintenance tickets.
struct TicketBook {
    var purpose: [TicketPurpose] = []
    var retailer: [Int32] = []
    var severity: [Severity] = []
    var stage: [TicketStage] = []
    var openedAt: [SimTime] = []
    var slaDeadline: [SimTime] = []
    var earliest: [SimTime] = []
    var reservation: [ReservationID] = []
    var slot: [SlotOffer] = []
    var visits: [Int16] = []
    var offers: [Int16] = []
    /// Approval day for installations (-1 for repairs).
    var approvedDay: [Int32] = []
    /// Bumped whenever the ticket's next step changes, so a stale scheduled step is ignored.
    var token: [Int32] = []
    var free: [Int32] = []
    var open = 0

    mutating func add(retailer r: Int, severity s: Severity, at t: SimTime, deadline: SimTime, earliest e: SimTime,
                      approvedDay a: Int, purpose p: TicketPurpose = .repair) -> Int {
        open += 1
        let noRes = ReservationID(index: -1, generation: 0)
        let noSlot = SlotOffer(technician: -1, day: 0, startSlot: 0, travelSlots: 0, visitSlots: 0, calendarVersion: 0,
                               rankKey: 0, visitStart: .zero, visitEnd: .zero)
        if let f = free.popLast() {
            let i = Int(f)
            retailer[i] = Int32(r); severity[i] = s; stage[i] = .selfDiagnosis; openedAt[i] = t; slaDeadline[i] = deadline
            earliest[i] = e; reservation[i] = noRes; slot[i] = noSlot; visits[i] = 0; offers[i] = 0; approvedDay[i] = Int32(a)
            token[i] &+= 1
            purpose[i] = p
            return i
        }
        retailer.append(Int32(r)); severity.append(s); stage.append(.selfDiagnosis); openedAt.append(t)
        slaDeadline.append(deadline); earliest.append(e); reservation.append(noRes); slot.append(noSlot)
        visits.append(0); offers.append(0); approvedDay.append(Int32(a)); token.append(0); purpose.append(p)
        return retailer.count - 1
    }

    mutating func end(_ i: Int) { stage[i] = .closed; open -= 1; free.append(Int32(i)) }
}

/// Applicants of onboarding (journey 1) before they become retailers.
struct ApplicantBook {
    var segment: [UInt8] = []
    var appliedAt: [SimTime] = []
    var attempts: [Int16] = []
}

/// Keg batches: one per delivery day. Defect reports, recipients and pending reports per batch, for
/// mass-problem detection.
struct BatchBook {
    /// Defect rate of the day's batch.
    var defectRate: [Double] = []
    /// First delivery time of the batch.
    var firstDelivery: [SimTime] = []
    /// Reports so far (time of each), for the sliding window.
    var reports: [[SimTime]] = []
    var firstReport: [SimTime] = []
    var detected: [Bool] = []
    /// Retailers who received kegs of the batch (in delivery order, may repeat).
    var recipients: [[Int32]] = []
    /// (retailer, report time) of defects found but not yet reported.
    var pending: [[(retailer: Int32, at: SimTime)]] = []
    /// Retailers already reported per batch (so the warning is not counted twice).
    var reported: [[Int32]] = []
    /// Warned retailers per batch.
    var warned: [Bool] = []
    /// Kegs of the batch delivered so far.
    var kegs: [Int] = []

    mutating func ensure(_ b: Int, rate: Double) {
        while defectRate.count <= b {
            defectRate.append(rate); firstDelivery.append(.distantFuture); reports.append([]); firstReport.append(.distantFuture)
            detected.append(false); recipients.append([]); pending.append([]); reported.append([]); warned.append(false)
            kegs.append(0)
        }
    }
}

/// A truck running its committed route in simulated time.
struct RouteRun {
    var depot: Int
    var vehicle: VehicleID
    var day: Int
    /// The truck's shift end (after midnight): time back later is overtime.
    var shiftEnd: SimDuration
    var stops: [PlannedStop]
    var next = 0
    /// Where the truck is (the last stop served, or the depot).
    var at: Location
    var time: SimTime
    var departedAt: SimTime
    var distance = 0.0
    var costPerKm: Double
    var costPerHour: Double
}
