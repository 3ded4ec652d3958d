import DiscreteEvents

/// A refused operation: bad input or a request the job's state does not allow. Each case names the
/// parameter or field at fault.
public enum DeliverySchedulingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `windows[index]` ends before it starts (or starts before midnight).
    case invalidWindow(index: Int, from: SimDuration, to: SimDuration)
    /// More windows than a job may have.
    case tooManyWindows(count: Int, maximum: Int)
    /// A negative amount in `volume.<unit>`.
    case negativeVolume(unit: String, value: Int)
    /// A negative `serviceTime`.
    case negativeServiceTime(SimDuration)
    /// A non-finite coordinate (`field` is `x` or `y`).
    case invalidCoordinate(field: String)
    /// A negative `promisedDay`.
    case negativePromisedDay(Int)
    /// The depot is not registered.
    case unknownDepot(DepotID)
    /// The depot id is already registered.
    case duplicateDepot(DepotID)
    /// The vehicle is not registered (or belongs to another depot than the one named).
    case unknownVehicle(VehicleID)
    /// A vehicle's shift ends before it starts, or its capacity is negative (`field` says which).
    case invalidVehicle(field: String)
    /// A depot's speed is not a positive finite number.
    case invalidDepotSpeed(Double)
    /// No live job has this id (never submitted, cancelled, completed or dispatched).
    case unknownJob(JobID)
    /// The job is on a truck that has left: it cannot be changed, cancelled or moved.
    case jobFrozen(JobID)
    /// The scheduler already holds its maximum number of live jobs.
    case tooManyJobs(limit: Int)
    /// The job is not in a state the operation applies to (`expected` names it).
    case wrongState(JobID, expected: String)
    /// The vehicle is marked unavailable on that day (`setVehicleAvailability`), so it cannot depart.
    case vehicleUnavailable(VehicleID, day: Int)

    /// A one-line message naming the field at fault.
    public var description: String {
        switch self {
        case let .invalidWindow(i, from, to):
            return "windows[\(i)]: ends (\(to.clockString)) before it starts (\(from.clockString))"
        case let .tooManyWindows(c, m): return "windows: \(c) windows, at most \(m) allowed"
        case let .negativeVolume(unit, v): return "volume.\(unit): must be ≥ 0, got \(v)"
        case let .negativeServiceTime(d): return "serviceTime: must be ≥ 0, got \(d)"
        case let .invalidCoordinate(f): return "location.\(f): must be a finite number"
        case let .negativePromisedDay(d): return "promisedDay: must be ≥ 0, got \(d)"
        case let .unknownDepot(d): return "depot: unknown \(d)"
        case let .duplicateDepot(d): return "depot: \(d) is already registered"
        case let .unknownVehicle(v): return "vehicle: unknown \(v)"
        case let .invalidVehicle(f): return "vehicle.\(f): invalid"
        case let .invalidDepotSpeed(s): return "depot.unitsPerHour: must be a positive finite number, got \(s)"
        case let .unknownJob(j): return "job: no live job \(j)"
        case let .jobFrozen(j): return "job: \(j) is on a truck that has left and cannot move"
        case let .wrongState(j, e): return "job: \(j) must be \(e)"
        case let .tooManyJobs(limit): return "job: the scheduler already holds \(limit) live jobs"
        case let .vehicleUnavailable(v, day): return "vehicle: \(v) is marked unavailable on day \(day)"
        }
    }
}

/// Why a job was left out of a day plan. Stored as one byte per job for explanations.
public enum UnassignedReason: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    /// The depot has no vehicle available that day.
    case noVehicles = 1
    /// The job is larger, in some unit, than every vehicle of the depot.
    case exceedsVehicleCapacity
    /// No vehicle's shift can reach the stop inside one of its windows and return in time.
    case unreachableWithinShift
    /// Capacity was taken by jobs planned before it (higher tiers, then the policy's order).
    case fleetCapacityExhausted
    /// Every route that had space was too full in time to serve it inside its windows.
    case noFeasibleTimeSlot
    /// It is pinned to a vehicle that is not available (departed, or of another depot).
    case pinnedVehicleUnavailable
    /// It is pinned to a vehicle whose route cannot take it.
    case pinnedVehicleFull
    /// The retailer refused a proposed reschedule; the job rolls to the next day.
    case rescheduleRefused
    /// It was on the day's route but was not served by the day's close (the truck ran out of time, or
    /// never left); the job rolls to the next day.
    case notServed
    /// Its truck was marked unavailable that day (a breakdown) before serving it.
    case vehicleUnavailable

    /// Whether the reason is about this day's load (carry-over raises priority), rather than the job
    /// itself (it will not fit any day until it is changed).
    public var isOverflow: Bool {
        switch self {
        case .fleetCapacityExhausted, .noFeasibleTimeSlot, .pinnedVehicleFull, .rescheduleRefused, .noVehicles,
             .pinnedVehicleUnavailable, .notServed, .vehicleUnavailable:
            return true
        case .exceedsVehicleCapacity, .unreachableWithinShift:
            return false
        }
    }

    /// A short machine-friendly name (`fleet-capacity-exhausted`).
    public var name: String {
        switch self {
        case .noVehicles: return "no-vehicles"
        case .exceedsVehicleCapacity: return "exceeds-vehicle-capacity"
        case .unreachableWithinShift: return "unreachable-within-shift"
        case .fleetCapacityExhausted: return "fleet-capacity-exhausted"
        case .noFeasibleTimeSlot: return "no-feasible-time-slot"
        case .pinnedVehicleUnavailable: return "pinned-vehicle-unavailable"
        case .pinnedVehicleFull: return "pinned-vehicle-full"
        case .rescheduleRefused: return "reschedule-refused"
        case .notServed: return "not-served"
        case .vehicleUnavailable: return "vehicle-unavailable"
        }
    }

    /// A sentence for people.
    public var description: String {
        switch self {
        case .noVehicles: return "the depot has no vehicle available that day"
        case .exceedsVehicleCapacity: return "the job is larger than every vehicle of the depot"
        case .unreachableWithinShift:
            return "no shift can reach the stop inside its time windows and return to the depot in time"
        case .fleetCapacityExhausted: return "truck space was taken by higher-priority jobs"
        case .noFeasibleTimeSlot: return "no route with space could reach the stop inside its time windows"
        case .pinnedVehicleUnavailable: return "the job is pinned to a vehicle that is not available"
        case .pinnedVehicleFull: return "the job is pinned to a vehicle whose route cannot take it"
        case .rescheduleRefused: return "the retailer refused the proposed new time"
        case .notServed: return "it was on the day's route but not served by the end of the day"
        case .vehicleUnavailable: return "its truck was unavailable that day"
        }
    }
}
