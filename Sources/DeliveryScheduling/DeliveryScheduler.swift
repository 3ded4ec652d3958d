import DiscreteEvents

/// Where a job is in its life.
public enum JobStatus: UInt8, Sendable, CustomStringConvertible {
    /// No live job has the id (never submitted, or cancelled, completed, dispatched).
    case unknown = 0
    /// Waiting to be planned (in its depot's priority queue).
    case pending
    /// On a committed day plan, not yet departed (can still be changed: it then returns to pending).
    case planned
    /// On a truck that has left: it cannot move, be changed or cancelled.
    case frozen

    /// `pending`, `planned`, `frozen` or `unknown`.
    public var description: String {
        switch self {
        case .unknown: return "unknown"
        case .pending: return "pending"
        case .planned: return "planned"
        case .frozen: return "frozen"
        }
    }
}

/// A job handed over by `dispatchNext`: it has left the scheduler.
public struct DispatchedJob: Sendable, Hashable {
    /// A handed-over job.
    @inlinable public init(id: JobID, job: DeliveryJob) {
        self.id = id
        self.job = job
    }
    /// The id it had.
    public var id: JobID
    /// The job.
    public var job: DeliveryJob
}

/// The delivery and return-pickup scheduler: a synchronous, single-owner value type.
///
/// Jobs live in struct-of-arrays slots addressed by `JobID`; each depot's pending jobs are an indexed
/// 8-ary heap of packed (tier, policy key, slot) words, with aging folded into a time-invariant key, so submit,
/// update, cancel and dispatch are O(log n) and never re-sort. `planDay` builds per-vehicle routes.
/// Wrap it in a `DeliveryDesk` actor for concurrent clients.
public struct DeliveryScheduler: Sendable {
    /// The in-tier ordering rule (change with `setPolicy`).
    public private(set) var policy: PriorityPolicy
    /// The aging rule (change with `setPolicy`).
    public private(set) var aging: AgingRule

    // Depots and fleet.
    @usableFromInline var depots: [Depot?] = []
    @usableFromInline var heaps: [PendingHeap] = []
    @usableFromInline var vehicles: [Vehicle] = []
    /// The trucks of each depot, in id order.
    @usableFromInline var depotVehicles: [[Int32]] = []
    /// Per truck, the days it has state for (committed route, departure, unavailability); usually at most
    /// two entries (today and tomorrow), dropped when the day closes. See `DeliveryScheduler+DayLifecycle`.
    @usableFromInline var vehicleDays: [[VehicleDay]] = []
    /// Per depot, the day after its last `closeDay` and the completions counted per open day.
    @usableFromInline var depotDays: [DepotDays] = []
    /// Outcomes recorded since the last `drainOutcomes` (a reusable buffer).
    @usableFromInline var outcomes: [JobOutcome] = []
    /// Planned load per (depot, day) from committed plans, for reschedule ranking.
    @usableFromInline var plannedLoad: [DayKey: Int] = [:]

    // Job columns (struct of arrays), indexed by slot: the queue-hot fields in one 64-byte record,
    // the rest in columns of their own.
    @usableFromInline var core: [JobCore] = []
    @usableFromInline var places: [JobPlace] = []
    @usableFromInline var meta: [JobMeta] = []
    @usableFromInline var heapPos: [Int32] = []
    @usableFromInline var freeSlots: [UInt32] = []

    @usableFromInline var storedLiveCount: Int = 0
    /// Number of live jobs (pending, planned or frozen).
    @inlinable public var liveCount: Int { storedLiveCount }

    /// An empty scheduler ordering jobs inside each tier by `policy`, with `aging`.
    public init(policy: PriorityPolicy = .earliestDeadline, aging: AgingRule = AgingRule()) {
        self.policy = policy
        self.aging = aging
    }

    /// Reserves storage for `jobs` live jobs. - Complexity: O(jobs).
    public mutating func reserveCapacity(_ jobs: Int) {
        core.reserveCapacity(jobs); places.reserveCapacity(jobs)
        meta.reserveCapacity(jobs); heapPos.reserveCapacity(jobs)
        for d in heaps.indices { heaps[d].reserveCapacity(jobs) }
    }

    // MARK: Depots and vehicles

    /// Registers `depot` under `id`. - Throws: `.duplicateDepot`, `.invalidDepotSpeed`. - Complexity: O(id).
    public mutating func addDepot(_ depot: Depot, id: DepotID) throws(DeliverySchedulingError) {
        guard id.rawValue >= 0 else { throw .unknownDepot(id) }
        guard depot.unitsPerHour.isFinite && depot.unitsPerHour > 0 else { throw .invalidDepotSpeed(depot.unitsPerHour) }
        guard depot.location.x.isFinite else { throw .invalidCoordinate(field: "x") }
        guard depot.location.y.isFinite else { throw .invalidCoordinate(field: "y") }
        let i = Int(id.rawValue)
        while depots.count <= i {
            depots.append(nil)
            heaps.append(PendingHeap())
            depotVehicles.append([])
            depotDays.append(DepotDays())
        }
        guard depots[i] == nil else { throw .duplicateDepot(id) }
        depots[i] = depot
    }

    /// Registers `depot` under the next unused id and returns it. - Complexity: O(1) amortised.
    public mutating func addDepot(_ depot: Depot) throws(DeliverySchedulingError) -> DepotID {
        let id = DepotID(Int32(depots.count))
        try addDepot(depot, id: id)
        return id
    }

    /// The depot registered under `id`, if any. - Complexity: O(1).
    public func depot(_ id: DepotID) -> Depot? {
        let i = Int(id.rawValue)
        return i >= 0 && i < depots.count ? depots[i] : nil
    }

    /// Registers a truck. - Throws: `.unknownDepot`, `.invalidVehicle`. - Complexity: O(1) amortised.
    public mutating func addVehicle(_ vehicle: Vehicle) throws(DeliverySchedulingError) -> VehicleID {
        guard depot(vehicle.depot) != nil else { throw .unknownDepot(vehicle.depot) }
        guard vehicle.shiftEnd >= vehicle.shiftStart else { throw .invalidVehicle(field: "shift") }
        guard vehicle.shiftStart.ticks >= 0 else { throw .invalidVehicle(field: "shiftStart") }
        guard !vehicle.capacity.hasNegative else { throw .invalidVehicle(field: "capacity") }
        vehicles.append(vehicle)
        vehicleDays.append([])
        depotVehicles[Int(vehicle.depot.rawValue)].append(Int32(vehicles.count - 1))
        return VehicleID(Int32(vehicles.count - 1))
    }

    /// The truck registered under `id`, if any. - Complexity: O(1).
    public func vehicle(_ id: VehicleID) -> Vehicle? {
        let i = Int(id.rawValue)
        return i >= 0 && i < vehicles.count ? vehicles[i] : nil
    }

    /// The trucks of `depot`, in id order. - Complexity: O(vehicles of the depot).
    public func vehicles(of depot: DepotID) -> [VehicleID] {
        let i = Int(depot.rawValue)
        return i >= 0 && i < depotVehicles.count ? depotVehicles[i].map { VehicleID($0) } : []
    }

    // MARK: Lookup

    @inlinable
    func liveSlot(_ id: JobID) -> Int? {
        let s = Int(id.slot)
        guard s < core.count else { return nil }
        let c = core[s]
        guard c.generation == id.generation, c.state != .unknown else { return nil }
        return s
    }

    /// The job with `id`, if live. - Complexity: O(1).
    public func job(_ id: JobID) -> DeliveryJob? { liveSlot(id).map { job(atSlot: $0) } }

    /// The job stored in slot `s`, reassembled from its columns. - Complexity: O(1).
    @inlinable func job(atSlot s: Int) -> DeliveryJob { core[s].job(location: places[s].location, windows: places[s].windows) }

    /// Where the job is in its life. - Complexity: O(1).
    public func status(_ id: JobID) -> JobStatus { liveSlot(id).map { core[$0].state } ?? .unknown }

    /// The vehicle the job is planned on or pinned to, if any. - Complexity: O(1).
    public func assignedVehicle(of id: JobID) -> VehicleID? {
        guard let s = liveSlot(id), meta[s].assignedVehicle >= 0 else { return nil }
        return VehicleID(meta[s].assignedVehicle)
    }

    /// The job's version: 0 on submit, bumped by every change to it (update, pin, unpin, commit, departure,
    /// carry-over, return to the queue). A plan records the version it read, and `commit` skips a stop
    /// whose job changed since. Nil for an id that is not live. - Complexity: O(1).
    public func version(of id: JobID) -> UInt32? { liveSlot(id).map { places[$0].version } }

    @inlinable mutating func bumpVersion(_ s: Int) { places[s].version &+= 1 }

    /// Whether the job is pinned to its vehicle. - Complexity: O(1).
    public func isPinned(_ id: JobID) -> Bool { liveSlot(id).map { meta[$0].pinned } ?? false }

    /// Jobs waiting in `depot`'s queue. - Complexity: O(1).
    public func pendingCount(depot: DepotID) -> Int {
        let i = Int(depot.rawValue)
        return i >= 0 && i < heaps.count ? heaps[i].count : 0
    }

    /// The most urgent pending job of `depot`, without removing it. - Complexity: O(1).
    public func peekNext(depot: DepotID) -> JobID? {
        let i = Int(depot.rawValue)
        guard i >= 0 && i < heaps.count, let s = heaps[i].min else { return nil }
        return JobID(slot: s, generation: core[Int(s)].generation)
    }

    // MARK: Keys

    @inlinable
    func heapKey(slot s: Int) -> UInt64 {
        let c = core[s]
        var k: Int64
        let credit = aging.perMille == 1000 ? c.submittedAt : (c.submittedAt / 1000) &* aging.perMille
        switch policy {
        case .fifo:
            k = c.submittedAt
        case .earliestDeadline:
            k = Swift.min(c.deadline, c.submittedAt &+ aging.noDeadlineHorizon.ticks) &+ credit
        case .leastSlack:
            var travel: Int64 = 0
            if let d = depots[Int(c.depot)] { travel = Int64(d.location.distance(to: places[s].location) * d.ticksPerUnit) }
            k = Swift.min(c.deadline, c.submittedAt &+ aging.noDeadlineHorizon.ticks) &- c.serviceTime &- travel &+ credit
        case .customerValue:
            let v = Swift.max(Swift.min(c.value, 1 << 30), -(1 << 30))
            k = credit &- v &* Swift.min(aging.valueWorth.ticks, 1 << 28)
        }
        return PriorityPolicy.heapKey(tier: PriorityTier(rawValue: c.tier)!, policyKey: k)
    }

    /// Changes the in-tier policy or the aging rule and re-keys every queue. - Complexity: O(n log n).
    public mutating func setPolicy(_ policy: PriorityPolicy, aging: AgingRule? = nil) {
        self.policy = policy
        if let aging { self.aging = aging }
        for d in heaps.indices {
            let slots = heaps[d].slots
            heaps[d] = PendingHeap()
            for s in slots { heaps[d].insert(slot: s, key: heapKey(slot: Int(s)), positions: &heapPos) }
        }
    }

    // MARK: Queue operations

    /// Adds a job to its depot's queue at time `now` (the start of its aging).
    ///
    /// - Throws: `.unknownDepot` and the field errors of `DeliveryJob.validate()`. A job larger than
    ///   every vehicle is accepted and later reported unassigned with `.exceedsVehicleCapacity`.
    /// - Complexity: O(log n).
    @inlinable
    public mutating func submit(_ job: DeliveryJob, at now: SimTime) throws(DeliverySchedulingError) -> JobID {
        try job.validate()
        let d = Int(job.depot.rawValue)
        guard d >= 0 && d < depots.count && depots[d] != nil else { throw .unknownDepot(job.depot) }
        let s: Int
        if let free = freeSlots.popLast() {
            s = Int(free)
            let old = core[s]
            core[s] = JobCore(job, submittedAt: now.ticks, generation: old.generation)
            places[s] = JobPlace(location: job.location, windows: job.windows)
            // Cold bookkeeping is reset only when something wrote it (saves a cache miss per submit).
            if old.metaDirty { meta[s] = JobMeta() }
        } else {
            s = core.count
            guard s < PendingHeap.maxSlots else { throw .tooManyJobs(limit: PendingHeap.maxSlots) }
            core.append(JobCore(job, submittedAt: now.ticks, generation: 0))
            places.append(JobPlace(location: job.location, windows: job.windows))
            meta.append(JobMeta())
            heapPos.append(-1)
        }
        storedLiveCount += 1
        heaps[d].insert(slot: UInt32(s), key: heapKey(slot: s), positions: &heapPos)
        return JobID(slot: UInt32(s), generation: core[s].generation)
    }

    @inlinable
    mutating func release(slot s: Int) {
        core[s].state = .unknown
        core[s].generation &+= 1
        freeSlots.append(UInt32(s))
        storedLiveCount -= 1
    }

    /// Removes a job that has not left on a truck. Records no outcome (it has no time): the simulation
    /// uses `cancel(_:at:)`, which feeds `drainOutcomes`.
    ///
    /// - Throws: `.unknownJob`, `.jobFrozen`. - Complexity: O(log n).
    @inlinable
    public mutating func cancel(_ id: JobID) throws(DeliverySchedulingError) {
        release(slot: try cancellableSlot(id))
    }

    /// Removes a job that has not left on a truck and records a `.cancelled` outcome at `time`.
    ///
    /// - Throws: `.unknownJob`, `.jobFrozen`. - Complexity: O(log n).
    @inlinable
    public mutating func cancel(_ id: JobID, at time: SimTime) throws(DeliverySchedulingError) {
        let s = try cancellableSlot(id)
        record(slot: s, .cancelled, at: time)
        release(slot: s)
    }

    /// The slot of a live, unfrozen job, taken out of its queue. - Complexity: O(log n).
    @inlinable
    mutating func cancellableSlot(_ id: JobID) throws(DeliverySchedulingError) -> Int {
        guard let s = liveSlot(id) else { throw .unknownJob(id) }
        switch core[s].state {
        case .frozen: throw .jobFrozen(id)
        case .pending:
            heaps[Int(core[s].depot)].remove(at: Int(heapPos[s]), positions: &heapPos)
        default: break
        }
        return s
    }

    /// Changes a job's priority, windows, volume, deadline, service time, value or promised day. A
    /// planned job returns to the queue (its plan must be redone); a frozen one cannot change.
    ///
    /// - Throws: `.unknownJob`, `.jobFrozen`, and field errors as for `submit`. - Complexity: O(log n).
    @inlinable
    public mutating func update(_ id: JobID, _ change: JobUpdate) throws(DeliverySchedulingError) {
        guard let s = liveSlot(id) else { throw .unknownJob(id) }
        if core[s].state == .frozen { throw .jobFrozen(id) }
        if let w = change.windows {
            var i = 0
            while i < w.count {
                if !w[i].isValid { throw .invalidWindow(index: i, from: w[i].from, to: w[i].to) }
                i += 1
            }
        }
        if let v = change.volume {
            if v.kegs < 0 { throw .negativeVolume(unit: "kegs", value: Int(v.kegs)) }
            if v.cases < 0 { throw .negativeVolume(unit: "cases", value: Int(v.cases)) }
            if v.pallets < 0 { throw .negativeVolume(unit: "pallets", value: Int(v.pallets)) }
        }
        if let st = change.serviceTime, st.ticks < 0 { throw .negativeServiceTime(st) }
        if let p = change.promisedDay, p < 0 { throw .negativePromisedDay(p) }
        if let t = change.tier { core[s].tier = t.rawValue }
        if let w = change.windows { places[s].windows = w }
        if let v = change.volume { core[s].volume = v }
        if let d = change.deadline { core[s].deadline = d.ticks }
        if let st = change.serviceTime { core[s].serviceTime = st.ticks }
        if let v = change.value { core[s].value = v }
        if let p = change.promisedDay { core[s].promisedDay = Int32(clamping: p) }
        let rekey = change.tier != nil || change.deadline != nil || change.value != nil || change.serviceTime != nil
        bumpVersion(s)
        if core[s].state != .pending || rekey { requeue(slot: s) }
    }

    /// Puts a live, unfrozen job (back) in its queue with a fresh key. - Complexity: O(log n).
    @inlinable
    mutating func requeue(slot s: Int) {
        let d = Int(core[s].depot)
        let key = heapKey(slot: s)
        if core[s].state == .pending {
            heaps[d].update(at: Int(heapPos[s]), key: key, positions: &heapPos)
        } else {
            core[s].state = .pending
            if core[s].metaDirty {
                meta[s].plannedDay = -1
                if !meta[s].pinned { meta[s].assignedVehicle = -1 }
            }
            heaps[d].insert(slot: UInt32(s), key: key, positions: &heapPos)
        }
    }

    /// Removes and hands over the most urgent pending job of `depot` (tier first, then the policy).
    /// Records no outcome (it has no time); `dispatchNext(depot:at:)` does.
    ///
    /// - Throws: `.unknownDepot`. - Complexity: O(log n).
    @inlinable
    public mutating func dispatchNext(depot: DepotID) throws(DeliverySchedulingError) -> DispatchedJob? {
        guard let s = try popNext(depot: depot) else { return nil }
        let out = DispatchedJob(id: JobID(slot: UInt32(s), generation: core[s].generation), job: job(atSlot: s))
        release(slot: s)
        return out
    }

    /// Removes and hands over the most urgent pending job of `depot`, recording a `.dispatched` outcome at `time`.
    ///
    /// - Throws: `.unknownDepot`. - Complexity: O(log n).
    @inlinable
    public mutating func dispatchNext(depot: DepotID, at time: SimTime) throws(DeliverySchedulingError) -> DispatchedJob? {
        guard let s = try popNext(depot: depot) else { return nil }
        let out = DispatchedJob(id: JobID(slot: UInt32(s), generation: core[s].generation), job: job(atSlot: s))
        record(slot: s, .dispatched, at: time)
        release(slot: s)
        return out
    }

    @inlinable
    mutating func popNext(depot: DepotID) throws(DeliverySchedulingError) -> Int? {
        let d = Int(depot.rawValue)
        guard d >= 0 && d < depots.count && depots[d] != nil else { throw .unknownDepot(depot) }
        return heaps[d].popMin(positions: &heapPos).map { Int($0) }
    }

    /// Pins a job to `vehicle`: every plan must put it on that truck (or report it unassigned).
    ///
    /// - Throws: `.unknownJob`, `.jobFrozen`, `.unknownVehicle` (also for another depot's truck).
    /// - Complexity: O(log n).
    public mutating func pin(_ id: JobID, to vehicle: VehicleID) throws(DeliverySchedulingError) {
        guard let s = liveSlot(id) else { throw .unknownJob(id) }
        if core[s].state == .frozen { throw .jobFrozen(id) }
        guard let v = self.vehicle(vehicle), v.depot.rawValue == core[s].depot else { throw .unknownVehicle(vehicle) }
        core[s].metaDirty = true
        meta[s].pinned = true
        bumpVersion(s)
        if core[s].state == .planned && meta[s].assignedVehicle == vehicle.rawValue { return }
        meta[s].assignedVehicle = vehicle.rawValue
        requeue(slot: s)
    }

    /// Lifts a pin. - Throws: `.unknownJob`, `.jobFrozen`. - Complexity: O(1).
    public mutating func unpin(_ id: JobID) throws(DeliverySchedulingError) {
        guard let s = liveSlot(id) else { throw .unknownJob(id) }
        if core[s].state == .frozen { throw .jobFrozen(id) }
        core[s].metaDirty = true
        meta[s].pinned = false
        bumpVersion(s)
        if core[s].state == .pending { meta[s].assignedVehicle = -1 }
    }
}

/// A (depot, day) pair used as a dictionary key.
@usableFromInline
struct DayKey: Hashable, Sendable {
    @usableFromInline var depot: Int32
    @usableFromInline var day: Int32
    @usableFromInline init(depot: Int32, day: Int32) {
        self.depot = depot
        self.day = day
    }
}

/// The queue-hot fields of one job, packed into 64 bytes (one cache line; checked by a test).
@usableFromInline
struct JobCore: Sendable {
    @usableFromInline var deadline: Int64
    @usableFromInline var value: Int64
    @usableFromInline var submittedAt: Int64
    @usableFromInline var serviceTime: Int64
    @usableFromInline var volume: Volume
    @usableFromInline var generation: UInt32
    @usableFromInline var promisedDay: Int32
    @usableFromInline var retailer: Int32
    @usableFromInline var depot: Int32
    @usableFromInline var tier: UInt8
    @usableFromInline var kind: UInt8
    @usableFromInline var state: JobStatus
    /// Whether `meta` of this slot differs from `JobMeta()` (so a reused slot must reset it).
    @usableFromInline var metaDirty: Bool

    @inlinable
    init(_ job: DeliveryJob, submittedAt: Int64, generation: UInt32) {
        deadline = job.deadline.ticks
        value = job.value
        self.submittedAt = submittedAt
        serviceTime = job.serviceTime.ticks
        volume = job.volume
        self.generation = generation
        promisedDay = Int32(clamping: job.promisedDay)
        retailer = job.retailer
        depot = job.depot.rawValue
        tier = job.tier.rawValue
        kind = job.kind.rawValue
        state = .pending
        metaDirty = false
    }

    @inlinable
    func job(location: Location, windows: TimeWindowSet) -> DeliveryJob {
        DeliveryJob(
            kind: JobKind(rawValue: kind)!, retailer: retailer, depot: DepotID(depot), location: location, volume: volume,
            serviceTime: SimDuration(ticks: serviceTime), windows: windows, promisedDay: Int(promisedDay),
            deadline: SimTime(ticks: deadline), tier: PriorityTier(rawValue: tier)!, value: value)
    }

    @inlinable var priorityTier: PriorityTier { PriorityTier(rawValue: tier)! }
}

/// Where and when a job is served, and its version: written on submit, read on dispatch and planning
/// (56 bytes: the version fills the padding after the windows).
@usableFromInline
struct JobPlace: Sendable {
    @usableFromInline var location: Location
    @usableFromInline var windows: TimeWindowSet
    /// Bumped by every change to the job (see `DeliveryScheduler.version(of:)`).
    @usableFromInline var version: UInt32 = 0
    @inlinable init(location: Location, windows: TimeWindowSet) {
        self.location = location
        self.windows = windows
    }
}

/// The cold per-job bookkeeping: assignment, pin, history for explanations.
@usableFromInline
struct JobMeta: Sendable {
    @usableFromInline var reportedDelay: Int64 = 0
    @usableFromInline var assignedVehicle: Int32 = -1
    @usableFromInline var plannedDay: Int32 = -1
    @usableFromInline var carryOvers: UInt16 = 0
    @usableFromInline var refusals: UInt16 = 0
    @usableFromInline var lastReason: UInt8 = 0
    @usableFromInline var pinned = false
    @usableFromInline init() {}
}
