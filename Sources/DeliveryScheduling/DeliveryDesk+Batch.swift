import DiscreteEvents

/// One request of a mixed batch sent to a `DeliveryDesk` or through a `DeliveryDeskRouter`.
public enum DeliveryRequest: Sendable {
    /// Add a job to its depot's queue.
    case submit(DeliveryJob)
    /// Change a job.
    case update(RoutedJobID, JobUpdate)
    /// Remove a job that has not left on a truck.
    case cancel(RoutedJobID)
    /// Hand over the most urgent pending job of a depot.
    case dispatchNext(DepotID)

    /// The depot whose desk serves the request. - Complexity: O(1).
    @inlinable public var depot: DepotID {
        switch self {
        case .submit(let job): return job.depot
        case .update(let id, _): return id.depot
        case .cancel(let id): return id.depot
        case .dispatchNext(let d): return d
        }
    }
}

/// The answer to one `DeliveryRequest`, in the batch's order.
public enum DeliveryResponse: Sendable {
    /// The job was queued under this id.
    case submitted(RoutedJobID)
    /// The update was applied.
    case updated
    /// The job was cancelled.
    case cancelled
    /// This job was handed over (it left the desk).
    case dispatched(RoutedJobID, DeliveryJob)
    /// The depot had no pending job to dispatch.
    case nothingToDispatch
    /// The request was refused (e.g. `.unknownJob` when another client dispatched or cancelled it first).
    case failed(DeliverySchedulingError)
}

extension DeliveryDesk {
    /// Runs a mixed batch in order in one actor hop; one response per request. Requests for another
    /// depot fail with `.unknownDepot`. - Complexity: O(k log n) for k requests.
    public func perform(_ batch: [DeliveryRequest], at now: SimTime) -> [DeliveryResponse] {
        var out: [DeliveryResponse] = []
        out.reserveCapacity(batch.count)
        for r in batch { out.append(run(r, at: now)) }
        return out
    }

    func run(_ r: DeliveryRequest, at now: SimTime) -> DeliveryResponse {
        do throws(DeliverySchedulingError) {
            guard r.depot == depot else { throw .unknownDepot(r.depot) }
            switch r {
            case .submit(let job):
                return .submitted(RoutedJobID(depot: depot, job: try scheduler.submit(job, at: now)))
            case .update(let id, let change):
                try scheduler.update(id.job, change)
                return .updated
            case .cancel(let id):
                try scheduler.cancel(id.job)
                return .cancelled
            case .dispatchNext:
                guard let j = try scheduler.dispatchNext(depot: depot) else { return .nothingToDispatch }
                return .dispatched(RoutedJobID(depot: depot, job: j.id), j.job)
            }
        } catch {
            return .failed(error)
        }
    }
}

extension DeliveryDeskRouter {
    /// Runs a mixed batch spread over depots: one hop per desk, desks in parallel, each desk's share
    /// in input order; responses in input order. - Complexity: O(k log n) work for k requests.
    public func perform(_ batch: [DeliveryRequest], at now: SimTime) async -> [DeliveryResponse] {
        var results = [DeliveryResponse](repeating: .failed(.unknownDepot(DepotID(-1))), count: batch.count)
        var groups: [[Int]] = Array(repeating: [], count: desks.count)
        for (i, r) in batch.enumerated() {
            let d = Int(r.depot.rawValue)
            if d >= 0 && d < desks.count && desks[d] != nil { groups[d].append(i) } else { results[i] = .failed(.unknownDepot(r.depot)) }
        }
        await withTaskGroup(of: (Int, [DeliveryResponse]).self) { group in
            for d in groups.indices where !groups[d].isEmpty {
                let desk = desks[d]!
                let share = groups[d].map { batch[$0] }
                group.addTask { (d, await desk.perform(share, at: now)) }
            }
            for await (d, res) in group {
                for (k, r) in res.enumerated() { results[groups[d][k]] = r }
            }
        }
        return results
    }
}
