import DiscreteEvents

/// The scheduler of one depot behind an actor: safe under many concurrent clients. Batch calls
/// amortise the actor hop.
public actor DeliveryDesk {
    /// The depot this desk serves.
    public nonisolated let depot: DepotID
    var scheduler: DeliveryScheduler

    /// A desk for `depot` with its trucks. - Throws: `.unknownDepot` for a truck of another depot,
    /// and vehicle field errors.
    public init(depot id: DepotID, _ depot: Depot, vehicles: [Vehicle], policy: PriorityPolicy = .earliestDeadline,
                aging: AgingRule = AgingRule()) throws(DeliverySchedulingError) {
        self.depot = id
        var s = DeliveryScheduler(policy: policy, aging: aging)
        try s.addDepot(depot, id: id)
        for v in vehicles {
            guard v.depot == id else { throw .unknownDepot(v.depot) }
            _ = try s.addVehicle(v)
        }
        scheduler = s
    }

    /// Submits a batch; one result per job, in order. - Complexity: O(k log n).
    public func submit(_ batch: [DeliveryJob], at now: SimTime) -> [Result<JobID, DeliverySchedulingError>] {
        batch.map { job in Result { () throws(DeliverySchedulingError) -> JobID in try scheduler.submit(job, at: now) } }
    }

    /// Cancels a batch; nil where it worked, else the error, in order. - Complexity: O(k log n).
    public func cancel(_ ids: [JobID]) -> [DeliverySchedulingError?] {
        ids.map { id in
            do throws(DeliverySchedulingError) { try scheduler.cancel(id); return nil } catch { return error }
        }
    }

    /// Updates one job. - Complexity: O(log n).
    public func update(_ id: JobID, _ change: JobUpdate) throws(DeliverySchedulingError) { try scheduler.update(id, change) }

    /// Hands over up to `count` most urgent jobs. - Complexity: O(count log n).
    public func dispatchNext(_ count: Int = 1) -> [DispatchedJob] {
        var out: [DispatchedJob] = []
        for _ in 0..<count {
            guard let j = try? scheduler.dispatchNext(depot: depot) else { break }
            out.append(j)
        }
        return out
    }

    /// Plans and commits `day`. - Complexity: as `DeliveryScheduler.planDay`.
    public func planDay(_ day: Int, options: PlanOptions = PlanOptions()) throws(DeliverySchedulingError) -> DayPlan {
        try scheduler.planAndCommitDay(depot: depot, day: day, options: options)
    }

    /// Pins a job to a truck. - Complexity: O(log n).
    public func pin(_ id: JobID, to vehicle: VehicleID) throws(DeliverySchedulingError) { try scheduler.pin(id, to: vehicle) }

    /// Marks a truck departed, freezing its jobs. - Complexity: O(route).
    @discardableResult
    public func depart(_ vehicle: VehicleID) throws(DeliverySchedulingError) -> [JobID] { try scheduler.depart(vehicle) }

    /// Ranked reschedule options for a late job. - Complexity: O(days × windows).
    public func proposeReschedule(_ id: JobID, now: SimTime) throws(DeliverySchedulingError) -> [RescheduleOption] {
        try scheduler.proposeReschedule(id, now: now)
    }

    /// The retailer accepts an option. - Complexity: O(log n).
    public func accept(_ id: JobID, option: RescheduleOption) throws(DeliverySchedulingError) {
        try scheduler.acceptReschedule(id, option: option)
    }

    /// The retailer refuses; the job rolls over with raised priority. - Complexity: O(log n).
    public func refuse(_ id: JobID, day: Int) throws(DeliverySchedulingError) { try scheduler.refuseReschedule(id, day: day) }

    /// Why a job waits or is late. - Complexity: O(1).
    public func explain(_ id: JobID) throws(DeliverySchedulingError) -> JobExplanation { try scheduler.explain(id) }

    /// Job status. - Complexity: O(1).
    public func status(_ id: JobID) -> JobStatus { scheduler.status(id) }

    /// A copy of the scheduler (for checks and what-if planning). - Complexity: O(1) (copy on write).
    public func snapshot() -> DeliveryScheduler { scheduler }
}

/// A job id qualified by its depot's desk.
public struct RoutedJobID: Hashable, Sendable {
    /// The desk's depot.
    public var depot: DepotID
    /// The id inside that desk.
    public var job: JobID
}

/// Routes requests to the desk of each job's depot; batch calls fan out to desks concurrently.
public struct DeliveryDeskRouter: Sendable {
    /// Desks indexed by depot id (nil where no desk).
    let desks: [DeliveryDesk?]

    /// A router over `desks` (one per depot). - Throws: `.duplicateDepot` when two share a depot.
    public init(desks: [DeliveryDesk]) throws(DeliverySchedulingError) {
        var table: [DeliveryDesk?] = []
        for d in desks {
            let i = Int(d.depot.rawValue)
            while table.count <= i { table.append(nil) }
            if table[i] != nil { throw .duplicateDepot(d.depot) }
            table[i] = d
        }
        self.desks = table
    }

    /// The desk of `depot`. - Throws: `.unknownDepot`. - Complexity: O(1).
    public func desk(for depot: DepotID) throws(DeliverySchedulingError) -> DeliveryDesk {
        let i = Int(depot.rawValue)
        guard i >= 0 && i < desks.count, let d = desks[i] else { throw .unknownDepot(depot) }
        return d
    }

    /// Submits a batch spread over depots: one hop per desk, desks in parallel; results in input order.
    /// - Complexity: O(k log n) work.
    public func submit(_ batch: [DeliveryJob], at now: SimTime) async -> [Result<RoutedJobID, DeliverySchedulingError>] {
        var results = [Result<RoutedJobID, DeliverySchedulingError>](repeating: .failure(.unknownDepot(DepotID(-1))), count: batch.count)
        var groups: [[Int]] = Array(repeating: [], count: desks.count)
        for (i, job) in batch.enumerated() {
            let d = Int(job.depot.rawValue)
            if d >= 0 && d < desks.count && desks[d] != nil { groups[d].append(i) } else { results[i] = .failure(.unknownDepot(job.depot)) }
        }
        await withTaskGroup(of: (Int, [Result<JobID, DeliverySchedulingError>]).self) { group in
            for d in groups.indices where !groups[d].isEmpty {
                let desk = desks[d]!
                let jobs = groups[d].map { batch[$0] }
                group.addTask { (d, await desk.submit(jobs, at: now)) }
            }
            for await (d, res) in group {
                for (k, r) in res.enumerated() {
                    results[groups[d][k]] = r.map { RoutedJobID(depot: DepotID(Int32(d)), job: $0) }
                }
            }
        }
        return results
    }

    /// Cancels a batch spread over depots; nil where it worked, in input order. - Complexity: O(k log n).
    public func cancel(_ ids: [RoutedJobID]) async -> [DeliverySchedulingError?] {
        var results = [DeliverySchedulingError?](repeating: nil, count: ids.count)
        var groups: [[Int]] = Array(repeating: [], count: desks.count)
        for (i, id) in ids.enumerated() {
            let d = Int(id.depot.rawValue)
            if d >= 0 && d < desks.count && desks[d] != nil { groups[d].append(i) } else { results[i] = .unknownDepot(id.depot) }
        }
        await withTaskGroup(of: (Int, [DeliverySchedulingError?]).self) { group in
            for d in groups.indices where !groups[d].isEmpty {
                let desk = desks[d]!
                let jobs = groups[d].map { ids[$0].job }
                group.addTask { (d, await desk.cancel(jobs)) }
            }
            for await (d, res) in group {
                for (k, r) in res.enumerated() { results[groups[d][k]] = r }
            }
        }
        return results
    }
}
