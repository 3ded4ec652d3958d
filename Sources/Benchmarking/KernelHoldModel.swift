import DiscreteEvents
import Foundation
import HeapModule

/// The classic hold model (Jones 1986) over a pending-event set: pop the next event and schedule it
/// again at now + an exponential increment, with the number of pending events held constant.
///
/// Increments come from a table of 65,536 exponential quantiles indexed by random bits, identical for
/// every queue, so that the timing measures the queue, not `log`. Each run returns a checksum of the
/// popped times so the queues can be checked against each other: the same stream of increments must
/// pop the same times in the same order.
public struct HoldModel: Sendable {
    /// The queue implementations the hold model can drive.
    public enum QueueKind: String, CaseIterable, Sendable {
        /// Jornada's kernel `EventQueue` (monotone radix heap).
        case radix
        /// An implicit 4-ary min-heap on (time, order) — the best plain heap, for comparison.
        case quaternary
        /// swift-collections' `Heap` (a min-max heap) with a `Comparable` entry — the baseline.
        case collectionsHeap = "heap"
    }

    /// Number of pending events held constant.
    public var pending: Int
    /// Number of hold operations (pop + schedule) timed.
    public var events: Int
    /// Mean of the exponential increment.
    public var meanIncrement: SimDuration
    /// Seed of the increment stream.
    public var seed: UInt64

    /// A hold model with `pending` events, timed over `events` operations.
    public init(pending: Int, events: Int, meanIncrement: SimDuration = .seconds(60), seed: UInt64 = 1) {
        self.pending = pending
        self.events = events
        self.meanIncrement = meanIncrement
        self.seed = seed
    }

    /// The outcome of one run.
    public struct Outcome: Sendable {
        /// Wall time of the timed loop, in seconds.
        public var seconds: Double
        /// Sum of popped times in ticks (wrapping), to cross-check queues.
        public var checksum: UInt64
        /// Hold operations per second.
        public var eventsPerSecond: Double
    }

    /// Runs the hold model on `kind`; the fill phase is not timed. - Complexity: O(events × queue cost).
    public func run(_ kind: QueueKind) -> Outcome {
        let table = Self.incrementTable(mean: meanIncrement)
        switch kind {
        case .radix: return runRadix(table)
        case .quaternary: return runQuaternary(table)
        case .collectionsHeap: return runHeap(table)
        }
    }

    static func incrementTable(mean: SimDuration) -> [Int64] {
        // Quantiles at the midpoints of 65,536 equal-probability cells: -mean * ln(1 - u).
        (0..<65_536).map { i in
            let u = (Double(i) + 0.5) / 65_536
            return Int64((-Double(mean.ticks) * Foundation.log(1 - u)).rounded()) + 1
        }
    }

    @inline(__always)
    func increment(_ rng: inout RandomStream, _ table: UnsafeBufferPointer<Int64>) -> Int64 {
        table[Int(truncatingIfNeeded: rng.next() >> 48)]
    }

    func outcome(_ seconds: Double, _ checksum: UInt64) -> Outcome {
        Outcome(seconds: seconds, checksum: checksum, eventsPerSecond: Double(events) / seconds)
    }

    func runRadix(_ tableArray: [Int64]) -> Outcome {
        tableArray.withUnsafeBufferPointer { table in
            var rng = RandomStream(seed: seed, stream: 1)
            var q = EventQueue<UInt32>()
            q.reserveCapacity(pending)
            for i in 0..<pending { q.schedule(UInt32(truncatingIfNeeded: i), at: SimTime(ticks: increment(&rng, table))) }
            let (sum, secs) = BenchClock.measure { () -> UInt64 in
                var sum: UInt64 = 0
                for _ in 0..<events {
                    let (t, e) = q.popNext().unsafelyUnwrapped
                    sum &+= UInt64(bitPattern: t.ticks)
                    q.schedule(e, at: SimTime(ticks: t.ticks &+ increment(&rng, table)))
                }
                return sum
            }
            return outcome(secs, sum)
        }
    }

    func runHeap(_ table: [Int64]) -> Outcome { runComparisonQueue(Heap<HeapItem>(), table) }

    func runQuaternary(_ table: [Int64]) -> Outcome { runComparisonQueue(QuaternaryHeap(), table) }

    /// The hold model over a comparison queue of `HeapItem`s (specialised per queue type).
    func runComparisonQueue<Q: HoldComparisonQueue>(_ empty: Q, _ tableArray: [Int64]) -> Outcome {
        tableArray.withUnsafeBufferPointer { table in
            var rng = RandomStream(seed: seed, stream: 1)
            var queue = empty
            queue.reserve(pending)
            var seq: UInt64 = 0
            for i in 0..<pending {
                queue.push(HeapItem(time: increment(&rng, table), order: seq, payload: UInt32(truncatingIfNeeded: i)))
                seq &+= 1
            }
            let (sum, secs) = BenchClock.measure { () -> UInt64 in
                var sum: UInt64 = 0
                for _ in 0..<events {
                    let top = queue.popMin()
                    sum &+= UInt64(bitPattern: top.time)
                    queue.push(HeapItem(time: top.time &+ increment(&rng, table), order: seq, payload: top.payload))
                    seq &+= 1
                }
                return sum
            }
            return outcome(secs, sum)
        }
    }
}

/// A min-queue of `HeapItem`s the hold model can compare against the kernel's queue.
protocol HoldComparisonQueue {
    mutating func reserve(_ n: Int)
    mutating func push(_ x: HeapItem)
    mutating func popMin() -> HeapItem
}

extension Heap: HoldComparisonQueue where Element == HeapItem {
    mutating func reserve(_ n: Int) { reserveCapacity(n) }
    mutating func push(_ x: HeapItem) { insert(x) }
    mutating func popMin() -> HeapItem { removeMin() }
}

/// A heap entry ordered by (time, order) — the same ordering the kernel queue uses.
struct HeapItem: Comparable {
    var time: Int64
    var order: UInt64
    var payload: UInt32

    @inline(__always) static func < (a: HeapItem, b: HeapItem) -> Bool {
        a.time != b.time ? a.time < b.time : a.order < b.order
    }

    static func == (a: HeapItem, b: HeapItem) -> Bool { a.time == b.time && a.order == b.order }
}

/// An implicit 4-ary min-heap: the strongest plain comparison heap, measured against the radix heap.
struct QuaternaryHeap: HoldComparisonQueue {
    var items: ContiguousArray<HeapItem> = []

    mutating func reserve(_ n: Int) { items.reserveCapacity(n) }

    /// - Complexity: O(log₄ n).
    mutating func push(_ x: HeapItem) {
        items.append(x)
        var i = items.count - 1
        items.withUnsafeMutableBufferPointer { a in
            while i > 0 {
                let p = (i - 1) >> 2
                if !(x < a[p]) { break }
                a[i] = a[p]
                i = p
            }
            a[i] = x
        }
    }

    /// - Complexity: O(4 log₄ n).
    mutating func popMin() -> HeapItem {
        let top = items[0]
        let last = items.removeLast()
        let n = items.count
        if n == 0 { return top }
        items.withUnsafeMutableBufferPointer { a in
            var i = 0
            while true {
                let c0 = 4 * i + 1
                if c0 >= n { break }
                var best = c0
                let end = min(c0 + 4, n)
                var c = c0 + 1
                while c < end {
                    if a[c] < a[best] { best = c }
                    c += 1
                }
                if !(a[best] < last) { break }
                a[i] = a[best]
                i = best
            }
            a[i] = last
        }
        return top
    }
}
