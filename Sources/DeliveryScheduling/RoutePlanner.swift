import DiscreteEvents

/// Tuning of `planDay`. The fast setting (the default, also `PlanOptions.fast`) is cheapest insertion
/// plus a local search whose budget is counted in move evaluations, never wall time, so a plan is the
/// same on any machine. The quality setting (`PlanOptions.quality(timeLimit:)`) adds a ruin-and-recreate
/// search (string removals, SISR) of `ruinRecreateIterations` iterations drawn from `seed`: the result
/// depends on the seed and the iteration budget only — unless `timeLimit` stops it earlier, which makes
/// it depend on the machine's speed too.
public struct PlanOptions: Sendable, Hashable {
    /// Most candidate moves (relocate, 2-opt, 2-opt*) evaluated by each local-search phase (one after
    /// insertion, one after route elimination); 0 turns local search off.
    public var maxMoveEvaluations: Int
    /// Most full improvement passes over all stops.
    public var maxPasses: Int
    /// How many nearest stops each stop considers as neighbours for inter-route moves.
    public var neighbours: Int
    /// Whether, once every job is planned, to try emptying the shortest routes into the others (fewer
    /// trucks, usually a little more distance).
    public var eliminateRoutes: Bool
    /// Ruin-and-recreate iterations after the local search (0, the fast setting, turns it off).
    public var ruinRecreateIterations: Int
    /// The seed of the ruin-and-recreate search's random stream.
    public var seed: UInt64
    /// A wall-clock limit on the ruin-and-recreate search, checked as an added stop condition (nil: the
    /// iteration budget alone decides, and the plan is reproducible). A plan stopped by the clock is not.
    public var timeLimit: Duration?
    /// Largest day planned as one piece: a day of more stops is cut into angular sectors around the depot
    /// of at most this many stops each, planned one after another (each with the local-search budget
    /// above — a large day's sectors share it, `largeDayStops` — and its share of the ruin-and-recreate
    /// iterations and time limit), so planning time grows about linearly with the stops; 0 never cuts.
    public var maxStopsPerSector: Int
    /// Stops per sector once a day is cut (it has more than `maxStopsPerSector` stops): construction
    /// costs O(s) per stop for sectors of s stops, so a cut day uses smaller sectors than the largest
    /// day planned whole (at most `maxStopsPerSector`; 0 uses `maxStopsPerSector`). A day of
    /// `maxStopsPerSector` stops or fewer is planned exactly as before.
    public var cutSectorStops: Int
    /// Smallest day planned the large-day way: a cut day of more stops than this inserts by
    /// neighbourhood (`cutInsertionNeighbours`), shares the local-search budget among its sectors by
    /// their stops, and starts its routes small; cut days up to it are planned as before (the bundled
    /// scenarios' largest depot-days, about 1,200 candidates, are pinned by the golden outcomes).
    /// `Int.max` plans every cut day as before.
    public var largeDayStops: Int
    /// On a large day (`largeDayStops`), each stop's construction insertion tries only the positions
    /// next to its this many nearest stops that are already routed, plus the first empty truck of each
    /// kind (the full search of every position when none of those fits): O(k) position tests a stop
    /// instead of O(positions). 0 searches every position; a day planned whole always does.
    public var cutInsertionNeighbours: Int

    /// Options; the defaults are the fast setting, which plans a depot-day of 1,000 stops as one piece
    /// and larger days by sectors.
    public init(maxMoveEvaluations: Int = 2_000_000, maxPasses: Int = 30, neighbours: Int = 12, eliminateRoutes: Bool = true,
                ruinRecreateIterations: Int = 0, seed: UInt64 = 1, timeLimit: Duration? = nil, maxStopsPerSector: Int = 1_000,
                cutSectorStops: Int = 0, largeDayStops: Int = 2_000, cutInsertionNeighbours: Int = 12) {
        self.maxStopsPerSector = maxStopsPerSector
        self.cutSectorStops = cutSectorStops
        self.largeDayStops = largeDayStops
        self.cutInsertionNeighbours = cutInsertionNeighbours
        self.maxMoveEvaluations = maxMoveEvaluations
        self.maxPasses = maxPasses
        self.neighbours = neighbours
        self.eliminateRoutes = eliminateRoutes
        self.ruinRecreateIterations = ruinRecreateIterations
        self.seed = seed
        self.timeLimit = timeLimit
    }

    /// The simulation's setting: insertion and local search only (the default).
    public static let fast = PlanOptions()

    /// The planners' setting: ruin-and-recreate for up to `iterations` iterations, stopped early by
    /// `timeLimit` when one is given (nil for a reproducible plan).
    public static func quality(timeLimit: Duration? = .seconds(1), iterations: Int = 2_000_000, seed: UInt64 = 1) -> PlanOptions {
        PlanOptions(ruinRecreateIterations: iterations, seed: seed, timeLimit: timeLimit)
    }
}

/// One truck as the planner sees it (times in ticks since the day's midnight).
struct PlannerVehicle {
    var capacity: Volume
    var shiftStart: Int64
    var shiftEnd: Int64
}

/// The day planner: priority-ordered cheapest insertion, then relocate / 2-opt / 2-opt* local search
/// under an evaluation budget. Internal; reached through `DeliveryScheduler.planDay`.
struct RoutePlanner {
    // Stops 0..<n, the depot at index n.
    var xs: [Double]
    var ys: [Double]
    var service: [Int64]
    var windows: [TimeWindowSet]
    var volume: [Volume]
    var isPickup: [Bool]
    /// Priority tier of each stop (0 most urgent), for ruin-and-recreate's objective.
    var tier: [UInt8]
    /// Latest service end of each stop in ticks since midnight (`Int64.max`: no deadline).
    var deadline: [Int64]
    /// Stops whose windows were cut to meet their deadline, with their windows before the cut.
    var deadlineCut: [(stop: Int32, windows: TimeWindowSet)] = []
    /// Allowed planner vehicle per stop: -1 any, ≥ 0 only that one, -2 none (pinned elsewhere).
    var pinnedTo: [Int32]
    var ticksPerUnit: Double
    var fleet: [PlannerVehicle]
    var depotX: Double
    var depotY: Double

    // Routes, flattened (trivial element types only, so hot loops never retain): route r owns
    // sequence positions 0...m+1 at `r * stride + k` (0 and m+1 are the depot), and stops 1...m at
    // `seq[r * stride + k - 1]`.
    var stride = 0
    var length: [Int] = []
    var seq: [Int32] = []
    /// Service start at each position (0: departure from the depot; m+1: arrival back).
    var start: [Int64] = []
    /// Latest feasible service start at each position (m+1: shift end).
    var latest: [Int64] = []
    /// Load on board after each position (0: leaving the depot).
    var load: [Volume] = []
    /// Max of `load[0...k]` and of `load[k...m]`.
    var prefixMax: [Volume] = []
    var suffixMax: [Volume] = []
    var distance: [Double] = []

    /// Nearest stops of each stop, flat (`NeighbourTable`): stop i's row is `neighbourTable[i *
    /// neighbourWidth ..< (i + 1) * neighbourWidth]`, nearest first; computed once per plan, by `planAll`
    /// on a large day, else by the first local-search phase (`neighboursReady`).
    var neighbourTable: [Int32] = []
    var neighbourWidth = 0
    /// How many of a row's first entries the local search uses (`PlanOptions.neighbours`, at most the
    /// row) and `insertNear` uses (`insertionNeighbours`, at most the row).
    var neighbourCount = 0
    var insertionCount = 0
    /// Whether `neighbourTable` holds the local search's lists, and whether it holds `insertNear`'s.
    var neighboursReady = false
    var insertionReady = false
    /// Neighbours each stop's construction insertion looks next to (`insertNear`); 0, the default and
    /// the setting of every day planned whole, searches every position (`insertCheapest`).
    var insertionNeighbours = 0
    /// Full searches `insertNear` may still run for stops that fit nowhere nearby.
    var fullSearchesLeft = 0
    /// Routes that take no insertions (while route elimination empties them).
    var closed: [Bool] = []
    /// Route of each stop (-1 unassigned) and its sequence position.
    var routeOf: [Int32]
    var positionOf: [Int32]
    var evaluations = 0
    var improvements = 0
    /// Counts route changes; `changedAt[r]` is its value at route `r`'s last change (every change goes
    /// through `recompute(route:)`), so a search step can tell that nothing it looked at has changed.
    var changeClock = 0
    var changedAt: [Int] = []
    /// Don't-look marks of the local search (`improve`): the change clock when a stop's inter-route
    /// moves, or a route's 2-opt, last found nothing (-1: never looked).
    var stopLooked: [Int] = []
    var routeLooked: [Int] = []
    /// Travel ticks from position k-1 to position k of each route (k ≥ 1).
    var travelTo: [Int64] = []
    /// Deliveries unloaded at positions 1...k of each route (0: none), for O(1) load checks of 2-opt*.
    var delivered: [Volume] = []
    /// Length of the edge from position k-1 to position k of each route (k ≥ 1): `dist` of its two
    /// nodes, so a cost read from it is the very number `dist` would give.
    var edge: [Double] = []
    /// Distance driven from the depot to position k of each route, summed edge by edge from the depot
    /// (so a recompute that keeps a route's head continues the very same sum).
    var travelled: [Double] = []
    var n: Int { service.count }
    var routeCount: Int { fleet.count }

    init(depot: Location, ticksPerUnit: Double, fleet: [PlannerVehicle], stops: Int) {
        xs = []; ys = []; service = []; windows = []; volume = []; isPickup = []; pinnedTo = []; tier = []; deadline = []
        xs.reserveCapacity(stops + 1); ys.reserveCapacity(stops + 1)
        service.reserveCapacity(stops); windows.reserveCapacity(stops); volume.reserveCapacity(stops)
        isPickup.reserveCapacity(stops); pinnedTo.reserveCapacity(stops); tier.reserveCapacity(stops); deadline.reserveCapacity(stops)
        self.ticksPerUnit = ticksPerUnit
        self.fleet = fleet
        routeOf = []
        positionOf = []
        depotX = depot.x
        depotY = depot.y
    }

    /// Adds a stop. A `deadline` (latest service end, ticks since midnight) that service can still
    /// meet inside the stop's windows cuts those windows (the deadline is a hard limit); one already out
    /// of reach leaves them as they are, and the stop is reported late if planned. - Complexity: O(1).
    mutating func addStop(location: Location, service: Int64, windows: TimeWindowSet, volume: Volume, isPickup: Bool, pinnedTo: Int32,
                          tier: UInt8 = 2, deadline: Int64 = .max) {
        var w = windows
        if deadline < .max, let cut = windows.cut(startingBy: deadline &- service) {
            if cut != windows { deadlineCut.append((Int32(self.service.count), windows)) }
            w = cut
        }
        xs.append(location.x); ys.append(location.y)
        self.service.append(service); self.windows.append(w); self.volume.append(volume)
        self.isPickup.append(isPickup); self.pinnedTo.append(pinnedTo)
        self.tier.append(tier); self.deadline.append(deadline)
    }

    /// Gives stop `j` its windows back if they were cut to meet its deadline, so that it can still be
    /// planned, late; false when they were not cut. - Complexity: O(cut stops).
    mutating func relaxDeadline(of j: Int) -> Bool {
        guard let i = deadlineCut.firstIndex(where: { Int($0.stop) == j }) else { return false }
        windows[j] = deadlineCut[i].windows
        deadlineCut.remove(at: i)
        return true
    }

    /// Call once all stops are added. A route has room for `routeRoom` stops (at most all of them, the
    /// default) and grows when one needs more (`grow(toHold:)`): a cut day's sectors start small, so
    /// they never allocate and clear n × vehicles entries. - Complexity: O(min(n, routeRoom) × vehicles).
    mutating func finishSetup(routeRoom: Int = .max) {
        xs.append(depotX); ys.append(depotY)
        routeOf = Array(repeating: -1, count: n)
        positionOf = Array(repeating: -1, count: n)
        allocateRoutes(stride: Swift.min(n, Swift.max(1, routeRoom)) + 2)
    }

    /// Gives every route room for `stops` stops when it has less, keeping the routes and their caches
    /// as they are (copied, never recomputed: a move may grow the routes halfway, between rewriting its
    /// two routes, when a recompute of the second would claim stops the first has just taken).
    /// - Complexity: O(1) when there is room, else O(stops × vehicles).
    @inline(__always)
    mutating func grow(toHold stops: Int) {
        guard stops + 2 > stride else { return }
        let oldStride = stride
        let old = (seq: seq, start: start, latest: latest, load: load, prefixMax: prefixMax, suffixMax: suffixMax,
                   delivered: delivered, travelTo: travelTo, travelled: travelled, edge: edge)
        allocateRoutes(stride: Swift.min(n, Swift.max(stops, 2 * (stride - 2))) + 2)
        for r in 0..<routeCount {
            let from = r * oldStride, to = r * stride
            for k in 0...(length[r] + 1) {
                seq[to + k] = old.seq[from + k]
                start[to + k] = old.start[from + k]; latest[to + k] = old.latest[from + k]; load[to + k] = old.load[from + k]
                prefixMax[to + k] = old.prefixMax[from + k]; suffixMax[to + k] = old.suffixMax[from + k]
                delivered[to + k] = old.delivered[from + k]; travelTo[to + k] = old.travelTo[from + k]
                travelled[to + k] = old.travelled[from + k]; edge[to + k] = old.edge[from + k]
            }
        }
    }

    /// Allocates the flattened per-position arrays for routes of `stride` positions (routes keep their
    /// lengths; the caller refills `seq` and recomputes). - Complexity: O(stride × vehicles).
    private mutating func allocateRoutes(stride newStride: Int) {
        stride = newStride
        let total = stride * fleet.count
        if length.count != fleet.count {
            length = Array(repeating: 0, count: fleet.count)
            closed = Array(repeating: false, count: fleet.count)
            distance = Array(repeating: 0, count: fleet.count)
        }
        seq = Array(repeating: 0, count: total)
        start = Array(repeating: 0, count: total)
        latest = Array(repeating: 0, count: total)
        load = Array(repeating: .zero, count: total)
        prefixMax = Array(repeating: .zero, count: total)
        suffixMax = Array(repeating: .zero, count: total)
        delivered = Array(repeating: .zero, count: total)
        travelTo = Array(repeating: 0, count: total)
        travelled = Array(repeating: 0, count: total)
        edge = Array(repeating: 0, count: total)
        if changedAt.count != fleet.count {
            changedAt = Array(repeating: 0, count: fleet.count)
            for r in fleet.indices { recompute(route: r) }
        }
    }

    @inline(__always) func dist(_ a: Int, _ b: Int) -> Double {
        let dx = xs[a] - xs[b], dy = ys[a] - ys[b]
        return (dx * dx + dy * dy).squareRoot()
    }
    @inline(__always) func travel(_ a: Int, _ b: Int) -> Int64 { Int64(dist(a, b) * ticksPerUnit) }
    @inline(__always) func serviceAt(_ node: Int) -> Int64 { node == n ? 0 : service[node] }

    /// The node (stop index, or n for the depot) at sequence position `k` of route `r`.
    @inline(__always) func node(_ r: Int, _ k: Int) -> Int {
        (k == 0 || k == length[r] + 1) ? n : Int(seq[r * stride + k - 1])
    }

    /// The stops of route `r` in order (allocates). - Complexity: O(route).
    func stops(of r: Int) -> [Int32] { Array(seq[(r * stride)..<(r * stride + length[r])]) }

    /// Replaces route `r`'s stops and rebuilds its cache. - Complexity: O(route).
    mutating func setStops(_ r: Int, _ stops: [Int32]) {
        grow(toHold: stops.count)
        let base = r * stride
        for (i, s) in stops.enumerated() { seq[base + i] = s }
        length[r] = stops.count
        recompute(route: r)
    }

    /// Inserts stop `j` after position `k` of route `r`: the caches before the new stop, and the latest
    /// starts and edges after its successor, are kept (those shifted one place on), the rest rebuilt, to the values
    /// of a full `recompute(route:)`. - Complexity: O(route) (amortised, with `grow`).
    mutating func insert(_ j: Int, route r: Int, after k: Int) {
        grow(toHold: length[r] + 1)
        let base = r * stride
        let m = length[r]
        var i = m
        while i > k { seq[base + i] = seq[base + i - 1]; i -= 1 }
        seq[base + k] = Int32(j)
        // The stops after the new one keep their successors, so their latest starts move one place on,
        // and so do the edges after the new one's successor.
        i = m + 2
        while i > k + 1 {
            latest[base + i] = latest[base + i - 1]
            if i > k + 2 { edge[base + i] = edge[base + i - 1]; travelTo[base + i] = travelTo[base + i - 1] }
            i -= 1
        }
        // Loads, exactly as a rebuild sums them (wrapping integer sums): a delivery is on board from the
        // depot to its stop, a pickup from its stop back; the other stops' changes are as before.
        let vj = volume[j], pickup = isPickup[j]
        i = m + 2
        while i > k + 1 { load[base + i] = pickup ? load[base + i - 1] + vj : load[base + i - 1]; i -= 1 }
        if pickup {
            load[base + k + 1] = load[base + k] + vj
        } else {
            for p in 0...k { load[base + p] = load[base + p] + vj }
            load[base + k + 1] = load[base + k] - vj
        }
        length[r] = m + 1
        recompute(route: r, keepingThrough: k, latestFrom: k + 2, edgesFrom: k + 3, loadsSet: true)
    }

    /// Rebuilds the cached times, loads and distance of route `r`. - Complexity: O(route).
    mutating func recompute(route r: Int) {
        recompute(route: r, keepingThrough: 0, latestFrom: length[r] + 2, edgesFrom: length[r] + 2, loadsSet: false)
    }

    /// Rebuilds route `r`'s caches as `recompute(route:)` does, to the same values, trusting those that
    /// cannot have changed: the forward ones (`start`, `travelTo`, `delivered`, `travelled`, `positionOf`,
    /// `routeOf`) at positions 0...`kept`, whose stops before them are as when they were computed, and
    /// `latest` at positions `latestFrom`... (at least 1), whose stops after them and shift end are as
    /// when it was computed (shifted into place by the caller), and `edge` and `travelTo` at positions
    /// `edgesFrom`..., whose two nodes are as when they were computed (shifted by the caller). Loads are
    /// rebuilt whole unless `loadsSet` (the caller has set them, exactly: wrapping integer sums), their
    /// maxima always; so is the change clock's step.
    /// - Complexity: O(route), with window look-ups only at positions after `kept` and before
    ///   `latestFrom`, and distances only between those and `edgesFrom`.
    mutating func recompute(route r: Int, keepingThrough kept: Int, latestFrom: Int, edgesFrom: Int, loadsSet: Bool) {
        let m = length[r]
        let v = fleet[r]
        let base = r * stride
        changeClock += 1
        changedAt[r] = changeClock
        delivered[base] = .zero
        travelled[base] = 0
        start[base] = v.shiftStart
        var prev = kept == 0 ? n : Int(seq[base + kept - 1])
        var t = start[base + kept]
        var d = travelled[base + kept]  // the distance summed in the same order as from the depot
        for k in (kept + 1)...(m + 1) {
            let cur = k == m + 1 ? n : Int(seq[base + k - 1])
            let edgeLength: Double, ticks: Int64
            if k >= edgesFrom {
                edgeLength = edge[base + k]; ticks = travelTo[base + k]
            } else {
                edgeLength = dist(prev, cur); ticks = Int64(edgeLength * ticksPerUnit)
                edge[base + k] = edgeLength; travelTo[base + k] = ticks
            }
            let arrival = t + serviceAt(prev) + ticks
            d += edgeLength
            travelled[base + k] = d
            if cur == n {
                start[base + k] = arrival
            } else {
                start[base + k] = windows[cur].earliestStart(arrivingAt: arrival) ?? Int64.max / 4
                delivered[base + k] = isPickup[cur] ? delivered[base + k - 1] : delivered[base + k - 1] + volume[cur]
                positionOf[cur] = Int32(k)
                routeOf[cur] = Int32(r)
            }
            t = start[base + k]
            prev = cur
        }
        distance[r] = m == 0 ? 0 : d
        latest[base + m + 1] = v.shiftEnd
        let firstTrusted = Swift.min(latestFrom, m + 1)
        if firstTrusted > 1 {
            for k in Swift.stride(from: firstTrusted - 1, through: 1, by: -1) {
                let cur = Int(seq[base + k - 1])
                let limit = latest[base + k + 1] - service[cur] - travelTo[base + k + 1]
                latest[base + k] = windows[cur].latestStart(notAfter: limit) ?? Int64.min / 4
            }
        }
        latest[base] = latest[base + 1] - (m == 0 ? 0 : travelTo[base + 1])
        rebuildLoads(route: r, loadsSet: loadsSet)
    }

    /// Rebuilds route `r`'s loads (`load`: every delivery on board leaving the depot, then each stop's
    /// change; kept when `loadsSet`) and their running maxima (`prefixMax`, `suffixMax`), through
    /// unchecked buffers (every index is inside the route's positions 0...m+1). - Complexity: O(route).
    private mutating func rebuildLoads(route r: Int, loadsSet: Bool) {
        let m = length[r]
        let base = r * stride
        seq.withUnsafeBufferPointer { Q in volume.withUnsafeBufferPointer { V in isPickup.withUnsafeBufferPointer { P in
        load.withUnsafeMutableBufferPointer { L in prefixMax.withUnsafeMutableBufferPointer { PM in
        suffixMax.withUnsafeMutableBufferPointer { SM in
            if !loadsSet {
                var initial = Volume.zero
                for i in 0..<m where !P[Int(Q[base + i])] { initial = initial + V[Int(Q[base + i])] }
                L[base] = initial
                var running = initial
                for k in 1...(m + 1) {
                    if k <= m {
                        let cur = Int(Q[base + k - 1])
                        running = P[cur] ? running + V[cur] : running - V[cur]
                    }
                    L[base + k] = running
                }
            }
            PM[base] = L[base]
            if m >= 1 { for k in 1...m { PM[base + k] = Volume.componentMax(PM[base + k - 1], L[base + k]) } }
            PM[base + m + 1] = PM[base + m]
            SM[base + m + 1] = L[base + m]
            SM[base + m] = L[base + m]
            if m >= 1 {
                for k in Swift.stride(from: m - 1, through: 0, by: -1) {
                    SM[base + k] = Volume.componentMax(SM[base + k + 1], L[base + k])
                }
            }
        } } } } } }
    }

    /// Cost of inserting stop `j` between positions `k` and `k+1` of route `r`, or nil when the
    /// insertion breaks a window, the shift or the capacity. - Complexity: O(windows).
    @inline(__always)
    func insertionCost(_ j: Int, route r: Int, after k: Int) -> Double? {
        let base = r * stride
        let cap = fleet[r].capacity
        let vol = volume[j]
        if isPickup[j] {
            if !(suffixMax[base + k] + vol).fits(in: cap) { return nil }
        } else {
            if !(prefixMax[base + k] + vol).fits(in: cap) { return nil }
        }
        let m = length[r]
        let prev = k == 0 ? n : Int(seq[base + k - 1])
        let next = k == m ? n : Int(seq[base + k])
        let arrival = start[base + k] + serviceAt(prev) + travel(prev, j)
        guard let sj = windows[j].earliestStart(arrivingAt: arrival) else { return nil }
        let arriveNext = sj + service[j] + travel(j, next)
        if arriveNext > latest[base + k + 1] { return nil }
        if m == 0 { return dist(n, j) * 2 }
        return dist(prev, j) + dist(j, next) - dist(prev, next)
    }

    /// Whether the stop sequence `stops` is feasible on vehicle `r` (times and capacity), with its
    /// distance. - Complexity: O(stops).
    func evaluate(_ stops: [Int32], vehicle r: Int) -> Double? {
        evaluateSequence(vehicle: r, count: stops.count) { Int(stops[$0]) }
    }

    /// As `evaluate`, for the virtual sequence `stopAt(0..<count)` (no array is built).
    /// - Complexity: O(count).
    @inline(__always)
    func evaluateSequence(vehicle r: Int, count: Int, _ stopAt: (Int) -> Int) -> Double? {
        let v = fleet[r]
        var load = Volume.zero
        for k in 0..<count where !isPickup[stopAt(k)] { load = load + volume[stopAt(k)] }
        if !load.fits(in: v.capacity) { return nil }
        var t = v.shiftStart
        var prev = n
        var d = 0.0
        for k in 0..<count {
            let cur = stopAt(k)
            let arrival = t + serviceAt(prev) + travel(prev, cur)
            guard let st = windows[cur].earliestStart(arrivingAt: arrival) else { return nil }
            t = st
            load = isPickup[cur] ? load + volume[cur] : load - volume[cur]
            if !load.fits(in: v.capacity) { return nil }
            d += dist(prev, cur)
            prev = cur
        }
        if t + serviceAt(prev) + travel(prev, n) > v.shiftEnd { return nil }
        return count == 0 ? 0 : d + dist(prev, n)
    }

    /// Inserts `j` at the cheapest feasible position over all allowed routes (the first of equally cheap
    /// ones, in route then position order). Each position is checked cheapest test first — the distance
    /// added (skipped unless it beats the best so far), then capacity, then time — a route is left as soon
    /// as its stops start after `j`'s last window has closed, and a route too full at its emptiest point
    /// is not searched; none of these shortcuts changes which position wins.
    /// - Complexity: O(total positions).
    @discardableResult
    mutating func insertCheapest(_ j: Int) -> Bool {
        if pinnedTo[j] == -2 { return false }
        let (bestRoute, bestPos, evaluated) = cheapestPosition(j)
        evaluations += evaluated
        guard bestRoute >= 0 else { return false }
        insert(j, route: bestRoute, after: bestPos)
        return true
    }

    /// `insertCheapest`'s search: the route and position it inserts stop `j` at (-1: none fits) and the
    /// positions it counts as evaluated. The position scan reads the route caches and coordinates through
    /// unchecked buffers (every index is inside a route's positions 0...m+1, or a stop or the depot).
    /// - Complexity: O(total positions).
    private func cheapestPosition(_ j: Int) -> (route: Int, position: Int, evaluated: Int) {
        var bestCost = Double.infinity
        var bestRoute = -1
        var bestPos = -1
        var evaluated = 0
        let pin = Int(pinnedTo[j])
        let lo = pin >= 0 ? pin : 0
        let hi = pin >= 0 ? pin + 1 : fleet.count
        let vol = volume[j]
        let pickup = isPickup[j]
        let lastStart = windows[j].latestStart(notAfter: .max) ?? .min
        let fromDepot = dist(n, j)
        let xj = xs[j], yj = ys[j]
        let depot = n
        seq.withUnsafeBufferPointer { SQ in start.withUnsafeBufferPointer { ST in edge.withUnsafeBufferPointer { ED in
        xs.withUnsafeBufferPointer { X in ys.withUnsafeBufferPointer { Y in
        for r in lo..<hi where !closed[r] {
            let m = length[r]
            if m == 0 && pin < 0 && r > 0 && length[r - 1] == 0 && !closed[r - 1] && fleet[r].capacity == fleet[r - 1].capacity
                && fleet[r].shiftStart == fleet[r - 1].shiftStart && fleet[r].shiftEnd == fleet[r - 1].shiftEnd {
                continue  // identical empty trucks give identical costs: try the first only
            }
            evaluated += m + 1
            let base = r * stride
            let cap = fleet[r].capacity
            if !((pickup ? suffixMax[base + m] : prefixMax[base]) + vol).fits(in: cap) { continue }
            var prev = depot
            var dpj = fromDepot  // carried: the distance from j to one position's next stop is the next position's dpj
            for k in 0...m {
                if ST[base + k] > lastStart { break }
                let next = k == m ? depot : Int(SQ[base + k])
                let dx = xj - X[next], dy = yj - Y[next]
                let djn = (dx * dx + dy * dy).squareRoot()  // = dist(j, next)
                defer { prev = next; dpj = djn }
                let cost = m == 0 ? dpj * 2 : dpj + djn - ED[base + k + 1]  // = dist(prev, next)
                if cost >= bestCost { continue }
                if !((pickup ? suffixMax[base + k] : prefixMax[base + k]) + vol).fits(in: cap) { continue }
                let arrival = ST[base + k] + serviceAt(prev) + Int64(dpj * ticksPerUnit)
                guard let sj = windows[j].earliestStart(arrivingAt: arrival) else { continue }
                if sj + service[j] + Int64(djn * ticksPerUnit) > latest[base + k + 1] { continue }
                bestCost = cost; bestRoute = r; bestPos = k
            }
        }
        } } } } }
        return (bestRoute, bestPos, evaluated)
    }

    /// Why stop `j` could not be inserted (first matching reason). - Complexity: O(positions).
    func diagnose(_ j: Int) -> UnassignedReason {
        if fleet.isEmpty { return .noVehicles }
        let pin = Int(pinnedTo[j])
        if pin == -2 { return .pinnedVehicleUnavailable }
        if !fleet.contains(where: { volume[j].fits(in: $0.capacity) }) { return .exceedsVehicleCapacity }
        let candidates = pin >= 0 ? [pin] : Array(fleet.indices)
        let reachable = candidates.contains { r in
            volume[j].fits(in: fleet[r].capacity) && evaluate([Int32(j)], vehicle: r) != nil
        }
        if !reachable { return pin >= 0 ? .pinnedVehicleFull : .unreachableWithinShift }
        if pin >= 0 { return .pinnedVehicleFull }
        let hasSpace = candidates.contains { r in
            let base = r * stride
            return (0...length[r]).contains { k in
                (isPickup[j] ? suffixMax[base + k] + volume[j] : prefixMax[base + k] + volume[j]).fits(in: fleet[r].capacity)
            }
        }
        return hasSpace ? .noFeasibleTimeSlot : .fleetCapacityExhausted
    }
}

extension TimeWindowSet {
    /// The windows cut so that service starts by `limit` (ticks since midnight), or nil when no window
    /// opens by then (or `limit` is negative): the deadline cannot be met and the windows stay as they are.
    /// - Complexity: O(windows).
    func cut(startingBy limit: Int64) -> TimeWindowSet? {
        if limit < 0 { return nil }
        if count == 0 {
            if limit >= TimeWindowSet.latestBound.ticks { return self }
            return TimeWindowSet(single: TimeWindow(from: .zero, to: SimDuration(ticks: limit)))
        }
        var out = TimeWindowSet()
        var i = 0
        while i < count {
            let b = bounds(i)
            if b.from <= limit {
                out.append(TimeWindow(from: SimDuration(ticks: b.from), to: SimDuration(ticks: Swift.min(b.to, limit))))
            }
            i += 1
        }
        return out.count == 0 ? nil : out
    }
}
