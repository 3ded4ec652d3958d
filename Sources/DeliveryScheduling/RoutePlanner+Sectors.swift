import DiscreteEvents

/// A large day cut into sectors: the stops of each (indices into the day's candidates, in priority
/// order) and the trucks it starts with (indices into the day's fleet, in fleet order).
struct DaySector {
    var stops: [Int]
    var trucks: [Int]
}

/// Cluster first, route second, so that planning stays near-linear in the number of stops: a day of
/// more than `PlanOptions.maxStopsPerSector` stops is cut into angular sectors around the depot of
/// about equal stop counts, and the trucks are shared out by the sectors' demand. Each sector is then
/// planned by the ordinary machinery (its construction costs O(s²) for s stops, so equal small sectors
/// make the whole O(n·s)); `DeliveryScheduler.planDay` plans them in sweep order and hands a sector's
/// idle trucks and unplaced unpinned jobs on to the next one.
enum DaySectors {
    /// The local-search budget of a sector's phases, per stop of the sector (at most the day's
    /// `maxMoveEvaluations`, or a large day's share of it): a bounded improvement effort per stop keeps a
    /// large day's planning linear.
    /// A 1,000-stop day planned as one piece spends about 730 per stop, unbounded.
    static let movesPerStop = 800

    /// How many sectors a day of `stops` stops is cut into: 1 up to `maxStopsPerSector` stops, else
    /// sectors of about `cutSectorStops` (at most `maxStopsPerSector`) stops each. - Complexity: O(1).
    static func count(stops: Int, options: PlanOptions) -> Int {
        let whole = options.maxStopsPerSector
        guard whole > 0, stops > whole else { return 1 }
        let size = options.cutSectorStops > 0 ? Swift.min(whole, options.cutSectorStops) : whole
        return (stops + size - 1) / size
    }

    /// The angle of (dx, dy) as a number in [0, 4) that grows with the true angle (a "diamond angle": no
    /// trigonometry, which the engines do not have). - Complexity: O(1).
    @inline(__always)
    static func pseudoAngle(dx: Double, dy: Double) -> Double {
        let s = abs(dx) + abs(dy)
        if s == 0 { return 0 }
        let p = dy / s
        return dx < 0 ? 2 - p : (dy < 0 ? 4 + p : p)
    }

    /// The sectors of a day of `locations.count` stops around `depot`: `count` sectors of equal stop counts
    /// (to within one) in angular order, starting at the widest angular gap between stops, so the first
    /// cut falls where there are none. Trucks are shared out in fleet order by the largest remainder of
    /// each sector's demand (half its share of stops, half its share of load, each unit measured against
    /// the fleet's capacity in it), at least one each. A stop pinned to a truck (`pins[i]` ≥ 0) goes to
    /// that truck's sector. Deterministic: ties are broken by index.
    /// - Complexity: O(n log n + trucks).
    static func partition(locations: [Location], volumes: [Volume], pins: [Int32], depot: Location, fleet: [PlannerVehicle],
                          count requested: Int) -> [DaySector] {
        let n = locations.count
        let count = Swift.max(1, Swift.min(requested, fleet.count, n))
        if count == 1 { return [DaySector(stops: Array(0..<n), trucks: Array(fleet.indices))] }
        var free: [(angle: Double, stop: Int)] = []
        free.reserveCapacity(n)
        for i in 0..<n where pins[i] < 0 {
            free.append((pseudoAngle(dx: locations[i].x - depot.x, dy: locations[i].y - depot.y), i))
        }
        free.sort { ($0.angle, $0.stop) < ($1.angle, $1.stop) }
        // Start the sweep after the widest gap (the wrap-around gap counts too).
        var first = 0
        if free.count > 1 {
            var widest = free[0].angle + 4 - free[free.count - 1].angle
            for k in 1..<free.count where free[k].angle - free[k - 1].angle > widest {
                widest = free[k].angle - free[k - 1].angle
                first = k
            }
        }
        var sectorOf = [Int](repeating: 0, count: n)
        for k in 0..<free.count {
            let rotated = (k - first + free.count) % free.count
            sectorOf[free[k].stop] = rotated * count / free.count
        }
        // Demand per sector: half the share of stops, half the share of load.
        var fleetCapacity = (kegs: 0.0, cases: 0.0, pallets: 0.0)
        for v in fleet {
            fleetCapacity.kegs += Double(v.capacity.kegs); fleetCapacity.cases += Double(v.capacity.cases)
            fleetCapacity.pallets += Double(v.capacity.pallets)
        }
        func load(_ v: Volume) -> Double {
            (fleetCapacity.kegs > 0 ? Double(v.kegs) / fleetCapacity.kegs : 0)
                + (fleetCapacity.cases > 0 ? Double(v.cases) / fleetCapacity.cases : 0)
                + (fleetCapacity.pallets > 0 ? Double(v.pallets) / fleetCapacity.pallets : 0)
        }
        var stopsIn = [Double](repeating: 0, count: count), loadIn = [Double](repeating: 0, count: count)
        var totalLoad = 0.0
        for (_, i) in free {
            stopsIn[sectorOf[i]] += 1
            let l = load(volumes[i])
            loadIn[sectorOf[i]] += l
            totalLoad += l
        }
        let spare = fleet.count - count  // every sector has one truck; the rest by demand
        var quota = [Int](repeating: 1, count: count)
        var remainders: [(rest: Double, sector: Int)] = []
        var given = 0
        for s in 0..<count {
            let share = 0.5 * stopsIn[s] / Double(Swift.max(1, free.count)) + 0.5 * (totalLoad > 0 ? loadIn[s] / totalLoad : stopsIn[s] / Double(Swift.max(1, free.count)))
            let exact = share * Double(spare)
            let whole = Int(exact)
            quota[s] += whole
            given += whole
            remainders.append((exact - Double(whole), s))
        }
        remainders.sort { $0.rest != $1.rest ? $0.rest > $1.rest : $0.sector < $1.sector }
        for k in 0..<(spare - given) { quota[remainders[k % count].sector] += 1 }
        var sectors: [DaySector] = []
        var truckSector = [Int](repeating: 0, count: fleet.count)
        var next = 0
        for s in 0..<count {
            sectors.append(DaySector(stops: [], trucks: Array(next..<(next + quota[s]))))
            for t in next..<(next + quota[s]) { truckSector[t] = s }
            next += quota[s]
        }
        for i in 0..<n {
            let s = pins[i] >= 0 ? truckSector[Int(pins[i])] : sectorOf[i]
            sectors[s].stops.append(i)
        }
        return sectors
    }
}

extension RoutePlanner {
    /// Inserts stop `j` by `insertNear` when `insertionNeighbours` > 0, else by `insertCheapest`.
    /// - Complexity: that of the one called.
    @inline(__always)
    mutating func insertStop(_ j: Int) -> Bool {
        insertionNeighbours > 0 && insertionReady ? insertNear(j) : insertCheapest(j)
    }

    /// Plans every stop added: cheapest insertion in stop order (a stop that cannot meet its deadline
    /// is planned late at its place in that order), local search, a second insertion try for the stops
    /// left out, route elimination when all are planned, and the ruin-and-recreate search when
    /// `options` asks for it. Returns the stops left out, in order, and the search iterations run.
    /// - Complexity: O(n·P) for n stops and P insertion positions, plus the local-search and the
    ///   ruin-and-recreate budgets.
    mutating func planAll(options: PlanOptions) -> (failed: [Int], searchIterations: Int) {
        var failed: [Int] = []
        if insertionNeighbours > 0 && n > 1 {
            // One neighbour computation serves the insertion and the local search (a prefix of an exact
            // k-nearest list is the exact list of fewer, so both read prefixes of one table's rows).
            let k = Swift.max(insertionNeighbours, options.neighbours)
            let table = nearestNeighbours(k)
            neighbourTable = table.flat; neighbourWidth = table.width
            insertionCount = Swift.min(insertionNeighbours, table.width)
            neighbourCount = Swift.min(options.neighbours, table.width)
            insertionReady = true; neighboursReady = true
            fullSearchesLeft = n / 8
        }
        for i in 0..<n where !insertStop(i) && !(relaxDeadline(of: i) && insertStop(i)) { failed.append(i) }
        improve(options: options)
        if !failed.isEmpty {
            var still: [Int] = []
            for i in failed where !insertStop(i) { still.append(i) }
            failed = still
        }
        // With everyone served, try to free trucks; with jobs waiting, capacity is the point.
        if failed.isEmpty && options.eliminateRoutes && eliminateRoutes() > 0 { improve(options: options) }
        var searchIterations = 0
        if options.ruinRecreateIterations > 0 {
            searchIterations = ruinAndRecreate(options: options)
            improve(options: options)
            failed = (0..<n).filter { routeOf[$0] < 0 }
        }
        return (failed, searchIterations)
    }
}
