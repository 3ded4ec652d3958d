/// Local search: inter-route relocate and 2-opt* on nearest-neighbour lists, intra-route 2-opt.
/// Moves never change which jobs are assigned, so tiers are never traded against distance.
extension RoutePlanner {
    /// The `k` nearest stops of each stop (by distance, ties by index). - Complexity: O(n² log k).
    func nearestNeighbours(_ k: Int) -> [[Int32]] {
        let count = n
        let kk = Swift.min(k, Swift.max(0, count - 1))
        var out: [[Int32]] = []
        out.reserveCapacity(count)
        var bestD = [Double](repeating: 0, count: kk + 1)
        var bestI = [Int32](repeating: 0, count: kk + 1)
        for i in 0..<count {
            var filled = 0
            for j in 0..<count where j != i {
                let d = dist(i, j)
                if filled == kk && (kk == 0 || d >= bestD[kk - 1]) { continue }
                var p = filled < kk ? filled : kk - 1
                while p > 0 && bestD[p - 1] > d {
                    bestD[p] = bestD[p - 1]; bestI[p] = bestI[p - 1]; p -= 1
                }
                bestD[p] = d; bestI[p] = Int32(j)
                if filled < kk { filled += 1 }
            }
            out.append(Array(bestI[0..<filled]))
        }
        return out
    }

    /// Runs improvement passes until none improves or the budget is spent.
    mutating func improve(options: PlanOptions) {
        guard options.maxMoveEvaluations > 0, n > 1 else { return }
        if neighbourLists.isEmpty { neighbourLists = nearestNeighbours(options.neighbours) }
        let neighbours = neighbourLists
        let budget = evaluations + options.maxMoveEvaluations
        var pass = 0
        while pass < options.maxPasses && evaluations < budget {
            pass += 1
            var improved = false
            for u in 0..<n where routeOf[u] >= 0 {
                if evaluations >= budget { break }
                if tryRelocate(u, neighbours[u]) { improved = true }
                if tryTwoOptStar(u, neighbours[u]) { improved = true }
            }
            for r in 0..<routeCount where evaluations < budget {
                if twoOpt(route: r, budget: budget) { improved = true }
            }
            if !improved { break }
        }
    }

    /// Tries to empty the shortest routes into the others (one truck fewer each time); a route is
    /// removed only when every one of its stops fits elsewhere, otherwise everything is restored and
    /// elimination stops. Returns how many routes were removed. - Complexity: O(stops × positions)
    /// per attempt.
    mutating func eliminateRoutes() -> Int {
        var removed = 0
        while true {
            var victim = -1
            for r in 0..<routeCount where length[r] > 0 {
                if victim < 0 || length[r] < length[victim] { victim = r }
            }
            let used = (0..<routeCount).filter { length[$0] > 0 }.count
            guard victim >= 0, used > 1 else { return removed }
            let saved = (0..<routeCount).map { stops(of: $0) }
            let moving = saved[victim]
            if moving.contains(where: { pinnedTo[Int($0)] >= 0 }) { return removed }
            // Only the other routes in use may take the stops: the victim and every idle truck are closed.
            for r in 0..<routeCount where r == victim || length[r] == 0 { closed[r] = true }
            setStops(victim, [])
            var ok = true
            for u in moving where !insertCheapest(Int(u)) { ok = false; break }
            for r in 0..<routeCount { closed[r] = false }
            if !ok {
                for r in 0..<routeCount where stops(of: r) != saved[r] { setStops(r, saved[r]) }
                return removed
            }
            removed += 1
            improvements += 1
        }
    }

    /// Moves `u` next to one of its neighbours in another route when that shortens the plan.
    mutating func tryRelocate(_ u: Int, _ near: [Int32]) -> Bool {
        let a = Int(routeOf[u])
        let pu = Int(positionOf[u])
        let prevU = node(a, pu - 1), nextU = node(a, pu + 1)
        let removalGain = dist(prevU, u) + dist(u, nextU) - dist(prevU, nextU)
        let onlyStop = length[a] == 1
        let gainIfEmptied = onlyStop ? dist(n, u) * 2 : removalGain
        for vv in near {
            let v = Int(vv)
            let b = Int(routeOf[v])
            if b < 0 || b == a { continue }
            if pinnedTo[u] >= 0 && Int(pinnedTo[u]) != b { continue }
            let pv = Int(positionOf[v])
            for k in (pv - 1)...pv {
                evaluations += 1
                guard let cost = insertionCost(u, route: b, after: k) else { continue }
                if gainIfEmptied - cost > 1e-9 {
                    let baseA = a * stride
                    let skip = pu - 1
                    guard evaluateSequence(vehicle: a, count: length[a] - 1, { Int(seq[baseA + ($0 < skip ? $0 : $0 + 1)]) }) != nil
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

    /// Exchanges the tails of `u`'s route and a neighbour's route (2-opt*) when that shortens the plan.
    mutating func tryTwoOptStar(_ u: Int, _ near: [Int32]) -> Bool {
        let a = Int(routeOf[u])
        let i = Int(positionOf[u])
        let nextU = node(a, i + 1)
        for vv in near {
            let v = Int(vv)
            let b = Int(routeOf[v])
            if b < 0 || b == a { continue }
            let j = Int(positionOf[v])
            let nextV = node(b, j + 1)
            evaluations += 1
            // A: ... u | nextV ...   B: ... v | nextU ...
            let gain = dist(u, nextU) + dist(v, nextV) - dist(u, nextV) - dist(v, nextU)
            if gain <= 1e-9 { continue }
            let baseA = a * stride, baseB = b * stride
            let ma = length[a], mb = length[b]
            var pinnedTail = false
            for k in i..<ma where pinnedTo[Int(seq[baseA + k])] >= 0 { pinnedTail = true }
            for k in j..<mb where pinnedTo[Int(seq[baseB + k])] >= 0 { pinnedTail = true }
            if pinnedTail { continue }
            // A' = A[..<i] + B[j...],  B' = B[..<j] + A[i...]
            guard let da = evaluateSequence(vehicle: a, count: i + mb - j, { Int($0 < i ? seq[baseA + $0] : seq[baseB + j + $0 - i]) }),
                  let db = evaluateSequence(vehicle: b, count: j + ma - i, { Int($0 < j ? seq[baseB + $0] : seq[baseA + i + $0 - j]) })
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

    /// Reverses segments of route `r` while that shortens it (first improvement). - Complexity:
    /// O(m² + m per accepted candidate) per sweep.
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
                for j in (i + 1)...m {
                    evaluations += 1
                    let c = Int(seq[base + j - 1])
                    let d = j == m ? n : Int(seq[base + j])
                    let gain = dist(a, b) + dist(c, d) - dist(a, c) - dist(b, d)
                    if gain <= 1e-9 { continue }
                    let lo = i - 1, hi = j - 1
                    let nd = evaluateSequence(vehicle: r, count: m) { k in
                        Int(seq[base + (k >= lo && k <= hi ? lo + hi - k : k)])
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
