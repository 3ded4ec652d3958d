import Histogram

/// One client's measurements: a latency histogram over the whole run, one per time interval (for
/// throughput and p99 over time), and the request accounting. Clients record without sharing
/// anything; `merge` adds them up at the end.
public struct LatencyRecorder: Sendable {
    /// Latencies from the intended send time to the response, in nanoseconds (1 ns … 1 h, 3 digits).
    public var histogram: Histogram<UInt64>
    /// One histogram per interval of `intervalNanoseconds`, by intended send time.
    public var intervals: [Histogram<UInt64>]
    /// Responses completed per interval, by completion time (the achieved throughput over time).
    public var completedPerInterval: [Int]
    /// Length of one interval.
    public let intervalNanoseconds: Int64
    /// Requests the schedule gave this client (the offered load).
    public var scheduled = 0
    /// Requests sent.
    public var sent = 0
    /// Requests answered successfully (including business refusals such as a slot taken first).
    public var completed = 0
    /// Requests that failed (a transport error, a 5xx, or a refusal the workload never causes).
    public var errors = 0
    /// Requests scheduled but never sent: the run's drain deadline passed first.
    public var dropped = 0
    /// Requests sent more than `lateNanoseconds` after their intended time.
    public var late = 0
    /// Business refusals among the completed (a job dispatched by another client first, a slot taken).
    public var refused = 0
    /// Actor hops (or HTTP round trips) the client made.
    public var hops = 0

    /// Sends later than this count as late (1 ms).
    public static let lateNanoseconds: Int64 = 1_000_000
    static let highest: UInt64 = 3_600_000_000_000

    /// A recorder for a run of `duration` split into `intervalCount` intervals. - Complexity: O(intervals).
    public init(durationNanoseconds duration: Int64, intervalCount: Int) {
        let n = max(1, intervalCount)
        histogram = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: Self.highest, numberOfSignificantValueDigits: .three)
        intervals = []
        completedPerInterval = [Int](repeating: 0, count: n + 1)
        intervalNanoseconds = max(1, (duration + Int64(n) - 1) / Int64(n))
        intervals = (0..<n).map { _ in Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: Self.highest, numberOfSignificantValueDigits: .two) }
    }

    /// Records one answered request sent for `intended`, answered at `done` (both run-relative ns).
    /// - Complexity: O(1).
    @inline(__always)
    public mutating func record(intended: Int64, done: Int64) {
        let latency = UInt64(max(1, min(Int64(Self.highest), done - intended)))
        _ = histogram.record(latency)
        let i = Int(min(Int64(intervals.count - 1), max(0, intended / intervalNanoseconds)))
        _ = intervals[i].record(latency)
    }

    /// Counts `n` answers completed at `done` in the throughput series. - Complexity: O(1).
    @inline(__always)
    public mutating func countCompleted(_ n: Int, at done: Int64) {
        let i = Int(min(Int64(completedPerInterval.count - 1), max(0, done / intervalNanoseconds)))
        completedPerInterval[i] += n
    }

    /// Adds another client's measurements (same duration and interval count).
    /// - Complexity: O(histogram buckets × intervals).
    public mutating func merge(_ o: LatencyRecorder) {
        histogram.add(o.histogram)
        for i in intervals.indices where i < o.intervals.count { intervals[i].add(o.intervals[i]) }
        for i in completedPerInterval.indices where i < o.completedPerInterval.count { completedPerInterval[i] += o.completedPerInterval[i] }
        scheduled += o.scheduled; sent += o.sent; completed += o.completed; errors += o.errors
        dropped += o.dropped; late += o.late; refused += o.refused; hops += o.hops
    }

    /// Whether every scheduled request is accounted for: scheduled = completed + errors + dropped and
    /// sent = completed + errors. - Complexity: O(1).
    public var accountingHolds: Bool { scheduled == completed + errors + dropped && sent == completed + errors }
}
