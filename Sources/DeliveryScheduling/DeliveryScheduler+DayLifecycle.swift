import DiscreteEvents

// MARK: - The day lifecycle
//
// A depot lives through days d = 0, 1, 2, … . Day d *starts* when `closeDay(depot:day: d - 1)` returns
// (day 0 starts at once). During day d:
//   • at the depot's cut-off the simulation plans tomorrow: `planDay(depot:day: d + 1)` and `commit`. This
//     works while day d's trucks are out: departures, frozen jobs and unavailability are kept per
//     (vehicle, day), so a truck that left today is still free for tomorrow's plan;
//   • trucks leave with `depart(_:day:)` (their day-d routes freeze), jobs are served with `complete(_:at:)`;
//   • a breakdown is `setVehicleAvailability(_:day:available: false)`: planning that day leaves the truck
//     out, and its planned-but-not-departed jobs return to the queue at once.
// `closeDay(depot:day: d)` ends the day: every job still on a day-≤-d route — frozen (the truck left but did
// not serve it) or planned (its truck never left) — goes back to the queue, carried over to d + 1 with its
// tier raised (`.notServed`, or `.vehicleUnavailable` for a truck marked unavailable). Day d's routes,
// departures, unavailability, completion count and planned load are dropped. Routes committed for d + 1 (or
// later) are untouched, so a plan for d + 1 committed at 18:00 of day d survives day d's close; re-plan d + 1
// after the close to give the returned jobs a place on tomorrow's trucks.

/// One truck's state on one day: its committed route, whether it left, whether it is unavailable.
@usableFromInline
struct VehicleDay: Sendable {
    @usableFromInline var day: Int32
    /// Committed route in visiting order; an entry counts only while its job is still planned or frozen on
    /// this (vehicle, day), so stale ids (changed, cancelled, re-planned jobs) are skipped on read.
    @usableFromInline var route: [JobID] = []
    @usableFromInline var departed = false
    @usableFromInline var unavailable = false
    @usableFromInline init(day: Int32) { self.day = day }
}

/// A depot's open days: the day after its last close, and completions counted per route day.
@usableFromInline
struct DepotDays: Sendable {
    @usableFromInline var openDay: Int32 = 0
    @usableFromInline var completedDays: [Int32] = []
    @usableFromInline var completedCounts: [Int32] = []
    @usableFromInline init() {}
}

/// What happened to a job when it left the scheduler (or, for `.dispatched`, was handed over).
public enum JobOutcomeKind: UInt8, Sendable, Hashable, CustomStringConvertible {
    /// Completed by its truck (`complete(_:at:)`).
    case served
    /// Cancelled before its truck left (`cancel(_:at:)`).
    case cancelled
    /// Handed over by `dispatchNext(depot:at:)`.
    case dispatched

    /// `served`, `cancelled` or `dispatched`.
    public var description: String {
        switch self {
        case .served: return "served"
        case .cancelled: return "cancelled"
        case .dispatched: return "dispatched"
        }
    }
}

/// One entry of the outcome feed (`drainOutcomes(into:)`).
public struct JobOutcome: Sendable, Hashable {
    /// The job's id (no longer live).
    public var job: JobID
    /// Its depot.
    public var depot: DepotID
    /// The retailer it was for.
    public var retailer: Int32
    /// Delivery or pickup kind.
    public var kind: JobKind
    /// Served, cancelled or dispatched.
    public var outcome: JobOutcomeKind
    /// When it happened (the time passed to the operation).
    public var time: SimTime

    /// An outcome record. - Complexity: O(1).
    @inlinable
    public init(job: JobID, depot: DepotID, retailer: Int32, kind: JobKind, outcome: JobOutcomeKind, time: SimTime) {
        self.job = job; self.depot = depot; self.retailer = retailer; self.kind = kind; self.outcome = outcome; self.time = time
    }
}

/// The result of `closeDay`: what the day left undone.
public struct DayClosing: Sendable, Hashable {
    /// The depot closed.
    public var depot: DepotID
    /// The day closed.
    public var day: Int
    /// Jobs of the day's routes that were not served, back in the queue for `day + 1` with raised tier:
    /// vehicles in id order, each in route order.
    public var returnedToQueue: [JobID]
    /// Jobs of the day's routes completed (`complete`) before the close.
    public var completed: Int
}

extension DeliveryScheduler {
    // MARK: Per (vehicle, day) state

    @inlinable
    func dayEntry(_ v: Int, _ day: Int) -> Int? {
        let d = Int32(clamping: day)
        var i = 0
        let list = vehicleDays[v]
        while i < list.count {
            if list[i].day == d { return i }
            i += 1
        }
        return nil
    }

    /// The index of (v, day)'s entry, inserted (kept sorted by day) when missing. - Complexity: O(entries).
    @inlinable
    mutating func makeDayEntry(_ v: Int, _ day: Int) -> Int {
        if let i = dayEntry(v, day) { return i }
        let d = Int32(clamping: day)
        var i = vehicleDays[v].count
        while i > 0 && vehicleDays[v][i - 1].day > d { i -= 1 }
        vehicleDays[v].insert(VehicleDay(day: d), at: i)
        return i
    }

    /// Whether truck `v` left on `day`. - Complexity: O(entries).
    @inlinable func isDeparted(_ v: Int, day: Int) -> Bool { dayEntry(v, day).map { vehicleDays[v][$0].departed } ?? false }

    /// Whether the job in slot `s` is planned or frozen on truck `v`'s route of `day`. - Complexity: O(1).
    @inlinable
    func isOnRoute(_ s: Int, vehicle v: Int, day: Int32) -> Bool {
        let st = core[s].state
        return (st == .planned || st == .frozen) && meta[s].plannedDay == day && meta[s].assignedVehicle == Int32(v)
    }

    /// Whether `vehicle` may take a route on `day` (not marked unavailable). - Complexity: O(days with state).
    public func isAvailable(_ vehicle: VehicleID, day: Int) -> Bool {
        let v = Int(vehicle.rawValue)
        guard v >= 0 && v < vehicles.count, let i = dayEntry(v, day) else { return true }
        return !vehicleDays[v][i].unavailable
    }

    /// The day in progress at `depot`: the day after its last `closeDay` (0 before any). - Complexity: O(1).
    public func currentDay(depot: DepotID) -> Int {
        let i = Int(depot.rawValue)
        return i >= 0 && i < depotDays.count ? Int(depotDays[i].openDay) : 0
    }

    // MARK: Fleet availability

    /// Marks `vehicle` unavailable (a breakdown) or available again on `day`. Planning that day leaves an
    /// unavailable truck out; its planned jobs for that day that have not left go back to the queue at once
    /// (returned, in route order, with last reason `.vehicleUnavailable`; their tier is raised only if the
    /// day closes without them). Jobs already on the truck (frozen) stay until `complete` or `closeDay`.
    ///
    /// - Throws: `.unknownVehicle`. - Complexity: O(route length × log n).
    @discardableResult
    public mutating func setVehicleAvailability(_ vehicle: VehicleID, day: Int, available: Bool) throws(DeliverySchedulingError) -> [JobID] {
        guard self.vehicle(vehicle) != nil else { throw .unknownVehicle(vehicle) }
        let v = Int(vehicle.rawValue)
        if available {
            if let i = dayEntry(v, day) {
                vehicleDays[v][i].unavailable = false
                let e = vehicleDays[v][i]
                if !e.departed && e.route.isEmpty { vehicleDays[v].remove(at: i) }
            }
            return []
        }
        let i = makeDayEntry(v, day)
        vehicleDays[v][i].unavailable = true
        var returned: [JobID] = []
        var kept: [JobID] = []
        let d = Int32(clamping: day)
        for id in vehicleDays[v][i].route {
            guard let s = liveSlot(id), isOnRoute(s, vehicle: v, day: d) else { continue }
            if core[s].state == .frozen { kept.append(id); continue }
            core[s].metaDirty = true
            meta[s].lastReason = UnassignedReason.vehicleUnavailable.rawValue
            bumpVersion(s)
            requeue(slot: s)
            returned.append(id)
        }
        vehicleDays[v][i].route = kept
        return returned
    }

    // MARK: Departure and service

    /// Marks `vehicle` as departed on `day`: every job of its committed route for that day is frozen and
    /// the truck takes no further jobs that day (its routes for other days are untouched). Returns the
    /// frozen jobs in route order.
    ///
    /// - Throws: `.unknownVehicle`, `.vehicleUnavailable` (marked unavailable that day).
    /// - Complexity: O(route length).
    @discardableResult
    public mutating func depart(_ vehicle: VehicleID, day: Int) throws(DeliverySchedulingError) -> [JobID] {
        guard self.vehicle(vehicle) != nil else { throw .unknownVehicle(vehicle) }
        let v = Int(vehicle.rawValue)
        if !isAvailable(vehicle, day: day) { throw .vehicleUnavailable(vehicle, day: day) }
        let i = makeDayEntry(v, day)
        vehicleDays[v][i].departed = true
        var frozen: [JobID] = []
        let d = Int32(clamping: day)
        for id in vehicleDays[v][i].route {
            if let s = liveSlot(id), core[s].state == .planned, isOnRoute(s, vehicle: v, day: d) {
                core[s].state = .frozen
                bumpVersion(s)
                frozen.append(id)
            }
        }
        return frozen
    }

    /// Marks `vehicle` as departed on its earliest day with a committed route not yet departed, from the
    /// depot's current day on (else the current day): `depart(_:day:)` for callers without days.
    ///
    /// - Throws: `.unknownVehicle`, `.vehicleUnavailable`. - Complexity: O(route length).
    @discardableResult
    public mutating func depart(_ vehicle: VehicleID) throws(DeliverySchedulingError) -> [JobID] {
        guard let truck = self.vehicle(vehicle) else { throw .unknownVehicle(vehicle) }
        let today = currentDay(depot: truck.depot)
        let entries = vehicleDays[Int(vehicle.rawValue)]
        let day = entries.first { Int($0.day) >= today && !$0.departed && !$0.route.isEmpty }.map { Int($0.day) } ?? today
        return try depart(vehicle, day: day)
    }

    /// Makes every truck of `depot` available again on every day (frozen jobs stay frozen). `closeDay` does
    /// this per day; this is the day-less form. - Complexity: O(vehicles of the depot × days with state).
    public mutating func resetDepartures(depot: DepotID) {
        let d = Int(depot.rawValue)
        guard d >= 0 && d < depotVehicles.count else { return }
        for v in depotVehicles[d] {
            for i in vehicleDays[Int(v)].indices { vehicleDays[Int(v)][i].departed = false }
        }
    }

    /// Removes a planned or frozen job once served, counts it for its route day's `DayClosing.completed`
    /// and records a `.served` outcome at `time`.
    ///
    /// - Throws: `.unknownJob`, `.wrongState`. - Complexity: O(1) (amortised; O(open days) to count it).
    public mutating func complete(_ id: JobID, at time: SimTime) throws(DeliverySchedulingError) {
        let s = try completableSlot(id)
        record(slot: s, .served, at: time)
        release(slot: s)
    }

    /// Removes a planned or frozen job once served (counted for `DayClosing.completed`), recording no
    /// outcome (it has no time): `complete(_:at:)` feeds `drainOutcomes`.
    ///
    /// - Throws: `.unknownJob`, `.wrongState`. - Complexity: O(1) amortised.
    public mutating func complete(_ id: JobID) throws(DeliverySchedulingError) {
        release(slot: try completableSlot(id))
    }

    mutating func completableSlot(_ id: JobID) throws(DeliverySchedulingError) -> Int {
        guard let s = liveSlot(id) else { throw .unknownJob(id) }
        guard core[s].state == .planned || core[s].state == .frozen else { throw .wrongState(id, expected: "planned or frozen") }
        let d = Int(core[s].depot), day = meta[s].plannedDay
        if let k = depotDays[d].completedDays.firstIndex(of: day) {
            depotDays[d].completedCounts[k] &+= 1
        } else {
            depotDays[d].completedDays.append(day)
            depotDays[d].completedCounts.append(1)
        }
        return s
    }

    // MARK: Closing a day

    /// Ends `day` for `depot` (see the lifecycle above): jobs still on its routes of `day` or earlier —
    /// frozen or planned — return to the queue carried over to `day + 1` with raised tier (`.notServed`, or
    /// `.vehicleUnavailable` where the truck was marked unavailable); those days' routes, departures,
    /// unavailability, completion counts and planned load are dropped. Later days are untouched.
    ///
    /// - Throws: `.unknownDepot`.
    /// - Complexity: O(vehicles of the depot × days with state + returned jobs × log n).
    @discardableResult
    public mutating func closeDay(depot: DepotID, day: Int) throws(DeliverySchedulingError) -> DayClosing {
        guard self.depot(depot) != nil else { throw .unknownDepot(depot) }
        let d = Int(depot.rawValue)
        let last = Int32(clamping: day)
        var returned: [JobID] = []
        for v32 in depotVehicles[d] {
            let v = Int(v32)
            var keepFrom = 0
            while keepFrom < vehicleDays[v].count && vehicleDays[v][keepFrom].day <= last { keepFrom += 1 }
            if keepFrom == 0 { continue }
            for e in vehicleDays[v][0..<keepFrom] {
                let reason: UnassignedReason = e.unavailable ? .vehicleUnavailable : .notServed
                for id in e.route {
                    guard let s = liveSlot(id), isOnRoute(s, vehicle: v, day: e.day) else { continue }
                    core[s].state = .planned
                    carryOver(id, reason: reason, day: day)
                    returned.append(id)
                }
            }
            vehicleDays[v].removeSubrange(0..<keepFrom)
        }
        var completed = 0
        var k = 0
        while k < depotDays[d].completedDays.count {
            if depotDays[d].completedDays[k] <= last {
                completed += Int(depotDays[d].completedCounts[k])
                depotDays[d].completedDays.remove(at: k)
                depotDays[d].completedCounts.remove(at: k)
            } else {
                k += 1
            }
        }
        plannedLoad.removeValue(forKey: DayKey(depot: depot.rawValue, day: last))
        depotDays[d].openDay = Swift.max(depotDays[d].openDay, last &+ 1)
        return DayClosing(depot: depot, day: day, returnedToQueue: returned, completed: completed)
    }

    // MARK: Outcome feed

    @inlinable
    mutating func record(slot s: Int, _ outcome: JobOutcomeKind, at time: SimTime) {
        let c = core[s]
        outcomes.append(JobOutcome(job: JobID(slot: UInt32(s), generation: c.generation), depot: DepotID(c.depot),
                                   retailer: c.retailer, kind: JobKind(rawValue: c.kind) ?? .delivery, outcome: outcome, time: time))
    }

    /// Appends the outcomes recorded since the last drain (served, cancelled, dispatched by the timed
    /// operations, in the order they happened) to `out`, and forgets them. Reuse `out` (and the feed's own
    /// buffer is kept): no allocation once both have capacity.
    /// - Complexity: O(outcomes drained).
    public mutating func drainOutcomes(into out: inout [JobOutcome]) {
        out.append(contentsOf: outcomes)
        outcomes.removeAll(keepingCapacity: true)
    }

    /// Checks the per-(vehicle, day) bookkeeping (tests only): every planned or frozen job is on exactly one
    /// live route entry, its own (an entry of a closed day is swept by the next `closeDay`).
    /// - Complexity: O(slots + route entries).
    public func checkDayInvariants() -> Bool {
        var onRoutes = [UInt8](repeating: 0, count: core.count)
        for v in vehicleDays.indices {
            for e in vehicleDays[v] {
                for id in e.route {
                    guard let s = liveSlot(id), isOnRoute(s, vehicle: v, day: e.day) else { continue }
                    onRoutes[s] &+= 1
                }
            }
        }
        for s in core.indices {
            let st = core[s].state
            let expected: UInt8 = st == .planned || st == .frozen ? 1 : 0
            if onRoutes[s] != expected { return false }
        }
        return true
    }
}
