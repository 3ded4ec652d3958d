/// The k nearest stops of every stop, flat: stop i's list is `flat[i * width ..< (i + 1) * width]`,
/// nearest first (every list has exactly `width` = min(k, n − 1) entries).
struct NeighbourTable {
    let width: Int
    let flat: [Int32]

    /// Stop `i`'s list as an array (allocates; the hot loops read `flat` directly). - Complexity: O(width).
    func list(_ i: Int) -> [Int32] { Array(flat[(i * width)..<((i + 1) * width)]) }

    /// Every stop's list as an array of arrays (allocates). - Complexity: O(n · width).
    func lists(count: Int) -> [[Int32]] { (0..<count).map { list($0) } }
}

/// Local search: inter-route relocate and 2-opt* on nearest-neighbour lists, intra-route 2-opt.
/// Moves never change which jobs are assigned, so tiers are never traded against distance.
extension RoutePlanner {
    /// The `k` nearest stops of each stop (by distance, ties by index), found on a uniform grid of
    /// about one stop a cell searched ring by ring: a ring further out can only hold stops farther than
    /// the k-th found, so the lists are exactly those of comparing every pair. The stops' coordinates are
    /// copied in cell order so that a cell's stops are read contiguously; the result does not depend on
    /// the order stops are met in (the lists are sorted by distance, then index).
    /// - Complexity: O(n · k log k)-like for spread-out stops (O(n²) at worst, all stops in a few cells).
    func nearestNeighbours(_ k: Int) -> NeighbourTable {
        let count = n
        let kk = Swift.min(k, Swift.max(0, count - 1))
        guard kk > 0 else { return NeighbourTable(width: 0, flat: []) }
        var minXv = Double.infinity, minYv = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for i in 0..<count {
            minXv = Swift.min(minXv, xs[i]); maxX = Swift.max(maxX, xs[i])
            minYv = Swift.min(minYv, ys[i]); maxY = Swift.max(maxY, ys[i])
        }
        let minX = minXv, minY = minYv
        // Square cells over the stops' bounding rectangle, about one stop a cell (a long thin sector
        // gets a long thin grid, not a square one of mostly empty cells).
        let extent = Swift.max(maxX - minX, maxY - minY)
        var gridX = 1, gridY = 1, gridCell = 1.0
        if extent > 0 {
            let cellsWanted = Swift.max(1, Double(count))
            let w = Swift.max(maxX - minX, extent / cellsWanted), h = Swift.max(maxY - minY, extent / cellsWanted)
            let size = (w * h / cellsWanted).squareRoot()
            gridX = Swift.max(1, Swift.min(count, Int(w / size)))
            gridY = Swift.max(1, Swift.min(count, Int(h / size)))
            gridCell = Swift.max((maxX - minX) / Double(gridX), (maxY - minY) / Double(gridY))
        }
        let sideX = gridX, sideY = gridY, cell = gridCell
        // Far above the rounding of a stop's offset from the grid's corner and of a cell's edges.
        let margin = 1e-9 * (cell + extent + abs(minX) + abs(minY))
        let cells = sideX * sideY
        var out = [Int32](repeating: 0, count: count * kk)
        // Stops bucketed by cell (counting sort), in index order inside a cell, with their coordinates.
        var cellOfStop = [Int32](repeating: 0, count: count)
        var cellStart = [Int32](repeating: 0, count: cells + 1)
        var items = [Int32](repeating: 0, count: count)
        var sx = [Double](repeating: 0, count: count)
        var sy = [Double](repeating: 0, count: count)
        var bestD = [Double](repeating: 0, count: kk)
        var bestI = [Int32](repeating: 0, count: kk)
        // Unchecked buffers throughout (every index below is in range by construction): this is most of
        // a large day's neighbour search.
        xs.withUnsafeBufferPointer { X in ys.withUnsafeBufferPointer { Y in
        cellOfStop.withUnsafeMutableBufferPointer { CO in cellStart.withUnsafeMutableBufferPointer { CS in
        items.withUnsafeMutableBufferPointer { IT in sx.withUnsafeMutableBufferPointer { SX in sy.withUnsafeMutableBufferPointer { SY in
        bestD.withUnsafeMutableBufferPointer { BD in bestI.withUnsafeMutableBufferPointer { BI in
        out.withUnsafeMutableBufferPointer { OUT in
            for i in 0..<count {
                let cx = Swift.min(sideX - 1, Int((X[i] - minX) / cell)), cy = Swift.min(sideY - 1, Int((Y[i] - minY) / cell))
                let c = cy * sideX + cx
                CO[i] = Int32(c)
                CS[c + 1] += 1
            }
            for c in 0..<cells { CS[c + 1] += CS[c] }
            var fill = Array(CS[0..<cells])
            for i in 0..<count {
                let c = Int(CO[i])
                IT[Int(fill[c])] = Int32(i)
                fill[c] += 1
            }
            for p in 0..<count { let j = Int(IT[p]); SX[p] = X[j]; SY[p] = Y[j] }
            let last = kk - 1
            // Queries in cell order, so consecutive ones read mostly the same cells.
            for at in 0..<count {
                let i = Int(IT[at])
                var filled = 0
                // Once k are found: the squared distance beyond which a stop is farther than the k-th
                // (with a margin far above rounding, so it only skips stops the exact test would).
                var skipBeyond = Double.infinity
                let c = Int(CO[i])
                let cx = c % sideX, cy = c / sideX
                let xi = X[i], yi = Y[i]
                let px = xi - minX, py = yi - minY
                let me = Int32(i)
                @inline(__always) func scan(_ x: Int, _ y: Int) {
                    if filled == kk {
                        // A whole cell farther than the k-th found (its nominal rectangle less a margin
                        // far above rounding, as stops are bucketed by rounded coordinates) is skipped.
                        let lx = Double(x) * cell, ly = Double(y) * cell
                        let gx = Swift.max(0, Swift.max(lx - px, px - (lx + cell)) - margin)
                        let gy = Swift.max(0, Swift.max(ly - py, py - (ly + cell)) - margin)
                        if gx * gx + gy * gy > BD[last] * BD[last] * (1 + 1e-9) { return }
                    }
                    let c = y * sideX + x
                    var p = Int(CS[c])
                    let end = Int(CS[c + 1])
                    while p < end {
                        defer { p += 1 }
                        let dx = xi - SX[p], dy = yi - SY[p]
                        let d2 = dx * dx + dy * dy
                        if d2 > skipBeyond { continue }
                        let j = IT[p]
                        if j == me { continue }
                        let d = d2.squareRoot()  // = dist(i, j)
                        if filled == kk && (d > BD[last] || (d == BD[last] && j > BI[last])) { continue }
                        var q = filled < kk ? filled : last
                        while q > 0 && (BD[q - 1] > d || (BD[q - 1] == d && BI[q - 1] > j)) {
                            BD[q] = BD[q - 1]; BI[q] = BI[q - 1]; q -= 1
                        }
                        BD[q] = d; BI[q] = j
                        if filled < kk { filled += 1 }
                        if filled == kk { skipBeyond = BD[last] * BD[last] * (1 + 1e-12) }
                    }
                }
                var ring = 0
                while true {
                    let x0 = cx - ring, x1 = cx + ring, y0 = cy - ring, y1 = cy + ring
                    let xLo = Swift.max(0, x0), xHi = Swift.min(sideX - 1, x1)
                    let yLo = Swift.max(0, y0), yHi = Swift.min(sideY - 1, y1)
                    var y = yLo
                    while y <= yHi {
                        if y == y0 || y == y1 {
                            var x = xLo
                            while x <= xHi { scan(x, y); x += 1 }
                        } else {
                            // Inside the ring only its first and last columns are new.
                            if x0 >= 0 { scan(x0, y) }
                            if x1 < sideX { scan(x1, y) }
                        }
                        y += 1
                    }
                    let covered = x0 <= 0 && y0 <= 0 && x1 >= sideX - 1 && y1 >= sideY - 1
                    // Every stop not yet seen lies outside the searched square, on a side the grid goes on
                    // past: at least the stop's distance to that side away (at least `ring` cells; less a
                    // rounding margin for stops bucketed across a cell edge).
                    if covered { break }
                    if filled == kk {
                        var clear = Double.infinity
                        if x0 > 0 { clear = Swift.min(clear, px - Double(x0) * cell) }
                        if x1 < sideX - 1 { clear = Swift.min(clear, Double(x1 + 1) * cell - px) }
                        if y0 > 0 { clear = Swift.min(clear, py - Double(y0) * cell) }
                        if y1 < sideY - 1 { clear = Swift.min(clear, Double(y1 + 1) * cell - py) }
                        if BD[last] < Swift.max(Double(ring) * cell, clear) * (1 - 1e-9) - cell * 1e-9 { break }
                    }
                    ring += 1
                }
                let o = i * kk
                for q in 0..<kk { OUT[o + q] = BI[q] }
            }
        } } } } } } } } } }
        return NeighbourTable(width: kk, flat: out)
    }

    /// Runs improvement passes until none improves or the budget is spent; a stop or route whose
    /// routes have not changed since it last found nothing is skipped (don't-look marks).
    /// - Complexity: O(`maxMoveEvaluations`) move evaluations, plus O(route) per applied move and
    ///   O(neighbours) per skipped stop, per phase.
    mutating func improve(options: PlanOptions) {
        guard options.maxMoveEvaluations > 0, n > 1 else { return }
        if !neighboursReady {
            let table = nearestNeighbours(options.neighbours)
            neighbourTable = table.flat; neighbourWidth = table.width; neighbourCount = table.width
            neighboursReady = true
        }
        let budget = evaluations + options.maxMoveEvaluations
        // Don't-look marks: the change clock when a stop's moves, or a route's 2-opt, last found nothing.
        // A move's outcome depends only on the routes it reads, so while none of them has changed since,
        // looking again would find nothing again and is skipped.
        if stopLooked.count != n { stopLooked = Array(repeating: -1, count: n) }
        if routeLooked.count != routeCount { routeLooked = Array(repeating: -1, count: routeCount) }
        var pass = 0
        while pass < options.maxPasses && evaluations < budget {
            pass += 1
            var improved = false
            for u in 0..<n where routeOf[u] >= 0 {
                if evaluations >= budget { break }
                if unchanged(since: stopLooked[u], around: u) { continue }
                let relocated = tryRelocate(u)
                let exchanged = tryTwoOptStar(u)
                if relocated || exchanged { improved = true } else { stopLooked[u] = changeClock }
            }
            for r in 0..<routeCount where evaluations < budget && routeLooked[r] < changedAt[r] {
                if twoOpt(route: r, budget: budget) { improved = true }
                if evaluations < budget { routeLooked[r] = changeClock }
            }
            if !improved { break }
        }
    }

    /// Whether neither `u`'s route nor any route of its neighbours (`neighbourCount` of them) has changed
    /// since the change clock read `looked` (false when `looked` is -1, never looked).
    /// - Complexity: O(neighbours).
    @inline(__always)
    func unchanged(since looked: Int, around u: Int) -> Bool {
        if looked < 0 || changedAt[Int(routeOf[u])] > looked { return false }
        let base = u * neighbourWidth
        for q in 0..<neighbourCount {
            let b = Int(routeOf[Int(neighbourTable[base + q])])
            if b >= 0 && changedAt[b] > looked { return false }
        }
        return true
    }

    /// Tries to empty the shortest routes into the others (one truck fewer each time); a route is
    /// removed only when every one of its stops fits elsewhere, otherwise everything is restored and
    /// elimination stops. The restore needs no snapshot: an attempt only empties the victim and inserts
    /// its stops into other routes, so the routes whose length changed get back the victim's stops, or
    /// their own stops less those inserted, in route order (as a full comparison would find them).
    /// Returns how many routes were removed. - Complexity: O(stops × positions) per attempt
    /// (O(stops × neighbours) on a large day, `insertNear`), plus O(routes).
    mutating func eliminateRoutes() -> Int {
        var removed = 0
        var savedLength = [Int](repeating: 0, count: routeCount)
        var inserted: [Int32] = []
        while true {
            var victim = -1
            var used = 0
            for r in 0..<routeCount where length[r] > 0 {
                used += 1
                if victim < 0 || length[r] < length[victim] { victim = r }
            }
            guard victim >= 0, used > 1 else { return removed }
            let moving = stops(of: victim)
            if moving.contains(where: { pinnedTo[Int($0)] >= 0 }) { return removed }
            for r in 0..<routeCount { savedLength[r] = length[r] }
            // Only the other routes in use may take the stops: the victim and every idle truck are closed.
            for r in 0..<routeCount where r == victim || length[r] == 0 { closed[r] = true }
            setStops(victim, [])
            var ok = true
            inserted.removeAll(keepingCapacity: true)
            // On a large day a stop that fits next to none of its neighbours ends elimination.
            for u in moving {
                if !insertStop(Int(u)) { ok = false; break }
                inserted.append(u)
            }
            for r in 0..<routeCount { closed[r] = false }
            if !ok {
                for r in 0..<routeCount where length[r] != savedLength[r] {
                    setStops(r, r == victim ? moving : stops(of: r).filter { !inserted.contains($0) })
                }
                return removed
            }
            removed += 1
            improvements += 1
        }
    }

    /// Moves `u` next to one of its neighbours (the first `neighbourCount` of its table row) in another
    /// route when that shortens the plan (the distance gain is tested before feasibility).
    /// - Complexity: O(neighbours) position checks, plus O(route) for the move applied.
    mutating func tryRelocate(_ u: Int) -> Bool {
        let a = Int(routeOf[u])
        let pu = Int(positionOf[u])
        let prevU = node(a, pu - 1), nextU = node(a, pu + 1)
        let removalGain = edge[a * stride + pu] + edge[a * stride + pu + 1] - dist(prevU, nextU)  // cached dist(prevU, u), dist(u, nextU)
        let onlyStop = length[a] == 1
        let gainIfEmptied = onlyStop ? dist(n, u) * 2 : removalGain
        let row = u * neighbourWidth
        for q in 0..<neighbourCount {
            let v = Int(neighbourTable[row + q])
            let b = Int(routeOf[v])
            if b < 0 || b == a { continue }
            if pinnedTo[u] >= 0 && Int(pinnedTo[u]) != b { continue }
            let pv = Int(positionOf[v])
            let mb = length[b]
            for k in (pv - 1)...pv {
                evaluations += 1
                // The distance test first: most positions do not shorten the plan (same decision as
                // testing feasibility first, at a fraction of the cost).
                let prev = node(b, k), next = node(b, k + 1)
                let inLeg = dist(prev, u), outLeg = dist(u, next)
                let added = mb == 0 ? dist(n, u) * 2 : inLeg + outLeg - edge[b * stride + k + 1]  // = dist(prev, next)
                if !(gainIfEmptied - added > 1e-9) { continue }
                // `insertionCost(u, route: b, after: k)` would return `added` when the position fits.
                guard insertionFits(u, route: b, after: k, prev: prev, inLeg: inLeg, outLeg: outLeg) else { continue }
                let cost = added
                if gainIfEmptied - cost > 1e-9 {
                    let baseA = a * stride
                    let skip = pu - 1
                    // The closures capture `seq` alone: capturing `self` in a mutating method copies the
                    // whole planner (a retain of every array).
                    let order = seq
                    guard evaluateSequence(vehicle: a, count: length[a] - 1, { Int(order[baseA + ($0 < skip ? $0 : $0 + 1)]) }) != nil
                    else { continue }
                    var stopsA = stops(of: a)
                    stopsA.remove(at: skip)
                    setStops(a, stopsA)
                    insert(u, route: b, after: k)
                    improvements += 1
                    return true
                }
            }
        }
        return false
    }

    /// Whether stop `j` fits between position `k` of route `r` (node `prev`, `inLeg` = `dist(prev, j)`
    /// away) and the next node (`outLeg` = `dist(j, next)` away): the capacity and time tests of
    /// `insertionCost`, with the legs' travel ticks taken from the given distances (the very ticks
    /// `travel` gives). - Complexity: O(windows).
    @inline(__always)
    func insertionFits(_ j: Int, route r: Int, after k: Int, prev: Int, inLeg: Double, outLeg: Double) -> Bool {
        let base = r * stride
        let cap = fleet[r].capacity
        if !((isPickup[j] ? suffixMax[base + k] : prefixMax[base + k]) + volume[j]).fits(in: cap) { return false }
        let arrival = start[base + k] + serviceAt(prev) + Int64(inLeg * ticksPerUnit)
        guard let sj = windows[j].earliestStart(arrivingAt: arrival) else { return false }
        return sj + service[j] + Int64(outLeg * ticksPerUnit) <= latest[base + k + 1]
    }

    /// Exchanges the tails of `u`'s route and a neighbour's route (2-opt*, the first `neighbourCount` of
    /// its table row) when that shortens the plan; an O(1) time and load pre-check (`exchangeMayFit`)
    /// comes before the full sequence check.
    /// - Complexity: O(neighbours), plus O(route) per exchange passing the pre-check.
    mutating func tryTwoOptStar(_ u: Int) -> Bool {
        let a = Int(routeOf[u])
        let i = Int(positionOf[u])
        let nextU = node(a, i + 1)
        let row = u * neighbourWidth
        for q in 0..<neighbourCount {
            let v = Int(neighbourTable[row + q])
            let b = Int(routeOf[v])
            if b < 0 || b == a { continue }
            let j = Int(positionOf[v])
            let nextV = node(b, j + 1)
            evaluations += 1
            // A: ... u | nextV ...   B: ... v | nextU ...
            // dist(u, nextU) and dist(v, nextV) are the routes' cached edges.
            let gain = edge[a * stride + i + 1] + edge[b * stride + j + 1] - dist(u, nextV) - dist(v, nextU)
            if gain <= 1e-9 { continue }
            let baseA = a * stride, baseB = b * stride
            let ma = length[a], mb = length[b]
            if !exchangeMayFit(a, i, b, j) { continue }
            var pinnedTail = false
            for k in i..<ma where pinnedTo[Int(seq[baseA + k])] >= 0 { pinnedTail = true }
            for k in j..<mb where pinnedTo[Int(seq[baseB + k])] >= 0 { pinnedTail = true }
            if pinnedTail { continue }
            // A' = A[..<i] + B[j...],  B' = B[..<j] + A[i...]
            let order = seq  // captured alone (see tryRelocate)
            guard let da = evaluateSequence(vehicle: a, count: i + mb - j, { Int($0 < i ? order[baseA + $0] : order[baseB + j + $0 - i]) }),
                  let db = evaluateSequence(vehicle: b, count: j + ma - i, { Int($0 < j ? order[baseB + $0] : order[baseA + i + $0 - j]) })
            else { continue }
            if da + db < distance[a] + distance[b] - 1e-9 {
                let sa = stops(of: a), sb = stops(of: b)
                setStops(a, Array(sa[..<i]) + Array(sb[j...]))
                setStops(b, Array(sb[..<j]) + Array(sa[i...]))
                improvements += 1
                return true
            }
        }
        return false
    }

    /// A necessary condition for the 2-opt* exchange of the tails after position `i` of route `a` and
    /// position `j` of route `b`, from the cached times and loads: false only when the exchange breaks a
    /// window, a shift or a capacity (so the full check that follows decides exactly as without it).
    /// - Complexity: O(windows).
    @inline(__always)
    func exchangeMayFit(_ a: Int, _ i: Int, _ b: Int, _ j: Int) -> Bool {
        let baseA = a * stride, baseB = b * stride
        let ma = length[a], mb = length[b]
        let va = fleet[a], vb = fleet[b]
        // Time: the new tails start from the cached service starts; `latest` is the old route's, exact
        // only when both trucks end their shift at the same time.
        if va.shiftEnd == vb.shiftEnd {
            let u = Int(seq[baseA + i - 1]), v = Int(seq[baseB + j - 1])
            let nextU = i == ma ? n : Int(seq[baseA + i]), nextV = j == mb ? n : Int(seq[baseB + j])
            if start[baseA + i] + service[u] + travel(u, nextV) > latest[baseB + j + 1] { return false }
            if start[baseB + j] + service[v] + travel(v, nextU) > latest[baseA + i + 1] { return false }
        }
        // Loads: the kept head's loads shift by the deliveries of the tail it takes in less those of the
        // tail it gives away; the taken tail's loads by the pickups of the new head less the old one's.
        let delTailA = delivered[baseA + ma] - delivered[baseA + i], delTailB = delivered[baseB + mb] - delivered[baseB + j]
        let pickHeadA = load[baseA + i] - load[baseA] + delivered[baseA + i]
        let pickHeadB = load[baseB + j] - load[baseB] + delivered[baseB + j]
        if !(prefixMax[baseA + i] + delTailB - delTailA).fits(in: va.capacity) { return false }
        if !(prefixMax[baseB + j] + delTailA - delTailB).fits(in: vb.capacity) { return false }
        if j < mb && !(suffixMax[baseB + j + 1] + pickHeadA - pickHeadB).fits(in: va.capacity) { return false }
        if i < ma && !(suffixMax[baseA + i + 1] + pickHeadB - pickHeadA).fits(in: vb.capacity) { return false }
        return true
    }

    /// Reverses segments of route `r` while that shortens it (first improvement); the segments from one
    /// stop stop growing once their last stop's window rules out serving that stop after it.
    /// - Complexity: O(m² + m per accepted candidate) per sweep.
    mutating func twoOpt(route r: Int, budget: Int) -> Bool {
        var any = false
        var again = true
        while again && evaluations < budget {
            again = false
            let m = length[r]
            if m < 3 { return any }
            let base = r * stride
            outer: for i in 1..<m {
                let a = i == 1 ? n : Int(seq[base + i - 2])
                let b = Int(seq[base + i - 1])
                let dab = dist(a, b)
                let lastStartB = windows[b].latestStart(notAfter: .max) ?? .min
                for j in (i + 1)...m {
                    evaluations += 1
                    let c = Int(seq[base + j - 1])
                    // Reversed, b is served after c, as it is for every longer segment: once c's earliest
                    // service end is past b's last window, no segment from b on can be feasible.
                    if (windows[c].earliestStart(arrivingAt: .min) ?? .max) > lastStartB &- service[c] { break }
                    let d = j == m ? n : Int(seq[base + j])
                    let gain = dab + dist(c, d) - dist(a, c) - dist(b, d)
                    if gain <= 1e-9 { continue }
                    let lo = i - 1, hi = j - 1
                    let order = seq  // captured alone (see tryRelocate)
                    let nd = evaluateSequence(vehicle: r, count: m) { k in
                        Int(order[base + (k >= lo && k <= hi ? lo + hi - k : k)])
                    }
                    if let nd, nd < distance[r] - 1e-9 {
                        var candidate = stops(of: r)
                        candidate[lo...hi].reverse()
                        setStops(r, candidate)
                        improvements += 1
                        any = true
                        again = true
                        break outer
                    }
                }
            }
        }
        return any
    }
}
