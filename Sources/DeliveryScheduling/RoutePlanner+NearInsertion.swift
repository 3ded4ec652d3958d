/// Granular construction for large days (`PlanOptions.largeDayStops`): cheapest insertion over the
/// positions next to a stop's nearest routed stops only (and the first empty truck of each kind), so a
/// stop costs O(k) position tests instead of O(positions). Only a large day uses it
/// (`insertionNeighbours` > 0): smaller days keep the full search and their exact results.
///
/// Why a budget of full searches (`fullSearchesLeft`, an eighth of the stops) when nothing nearby fits
/// (no position next to a neighbour, no empty truck): a far route with room may still take the stop
/// (on the national day shape without any full search 4 % of the stops were left out that the full
/// search serves), but on an overloaded day most such searches fail and each costs O(positions); with
/// the budget a sector spends at most O(n·P/8) on them. A stop left out passes to the next sector, or
/// waits for the next day, as before. (Running the full search whenever no position next to a
/// neighbour fits, before opening a truck, was tried: on the national shape it drove 45 % more, used
/// every truck and left 3 % of the stops out.)
extension RoutePlanner {
    /// Inserts stop `j` at the cheapest feasible position next to one of its `insertionCount` nearest
    /// stops (the start of its `neighbourTable` row) that is routed (before or after it), or as the first
    /// stop of an empty truck (the first of each kind of identical empty trucks), the first of equally cheap ones in list order; when none of
    /// these fits, by `insertCheapest(j)` while `fullSearchesLeft` > 0 (each such call spends one), else
    /// false. A pinned stop goes through `insertCheapest(j)` (one route). Each position is tested cheapest
    /// test first, as in `insertCheapest`: the distance added, then capacity and time from the cached
    /// loads and time slacks (O(1) per position).
    /// - Complexity: O(k + routes) position tests for k listed neighbours, plus O(route) for the insert;
    ///   O(total positions) for a full search.
    @discardableResult
    mutating func insertNear(_ j: Int) -> Bool {
        let pin = Int(pinnedTo[j])
        if pin == -2 { return false }
        if pin >= 0 { return insertCheapest(j) }
        var bestCost = Double.infinity
        var bestRoute = -1
        var bestPos = -1
        let vol = volume[j]
        let pickup = isPickup[j]
        // Position k of route r, between node `prev` and the next one, `inLeg` and `outLeg` away from j
        // (their `dist`, already taken for the cost: the travel ticks are the very ones `travel` gives).
        @inline(__always) func consider(_ r: Int, after k: Int, cost: Double, prev: Int, inLeg: Double, outLeg: Double) {
            evaluations += 1
            if cost >= bestCost { return }
            let base = r * stride
            if !((pickup ? suffixMax[base + k] : prefixMax[base + k]) + vol).fits(in: fleet[r].capacity) { return }
            let arrival = start[base + k] + serviceAt(prev) + Int64(inLeg * ticksPerUnit)
            guard let sj = windows[j].earliestStart(arrivingAt: arrival) else { return }
            if sj + service[j] + Int64(outLeg * ticksPerUnit) > latest[base + k + 1] { return }
            bestCost = cost; bestRoute = r; bestPos = k
        }
        let row = j * neighbourWidth
        for q in 0..<insertionCount {
            let v = Int(neighbourTable[row + q])
            let b = Int(routeOf[v])
            if b < 0 || closed[b] { continue }
            let pv = Int(positionOf[v])
            let m = length[b]
            guard pv >= 1, pv <= m, Int(seq[b * stride + pv - 1]) == v else { continue }
            let prev = node(b, pv - 1), next = node(b, pv + 1)
            let dvj = dist(v, j), dpj = dist(prev, j), djn = dist(j, next)
            // The route's own edges from the cache (`edge`: the same numbers `dist` gives).
            consider(b, after: pv - 1, cost: dpj + dvj - edge[b * stride + pv], prev: prev, inLeg: dpj, outLeg: dvj)
            consider(b, after: pv, cost: dvj + djn - edge[b * stride + pv + 1], prev: v, inLeg: dvj, outLeg: djn)
        }
        let fromDepot = dist(n, j)
        let alone = fromDepot * 2
        if alone < bestCost {
            for r in 0..<routeCount where length[r] == 0 && !closed[r] {
                if r > 0 && length[r - 1] == 0 && !closed[r - 1] && fleet[r].capacity == fleet[r - 1].capacity
                    && fleet[r].shiftStart == fleet[r - 1].shiftStart && fleet[r].shiftEnd == fleet[r - 1].shiftEnd {
                    continue  // identical empty trucks give identical costs: try the first only
                }
                consider(r, after: 0, cost: alone, prev: n, inLeg: fromDepot, outLeg: fromDepot)
            }
        }
        guard bestRoute >= 0 else {
            guard fullSearchesLeft > 0 else { return false }
            fullSearchesLeft -= 1
            return insertCheapest(j)
        }
        insert(j, route: bestRoute, after: bestPos)
        return true
    }
}
