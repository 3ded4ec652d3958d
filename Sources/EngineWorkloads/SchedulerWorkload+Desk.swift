import DeliveryScheduling
import DiscreteEvents

/// What one desk client did: its request count and every id it got back, by outcome.
public struct DeskClientTally: Sendable {
    /// Requests sent.
    public var requests = 0
    /// Ids returned by successful submits.
    public var submitted: [RoutedJobID] = []
    /// Ids handed over to this client by dispatch-next.
    public var dispatched: [RoutedJobID] = []
    /// Ids this client cancelled successfully.
    public var cancelled: [RoutedJobID] = []
    /// Successful updates.
    public var updated = 0
    /// Updates or cancels refused because another client dispatched the job first.
    public var raced = 0
    /// Dispatch-next requests that found the depot empty.
    public var emptyDispatches = 0
    /// Requests refused for another reason (a bug in the desk or the workload; expected 0).
    public var otherFailures = 0
    /// An empty tally. - Complexity: O(1).
    public init() {}
}

/// The check after a desk run: every submitted id must be exactly one of pending, dispatched or cancelled.
public struct DeskAudit: Sendable, Equatable {
    /// Ids returned by submits.
    public var submitted = 0
    /// Submitted ids still pending in their desk.
    public var pending = 0
    /// Submitted ids handed over by dispatch-next.
    public var dispatched = 0
    /// Submitted ids cancelled.
    public var cancelled = 0
    /// Submitted ids in none of the three states.
    public var lostJobs = 0
    /// Ids in more than one state, returned twice, or live in a desk without having been submitted.
    public var duplicatedJobs = 0
    /// Whether every desk's scheduler passed `checkInvariants()` (always true unless built with
    /// `JORNADA_INTERNAL_CHECKS`).
    public var invariantsHold = true
    /// An empty audit. - Complexity: O(1).
    public init() {}
}

/// The concurrent desk workload of `jornada bench scheduler --clients N`: N client tasks send mixed
/// batches (submit 30 %, update 40 %, cancel 10 %, dispatch-next 20 %, as `MixedOperationStream`)
/// through one `DeliveryDeskRouter` over `depots` desks; jobs are spread over depots by the seed and
/// each client updates or cancels only ids it got back. Only the interleaving varies between runs.
public struct DeskWorkload: Sendable {
    /// Desks (one depot each).
    public var depots: Int
    /// Concurrent client tasks.
    public var clients: Int
    /// Requests per batch.
    public var batch: Int
    /// Requests over all clients.
    public var requests: Int
    /// Seed of the clients' random streams.
    public var seed: UInt64
    /// The desks' in-tier policy.
    public var policy: PriorityPolicy

    /// A workload (sizes are clamped to at least 1). - Complexity: O(1).
    public init(depots: Int, clients: Int, batch: Int, requests: Int, seed: UInt64, policy: PriorityPolicy = .earliestDeadline) {
        self.depots = Swift.max(1, depots); self.clients = Swift.max(1, clients)
        self.batch = Swift.max(1, batch); self.requests = Swift.max(1, requests); self.seed = seed
        self.policy = policy
    }

    /// Empty desks for depots 0..<depots (the synthetic depot, no trucks) and a router over them.
    /// - Complexity: O(depots).
    public func makeDesks() -> (router: DeliveryDeskRouter, desks: [DeliveryDesk]) {
        let desks = (0..<depots).map { try! DeliveryDesk(depot: DepotID(Int32($0)), SyntheticWorkload.depot, vehicles: [], policy: policy) }
        return (try! DeliveryDeskRouter(desks: desks), desks)
    }

    /// Runs all clients concurrently to completion; tallies in client order.
    /// - Complexity: O(requests log n) work.
    public func runClients(_ router: DeliveryDeskRouter) async -> [DeskClientTally] {
        let tallies = await withTaskGroup(of: (Int, DeskClientTally).self) { group in
            for c in 0..<clients {
                let quota = requests / clients + (c < requests % clients ? 1 : 0)
                group.addTask { (c, await client(router, id: c, quota: quota)) }
            }
            var all = [DeskClientTally](repeating: DeskClientTally(), count: clients)
            for await (c, t) in group { all[c] = t }
            return all
        }
        return tallies
    }

    /// One client: `quota` requests in batches of `batch`.
    func client(_ router: DeliveryDeskRouter, id c: Int, quota: Int) async -> DeskClientTally {
        var rng = RandomStream(seed: seed, stream: 1000 + UInt64(c))
        var t = DeskClientTally()
        // The ids this client may update or cancel, with each one's index for O(1) removal.
        var live: [RoutedJobID] = []
        var position: [RoutedJobID: Int] = [:]
        func forget(_ id: RoutedJobID) {
            guard let p = position.removeValue(forKey: id) else { return }
            let last = live.removeLast()
            if p < live.count { live[p] = last; position[last] = p }
        }
        var req: [DeliveryRequest] = []
        req.reserveCapacity(batch)
        var tick: Int64 = 0
        while t.requests < quota {
            req.removeAll(keepingCapacity: true)
            tick += 1
            let now = SimTime(ticks: tick * 1_000)
            for _ in 0..<Swift.min(batch, quota - t.requests) {
                let r = rng.next()
                let op = r % 100
                if live.isEmpty || op < 30 {
                    let d = DepotID(Int32(rng.nextInt(below: UInt64(depots))))
                    req.append(.submit(SyntheticWorkload.job(depot: d, now: now, promisedDay: 0, rng: &rng)))
                } else if op < 70 {
                    let id = live[Int((r >> 8) % UInt64(live.count))]
                    let change = SyntheticWorkload.update(bits: r, now: now)
                    req.append(.update(id, change))
                } else if op < 80 {
                    let id = live[Int((r >> 8) % UInt64(live.count))]
                    forget(id)  // never cancel the same id twice
                    req.append(.cancel(id))
                } else {
                    req.append(.dispatchNext(DepotID(Int32((r >> 8) % UInt64(depots)))))
                }
            }
            let responses = await router.perform(req, at: now)
            t.requests += req.count
            for (r, resp) in zip(req, responses) {
                switch resp {
                case .submitted(let id):
                    t.submitted.append(id)
                    position[id] = live.count
                    live.append(id)
                case .updated: t.updated += 1
                case .cancelled:
                    if case .cancel(let id) = r { t.cancelled.append(id) }
                case .dispatched(let id, _):
                    t.dispatched.append(id)
                    forget(id)
                case .nothingToDispatch: t.emptyDispatches += 1
                case .failed(let e):
                    guard case .unknownJob = e else { t.otherFailures += 1; continue }
                    t.raced += 1
                    if case .update(let id, _) = r { forget(id) }
                }
            }
        }
        return t
    }

    /// Checks the desks' snapshots against the clients' tallies: each submitted id must be exactly one
    /// of pending, dispatched or cancelled, and every live job must have been submitted.
    /// - Complexity: O(submitted + dispatched + cancelled + depots).
    public static func audit(desks: [DeliveryDesk], tallies: [DeskClientTally]) async -> DeskAudit {
        var a = DeskAudit()
        var snapshots: [DepotID: DeliveryScheduler] = [:]
        var liveTotal = 0
        for d in desks {
            let s = await d.snapshot()
            #if JORNADA_INTERNAL_CHECKS
            a.invariantsHold = a.invariantsHold && s.checkInvariants()
            #endif
            liveTotal += s.liveCount
            snapshots[d.depot] = s
        }
        // Outcomes seen per submitted id (only counted, never iterated in an order that matters).
        var outcomes: [RoutedJobID: Int] = [:]
        outcomes.reserveCapacity(tallies.reduce(0) { $0 + $1.submitted.count })
        for t in tallies {
            for id in t.submitted {
                if outcomes.updateValue(0, forKey: id) != nil { a.duplicatedJobs += 1 }  // an id handed out twice
                a.submitted += 1
            }
        }
        for t in tallies {
            for id in t.submitted where snapshots[id.depot]?.status(id.job) == .pending {
                outcomes[id]! += 1
                a.pending += 1
            }
            for id in t.dispatched {
                if outcomes[id] != nil { outcomes[id]! += 1; a.dispatched += 1 } else { a.duplicatedJobs += 1 }
            }
            for id in t.cancelled {
                if outcomes[id] != nil { outcomes[id]! += 1; a.cancelled += 1 } else { a.duplicatedJobs += 1 }
            }
        }
        for n in outcomes.values {
            if n == 0 { a.lostJobs += 1 } else if n > 1 { a.duplicatedJobs += 1 }
        }
        a.duplicatedJobs += Swift.max(0, liveTotal - a.pending)  // live jobs nobody submitted
        return a
    }
}
