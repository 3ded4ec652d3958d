import DeliveryScheduling
import DiscreteEvents
import EngineWorkloads

/// A delivery-desk client: mixed batches (submit, update, cancel, dispatch-next in the profile's
/// proportions), one `DeliveryDesk.perform` per desk per hop. Each client serves the depots d with
/// d mod k = client mod k (k = min(clients, depots)), as a region's retailers always order from their
/// own depots, so with as many clients as desks every hop is a single actor call (a router's task
/// group per hop would add two scheduling steps). Updates and cancels go to
/// ids this client got back (the most recent 4,096); one that another client dispatched first is a
/// business refusal. Every id handed back is kept for the post-run audit (no lost or duplicated job).
public struct DeliveryDriver: LoadDriver {
    let desks: [DeliveryDesk]
    let owned: [Int]
    var byDesk: [[DeliveryRequest]]
    var order: [Int] = []
    var mix: MixPicker
    var rng: RandomStream
    var recent: [RoutedJobID] = []
    var recentHead = 0
    var requests: [DeliveryRequest] = []
    var tally = DeskClientTally()

    static let recentCapacity = 4096

    /// Client `client` of `clients` over `desks` (depot i at index i), with `mix` (submit, update,
    /// cancel, dispatch shares) and `seed`. - Complexity: O(desks).
    public init(desks: [DeliveryDesk], clients: Int, mix: [Double], seed: UInt64, client: Int) {
        self.desks = desks
        let k = max(1, min(clients, desks.count))
        owned = desks.indices.filter { $0 % k == client % k }
        byDesk = desks.map { _ in [] }
        self.mix = MixPicker(mix)
        rng = RandomStream(seed: seed, stream: 5000 + UInt64(client))
        recent.reserveCapacity(Self.recentCapacity)
    }

    /// Reserves the tally's id lists for `requests` in the mix's shares (with 10 % to spare) before
    /// the run starts: a list that doubled inside the run copied megabytes and faulted a fresh
    /// buffer's pages at once while requests queued behind it. (Reserved pages still fault on first
    /// touch, one per 256 ids, spread over the run.) - Complexity: O(1) (the allocation).
    public mutating func prepare(requests: Int) {
        func reserve(_ list: inout [RoutedJobID], _ share: Double) {
            let n = Int(Double(requests) * share * 1.1) + 1024
            list.reserveCapacity(n)
        }
        reserve(&tally.submitted, mix.shares[0])
        reserve(&tally.cancelled, mix.shares.count > 2 ? mix.shares[2] : 0)
        reserve(&tally.dispatched, mix.shares.count > 3 ? mix.shares[3] : 0)
    }

    /// Sends `count` requests in one router hop. - Complexity: O(count log n).
    public mutating func send(_ count: Int, at now: SimTime) async -> HopOutcome {
        requests.removeAll(keepingCapacity: true)
        for _ in 0..<count {
            let r = rng.next()
            var kind = mix.next()
            if recent.isEmpty && (kind == 1 || kind == 2) { kind = 0 }
            switch kind {
            case 0:
                let d = DepotID(Int32(owned[Int(r % UInt64(owned.count))]))
                requests.append(.submit(SyntheticWorkload.job(depot: d, now: now, promisedDay: now.day + 1, rng: &rng)))
            case 1:
                requests.append(.update(recent[Int((r >> 8) % UInt64(recent.count))], SyntheticWorkload.update(bits: r, now: now)))
            case 2:
                let i = Int((r >> 8) % UInt64(recent.count))
                requests.append(.cancel(recent[i]))
                // Never cancel the same id twice: the slot takes the newest id instead.
                recent[i] = recent[(recentHead + recent.count - 1) % recent.count]
            default:
                requests.append(.dispatchNext(DepotID(Int32(owned[Int((r >> 8) % UInt64(owned.count))]))))
            }
        }
        let responses = await perform(now)
        var outcome = HopOutcome()
        tally.requests += requests.count
        for (q, resp) in zip(requests, responses) {
            switch resp {
            case .submitted(let id):
                tally.submitted.append(id)
                if recent.count < Self.recentCapacity { recent.append(id) } else { recent[recentHead] = id; recentHead = (recentHead + 1) % recent.count }
            case .updated: tally.updated += 1
            case .cancelled:
                if case .cancel(let id) = q { tally.cancelled.append(id) }
            case .dispatched(let id, _): tally.dispatched.append(id)
            case .nothingToDispatch: tally.emptyDispatches += 1; outcome.refused += 1
            case .failed(let e):
                if case .unknownJob = e { tally.raced += 1; outcome.refused += 1 } else { tally.otherFailures += 1; outcome.errors += 1 }
            }
        }
        return outcome
    }

    /// Runs `requests` on their desks, one hop per desk in turn; responses in request order.
    /// - Complexity: O(count log n).
    mutating func perform(_ now: SimTime) async -> [DeliveryResponse] {
        if owned.count == 1 { return await desks[owned[0]].perform(requests, at: now) }
        for d in owned { byDesk[d].removeAll(keepingCapacity: true) }
        order.removeAll(keepingCapacity: true)
        for q in requests { let d = Int(q.depot.rawValue); order.append(d); byDesk[d].append(q) }
        var answers = desks.map { _ in [DeliveryResponse]() }
        for d in owned where !byDesk[d].isEmpty { answers[d] = await desks[d].perform(byDesk[d], at: now) }
        var next = desks.map { _ in 0 }
        var out: [DeliveryResponse] = []
        out.reserveCapacity(requests.count)
        for d in order { out.append(answers[d][next[d]]); next[d] += 1 }
        return out
    }

    /// The ids this client got back, for `DeskWorkload.audit`. - Complexity: O(1).
    public func finish() -> DeskClientTally { tally }
}
