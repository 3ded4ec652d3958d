import DiscreteEvents

/// One delivery or pickup as submitted: where, how much, when, how urgent.
public struct DeliveryJob: Sendable, Hashable {
    /// Delivery or one of the pickup kinds.
    public var kind: JobKind
    /// The retailer served (an opaque id of the caller's).
    public var retailer: Int32
    /// The depot whose trucks serve the job.
    public var depot: DepotID
    /// Where the stop is.
    public var location: Location
    /// How much truck space the job takes (unloaded for a delivery, loaded for a pickup).
    public var volume: Volume
    /// Time spent at the stop.
    public var serviceTime: SimDuration
    /// When service may start on the planned day (empty = any time in the shift).
    public var windows: TimeWindowSet
    /// The day promised to the retailer (0-based simulation day); the job is not planned before it.
    public var promisedDay: Int
    /// The SLA deadline (`.distantFuture` when none).
    public var deadline: SimTime
    /// The strict priority tier.
    public var tier: PriorityTier
    /// The job's value to the business (order value, customer value), for the customer-value policy.
    public var value: Int64

    /// A job; defaults give a standard-tier delivery with no windows, no deadline and no value.
    public init(
        kind: JobKind = .delivery, retailer: Int32 = 0, depot: DepotID, location: Location,
        volume: Volume, serviceTime: SimDuration = .minutes(Int64(10)), windows: TimeWindowSet = .anyTime,
        promisedDay: Int = 0, deadline: SimTime = .distantFuture, tier: PriorityTier = .standard,
        value: Int64 = 0
    ) {
        self.kind = kind
        self.retailer = retailer
        self.depot = depot
        self.location = location
        self.volume = volume
        self.serviceTime = serviceTime
        self.windows = windows
        self.promisedDay = promisedDay
        self.deadline = deadline
        self.tier = tier
        self.value = value
    }

    /// Checks the fields a caller controls.
    ///
    /// - Throws: `.negativeVolume`, `.negativeServiceTime`, `.invalidWindow`, `.invalidCoordinate`,
    ///   `.negativePromisedDay`. - Complexity: O(1).
    public func validate() throws(DeliverySchedulingError) {
        if volume.kegs < 0 { throw .negativeVolume(unit: "kegs", value: Int(volume.kegs)) }
        if volume.cases < 0 { throw .negativeVolume(unit: "cases", value: Int(volume.cases)) }
        if volume.pallets < 0 { throw .negativeVolume(unit: "pallets", value: Int(volume.pallets)) }
        if serviceTime.ticks < 0 { throw .negativeServiceTime(serviceTime) }
        var i = 0
        while i < windows.count {
            let w = windows[i]
            if !w.isValid { throw .invalidWindow(index: i, from: w.from, to: w.to) }
            i += 1
        }
        if !location.x.isFinite { throw .invalidCoordinate(field: "x") }
        if !location.y.isFinite { throw .invalidCoordinate(field: "y") }
        if promisedDay < 0 { throw .negativePromisedDay(promisedDay) }
    }
}

/// A change to a submitted job; nil fields are left as they are.
public struct JobUpdate: Sendable, Hashable {
    /// New tier.
    public var tier: PriorityTier?
    /// New windows.
    public var windows: TimeWindowSet?
    /// New volume.
    public var volume: Volume?
    /// New SLA deadline.
    public var deadline: SimTime?
    /// New service time.
    public var serviceTime: SimDuration?
    /// New value.
    public var value: Int64?
    /// New promised day.
    public var promisedDay: Int?

    /// An update of the given fields.
    public init(
        tier: PriorityTier? = nil, windows: TimeWindowSet? = nil, volume: Volume? = nil,
        deadline: SimTime? = nil, serviceTime: SimDuration? = nil, value: Int64? = nil, promisedDay: Int? = nil
    ) {
        self.tier = tier
        self.windows = windows
        self.volume = volume
        self.deadline = deadline
        self.serviceTime = serviceTime
        self.value = value
        self.promisedDay = promisedDay
    }
}

/// A depot: where trucks start and end, and how fast they travel.
public struct Depot: Sendable, Hashable {
    /// The depot's position.
    public var location: Location
    /// Distance units travelled per hour (60 = one unit per minute, the VRPTW convention).
    public var unitsPerHour: Double

    /// A depot at `location` whose trucks cover `unitsPerHour` distance units an hour.
    public init(location: Location, unitsPerHour: Double = 60) {
        self.location = location
        self.unitsPerHour = unitsPerHour
    }

    /// Ticks of travel per distance unit.
    @inlinable var ticksPerUnit: Double { Double(SimDuration.ticksPerHour) / unitsPerHour }
}

/// A truck: what it carries and when it works.
public struct Vehicle: Sendable, Hashable {
    /// The depot the truck belongs to.
    public var depot: DepotID
    /// Capacity in each unit.
    public var capacity: Volume
    /// Time of day the truck may leave the depot.
    public var shiftStart: SimDuration
    /// Time of day by which it must be back.
    public var shiftEnd: SimDuration

    /// A truck of `depot` with `capacity`, working `shiftStart`–`shiftEnd` (times of day).
    public init(depot: DepotID, capacity: Volume, shiftStart: SimDuration = .hours(Int64(7)), shiftEnd: SimDuration = .hours(Int64(17))) {
        self.depot = depot
        self.capacity = capacity
        self.shiftStart = shiftStart
        self.shiftEnd = shiftEnd
    }
}
