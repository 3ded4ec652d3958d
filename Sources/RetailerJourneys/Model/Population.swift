import DeliveryScheduling
import DiscreteEvents

/// One retailer's record: profile fields drawn once at generation and the journey state that changes as
/// the run goes. Fields are ordered widest first, so the record packs into 96 bytes.
public struct RetailerRecord: Sendable {
    // Profile (drawn once).
    /// Location, km.
    public internal(set) var x: Double
    /// Location, km.
    public internal(set) var y: Double
    /// Kegs consumed per open day at base rate.
    public internal(set) var kegRate: Float
    /// Cases consumed per open day at base rate.
    public internal(set) var caseRate: Float
    /// Credit limit, euros.
    public internal(set) var creditLimit: Float
    /// Machine age in years at the start (draught retailers).
    public internal(set) var machineAge: Float = 0
    /// Technician zone.
    public internal(set) var zone: Int32
    /// Nearest depot (region-local index).
    public internal(set) var depot: Int32

    // State.
    /// Stock on hand, kegs.
    public internal(set) var stockKegs: Float
    /// Stock on hand, cases.
    public internal(set) var stockCases: Float
    /// Invoiced and unpaid, euros.
    public internal(set) var balance: Float = 0
    /// The open order, or -1.
    public internal(set) var openOrder: Int32 = -1
    /// Sequence numbers for the retailer's counter-based streams (orders so far).
    public internal(set) var orderSequence: Int32 = 0
    /// Failures so far (stream sequence).
    public internal(set) var failureSequence: Int32 = 0
    /// Notifications sent to the retailer.
    public internal(set) var notifications: Int32 = 0
    /// The open technical-assistance ticket, or -1.
    public internal(set) var openTicket: Int32 = -1
    /// The technician of the last visit, or -1.
    public internal(set) var lastTechnician: Int32 = -1
    /// The day of the last credit answer (the 30-day cooldown), or `Int32.min`.
    public internal(set) var creditAnsweredDay: Int32 = .min
    /// Overdue invoices outstanding (blocks new orders).
    public internal(set) var overdueInvoices: Int16 = 0
    /// Trade-marketing activations carried out at the outlet (its history).
    public internal(set) var activations: UInt16 = 0
    /// Segment index (into `Scenario.segments`).
    public internal(set) var segment: UInt8
    /// Pays invoices late.
    public internal(set) var latePayer: Bool
    /// Uses the digital channels.
    public internal(set) var digital: Bool
    /// Has draught equipment installed (consumes kegs).
    public internal(set) var draught: Bool
    /// Active (false before onboarding completes or after abandoning).
    public internal(set) var active: Bool
    /// Blocked for confirmed fraud (no order is accepted).
    public internal(set) var fraudBlocked: Bool = false
}

/// A region's retailers by retailer index (0-based within the region), one record each.
///
/// Why an array of records rather than struct-of-arrays: nearly every event (an order's stage, a
/// delivery, a failure, a case) reads and writes a dozen fields of one retailer picked at random among
/// hundreds of thousands; in columns that is a dozen cache misses, in one 96-byte record one or two.
/// The daily consumption pass that columns favour stays a sequential sweep of the records (measured:
/// `jornada bench simulation`, README "National scale").
public struct Population: Sendable {
    /// The retailers' records.
    public internal(set) var all: [RetailerRecord] = []

    /// Retailers (active or not).
    public var count: Int { all.count }

    /// Reserves room for `n` retailers. - Complexity: O(n).
    mutating func reserve(_ n: Int) { all.reserveCapacity(n) }

    /// Appends one retailer drawn from `segment`'s profile at (x, y). - Complexity: O(1) amortised.
    mutating func append(segment s: Int, profile p: SegmentSpec, x px: Double, y py: Double, zone z: Int32,
                         depot d: Int32, rng: inout RandomStream, active isActive: Bool, installedDraught: Bool,
                         initialCoverDays: Double) {
        // The draws in the order the columns were drawn before (the streams, hence the results, are unchanged).
        let keg = Float(max(0, p.kegsPerDay.sample(&rng)))
        let cas = Float(max(0, p.casesPerDay.sample(&rng)))
        let limit = Float(max(0, p.creditLimit.sample(&rng)))
        let late = rng.chance(p.latePayerShare)
        let digital = rng.chance(p.digitalAdoption)
        all.append(RetailerRecord(
            x: px, y: py, kegRate: keg, caseRate: cas, creditLimit: limit, zone: z, depot: d,
            stockKegs: installedDraught ? keg * Float(initialCoverDays) : 0, stockCases: cas * Float(initialCoverDays),
            segment: UInt8(s), latePayer: late, digital: digital, draught: installedDraught, active: isActive))
    }

    /// Active retailers. - Complexity: O(retailers).
    public var activeCount: Int {
        var n = 0
        for r in all where r.active { n += 1 }
        return n
    }

    /// Bytes held per retailer (for the memory budget). - Complexity: O(1).
    public static let bytesPerRetailer = MemoryLayout<RetailerRecord>.stride
}
