import DiscreteEvents

/// Jobs a plan leaves waiting, counted per tier: a plan that leaves out fewer jobs of a more urgent tier
/// is better whatever it does in the less urgent tiers and whatever it drives (tiers stay strict).
struct MissingByTier: Comparable {
    var urgent: Int32 = 0
    var high: Int32 = 0
    var standard: Int32 = 0
    var low: Int32 = 0

    /// Counts one more waiting job of tier `tier` (0 most urgent). - Complexity: O(1).
    mutating func add(tier: UInt8) {
        switch tier {
        case 0: urgent += 1
        case 1: high += 1
        case 2: standard += 1
        default: low += 1
        }
    }

    /// Lexicographic, most urgent tier first. - Complexity: O(1).
    static func < (a: MissingByTier, b: MissingByTier) -> Bool {
        (a.urgent, a.high, a.standard, a.low) < (b.urgent, b.high, b.standard, b.low)
    }
}

/// The SISR parameters (Christiaens & Vanden Berghe, "Slack Induction by String Removals for Vehicle
/// Routing Problems", Transportation Science 2020), with the temperatures scaled to the plan's mean
/// edge so one setting suits kilometres and Solomon's units alike.
enum RuinRecreateTuning {
    /// Mean number of stops removed per iteration (c̄).
    static let meanRemoved = 10.0
    /// Longest string removed from one route (L_max).
    static let maxString = 10.0
    /// Probability of a split string (a string with a kept run inside) rather than a plain one.
    static let splitRate = 0.5
    /// Probability that recreate skips a position ("blinks", β).
    static let blinkRate = 0.01
    /// Start temperature, as a fraction of the mean edge length.
    static let startTemperature = 1.0
    /// ln(end temperature / start temperature): the temperature falls geometrically by 100×.
    static let logCooling = -4.605170185988091

    /// e^(logCooling × progress), by a Taylor series on a sixteenth of the argument, squared four
    /// times (the engines cannot call the C library; a temperature needs no more than 1e-9).
    /// - Complexity: O(1).
    static func cooling(_ progress: Double) -> Double {
        let x = logCooling * progress / 16
        var term = 1.0, sum = 1.0
        for k in 1...10 {
            term *= x / Double(k)
            sum += term
        }
        var r = sum
        for _ in 0..<4 { r *= r }
        return r
    }
    /// Nearest stops searched for routes to ruin around the seed stop.
    static let adjacency = 40
    /// Recreate tries a stop only in the routes that serve one of its this many nearest stops (and in
    /// an empty truck): distant routes almost never give the cheapest position, and skipping them makes
    /// an iteration several times cheaper.
    static let insertionNeighbours = 20
}

/// Ruin and recreate: the quality search behind `PlanOptions.ruinRecreateIterations`.
extension RoutePlanner {
    /// Runs the SISR ruin-and-recreate search from the current plan: each iteration removes a few
    /// strings of consecutive stops from routes near a random seed stop, then reinserts them — together
    /// with every job still waiting — each at its cheapest feasible position, skipping a position now and
    /// then (blinks), in one of four orders (random, largest first, farthest from the depot first,
    /// closest first). The new plan is accepted by simulated annealing on distance, and only if it
    /// leaves no more jobs waiting in any tier (more urgent tiers first); jobs that no truck could serve
    /// even alone never enter the search. The best plan seen is kept. Returns the iterations run.
    ///
    /// - Complexity: O(n² log k) once for the adjacency lists, then per iteration
    ///   O((removed + waiting) × positions) insertion checks plus O(route) per changed route.
    mutating func ruinAndRecreate(options: PlanOptions) -> Int {
        let iterations = options.ruinRecreateIterations
        guard iterations > 0, n > 0, routeCount > 0 else { return 0 }
        for r in 0..<routeCount { closed[r] = false }
        var rng = RandomStream(seed: options.seed, stream: 0x5153_5253)
        let adjacency = nearestNeighbours(Swift.min(n - 1, RuinRecreateTuning.adjacency)).lists(count: n)

        var waiting: [Int32] = []
        for j in 0..<n where routeOf[j] < 0 && canServeAlone(j) { waiting.append(Int32(j)) }
        var missing = missingCount(waiting)
        var current = totalDistance()
        var bestMissing = missing
        var bestDistance = current
        var best = RouteSnapshot(self)

        let assigned = n - (0..<n).filter { routeOf[$0] < 0 }.count
        let edges = Double(Swift.max(1, assigned + (0..<routeCount).filter { length[$0] > 0 }.count))
        let meanEdge = current > 0 ? current / edges : 1
        let t0 = RuinRecreateTuning.startTemperature * meanEdge
        // Simulated annealing accepts a change Δ when Δ < T·E with E ~ Exp(1) (that is, −T·ln U).
        guard let unitExponential = try? Distribution.exponential(rate: 1) else { return 0 }

        var undo = RouteUndo(routes: routeCount)
        var absences = [UInt32](repeating: 0, count: waiting.isEmpty ? 0 : n)
        var removed: [Int32] = []
        var order: [Int32] = []
        var stillWaiting: [Int32] = []
        let clock = ContinuousClock()
        let started = clock.now
        let limit = options.timeLimit.map(Self.seconds)
        var timeFraction = 0.0
        var done = 0
        while done < iterations {
            if let limit, done & 15 == 0 {
                let elapsed = Self.seconds(clock.now - started)
                if elapsed >= limit { break }
                timeFraction = elapsed / limit
            }
            let progress = Swift.max(Double(done) / Double(iterations), timeFraction)
            let temperature = t0 * RuinRecreateTuning.cooling(progress)
            done += 1

            undo.begin(self)
            removed.removeAll(keepingCapacity: true)
            ruin(adjacency: adjacency, rng: &rng, undo: &undo, removed: &removed)
            order.removeAll(keepingCapacity: true)
            order.append(contentsOf: removed)
            order.append(contentsOf: waiting)
            sortForRecreate(&order, rng: &rng)
            stillWaiting.removeAll(keepingCapacity: true)
            for u in order where !recreateInsert(Int(u), near: adjacency[Int(u)], rng: &rng, undo: &undo) { stillWaiting.append(u) }

            let newMissing = missingCount(stillWaiting)
            let newDistance = current + undo.distanceChange(self)
            let accept: Bool
            if newMissing != missing {
                accept = newMissing < missing
            } else if !waiting.isEmpty {
                // Feasibility first (SISR's fleet minimisation): while jobs wait, every iteration counts
                // an absence for each of them, and a plan that leaves out less often-absent jobs is
                // preferred to a shorter one, which steers the search towards serving the hard jobs.
                for u in waiting { absences[Int(u)] &+= 1 }
                let was = absenceSum(waiting, absences), now = absenceSum(stillWaiting, absences)
                accept = now < was || (now == was && newDistance < current + temperature * unitExponential.sample(&rng))
            } else {
                accept = newDistance < current + temperature * unitExponential.sample(&rng)
            }
            if accept {
                swap(&waiting, &stillWaiting)
                missing = newMissing
                current = newDistance
                if missing < bestMissing || (missing == bestMissing && current < bestDistance - 1e-9) {
                    bestMissing = missing
                    bestDistance = current
                    best = RouteSnapshot(self)
                }
            } else {
                undo.restore(&self)
            }
        }
        best.restore(&self)
        return done
    }

    /// Whether some allowed truck could serve stop `j` on a route of its own. - Complexity: O(vehicles).
    func canServeAlone(_ j: Int) -> Bool {
        let pin = Int(pinnedTo[j])
        if pin == -2 { return false }
        let candidates = pin >= 0 ? pin..<(pin + 1) : 0..<routeCount
        return candidates.contains { r in evaluateSequence(vehicle: r, count: 1) { _ in j } != nil }
    }

    /// Waiting jobs per tier. - Complexity: O(waiting).
    func missingCount(_ waiting: [Int32]) -> MissingByTier {
        var m = MissingByTier()
        for u in waiting { m.add(tier: tier[Int(u)]) }
        return m
    }

    /// The absences of the jobs in `waiting`. - Complexity: O(waiting).
    func absenceSum(_ waiting: [Int32], _ absences: [UInt32]) -> UInt64 {
        var sum: UInt64 = 0
        for u in waiting { sum &+= UInt64(absences[Int(u)]) }
        return sum
    }

    /// The plan's distance. - Complexity: O(vehicles).
    func totalDistance() -> Double {
        var d = 0.0
        for r in 0..<routeCount { d += distance[r] }
        return d
    }

    /// `d` in seconds. - Complexity: O(1).
    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    /// Removes strings of consecutive stops from up to k routes met along the seed stop's neighbours
    /// (SISR's adjacent string removal), appending the removed stops to `removed`.
    /// - Complexity: O(adjacency + stops of the ruined routes).
    mutating func ruin(adjacency: [[Int32]], rng: inout RandomStream, undo: inout RouteUndo, removed: inout [Int32]) {
        var used = 0, planned = 0
        for r in 0..<routeCount where length[r] > 0 { used += 1; planned += length[r] }
        guard used > 0 else { return }
        let meanRoute = Double(planned) / Double(used)
        let maxString = Swift.min(RuinRecreateTuning.maxString, meanRoute)
        let maxStrings = 4 * RuinRecreateTuning.meanRemoved / (1 + maxString) - 1
        let strings = Int(1 + rng.nextUnit() * maxStrings)
        var seed = Int(rng.nextInt(below: UInt64(n)))
        var tries = 0
        while routeOf[seed] < 0 && tries < n { seed = (seed + 1) % n; tries += 1 }
        guard routeOf[seed] >= 0 else { return }
        var ruined = 0
        var k = -1
        while ruined < strings && k < adjacency[seed].count {
            let c = k < 0 ? seed : Int(adjacency[seed][k])
            k += 1
            let r = Int(routeOf[c])
            if r < 0 || undo.isTouched(r) { continue }
            let m = length[r]
            let longest = Swift.max(1, Int(Swift.min(Double(m), maxString)))
            let l = 1 + Int(rng.nextInt(below: UInt64(longest)))
            undo.save(route: r, self)
            removeString(containing: c, route: r, length: l, rng: &rng, removed: &removed)
            ruined += 1
        }
    }

    /// Removes from route `r` a string of `l` stops that contains `c` — or, at the split rate, a longer
    /// string with a run of kept stops inside it. - Complexity: O(route).
    mutating func removeString(containing c: Int, route r: Int, length l: Int, rng: inout RandomStream, removed: inout [Int32]) {
        let m = length[r]
        let p = Int(positionOf[c]) - 1  // 0-based index of c in the route
        var kept = 0
        if l < m && rng.nextUnit() < RuinRecreateTuning.splitRate {
            kept = 1
            while kept < m - l && rng.nextUnit() < 0.5 { kept += 1 }
        }
        let span = l + kept
        let lo = Swift.max(0, p - span + 1), hi = Swift.min(p, m - span)
        let first = lo + Int(rng.nextInt(below: UInt64(hi - lo + 1)))
        let keepFrom = kept > 0 ? first + Int(rng.nextInt(below: UInt64(l + 1))) : -1
        let base = r * stride
        var w = 0
        for i in 0..<m {
            let s = seq[base + i]
            let inString = i >= first && i < first + span && !(kept > 0 && i >= keepFrom && i < keepFrom + kept)
            if inString {
                removed.append(s)
                routeOf[Int(s)] = -1
            } else {
                seq[base + w] = s
                w += 1
            }
        }
        length[r] = w
        recompute(route: r)
    }

    /// Orders the stops to reinsert: random (weight 4), largest first (4), farthest from the depot
    /// first (2), closest first (1). - Complexity: O(k log k).
    func sortForRecreate(_ order: inout [Int32], rng: inout RandomStream) {
        let pick = rng.nextInt(below: 11)
        // The closures capture these arrays, not the whole planner (which would retain every column).
        let volume = self.volume, xs = self.xs, ys = self.ys, depot = n
        func fromDepot(_ a: Int32) -> Double {
            let dx = xs[Int(a)] - xs[depot], dy = ys[Int(a)] - ys[depot]
            return dx * dx + dy * dy
        }
        switch pick {
        case 0..<4:
            var i = order.count - 1
            while i > 0 {
                let j = Int(rng.nextInt(below: UInt64(i + 1)))
                order.swapAt(i, j)
                i -= 1
            }
        case 4..<8:
            order.sort { a, b in
                let va = volume[Int(a)], vb = volume[Int(b)]
                let sa = Int(va.kegs) + Int(va.cases) + Int(va.pallets), sb = Int(vb.kegs) + Int(vb.cases) + Int(vb.pallets)
                return sa != sb ? sa > sb : a < b
            }
        case 8..<10:
            order.sort { a, b in
                let da = fromDepot(a), db = fromDepot(b)
                return da != db ? da > db : a < b
            }
        default:
            order.sort { a, b in
                let da = fromDepot(a), db = fromDepot(b)
                return da != db ? da < db : a < b
            }
        }
    }

    /// Inserts `u` at its cheapest feasible position over the trucks it may use, skipping each position
    /// with the blink rate; false when no position is feasible. Positions are checked as
    /// `insertionCost` does, cheapest test first: the distance added (skipped unless it beats the best
    /// so far), then capacity, then time; a route is left as soon as its stops start after `u`'s last
    /// window has closed, and a route too full at its emptiest point is not searched. Only the routes
    /// of `u`'s first `insertionNeighbours` stops of `near` are searched, and the empty trucks (all
    /// routes when none of those stops is planned).
    /// - Complexity: O(positions of the searched routes).
    mutating func recreateInsert(_ u: Int, near: [Int32], rng: inout RandomStream, undo: inout RouteUndo) -> Bool {
        let pin = Int(pinnedTo[u])
        if pin == -2 { return false }
        let lo = pin >= 0 ? pin : 0
        let hi = pin >= 0 ? pin + 1 : routeCount
        undo.stamp += 1
        var filtered = false
        if pin < 0 {
            for v in near.prefix(RuinRecreateTuning.insertionNeighbours) where routeOf[Int(v)] >= 0 {
                undo.mark[Int(routeOf[Int(v)])] = undo.stamp
                filtered = true
            }
        }
        let vol = volume[u]
        let pickup = isPickup[u]
        let lastStart = windows[u].latestStart(notAfter: .max) ?? .min
        var bestCost = Double.infinity
        var bestRoute = -1, bestPos = -1
        var triedEmpty = false
        for r in lo..<hi {
            let m = length[r]
            if filtered && m > 0 && undo.mark[r] != undo.stamp { continue }
            let base = r * stride
            let cap = fleet[r].capacity
            if m == 0 {
                // Identical empty trucks give identical costs: the first empty truck of each kind stands for all.
                if pin < 0 && triedEmpty && r > 0 && length[r - 1] == 0 && fleet[r].capacity == fleet[r - 1].capacity
                    && fleet[r].shiftStart == fleet[r - 1].shiftStart && fleet[r].shiftEnd == fleet[r - 1].shiftEnd {
                    continue
                }
                triedEmpty = true
            }
            if !((pickup ? suffixMax[base + m] : prefixMax[base]) + vol).fits(in: cap) { continue }
            var prev = n
            var dpu = dist(n, u)  // carried: the distance from u to one position's next stop is the next position's dpu
            for k in 0...m {
                if start[base + k] > lastStart { break }
                let next = k == m ? n : Int(seq[base + k])
                let dun = dist(u, next)
                defer { prev = next; dpu = dun }
                if rng.nextUnit() < RuinRecreateTuning.blinkRate { continue }
                evaluations += 1
                let cost = m == 0 ? dpu + dun : dpu + dun - dist(prev, next)
                if cost >= bestCost { continue }
                if !((pickup ? suffixMax[base + k] : prefixMax[base + k]) + vol).fits(in: cap) { continue }
                let arrival = start[base + k] + serviceAt(prev) + Int64(dpu * ticksPerUnit)
                guard let su = windows[u].earliestStart(arrivingAt: arrival) else { continue }
                if su + service[u] + Int64(dun * ticksPerUnit) > latest[base + k + 1] { continue }
                bestCost = cost; bestRoute = r; bestPos = k
            }
        }
        guard bestRoute >= 0 else { return false }
        undo.save(route: bestRoute, self)
        insert(u, route: bestRoute, after: bestPos)
        return true
    }
}

/// The routes one ruin-and-recreate iteration changed, as they were before it, to undo a rejected move.
struct RouteUndo {
    var touched: [Bool]
    /// Routes marked for the current insertion (`mark[r] == stamp`).
    var mark: [Int]
    /// The current insertion's mark.
    var stamp = 0
    var routes: [Int32] = []
    var offsets: [Int] = []
    var stops: [Int32] = []
    var distances: [Double] = []

    /// Room for `routes` trucks. - Complexity: O(routes).
    init(routes: Int) {
        touched = Array(repeating: false, count: routes)
        mark = Array(repeating: 0, count: routes)
    }

    /// Starts a new iteration (forgets the last one's saved routes). - Complexity: O(routes saved).
    mutating func begin(_ p: RoutePlanner) {
        for r in routes { touched[Int(r)] = false }
        routes.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        stops.removeAll(keepingCapacity: true)
        distances.removeAll(keepingCapacity: true)
    }

    /// Whether route `r` changed in this iteration. - Complexity: O(1).
    func isTouched(_ r: Int) -> Bool { touched[r] }

    /// Saves route `r` before its first change in this iteration. - Complexity: O(route).
    mutating func save(route r: Int, _ p: RoutePlanner) {
        if touched[r] { return }
        touched[r] = true
        routes.append(Int32(r))
        offsets.append(stops.count)
        let base = r * p.stride
        for i in 0..<p.length[r] { stops.append(p.seq[base + i]) }
        distances.append(p.distance[r])
    }

    /// The change in total distance over the saved routes. - Complexity: O(routes saved).
    func distanceChange(_ p: RoutePlanner) -> Double {
        var d = 0.0
        for (i, r) in routes.enumerated() { d += p.distance[Int(r)] - distances[i] }
        return d
    }

    /// Puts every saved route back as it was. - Complexity: O(stops of the saved routes).
    func restore(_ p: inout RoutePlanner) {
        for r in routes {
            let base = Int(r) * p.stride
            for i in 0..<p.length[Int(r)] { p.routeOf[Int(p.seq[base + i])] = -1 }
        }
        for (i, r) in routes.enumerated() {
            let from = offsets[i], to = i + 1 < offsets.count ? offsets[i + 1] : stops.count
            let base = Int(r) * p.stride
            for k in from..<to { p.seq[base + k - from] = stops[k] }
            p.length[Int(r)] = to - from
            p.recompute(route: Int(r))
        }
    }
}

/// A whole plan's stop sequences, to keep the best plan seen.
struct RouteSnapshot {
    var lengths: [Int]
    var stops: [Int32]

    /// The plan `p` holds now. - Complexity: O(stops + vehicles).
    init(_ p: RoutePlanner) {
        lengths = p.length
        stops = []
        stops.reserveCapacity(p.n)
        for r in 0..<p.routeCount {
            let base = r * p.stride
            for i in 0..<p.length[r] { stops.append(p.seq[base + i]) }
        }
    }

    /// Makes `p` hold this plan again. - Complexity: O(stops + vehicles).
    func restore(_ p: inout RoutePlanner) {
        for i in 0..<p.n { p.routeOf[i] = -1 }
        var at = 0
        for r in 0..<p.routeCount {
            let base = r * p.stride
            for i in 0..<lengths[r] { p.seq[base + i] = stops[at + i] }
            at += lengths[r]
            p.length[r] = lengths[r]
            p.recompute(route: r)
        }
    }
}
