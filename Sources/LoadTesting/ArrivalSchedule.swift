/// The open-loop schedule: the intended send time of every request, fixed before the run starts and
/// never moved by a slow response.
///
/// The scenario's day (24 hourly weights) is compressed into the run's duration: hour h lasts
/// duration/24 and carries a share of the requests proportional to its weight, so the average offered
/// rate is `rate` and the busiest hour's rate is `rate × peak / mean weight` (a flat shape offers
/// `rate` throughout). Within an hour requests are evenly spaced. Request i belongs to client
/// i mod clients, so every client has its own evenly interleaved share.
public struct ArrivalSchedule: Sendable, Equatable {
    /// One hour of the compressed day: its first request's index, request count and time span.
    public struct Segment: Sendable, Equatable {
        /// Index of the segment's first request.
        public var first: Int
        /// Requests in the segment.
        public var count: Int
        /// Start, nanoseconds after the run's start.
        public var start: Int64
        /// Length in nanoseconds.
        public var length: Int64
    }

    /// The segments in time order (empty ones omitted).
    public let segments: [Segment]
    /// Requests over the whole run.
    public let total: Int
    /// Run length in nanoseconds.
    public let duration: Int64

    /// The schedule of about `rate × duration` requests over `duration` nanoseconds shaped by `hours`
    /// (relative weights, any count ≥ 1; negative weights count as 0). - Complexity: O(hours).
    public init(rate: Double, durationNanoseconds duration: Int64, hours: [Double]) {
        let w = hours.isEmpty ? [1.0] : hours.map { max(0, $0) }
        let sum = w.reduce(0, +) > 0 ? w.reduce(0, +) : Double(w.count)
        let want = rate * Double(duration) / 1e9
        var segments: [Segment] = []
        var first = 0
        var carried = 0.0
        for (h, x) in w.enumerated() {
            let start = duration * Int64(h) / Int64(w.count)
            let end = duration * Int64(h + 1) / Int64(w.count)
            // Largest-remainder rounding by running sum, so the total is exactly round(want).
            carried += want * (w.reduce(0, +) > 0 ? x : 1) / sum
            let count = Int(carried.rounded()) - first
            if count > 0 { segments.append(Segment(first: first, count: count, start: start, length: end - start)) }
            first += max(0, count)
        }
        self.segments = segments
        self.total = first
        self.duration = duration
    }

    /// The offered rate of the busiest hour, requests per second (the average rate for a flat shape;
    /// `rate × peak / mean weight` for a shaped day). - Complexity: O(hours).
    public var peakRate: Double {
        segments.map { Double($0.count) / (Double(max(1, $0.length)) / 1e9) }.max() ?? 0
    }

    /// The intended send time of request `i` (nanoseconds after the start), or nil past the end.
    /// - Complexity: O(log segments).
    public func time(of i: Int) -> Int64? {
        guard i >= 0 && i < total else { return nil }
        var lo = 0, hi = segments.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if segments[mid].first <= i { lo = mid } else { hi = mid - 1 }
        }
        let s = segments[lo]
        return s.start + Int64((Double(i - s.first) * Double(s.length) / Double(s.count)).rounded(.down))
    }

    /// A client's walk through its own requests (index `client`, `client + clients`, …) in time order.
    public struct Cursor: Sendable {
        let schedule: ArrivalSchedule
        let stride: Int
        var index: Int
        var segment = 0

        /// The next intended send time of this client, or nil when its share is done.
        /// - Complexity: amortised O(1).
        public mutating func next() -> Int64? {
            let segs = schedule.segments
            guard index < schedule.total else { return nil }
            while segment < segs.count && index >= segs[segment].first + segs[segment].count { segment += 1 }
            let s = segs[segment]
            let t = s.start + Int64((Double(index - s.first) * Double(s.length) / Double(s.count)).rounded(.down))
            index += stride
            return t
        }

        /// Requests this client has left. - Complexity: O(1).
        public var remaining: Int { index < schedule.total ? (schedule.total - 1 - index) / stride + 1 : 0 }
    }

    /// The cursor of `client` among `clients`. - Complexity: O(1).
    public func cursor(client: Int, of clients: Int) -> Cursor {
        Cursor(schedule: self, stride: max(1, clients), index: client)
    }
}
