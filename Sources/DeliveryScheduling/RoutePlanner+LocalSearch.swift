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
        let neighbours = nearestNeighbours(options.neighbours)
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
                    var stopsA = stops(of: a)
                    stopsA.remove(at: pu - 1)
                    guard evaluate(stopsA, vehicle: a) != nil else { continue }
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
            let sa = stops(of: a), sb = stops(of: b)
            let tailA = sa[i...], tailB = sb[j...]
            if tailA.contains(where: { pinnedTo[Int($0)] >= 0 }) || tailB.contains(where: { pinnedTo[Int($0)] >= 0 }) { continue }
            let newA = Array(sa[..<i]) + Array(tailB)
            let newB = Array(sb[..<j]) + Array(tailA)
            guard let da = evaluate(newA, vehicle: a), let db = evaluate(newB, vehicle: b) else { continue }
            if da + db < distance[a] + distance[b] - 1e-9 {
                setStops(a, newA)
                setStops(b, newB)
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
            let stops = self.stops(of: r)
            let m = stops.count
            if m < 3 { return any }
            outer: for i in 1..<m {
                let a = i == 1 ? n : Int(stops[i - 2])
                let b = Int(stops[i - 1])
                for j in (i + 1)...m {
                    evaluations += 1
                    let c = Int(stops[j - 1])
                    let d = j == m ? n : Int(stops[j])
                    let gain = dist(a, b) + dist(c, d) - dist(a, c) - dist(b, d)
                    if gain <= 1e-9 { continue }
                    var candidate = stops
                    candidate[(i - 1)..<j].reverse()
                    if let nd = evaluate(candidate, vehicle: r), nd < distance[r] - 1e-9 {
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
