import DiscreteEvents

/// Identifies a job inside one scheduler: a storage slot plus a generation, so a stale id never
/// reaches a job that later reused the slot.
@frozen
public struct JobID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The storage slot (an index into the scheduler's struct-of-arrays columns).
    public let slot: UInt32
    /// The slot's generation when the job was created.
    public let generation: UInt32

    /// The id of slot `slot` at generation `generation`.
    @inlinable public init(slot: UInt32, generation: UInt32) {
        self.slot = slot
        self.generation = generation
    }

    /// Orders by slot, then generation (deterministic, not chronological).
    @inlinable public static func < (a: JobID, b: JobID) -> Bool {
        (a.slot, a.generation) < (b.slot, b.generation)
    }

    /// `job#12.3` (slot 12, generation 3).
    public var description: String { "job#\(slot).\(generation)" }
}

/// Identifies a depot (a small dense integer chosen by whoever registers the depot).
@frozen
public struct DepotID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The depot's index.
    public let rawValue: Int32
    /// The depot with index `rawValue`.
    @inlinable public init(_ rawValue: Int32) { self.rawValue = rawValue }
    /// Orders by index.
    @inlinable public static func < (a: DepotID, b: DepotID) -> Bool { a.rawValue < b.rawValue }
    /// `depot 3`.
    public var description: String { "depot \(rawValue)" }
}

/// Identifies a vehicle (truck) registered with a scheduler; indexes are dense from 0.
@frozen
public struct VehicleID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The vehicle's index in the scheduler's fleet.
    public let rawValue: Int32
    /// The vehicle with index `rawValue`.
    @inlinable public init(_ rawValue: Int32) { self.rawValue = rawValue }
    /// Orders by index.
    @inlinable public static func < (a: VehicleID, b: VehicleID) -> Bool { a.rawValue < b.rawValue }
    /// `vehicle 7`.
    public var description: String { "vehicle \(rawValue)" }
}

/// What a job does at the retailer: drop goods, or collect kegs or equipment.
public enum JobKind: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    /// Delivery of an order (kegs, cases, equipment): loaded at the depot, unloaded at the stop.
    case delivery = 0
    /// Pickup of a defective keg or product being returned (journey 4).
    case defectReturn
    /// Pickup of empty kegs.
    case empties
    /// Pickup of equipment (a draught machine, a cooler).
    case equipment

    /// Whether the job loads the truck at the stop (every pickup) rather than unloading it.
    @inlinable public var isPickup: Bool { self != .delivery }

    /// The name used in files and on the command line: `delivery`, `defect-return`, `empties`, `equipment`.
    public var description: String {
        switch self {
        case .delivery: return "delivery"
        case .defectReturn: return "defect-return"
        case .empties: return "empties"
        case .equipment: return "equipment"
        }
    }

    /// The kind named `name` (as printed by `description`), or nil.
    public init?(name: String) {
        guard let k = JobKind.allCases.first(where: { $0.description == name }) else { return nil }
        self = k
    }
}

/// A strict priority tier: every job of a more urgent tier is served before any job of a less urgent
/// one; tiers never trade against distance. Smaller raw value = more urgent.
public enum PriorityTier: UInt8, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    /// An urgent out-of-stock: beats any other job.
    case urgent = 0
    /// Raised priority: carried-over jobs and refused reschedules land here.
    case high = 1
    /// The ordinary tier.
    case standard = 2
    /// Flexible jobs (empties collection with no deadline pressure).
    case low = 3

    /// More urgent first.
    @inlinable public static func < (a: PriorityTier, b: PriorityTier) -> Bool { a.rawValue < b.rawValue }

    /// One tier more urgent, but never into `urgent` (reserved for real out-of-stocks).
    @inlinable public var raised: PriorityTier {
        switch self {
        case .urgent: return .urgent
        case .high, .standard: return .high
        case .low: return .standard
        }
    }

    /// The tier's name: `urgent`, `high`, `standard`, `low`.
    public var description: String {
        switch self {
        case .urgent: return "urgent"
        case .high: return "high"
        case .standard: return "standard"
        case .low: return "low"
        }
    }

    /// The tier named `name`, or nil.
    public init?(name: String) {
        guard let t = PriorityTier.allCases.first(where: { $0.description == name }) else { return nil }
        self = t
    }
}

/// A load in the units a truck is limited by: kegs, cases and pallet places.
@frozen
public struct Volume: Hashable, Sendable, CustomStringConvertible {
    /// Kegs.
    public var kegs: Int32
    /// Cases (crates, boxes).
    public var cases: Int32
    /// Pallet places.
    public var pallets: Int32

    /// A load of the given amounts (each defaults to 0).
    @inlinable public init(kegs: Int32 = 0, cases: Int32 = 0, pallets: Int32 = 0) {
        self.kegs = kegs
        self.cases = cases
        self.pallets = pallets
    }

    /// The empty load.
    public static let zero = Volume()

    /// Component-wise sum.
    @inlinable public static func + (a: Volume, b: Volume) -> Volume {
        Volume(kegs: a.kegs &+ b.kegs, cases: a.cases &+ b.cases, pallets: a.pallets &+ b.pallets)
    }
    /// Component-wise difference.
    @inlinable public static func - (a: Volume, b: Volume) -> Volume {
        Volume(kegs: a.kegs &- b.kegs, cases: a.cases &- b.cases, pallets: a.pallets &- b.pallets)
    }
    /// Component-wise maximum.
    @inlinable public static func componentMax(_ a: Volume, _ b: Volume) -> Volume {
        Volume(kegs: max(a.kegs, b.kegs), cases: max(a.cases, b.cases), pallets: max(a.pallets, b.pallets))
    }
    /// Whether every component is at most the same component of `capacity`.
    @inlinable public func fits(in capacity: Volume) -> Bool {
        kegs <= capacity.kegs && cases <= capacity.cases && pallets <= capacity.pallets
    }
    /// Whether any component is negative.
    @inlinable public var hasNegative: Bool { kegs < 0 || cases < 0 || pallets < 0 }

    /// `4 kegs, 10 cases` (zero components omitted; `empty` when all are zero).
    public var description: String {
        var parts: [String] = []
        if kegs != 0 { parts.append("\(kegs) kegs") }
        if cases != 0 { parts.append("\(cases) cases") }
        if pallets != 0 { parts.append("\(pallets) pallets") }
        return parts.isEmpty ? "empty" : parts.joined(separator: ", ")
    }
}

/// A point in the plane, in plain distance units (kilometres, or a VRPTW instance's units).
@frozen
public struct Location: Hashable, Sendable {
    /// East-west coordinate.
    public var x: Double
    /// North-south coordinate.
    public var y: Double
    /// The point (`x`, `y`).
    @inlinable public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
    /// Euclidean distance to `other`. - Complexity: O(1).
    @inlinable public func distance(to other: Location) -> Double {
        let dx = x - other.x, dy = y - other.y
        return (dx * dx + dy * dy).squareRoot()
    }
}

/// An interval of the day in which service may start: `from` ≤ start ≤ `to`, as times of day.
@frozen
public struct TimeWindow: Hashable, Sendable, CustomStringConvertible {
    /// Earliest service start (time of day).
    public var from: SimDuration
    /// Latest service start (time of day).
    public var to: SimDuration
    /// The window [`from`, `to`]; check with `isValid` (or submit, which throws) before use.
    @inlinable public init(from: SimDuration, to: SimDuration) {
        self.from = from
        self.to = to
    }
    /// "Not before `time`": open until the end of the day.
    @inlinable public static func notBefore(_ time: SimDuration) -> TimeWindow {
        TimeWindow(from: time, to: .hours(Int64(24)))
    }
    /// Whether the window does not end before it starts and does not start before midnight.
    @inlinable public var isValid: Bool { to >= from && from.ticks >= 0 }
    /// `09:00-12:00`.
    public var description: String { "\(from.clockString)-\(to.clockString)" }
}
