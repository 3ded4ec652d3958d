import DiscreteEvents

/// What a random draw is for: part of the key of its stream, so that changing one journey's draws
/// never shifts another's.

enum Purpose: UInt64 {
    case placement = 1, profile, consumption, ordering, orderStages, delivery, reschedule
    case defects, returns, failures, assistance, onboarding, applications, disruption, routeNoise
    case cases, caseArrivals, caseTriggers
}

/// Counter-based random streams: every draw comes from a stream keyed by (scenario seed, region,
/// entity, purpose, sequence), so a retailer draws the same numbers whatever else happens in the run,
/// in whatever order, on however many workers. Nothing is stored per entity.
///
/// Why counter-based rather than one stored stream per retailer: a million retailers × a stream per
/// purpose would cost 32 bytes each per purpose; deriving costs a few nanoseconds per draw.

struct StreamFactory: Sendable {
    let seed: UInt64
    let region: UInt64

    init(seed: UInt64, region: Int) {
        self.seed = seed
        self.region = UInt64(region)
    }

    /// The stream of (entity, purpose, sequence). - Complexity: O(1).

    func stream(_ entity: Int, _ purpose: Purpose, _ sequence: Int = 0) -> RandomStream {
        // Pack (region, purpose, sequence) into one word and the entity into the stream id: unrelated
        // states for neighbouring keys come from SplitMix64 in `RandomStream.init`.
        let key = (region &<< 56) ^ (purpose.rawValue &<< 48) ^ UInt64(truncatingIfNeeded: sequence)
        return RandomStream(seed: seed ^ key &* 0xD6E8_FEB8_6659_FD93, stream: UInt64(truncatingIfNeeded: entity))
    }
}

extension RandomStream {
    /// True with probability `p`. - Complexity: O(1).

    mutating func chance(_ p: Double) -> Bool { p >= 1 || (p > 0 && nextUnit() < p) }

    /// An index drawn by the weights (all ≥ 0, positive sum). - Complexity: O(weights).

    mutating func pick(_ weights: [Double]) -> Int {
        var total = 0.0
        for w in weights { total += w }
        var u = nextUnit() * total
        for (i, w) in weights.enumerated() {
            if u < w { return i }
            u -= w
        }
        return weights.count - 1
    }

    /// An exponential draw with the given mean. - Complexity: O(1).

    mutating func exponential(mean: Double) -> Double { -mean * _log(nextOpenUnit()) }
}


func _log(_ x: Double) -> Double { Elementary.log(x) }
