import DiscreteEvents

extension DeliveryDesk {
    /// Plans `day` without committing it (commit with `commit(_:)`). - Complexity: as `DeliveryScheduler.planDay`.
    public func plan(_ day: Int, options: PlanOptions = PlanOptions()) throws(DeliverySchedulingError) -> DayPlan {
        try scheduler.planDay(depot: depot, day: day, options: options)
    }

    /// Commits a plan, skipping stops whose job changed since. - Complexity: as `DeliveryScheduler.commit`.
    @discardableResult
    public func commit(_ plan: DayPlan) -> CommitResult { scheduler.commit(plan) }

    /// Marks a truck departed on `day`, freezing that day's route. - Complexity: O(route).
    @discardableResult
    public func depart(_ vehicle: VehicleID, day: Int) throws(DeliverySchedulingError) -> [JobID] {
        try scheduler.depart(vehicle, day: day)
    }

    /// Removes a served job and records a `.served` outcome. - Complexity: O(1) amortised.
    public func complete(_ id: JobID, at time: SimTime) throws(DeliverySchedulingError) {
        try scheduler.complete(id, at: time)
    }

    /// Cancels a batch at `time`, recording `.cancelled` outcomes; nil where it worked, else the error, in order.
    /// - Complexity: O(k log n).
    public func cancel(_ ids: [JobID], at time: SimTime) -> [DeliverySchedulingError?] {
        ids.map { id in
            do throws(DeliverySchedulingError) { try scheduler.cancel(id, at: time); return nil } catch { return error }
        }
    }

    /// Hands over up to `count` most urgent jobs at `time`, recording `.dispatched` outcomes.
    /// - Complexity: O(count log n).
    public func dispatchNext(_ count: Int = 1, at time: SimTime) -> [DispatchedJob] {
        var out: [DispatchedJob] = []
        for _ in 0..<max(0, count) {
            guard let j = try? scheduler.dispatchNext(depot: depot, at: time) else { break }
            out.append(j)
        }
        return out
    }

    /// Ends `day` (see `DeliveryScheduler.closeDay`). - Complexity: as `DeliveryScheduler.closeDay`.
    @discardableResult
    public func closeDay(_ day: Int) throws(DeliverySchedulingError) -> DayClosing {
        try scheduler.closeDay(depot: depot, day: day)
    }

    /// Marks a truck unavailable (or available again) on `day`; returns the planned jobs sent back to the queue.
    /// - Complexity: as `DeliveryScheduler.setVehicleAvailability`.
    @discardableResult
    public func setVehicleAvailability(_ vehicle: VehicleID, day: Int, available: Bool) throws(DeliverySchedulingError) -> [JobID] {
        try scheduler.setVehicleAvailability(vehicle, day: day, available: available)
    }

    /// The job's version (nil when not live). - Complexity: O(1).
    public func version(of id: JobID) -> UInt32? { scheduler.version(of: id) }

    /// Appends the outcomes recorded since the last drain to `out`. - Complexity: O(outcomes).
    public func drainOutcomes(into out: inout [JobOutcome]) { scheduler.drainOutcomes(into: &out) }

    /// The outcomes recorded since the last drain, as a new array. - Complexity: O(outcomes).
    public func drainOutcomes() -> [JobOutcome] {
        var out: [JobOutcome] = []
        scheduler.drainOutcomes(into: &out)
        return out
    }
}
