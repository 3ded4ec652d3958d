import DiscreteEvents
import TechnicianBooking

/// What a technician client leaves for the audit: the bookings it believes it holds.
public struct TechnicianTally: Sendable {
    /// Confirmed bookings this client has not cancelled.
    public var live: [ReservationID] = []
    /// Confirms that succeeded.
    public var confirmed = 0
    /// The desk (region shard) this client used.
    public var desk = 0
}

/// A technician-desk client: offers for the scenario's kind of cases, a hold on one offered slot of
/// each (the next slot when another client was faster), a confirm of each hold, and cancels of the
/// oldest bookings beyond a window (4 × technicians / clients sharing the desk) so the calendar stays in a steady state — in the profile's
/// proportions, one `submit` batch per hop on its desk.
public struct TechnicianDriver: LoadDriver {
    let desk: TechnicianDesk
    let cases: CaseGenerator
    var rng: RandomStream
    var mix: MixPicker
    // Offers still to hold and holds still to confirm. The newest is taken first, as a customer holds
    // a slot just after it was offered and confirms just after holding: taken oldest first, a queue
    // that offers outgrew held slots offered hours of virtual time before, nearly all gone or past,
    // so holds failed, confirms found nothing and their share fell back to offers (72 % of the
    // requests, 1 booking per 250). Beyond 4,096 the oldest are dropped by moving the head (customers
    // who gave up), compacted once the head passes 4,096 (amortised O(1) per entry; a `removeFirst`
    // per hop moved the whole queue, 14–18 % of the run's CPU in perf).
    var toHold: [(slots: [SlotOffer], first: Int, tried: Int, request: OfferRequest)] = []
    var holdHead = 0
    var toConfirm: [ReservationID] = []
    var confirmHead = 0
    var ring: [ReservationID] = []
    var ringHead = 0
    var batch: [DeskRequest] = []
    var holdsSent: [(slots: [SlotOffer], first: Int, tried: Int, request: OfferRequest)] = []
    var tally = TechnicianTally()
    let window: Int

    static let ttl = SimDuration.minutes(Int64(30))

    /// Client `client` on `desk` (shard `deskIndex`, with `technicians` on its roster and `sharing`
    /// clients), drawing cases from `cases`. - Complexity: O(1).
    public init(desk: TechnicianDesk, deskIndex: Int, cases: CaseGenerator, mix: [Double], seed: UInt64, client: Int,
                technicians: Int = 40, sharing: Int = 1) {
        window = max(8, 4 * technicians / max(1, sharing))
        self.desk = desk
        self.cases = cases
        self.mix = MixPicker(mix)
        rng = RandomStream(seed: seed, stream: 7000 + UInt64(client))
        tally.desk = deskIndex
    }

    /// Sends `count` requests in one desk hop: confirms and holds that are due first (in the mix's
    /// share), then cancels beyond the window, then offers. - Complexity: O(count × offer cost).
    public mutating func send(_ count: Int, at now: SimTime) async -> HopOutcome {
        batch.removeAll(keepingCapacity: true)
        holdsSent.removeAll(keepingCapacity: true)
        var confirms = 0, holds = 0
        for _ in 0..<count {
            switch mix.next() {
            case 2 where confirmHead + confirms < toConfirm.count:
                batch.append(.confirm(toConfirm[toConfirm.count - 1 - confirms])); confirms += 1
            case 1 where holdHead + holds < toHold.count:
                let h = toHold[toHold.count - 1 - holds]; holds += 1
                batch.append(.hold(h.slots[(h.first + h.tried) % h.slots.count], h.request, ttl: Self.ttl)); holdsSent.append(h)
            case 3 where ring.count - ringHead > window:
                batch.append(.cancel(ring[ringHead])); ringHead += 1
            default:
                batch.append(.offer(cases.request(&rng)))
            }
        }
        toConfirm.removeLast(confirms)
        toHold.removeLast(holds)
        holdHead = max(holdHead, toHold.count - 4096)  // customers who gave up
        confirmHead = max(confirmHead, toConfirm.count - 4096)  // holds left to expire
        if holdHead > 4096 { toHold.removeFirst(holdHead); holdHead = 0 }
        if confirmHead > 4096 { toConfirm.removeFirst(confirmHead); confirmHead = 0 }
        if ringHead > 4096 { ring.removeFirst(ringHead); ringHead = 0 }
        let responses = await desk.submit(batch, now: now)
        var outcome = HopOutcome()
        var holdIndex = 0
        for (r, resp) in zip(batch, responses) {
            switch (r, resp) {
            case (.offer(let q), .offered(let slots)):
                // A customer picks one offered slot at random, then the others in turn (the offer's
                // array is kept as it is: no copy per offer).
                toHold.append((slots, Int(rng.nextInt(below: UInt64(slots.count))), 0, q))
            case (.offer, .empty): outcome.refused += 1
            case (.hold, .held(let id, _)): toConfirm.append(id); holdIndex += 1
            case (.hold, .failed(let e)):
                let h = holdsSent[holdIndex]
                holdIndex += 1
                if case .slotUnavailable = e {
                    outcome.refused += 1
                    if h.tried + 1 < h.slots.count { toHold.append((h.slots, h.first, h.tried + 1, h.request)) }
                } else if case .staleOffer = e { outcome.refused += 1 } else { outcome.errors += 1 }
            case (.confirm(let id), .done): ring.append(id); tally.confirmed += 1
            case (.confirm, .failed): outcome.refused += 1  // the hold expired first (time is compressed)
            case (.cancel, .done): break
            default: outcome.errors += 1
            }
        }
        return outcome
    }

    /// The bookings this client holds. - Complexity: O(live).
    public func finish() -> TechnicianTally {
        var t = tally
        t.live = Array(ring[ringHead...])
        return t
    }
}

/// Assistance cases that need a visit, drawn as the scenario's: its severity mix, visit duration and
/// remote share; zones and skills from the roster.
public struct CaseGenerator: Sendable {
    let zones: Int
    let skills: [Skill]
    let severities: [(Severity, Double)]
    let minutes: Int
    let remoteShare: Double
    let hasRemote: Bool
    /// Technicians on the roster the cases are for.
    public let technicians: Int

    /// Cases for `roster` over `zones` zones under `profile`. - Complexity: O(roster).
    public init(profile: LoadProfile, roster: [TechnicianSpec], zones: Int) {
        technicians = roster.count
        self.zones = max(1, zones)
        var skills: [Skill] = []
        for s in Skill.allCases where roster.contains(where: { $0.kind == .field && $0.skills[s] > 0 }) { skills.append(s) }
        self.skills = skills.isEmpty ? [.draughtSystems] : skills
        let total = profile.severityMix.reduce(0) { $0 + $1.1 }
        severities = total > 0 ? profile.severityMix.map { ($0.0, $0.1 / total) } : [(.degraded, 1)]
        minutes = profile.visitMinutes
        remoteShare = profile.remoteShare * 0.3
        hasRemote = roster.contains { $0.kind == .remote }
    }

    /// One case's offer request. - Complexity: O(skills + severities).
    public func request(_ rng: inout RandomStream) -> OfferRequest {
        let zone = Int(rng.nextInt(below: UInt64(zones)))
        let kind: ResourceKind = hasRemote && rng.nextUnit() < remoteShare ? .remote : .field
        let skill = skills[Int(rng.nextInt(below: UInt64(skills.count)))]
        var u = rng.nextUnit()
        var severity = severities.last?.0 ?? .degraded
        for (s, p) in severities { if u < p { severity = s; break }; u -= p }
        let m = Int64(max(30, minutes - 30 + Int(rng.nextInt(below: 61))))
        return OfferRequest(retailer: Int(rng.nextInt(below: 1_000_000)), zone: zone, kind: kind, skill: skill,
                            duration: .minutes(kind == .remote ? 30 : m), severity: severity)
    }
}
