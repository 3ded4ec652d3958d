import DiscreteEvents

/// How jobs are ordered inside one priority tier. Tiers always come first; a policy never lets a
/// less urgent tier overtake a more urgent one.
public enum PriorityPolicy: String, Sendable, CaseIterable, CustomStringConvertible {
    /// First in, first out: by submission time.
    case fifo = "fifo"
    /// Earliest SLA deadline first.
    case earliestDeadline = "earliest-deadline"
    /// Least slack first: deadline minus service time minus travel from the depot.
    case leastSlack = "least-slack"
    /// Highest value first, with waiting time converted to value so nothing starves.
    case customerValue = "customer-value"

    /// The name used on the command line and in files.
    public var description: String { rawValue }
}

/// Aging: how much urgency a job earns by waiting, so that no job starves under any policy.
///
/// A job's urgency at time `now` is `base − (now − submitted) × perMille / 1000`, smaller first. The
/// `now` term is the same for every job, so the order key `base + submitted × perMille / 1000` never
/// changes while a job waits: aging needs no re-sorting.
public struct AgingRule: Sendable, Hashable {
    /// Urgency earned per unit of waiting time, in thousandths (1000 = a tick of credit per tick waited).
    public var perMille: Int64
    /// How much waiting time one unit of `DeliveryJob.value` is worth (customer-value policy).
    public var valueWorth: SimDuration
    /// The horizon used in place of "no deadline" (deadline policies).
    public var noDeadlineHorizon: SimDuration

    /// An aging rule; the defaults give 25 % credit, one minute per value unit and a 30-day horizon.
    public init(perMille: Int64 = 250, valueWorth: SimDuration = .minutes(Int64(1)), noDeadlineHorizon: SimDuration = .days(Int64(30))) {
        self.perMille = perMille
        self.valueWorth = valueWorth
        self.noDeadlineHorizon = noDeadlineHorizon
    }
}

extension PriorityPolicy {
    /// The time-invariant order key inside a tier (smaller first), in ticks.
    ///
    /// - Parameters: `submitted` is when the job entered the queue (ticks), `travel` the one-way
    ///   travel time from the depot (ticks; least-slack only). - Complexity: O(1).
    @inlinable
    func key(job: DeliveryJob, submitted: Int64, travel: Int64, aging: AgingRule) -> Int64 {
        let credit = aging.perMille == 1000 ? submitted : (submitted / 1000) &* aging.perMille
        switch self {
        case .fifo:
            return submitted
        case .earliestDeadline:
            return clampedDeadline(job, submitted, aging) &+ credit
        case .leastSlack:
            return clampedDeadline(job, submitted, aging) &- job.serviceTime.ticks &- travel &+ credit
        case .customerValue:
            let v = Swift.max(Swift.min(job.value, 1 << 30), -(1 << 30))
            return credit &- v &* Swift.min(aging.valueWorth.ticks, 1 << 28)
        }
    }

    @inlinable
    func clampedDeadline(_ job: DeliveryJob, _ submitted: Int64, _ aging: AgingRule) -> Int64 {
        let cap = submitted &+ aging.noDeadlineHorizon.ticks
        return job.deadline.ticks > cap ? cap : job.deadline.ticks
    }

    /// The order key: the tier in bits 38–39, the policy key in whole milliseconds (biased by 2^36 ms,
    /// about 2.2 years, and saturating outside −2.2 … +6.5 years) in bits 0–37. Smaller is more urgent.
    @inlinable
    static func heapKey(tier: PriorityTier, policyKey: Int64) -> UInt64 {
        let q = policyKey / 1000
        let ms = policyKey % 1000 < 0 ? q - 1 : q
        let limit: Int64 = (1 << 38) - 1
        let k = Swift.min(Swift.max(ms &+ (1 << 36), 0), limit)
        return UInt64(tier.rawValue) << 38 | UInt64(k)
    }
}

extension PriorityPolicy {
    /// The full heap order key (tier in the top bits, then the policy key) for `job` submitted at
    /// `submitted`; smaller is more urgent. `depot` gives the travel estimate for least slack. Public
    /// so that a benchmark baseline (and a test's reference model) orders jobs exactly as the engine does.
    /// - Complexity: O(1).
    @inlinable
    public func orderKey(job: DeliveryJob, submitted: SimTime, depot: Depot, aging: AgingRule) -> UInt64 {
        let travel = self == .leastSlack ? Int64(depot.location.distance(to: job.location) * depot.ticksPerUnit) : 0
        return PriorityPolicy.heapKey(tier: job.tier, policyKey: key(job: job, submitted: submitted.ticks, travel: travel, aging: aging))
    }
}
