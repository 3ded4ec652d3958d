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
/// 4-ary heap keyed by (tier, policy key), with aging folded into a time-invariant key, so submit,
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
    @usableFromInline var vehicleDeparted: [Bool] = []
    @usableFromInline var committedRoutes: [[JobID]] = []
    /// Planned load per (depot, day) from committed plans, for reschedule ranking.
    @usableFromInline var plannedLoad: [DayKey: Int] = [:]

    // Job columns (struct of arrays), indexed by slot.
    @usableFromInline var jobs: [DeliveryJob] = []
    @usableFromInline var generation: [UInt32] = []
    @usableFromInline var state: [JobStatus] = []
    @usableFromInline var heapPos: [Int32] = []
    @usableFromInline var submittedAt: [Int64] = []
    @usableFromInline var assignedVehicle: [Int32] = []
    @usableFromInline var pinned: [Bool] = []
    @usableFromInline var plannedDay: [Int32] = []
    @usableFromInline var carryOvers: [UInt16] = []
    @usableFromInline var lastReason: [UInt8] = []
    @usableFromInline var reportedDelay: [Int64] = []
    @usableFromInline var refusals: [UInt16] = []
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
        self.jobs.reserveCapacity(jobs)
        generation.reserveCapacity(jobs); state.reserveCapacity(jobs); heapPos.reserveCapacity(jobs)
        submittedAt.reserveCapacity(jobs); assignedVehicle.reserveCapacity(jobs); pinned.reserveCapacity(jobs)
        plannedDay.reserveCapacity(jobs); carryOvers.reserveCapacity(jobs); lastReason.reserveCapacity(jobs)
        reportedDelay.reserveCapacity(jobs); refusals.reserveCapacity(jobs)
        for d in heaps.indices { heaps[d].keys.reserveCapacity(jobs); heaps[d].slots.reserveCapacity(jobs) }
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
        vehicleDeparted.append(false)
        committedRoutes.append([])
        return VehicleID(Int32(vehicles.count - 1))
    }

    /// The truck registered under `id`, if any. - Complexity: O(1).
    public func vehicle(_ id: VehicleID) -> Vehicle? {
        let i = Int(id.rawValue)
        return i >= 0 && i < vehicles.count ? vehicles[i] : nil
    }

    /// The trucks of `depot`, in id order. - Complexity: O(vehicles).
    public func vehicles(of depot: DepotID) -> [VehicleID] {
        vehicles.indices.filter { vehicles[$0].depot == depot }.map { VehicleID(Int32($0)) }
    }

    // MARK: Lookup

    @inlinable
    func liveSlot(_ id: JobID) -> Int? {
        let s = Int(id.slot)
        guard s < generation.count, generation[s] == id.generation, state[s] != .unknown else { return nil }
        return s
    }

    /// The job with `id`, if live. - Complexity: O(1).
    public func job(_ id: JobID) -> DeliveryJob? { liveSlot(id).map { jobs[$0] } }

    /// Where the job is in its life. - Complexity: O(1).
    public func status(_ id: JobID) -> JobStatus { liveSlot(id).map { state[$0] } ?? .unknown }

    /// The vehicle the job is planned on or pinned to, if any. - Complexity: O(1).
    public func assignedVehicle(of id: JobID) -> VehicleID? {
        guard let s = liveSlot(id), assignedVehicle[s] >= 0 else { return nil }
        return VehicleID(assignedVehicle[s])
    }

    /// Whether the job is pinned to its vehicle. - Complexity: O(1).
    public func isPinned(_ id: JobID) -> Bool { liveSlot(id).map { pinned[$0] } ?? false }

    /// Jobs waiting in `depot`'s queue. - Complexity: O(1).
    public func pendingCount(depot: DepotID) -> Int {
        let i = Int(depot.rawValue)
        return i >= 0 && i < heaps.count ? heaps[i].count : 0
    }

    /// The most urgent pending job of `depot`, without removing it. - Complexity: O(1).
    public func peekNext(depot: DepotID) -> JobID? {
        let i = Int(depot.rawValue)
        guard i >= 0 && i < heaps.count, let s = heaps[i].min else { return nil }
        return JobID(slot: s, generation: generation[Int(s)])
    }

    // MARK: Keys

    @inlinable
    func heapKey(slot s: Int) -> UInt64 {
        let job = jobs[s]
        var travel: Int64 = 0
        if policy == .leastSlack, let d = depots[Int(job.depot.rawValue)] {
            travel = Int64(d.location.distance(to: job.location) * d.ticksPerUnit)
        }
        let k = policy.key(job: job, submitted: submittedAt[s], travel: travel, aging: aging)
        return PriorityPolicy.heapKey(tier: job.tier, policyKey: k)
    }

    /// The (tier, policy) order key of a live job: smaller is more urgent (tests, explanations).
    /// - Complexity: O(1).
    public func orderKey(_ id: JobID) -> UInt64? { liveSlot(id).map { heapKey(slot: $0) } }

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
            jobs[s] = job
            state[s] = .pending
            submittedAt[s] = now.ticks
            assignedVehicle[s] = -1
            pinned[s] = false
            plannedDay[s] = -1
            carryOvers[s] = 0
            lastReason[s] = 0
            reportedDelay[s] = 0
            refusals[s] = 0
        } else {
            s = jobs.count
            jobs.append(job)
            generation.append(0)
            state.append(.pending)
            heapPos.append(-1)
            submittedAt.append(now.ticks)
            assignedVehicle.append(-1)
            pinned.append(false)
            plannedDay.append(-1)
            carryOvers.append(0)
            lastReason.append(0)
            reportedDelay.append(0)
            refusals.append(0)
        }
        storedLiveCount += 1
        heaps[d].insert(slot: UInt32(s), key: heapKey(slot: s), positions: &heapPos)
        return JobID(slot: UInt32(s), generation: generation[s])
    }

    @inlinable
    mutating func release(slot s: Int) {
        state[s] = .unknown
        generation[s] &+= 1
        freeSlots.append(UInt32(s))
        storedLiveCount -= 1
    }

    /// Removes a job that has not left on a truck.
    ///
    /// - Throws: `.unknownJob`, `.jobFrozen`. - Complexity: O(log n).
    @inlinable
    public mutating func cancel(_ id: JobID) throws(DeliverySchedulingError) {
        guard let s = liveSlot(id) else { throw .unknownJob(id) }
        switch state[s] {
        case .frozen: throw .jobFrozen(id)
        case .pending:
            heaps[Int(jobs[s].depot.rawValue)].remove(at: Int(heapPos[s]), positions: &heapPos)
        default: break
        }
        release(slot: s)
    }

    /// Changes a job's priority, windows, volume, deadline, service time, value or promised day. A
    /// planned job returns to the queue (its plan must be redone); a frozen one cannot change.
    ///
    /// - Throws: `.unknownJob`, `.jobFrozen`, and field errors as for `submit`. - Complexity: O(log n).
    @inlinable
    public mutating func update(_ id: JobID, _ change: JobUpdate) throws(DeliverySchedulingError) {
        guard let s = liveSlot(id) else { throw .unknownJob(id) }
        if state[s] == .frozen { throw .jobFrozen(id) }
        var job = jobs[s]
        if let t = change.tier { job.tier = t }
        if let w = change.windows { job.windows = w }
        if let v = change.volume { job.volume = v }
        if let d = change.deadline { job.deadline = d }
        if let st = change.serviceTime { job.serviceTime = st }
        if let v = change.value { job.value = v }
        if let p = change.promisedDay { job.promisedDay = p }
        try job.validate()
        jobs[s] = job
        requeue(slot: s)
    }

    /// Puts a live, unfrozen job (back) in its queue with a fresh key. - Complexity: O(log n).
    @inlinable
    mutating func requeue(slot s: Int) {
        let d = Int(jobs[s].depot.rawValue)
        let key = heapKey(slot: s)
        if state[s] == .pending {
            heaps[d].update(at: Int(heapPos[s]), key: key, positions: &heapPos)
        } else {
            state[s] = .pending
            plannedDay[s] = -1
            if !pinned[s] { assignedVehicle[s] = -1 }
            heaps[d].insert(slot: UInt32(s), key: key, positions: &heapPos)
        }
    }

    /// Removes and hands over the most urgent pending job of `depot` (tier first, then the policy).
    ///
    /// - Throws: `.unknownDepot`. - Complexity: O(log n).
    @inlinable
    public mutating func dispatchNext(depot: DepotID) throws(DeliverySchedulingError) -> DispatchedJob? {
        let d = Int(depot.rawValue)
        guard d >= 0 && d < depots.count && depots[d] != nil else { throw .unknownDepot(depot) }
        guard let slot = heaps[d].popMin(positions: &heapPos) else { return nil }
        let s = Int(slot)
        let out = DispatchedJob(id: JobID(slot: slot, generation: generation[s]), job: jobs[s])
        release(slot: s)
        return out
    }

    /// Pins a job to `vehicle`: every plan must put it on that truck (or report it unassigned).
    ///
    /// - Throws: `.unknownJob`, `.jobFrozen`, `.unknownVehicle` (also for another depot's truck).
    /// - Complexity: O(log n).
    public mutating func pin(_ id: JobID, to vehicle: VehicleID) throws(DeliverySchedulingError) {
        guard let s = liveSlot(id) else { throw .unknownJob(id) }
        if state[s] == .frozen { throw .jobFrozen(id) }
        guard let v = self.vehicle(vehicle), v.depot == jobs[s].depot else { throw .unknownVehicle(vehicle) }
        pinned[s] = true
        if state[s] == .planned && assignedVehicle[s] == vehicle.rawValue { return }
        assignedVehicle[s] = vehicle.rawValue
        requeue(slot: s)
    }

    /// Lifts a pin. - Throws: `.unknownJob`, `.jobFrozen`. - Complexity: O(1).
    public mutating func unpin(_ id: JobID) throws(DeliverySchedulingError) {
        guard let s = liveSlot(id) else { throw .unknownJob(id) }
        if state[s] == .frozen { throw .jobFrozen(id) }
        pinned[s] = false
        if state[s] == .pending { assignedVehicle[s] = -1 }
    }

    /// Marks `vehicle` as departed: every job of its committed route is frozen and the truck takes no
    /// further jobs until `resetDepartures`. Returns the frozen jobs in route order.
    ///
    /// - Throws: `.unknownVehicle`. - Complexity: O(route length).
    @discardableResult
    public mutating func depart(_ vehicle: VehicleID) throws(DeliverySchedulingError) -> [JobID] {
        guard self.vehicle(vehicle) != nil else { throw .unknownVehicle(vehicle) }
        let v = Int(vehicle.rawValue)
        vehicleDeparted[v] = true
        var frozen: [JobID] = []
        for id in committedRoutes[v] {
            if let s = liveSlot(id), state[s] == .planned, assignedVehicle[s] == vehicle.rawValue {
                state[s] = .frozen
                frozen.append(id)
            }
        }
        return frozen
    }

    /// Makes every truck of `depot` available again (a new day). - Complexity: O(vehicles).
    public mutating func resetDepartures(depot: DepotID) {
        for v in vehicles.indices where vehicles[v].depot == depot { vehicleDeparted[v] = false }
    }

    /// Removes a planned or frozen job once served. - Throws: `.unknownJob`, `.wrongState`.
    /// - Complexity: O(1).
    public mutating func complete(_ id: JobID) throws(DeliverySchedulingError) {
        guard let s = liveSlot(id) else { throw .unknownJob(id) }
        guard state[s] == .planned || state[s] == .frozen else { throw .wrongState(id, expected: "planned or frozen") }
        release(slot: s)
    }

    /// Every live job id in slot order (tests, invariant checks). - Complexity: O(slots).
    public var liveJobs: [JobID] {
        state.indices.filter { state[$0] != .unknown }.map { JobID(slot: UInt32($0), generation: generation[$0]) }
    }

    /// Checks heap order and slot bookkeeping (tests only). - Complexity: O(n).
    public func checkInvariants() -> Bool {
        var inHeaps = 0
        for d in heaps.indices {
            guard heaps[d].isValid(positions: heapPos) else { return false }
            inHeaps += heaps[d].count
            for s in heaps[d].slots where state[Int(s)] != .pending || Int(jobs[Int(s)].depot.rawValue) != d { return false }
        }
        let pendingCount = state.filter { $0 == .pending }.count
        let live = state.filter { $0 != .unknown }.count
        return inHeaps == pendingCount && live == liveCount && live + freeSlots.count == state.count
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
