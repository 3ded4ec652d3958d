import DeliveryScheduling
import DiscreteEvents

/// Deterministic synthetic jobs and depot-days for benchmarks and tests (same seed ⇒ same jobs).
public enum SyntheticWorkload {
    /// The benchmark depot: at the centre of a 100 × 100 km area, trucks at 50 km/h.
    public static let depot = Depot(location: Location(x: 50, y: 50), unitsPerHour: 50)

    /// The update of the mixed stream drawn from the random bits `r` (bits 40 and up): a new tier
    /// (10%), deadline (50%), volume (20%) or opening window (20%). - Complexity: O(1).
    public static func update(bits r: UInt64, now: SimTime) -> JobUpdate {
        let which = (r >> 40) % 10
        var change = JobUpdate()
        if which == 0 {
            change.tier = PriorityTier(rawValue: UInt8((r >> 44) % 4))!
        } else if which < 6 {
            change.deadline = now + .minutes(Int64(60 + Int64((r >> 44) % 4000)))
        } else if which < 8 {
            change.volume = Volume(kegs: Int32(1 + (r >> 44) % 4))
        } else {
            let open = Int64(8 * 60 + Int64((r >> 44) % 300))
            change.windows = TimeWindowSet(single: TimeWindow(from: .minutes(open), to: .minutes(open + 180)))
        }
        return change
    }

    /// 08:00–11:00 and 14:00–17:00, the two-window pattern of a fifth of the synthetic jobs.
    public static let morningAndAfternoon = (try? TimeWindowSet([TimeWindow(from: .hours(Int64(8)), to: .hours(Int64(11))),
                                                                 TimeWindow(from: .hours(Int64(14)), to: .hours(Int64(17)))])) ?? .anyTime

    /// A random job for `depot` submitted at `now`: 80 % deliveries, tiers 5 / 15 / 70 / 10 %,
    /// 1–3 kegs, one, two or no windows, a deadline 2–72 h ahead. Draws 3 numbers. - Complexity: O(1).
    @inlinable
    public static func job(depot: DepotID, now: SimTime, promisedDay: Int, rng: inout RandomStream) -> DeliveryJob {
        let a = rng.next(), b = rng.next(), c = rng.next()
        let x = Double(a & 0xFFFF) / 655.36, y = Double((a >> 16) & 0xFFFF) / 655.36
        let t = (a >> 32) % 100
        let tier: PriorityTier = t < 5 ? .urgent : t < 20 ? .high : t < 90 ? .standard : .low
        let k = (a >> 40) % 10
        let kind: JobKind = k < 8 ? .delivery : k == 8 ? .empties : .defectReturn
        let kegs = Int32(1 + (a >> 48) % 3)
        let wk = b % 10
        var windows = TimeWindowSet()
        let open = Int64(8 * 60 + Int64((b >> 8) % 360))  // 08:00–14:00, in minutes
        let width = Int64(120 + Int64((b >> 20) % 120))
        if wk < 6 {
            windows = TimeWindowSet(single: TimeWindow(from: .minutes(open), to: .minutes(open + width)))
        } else if wk < 8 {
            windows = morningAndAfternoon
        }
        let deadline = now + .minutes(Int64(120 + Int64(c % (70 * 60))))
        return DeliveryJob(
            kind: kind, retailer: Int32(truncatingIfNeeded: c >> 32), depot: depot, location: Location(x: x, y: y),
            volume: Volume(kegs: kegs), serviceTime: .minutes(Int64(5 + Int64((c >> 16) % 10))), windows: windows,
            promisedDay: promisedDay, deadline: deadline, tier: tier, value: Int64((c >> 24) % 1000))
    }

    /// A scheduler holding one depot-day: `stops` jobs for day 0 and `vehicles` trucks (60 kegs,
    /// 07:00–18:00). - Complexity: O(stops log stops).
    public static func day(stops: Int, vehicles: Int, seed: UInt64, policy: PriorityPolicy = .earliestDeadline) -> (DeliveryScheduler, DepotID) {
        var s = DeliveryScheduler(policy: policy)
        let d = DepotID(0)
        try! s.addDepot(depot, id: d)
        for _ in 0..<vehicles {
            _ = try! s.addVehicle(Vehicle(depot: d, capacity: Volume(kegs: 60), shiftStart: .hours(Int64(7)), shiftEnd: .hours(Int64(18))))
        }
        var rng = RandomStream(seed: seed, stream: 1)
        for _ in 0..<stops { _ = try! s.submit(job(depot: d, now: .zero, promisedDay: 0, rng: &rng), at: .zero) }
        return (s, d)
    }
}

/// The steady-state mixed operation stream of `jornada bench scheduler`: submit 30 %, update 40 %,
/// cancel 10 %, dispatch-next 20 %, over a scheduler pre-filled with `pending` jobs. The pending count
/// stays near `pending`. Deterministic for a seed.
public struct MixedOperationStream {
    /// The scheduler under test.
    public var scheduler: DeliveryScheduler
    /// The depot used.
    public let depot: DepotID
    @usableFromInline var live: [JobID] = []
    @usableFromInline var livePos: [Int32] = []
    @usableFromInline var rng: RandomStream
    @usableFromInline var now: SimTime = .zero
    /// Pre-generated jobs (deadline relative to submission), so the stream times the scheduler, not
    /// job generation; each submit takes the next one and stamps its deadline.
    @usableFromInline var pool: [DeliveryJob] = []
    @usableFromInline var poolDeadline: [SimDuration] = []
    @usableFromInline var poolNext = 0
    /// Operations of each kind run so far: submit, update, cancel, dispatch.
    public var counts: (submit: Int, update: Int, cancel: Int, dispatch: Int) = (0, 0, 0, 0)

    /// A scheduler pre-filled with `pending` jobs. - Complexity: O(pending log pending).
    public init(pending: Int, seed: UInt64, policy: PriorityPolicy = .earliestDeadline) {
        var s = DeliveryScheduler(policy: policy)
        depot = DepotID(0)
        try! s.addDepot(SyntheticWorkload.depot, id: depot)
        s.reserveCapacity(pending + pending / 4 + 16)
        scheduler = s
        rng = RandomStream(seed: seed, stream: 7)
        var gen = RandomStream(seed: seed, stream: 8)
        for _ in 0..<MixedOperationStream.poolSize {
            let j = SyntheticWorkload.job(depot: depot, now: .zero, promisedDay: 0, rng: &gen)
            pool.append(j)
            poolDeadline.append(j.deadline - .zero)
        }
        live.reserveCapacity(pending + pending / 4 + 16)
        livePos.reserveCapacity(pending + pending / 4 + 16)
        for _ in 0..<pending { submitOne() }
        counts = (0, 0, 0, 0)
    }

    /// Distinct pre-generated jobs cycled through by submits.
    public static let poolSize = 1024

    /// Live jobs the stream knows of.
    public var pendingCount: Int { live.count }

    @inlinable
    mutating func submitOne() {
        let p = poolNext
        poolNext = (p + 1) & (MixedOperationStream.poolSize - 1)
        var job = pool[p]
        job.deadline = now + poolDeadline[p]
        let id = try! scheduler.submit(job, at: now)
        let s = Int(id.slot)
        while livePos.count <= s { livePos.append(-1) }
        livePos[s] = Int32(live.count)
        live.append(id)
        counts.submit += 1
    }

    @inlinable
    mutating func forget(_ id: JobID) {
        let p = Int(livePos[Int(id.slot)])
        let last = live.removeLast()
        if p < live.count {
            live[p] = last
            livePos[Int(last.slot)] = Int32(p)
        }
        livePos[Int(id.slot)] = -1
    }

    /// Runs `operations` operations; returns a checksum of the dispatched jobs (keeps the work
    /// observable). - Complexity: O(operations × log pending).
    @inlinable
    public mutating func run(operations: Int) -> UInt64 {
        var checksum: UInt64 = 0
        for _ in 0..<operations {
            now.ticks += 1_000  // 1 ms of simulated time per operation
            let r = rng.next()
            let op = r % 100
            if live.isEmpty || op < 30 {
                submitOne()
            } else if op < 70 {
                let id = live[Int((r >> 8) % UInt64(live.count))]
                let change = SyntheticWorkload.update(bits: r, now: now)
                try! scheduler.update(id, change)
                counts.update += 1
            } else if op < 80 {
                let id = live[Int((r >> 8) % UInt64(live.count))]
                try! scheduler.cancel(id)
                forget(id)
                counts.cancel += 1
            } else {
                if let d = try! scheduler.dispatchNext(depot: depot) {
                    forget(d.id)
                    checksum &+= UInt64(d.id.slot) &* 31 &+ UInt64(d.job.retailer & 0xFF)
                }
                counts.dispatch += 1
            }
        }
        return checksum
    }
}

/// A depot-day shaped like one of the national scenario's (`Scenarios/national.yaml`): a depot at the
/// centre of its 60 × 60 km patch (the scenario's run from 40 × 40 to 90 × 90), 60 % of the retailers
/// around three towns (a triangular offset of up to 18 km, as the journeys place them), trucks at
/// 40 km/h; per 3,500 stops 160 trucks of 100 kegs / 400 cases (07:00–17:00) and 40 of 40 / 150
/// (08:00–16:00); the five segments' delivery hours (café 08–12 + 14–17 40 %, bar 10–13 + 15–18 25 %,
/// restaurant 09–11 + 15–18 20 %, shop 08–13 12 %, distributor 07–16 3 %); 0–6 kegs and 2–20 cases a
/// delivery, 8–16 min service, 5 % empties pickups, a tenth of the jobs one tier up (carried over),
/// deadlines at the day's end as the journeys set them.
public enum NationalDayWorkload {
    /// The depot of the patch (40 km/h).
    public static let depot = Depot(location: Location(x: 30, y: 30), unitsPerHour: 40)

    /// Trucks for a day of `stops` stops: 200 per 3,500, four big ones for each small one.
    /// - Complexity: O(1).
    public static func trucks(stops: Int) -> (big: Int, small: Int) {
        let total = Swift.max(1, Int((Double(stops) * 200 / 3_500).rounded()))
        let small = total / 5
        return (total - small, small)
    }

    static func windows(_ hours: [(Int64, Int64)]) -> TimeWindowSet {
        (try? TimeWindowSet(hours.map { TimeWindow(from: .hours($0.0), to: .hours($0.1)) })) ?? .anyTime
    }
    static let segmentWindows: [TimeWindowSet] = [
        windows([(8, 12), (14, 17)]), windows([(10, 13), (15, 18)]), windows([(9, 11), (15, 18)]), windows([(8, 13)]), windows([(7, 16)]),
    ]

    /// A scheduler holding one national-shaped depot-day of `stops` jobs for day 0, with `trucks(stops:)`
    /// trucks (or `vehicles` when given, in the same 4:1 mix), and the jobs' ids in submission order.
    /// Deterministic for a seed. - Complexity: O(stops log stops).
    public static func day(stops: Int, seed: UInt64, vehicles: Int? = nil,
                           policy: PriorityPolicy = .earliestDeadline) -> (scheduler: DeliveryScheduler, depot: DepotID, jobs: [JobID]) {
        var s = DeliveryScheduler(policy: policy)
        let d = DepotID(0)
        try! s.addDepot(depot, id: d)
        var (big, small) = trucks(stops: stops)
        if let vehicles { small = vehicles / 5; big = vehicles - small }
        for _ in 0..<big {
            _ = try! s.addVehicle(Vehicle(depot: d, capacity: Volume(kegs: 100, cases: 400), shiftStart: .hours(Int64(7)), shiftEnd: .hours(Int64(17))))
        }
        for _ in 0..<small {
            _ = try! s.addVehicle(Vehicle(depot: d, capacity: Volume(kegs: 40, cases: 150), shiftStart: .hours(Int64(8)), shiftEnd: .hours(Int64(16))))
        }
        var rng = RandomStream(seed: seed, stream: 21)
        var ids: [JobID] = []
        ids.reserveCapacity(stops)
        var towns: [Location] = []
        for _ in 0..<3 { towns.append(Location(x: rng.nextUnit() * 60, y: rng.nextUnit() * 60)) }
        for i in 0..<stops {
            let place: Location
            if rng.nextUnit() >= 0.6 {
                place = Location(x: rng.nextUnit() * 60, y: rng.nextUnit() * 60)
            } else {
                let t = towns[Int(rng.next() % 3)]
                let dx = (rng.nextUnit() - rng.nextUnit()) * 18, dy = (rng.nextUnit() - rng.nextUnit()) * 18
                place = Location(x: Swift.min(60, Swift.max(0, t.x + dx)), y: Swift.min(60, Swift.max(0, t.y + dy)))
            }
            let u = rng.nextUnit()
            let segment = u < 0.40 ? 0 : u < 0.65 ? 1 : u < 0.85 ? 2 : u < 0.97 ? 3 : 4
            let pickup = rng.next() % 20 == 0
            let kegs = segment == 3 ? 0 : Int32(rng.next() % 7)
            let cases = Int32(2 + rng.next() % 19)
            let job = DeliveryJob(
                kind: pickup ? .empties : .delivery, retailer: Int32(i), depot: d, location: place,
                volume: pickup ? Volume(kegs: Swift.max(1, kegs)) : Volume(kegs: kegs, cases: cases),
                serviceTime: .minutes(Int64(8 + rng.next() % 9)), windows: segmentWindows[segment], promisedDay: 0,
                deadline: SimTime(day: 1), tier: rng.next() % 10 == 0 ? .high : .standard, value: Int64(rng.next() % 1000))
            ids.append(try! s.submit(job, at: .zero))
        }
        return (s, d, ids)
    }
}
