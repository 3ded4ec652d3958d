import DeliveryScheduling
import DiscreteEvents

/// A region's retailers as struct-of-arrays by retailer index (0-based within the region): profile
/// fields drawn once at generation, and the journey state that changes as the run goes.
///
/// Why struct-of-arrays: the daily consumption pass touches four columns of every retailer; packed
/// columns keep that pass a sequential sweep (see `jornada bench simulation`).
public struct Population: Sendable {
    // Profile (drawn once).
    /// Segment index (into `Scenario.segments`).
    public internal(set) var segment: [UInt8] = []
    /// Location, km.
    public internal(set) var x: [Double] = []
    /// Location, km.
    public internal(set) var y: [Double] = []
    /// Technician zone.
    public internal(set) var zone: [Int32] = []
    /// Nearest depot (region-local index).
    public internal(set) var depot: [Int32] = []
    /// Kegs consumed per open day at base rate.
    public internal(set) var kegRate: [Float] = []
    /// Cases consumed per open day at base rate.
    public internal(set) var caseRate: [Float] = []
    /// Credit limit, euros.
    public internal(set) var creditLimit: [Float] = []
    /// Pays invoices late.
    public internal(set) var latePayer: [Bool] = []
    /// Uses the digital channels.
    public internal(set) var digital: [Bool] = []
    /// Machine age in years at the start (draught retailers).
    public internal(set) var machineAge: [Float] = []

    // State.
    /// Stock on hand, kegs.
    public internal(set) var stockKegs: [Float] = []
    /// Stock on hand, cases.
    public internal(set) var stockCases: [Float] = []
    /// Has draught equipment installed (consumes kegs).
    public internal(set) var draught: [Bool] = []
    /// The open order, or -1.
    public internal(set) var openOrder: [Int32] = []
    /// Invoiced and unpaid, euros.
    public internal(set) var balance: [Float] = []
    /// Overdue invoices outstanding (blocks new orders).
    public internal(set) var overdueInvoices: [Int16] = []
    /// Sequence numbers for the retailer's counter-based streams (orders so far).
    public internal(set) var orderSequence: [Int32] = []
    /// Failures so far (stream sequence).
    public internal(set) var failureSequence: [Int32] = []
    /// Notifications sent to the retailer.
    public internal(set) var notifications: [Int32] = []
    /// The open technical-assistance ticket, or -1.
    public internal(set) var openTicket: [Int32] = []
    /// The technician of the last visit, or -1.
    public internal(set) var lastTechnician: [Int32] = []
    /// Active (false before onboarding completes or after abandoning).
    public internal(set) var active: [Bool] = []
    /// Blocked for confirmed fraud (no order is accepted).
    public internal(set) var fraudBlocked: [Bool] = []
    /// The day of the last credit answer (the 30-day cooldown), or `Int32.min`.
    public internal(set) var creditAnsweredDay: [Int32] = []
    /// Trade-marketing activations carried out at the outlet (its history).
    public internal(set) var activations: [UInt16] = []

    /// Retailers (active or not).
    public var count: Int { segment.count }

    /// Reserves room for `n` retailers. - Complexity: O(n).
    mutating func reserve(_ n: Int) {
        segment.reserveCapacity(n); x.reserveCapacity(n); y.reserveCapacity(n); zone.reserveCapacity(n)
        depot.reserveCapacity(n); kegRate.reserveCapacity(n); caseRate.reserveCapacity(n)
        creditLimit.reserveCapacity(n); latePayer.reserveCapacity(n); digital.reserveCapacity(n)
        machineAge.reserveCapacity(n); stockKegs.reserveCapacity(n); stockCases.reserveCapacity(n)
        draught.reserveCapacity(n); openOrder.reserveCapacity(n); balance.reserveCapacity(n)
        overdueInvoices.reserveCapacity(n); orderSequence.reserveCapacity(n); failureSequence.reserveCapacity(n)
        notifications.reserveCapacity(n); openTicket.reserveCapacity(n); lastTechnician.reserveCapacity(n)
        active.reserveCapacity(n); fraudBlocked.reserveCapacity(n); creditAnsweredDay.reserveCapacity(n)
        activations.reserveCapacity(n)
    }

    /// Appends one retailer drawn from `segment`'s profile at (x, y). - Complexity: O(1) amortised.
    mutating func append(segment s: Int, profile p: SegmentSpec, x px: Double, y py: Double, zone z: Int32,
                         depot d: Int32, rng: inout RandomStream, active isActive: Bool, installedDraught: Bool,
                         initialCoverDays: Double) {
        segment.append(UInt8(s)); x.append(px); y.append(py); zone.append(z); depot.append(d)
        let keg = Float(max(0, p.kegsPerDay.sample(&rng)))
        let cas = Float(max(0, p.casesPerDay.sample(&rng)))
        kegRate.append(keg); caseRate.append(cas)
        creditLimit.append(Float(max(0, p.creditLimit.sample(&rng))))
        latePayer.append(rng.chance(p.latePayerShare))
        digital.append(rng.chance(p.digitalAdoption))
        machineAge.append(0)
        draught.append(installedDraught)
        stockKegs.append(installedDraught ? keg * Float(initialCoverDays) : 0)
        stockCases.append(cas * Float(initialCoverDays))
        openOrder.append(-1); balance.append(0); overdueInvoices.append(0)
        orderSequence.append(0); failureSequence.append(0); notifications.append(0)
        openTicket.append(-1); lastTechnician.append(-1); active.append(isActive)
        fraudBlocked.append(false); creditAnsweredDay.append(.min); activations.append(0)
    }

    /// Bytes held per retailer by the columns above (for the memory budget). - Complexity: O(1).
    public static let bytesPerRetailer = 1 + 8 + 8 + 4 + 4 + 4 + 4 + 4 + 1 + 1 + 4 + 4 + 4 + 1 + 4 + 4 + 2 + 4 + 4 + 4 + 4 + 4 + 1 + 1 + 4 + 2
}
