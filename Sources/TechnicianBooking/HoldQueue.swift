/// A binary min-heap of hold expiries (lazy deletion: entries of confirmed or released holds are
/// skipped when popped).
@usableFromInline
struct HoldQueue: Sendable {
    @usableFromInline struct Entry: Sendable {
        @usableFromInline var expiry: Int64
        @usableFromInline var index: Int32
        @usableFromInline var generation: UInt32
        @inlinable init(expiry: Int64, index: Int32, generation: UInt32) {
            self.expiry = expiry; self.index = index; self.generation = generation
        }
        @inlinable func before(_ o: Entry) -> Bool { expiry != o.expiry ? expiry < o.expiry : index < o.index }
    }
    @usableFromInline var heap: [Entry] = []
    @inlinable init() {}

    @inlinable var count: Int { heap.count }
    @inlinable var min: Entry? { heap.first }

    /// - Complexity: O(log n).
    @inlinable
    mutating func push(_ e: Entry) {
        heap.append(e)
        var i = heap.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            if !heap[i].before(heap[p]) { break }
            heap.swapAt(i, p); i = p
        }
    }

    /// - Complexity: O(log n).
    @inlinable
    mutating func popMin() {
        let last = heap.removeLast()
        if heap.isEmpty { return }
        heap[0] = last
        siftDown(0)
    }

    @inlinable
    mutating func siftDown(_ start: Int) {
        var i = start
        let n = heap.count
        while true {
            let l = 2 * i + 1
            if l >= n { return }
            var c = l
            if l + 1 < n && heap[l + 1].before(heap[l]) { c = l + 1 }
            if !heap[c].before(heap[i]) { return }
            heap.swapAt(i, c); i = c
        }
    }

    /// Keeps only entries satisfying `keep`, then re-heapifies. - Complexity: O(n).
    @inlinable
    mutating func compact(_ keep: (Entry) -> Bool) {
        heap.removeAll { !keep($0) }
        var i = heap.count / 2
        while i > 0 { i -= 1; siftDown(i) }
    }
}
