import DiscreteEvents
import Foundation
import TechnicianBooking
import EngineWorkloads

extension TechnicianBench {
    /// Settings of the desk measurement.
    public struct DeskConfig: Sendable {
        /// Technicians in the one region.
        public var technicians: Int
        /// Calendar days.
        public var days: Int
        /// Concurrent clients.
        public var clients: Int
        /// Requests per batch.
        public var batch: Int
        /// Total requests over all clients.
        public var requests: Int
        /// Seed.
        public var seed: UInt64
        /// A configuration. - Complexity: O(1).
        public init(technicians: Int, days: Int, clients: Int, batch: Int, requests: Int, seed: UInt64) {
            self.technicians = technicians; self.days = days; self.clients = clients
            self.batch = batch; self.requests = requests; self.seed = seed
        }
    }

    struct ClientTally: Sendable {
        var requests = 0, conflicts = 0, confirmed = 0, cancelled = 0, empty = 0
        var live: [ReservationID] = []
    }

    /// One client: batches of offers, holds on one slot of each previous offer (racing the other
    /// clients for the same slots; on a conflict the next offered slot is tried, then a new offer),
    /// confirms of the previous holds, and cancels beyond a window of live bookings so the calendar
    /// stays in a steady state.
    static func client(_ desk: TechnicianDesk, _ region: SyntheticRegion, _ c: DeskConfig, id: Int, quota: Int) async -> ClientTally {
        var rng = RandomStream(seed: c.seed, stream: 1000 + UInt64(id))
        var tally = ClientTally()
        // Offered slots still to try, per session: the client holds one at random and, when another
        // client was faster, falls back to the next one before asking for a new offer.
        var toHold: [(slots: [SlotOffer], next: Int, request: OfferRequest)] = []
        var pending: [(slots: [SlotOffer], next: Int, request: OfferRequest)] = []
        var toConfirm: [ReservationID] = []
        var ring: [ReservationID] = []
        var ringHead = 0
        let window = 1500
        var tick = 0
        let ttl = SimDuration.minutes(Int64(10))
        var batch: [DeskRequest] = []
        batch.reserveCapacity(c.batch)
        while tally.requests < quota {
            batch.removeAll(keepingCapacity: true)
            for id in toConfirm { batch.append(.confirm(id)) }
            for h in toHold { batch.append(.hold(h.slots[h.next], h.request, ttl: ttl)) }
            swap(&toHold, &pending)
            toHold.removeAll(keepingCapacity: true)
            toConfirm.removeAll(keepingCapacity: true)
            var holdIndex = 0
            while ring.count - ringHead > window && batch.count < c.batch {
                batch.append(.cancel(ring[ringHead])); ringHead += 1
            }
            while batch.count < c.batch { batch.append(.offer(region.request(&rng))) }
            if ringHead > 4096 { ring.removeFirst(ringHead); ringHead = 0 }
            tick += 1
            let now = SimTime(day: 0, hour: 8) + SimDuration.milliseconds(Int64(tick))
            let responses = await desk.submit(batch, now: now)
            tally.requests += batch.count
            for (r, resp) in zip(batch, responses) {
                switch (r, resp) {
                case (.offer(let q), .offered(let slots)):
                    var order = slots
                    order.swapAt(0, Int(rng.nextInt(below: UInt64(slots.count))))
                    toHold.append((order, 0, q))
                case (.offer, .empty): tally.empty += 1
                case (.hold, .held(let id, _)): toConfirm.append(id); holdIndex += 1
                case (.hold, .failed):
                    tally.conflicts += 1
                    let h = pending[holdIndex]
                    holdIndex += 1
                    if h.next + 1 < h.slots.count { toHold.append((h.slots, h.next + 1, h.request)) }
                case (.confirm(let id), .done): ring.append(id); tally.confirmed += 1
                case (.cancel, .done): tally.cancelled += 1
                default: break
                }
            }
        }
        tally.live = Array(ring[ringHead...])
        return tally
    }

    /// Runs the desk with `clients` concurrent clients, then audits every calendar.
    /// - Complexity: O(requests).
    public static func runDesk(_ c: DeskConfig) async -> BenchRecord {
        let region = SyntheticRegion(technicians: c.technicians, days: c.days, zoneGrid: zoneGrid(c.technicians), seed: c.seed)
        var a = region.makeAllocator()
        region.prefill(&a, fraction: 0.3, seed: c.seed)
        let desk = TechnicianDesk(region: 0, allocator: a)
        let quota = max(1, c.requests / max(1, c.clients))
        let start = BenchClock.nanoseconds()
        let tallies = await withTaskGroup(of: ClientTally.self) { group in
            for i in 0..<c.clients { group.addTask { await client(desk, region, c, id: i, quota: quota) } }
            var all: [ClientTally] = []
            for await t in group { all.append(t) }
            return all
        }
        let seconds = Double(BenchClock.nanoseconds() - start) / 1e9
        let audit = await desk.audit()
        let snapshot = await desk.snapshot()
        // Every booking a client believes it holds must be live, booked and unique.
        let live = tallies.flatMap(\.live)
        let lost = live.filter { snapshot.reservation($0)?.state != .booked }.count + (live.count - Set(live).count)
        let requests = tallies.reduce(0) { $0 + $1.requests }
        return BenchRecord([
            ("technicians", .int(c.technicians)), ("days", .int(c.days)), ("clients", .int(c.clients)), ("batch", .int(c.batch)),
            ("requests", .int(requests)), ("requestsPerSecond", .double(Double(requests) / seconds)),
            ("confirmed", .int(tallies.reduce(0) { $0 + $1.confirmed })), ("holdConflicts", .int(tallies.reduce(0) { $0 + $1.conflicts })),
            ("emptyOffers", .int(tallies.reduce(0) { $0 + $1.empty })),
            ("doubleBookings", .int(audit.doubleBookings)), ("lostBookings", .int(lost)),
            ("auditClean", .text(audit.isClean ? "yes" : "no")),
        ])
    }

    /// `runDesk` from synchronous code (the CLI's commands are synchronous). - Complexity: O(requests).
    public static func runDeskBlocking(_ c: DeskConfig) -> BenchRecord {
        BenchClock.blocking { await runDesk(c) }
    }
}
