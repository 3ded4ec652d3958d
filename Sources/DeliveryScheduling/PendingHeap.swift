/// An indexed 8-ary min-heap of job slots. Each entry is one 64-bit word: the order key (tier and
/// policy key, see `PriorityPolicy.heapKey`) in the top 40 bits and the slot in the low 24, so one
/// integer comparison orders by (tier, policy key, slot) — deterministic ties — and a node's eight
/// children fill one cache line. 10^5 pending jobs take 800 KB of heap.
///
/// Each slot's heap position is written to a caller-owned column so a job can be re-keyed or removed
/// in O(log n) from its id.
@usableFromInline
struct PendingHeap: Sendable {
    /// Bits of an entry that hold the slot.
    @usableFromInline static let slotBits: UInt64 = 24
    /// Slots must be below this.
    @usableFromInline static let maxSlots = 1 << 24
    @usableFromInline static let slotMask: UInt64 = (1 << 24) - 1

    @usableFromInline var entries: [UInt64] = []

    @usableFromInline init() {}

    /// Number of queued jobs. - Complexity: O(1).
    @inlinable var count: Int { entries.count }

    /// The queued slots in heap order (not priority order). - Complexity: O(n).
    var slots: [UInt32] { entries.map { UInt32($0 & PendingHeap.slotMask) } }

    /// Reserves room for `n` entries. - Complexity: O(n).
    @usableFromInline mutating func reserveCapacity(_ n: Int) { entries.reserveCapacity(n) }

    /// Adds `slot` with order key `key` (at most 40 bits). - Complexity: O(log n).
    @inlinable
    mutating func insert(slot: UInt32, key: UInt64, positions: inout [Int32]) {
        entries.append(key << PendingHeap.slotBits | UInt64(slot))
        siftUp(from: entries.count - 1, positions: &positions)
        checkInvariantsIfEnabled(positions: positions)
    }

    /// Removes and returns the slot with the smallest key. - Complexity: O(log n).
    @inlinable
    mutating func popMin(positions: inout [Int32]) -> UInt32? {
        guard let top = entries.first else { return nil }
        remove(at: 0, positions: &positions)
        return UInt32(top & PendingHeap.slotMask)
    }

    /// The slot with the smallest key, if any. - Complexity: O(1).
    @inlinable var min: UInt32? { entries.first.map { UInt32($0 & PendingHeap.slotMask) } }

    /// Removes the entry at heap position `i`. - Complexity: O(log n).
    @inlinable
    mutating func remove(at i: Int, positions: inout [Int32]) {
        positions[Int(entries[i] & PendingHeap.slotMask)] = -1
        let last = entries.removeLast()
        if i < entries.count {
            entries[i] = last
            if i > 0 && last < entries[(i - 1) >> 3] {
                siftUp(from: i, positions: &positions)
            } else {
                siftDown(from: i, positions: &positions)
            }
        }
        checkInvariantsIfEnabled(positions: positions)
    }

    /// Changes the order key at heap position `i`. - Complexity: O(log n).
    @inlinable
    mutating func update(at i: Int, key: UInt64, positions: inout [Int32]) {
        let old = entries[i]
        let new = key << PendingHeap.slotBits | (old & PendingHeap.slotMask)
        if new == old { return }
        entries[i] = new
        if new < old { siftUp(from: i, positions: &positions) } else { siftDown(from: i, positions: &positions) }
        checkInvariantsIfEnabled(positions: positions)
    }

    @inlinable
    mutating func siftUp(from start: Int, positions: inout [Int32]) {
        entries.withUnsafeMutableBufferPointer { e in
            positions.withUnsafeMutableBufferPointer { p in
                var i = start
                let moving = e[i]
                while i > 0 {
                    let parent = (i &- 1) >> 3
                    let pe = e[parent]
                    if pe <= moving { break }
                    e[i] = pe
                    p[Int(pe & PendingHeap.slotMask)] = Int32(truncatingIfNeeded: i)
                    i = parent
                }
                e[i] = moving
                p[Int(moving & PendingHeap.slotMask)] = Int32(truncatingIfNeeded: i)
            }
        }
    }

    @inlinable
    mutating func siftDown(from start: Int, positions: inout [Int32]) {
        entries.withUnsafeMutableBufferPointer { e in
            positions.withUnsafeMutableBufferPointer { p in
                let n = e.count
                var i = start
                let moving = e[i]
                while true {
                    let first = 8 &* i &+ 1
                    if first >= n { break }
                    var best = first
                    var bestKey = e[first]
                    let end = first &+ 8 <= n ? first &+ 8 : n
                    var c = first &+ 1
                    while c < end {
                        let ck = e[c]
                        if ck < bestKey { best = c; bestKey = ck }
                        c &+= 1
                    }
                    if bestKey >= moving { break }
                    e[i] = bestKey
                    p[Int(bestKey & PendingHeap.slotMask)] = Int32(truncatingIfNeeded: i)
                    i = best
                }
                e[i] = moving
                p[Int(moving & PendingHeap.slotMask)] = Int32(truncatingIfNeeded: i)
            }
        }
    }

    /// Checks the heap order and the position column (internal checks). - Complexity: O(n).
    @usableFromInline func isValid(positions: [Int32]) -> Bool {
        for i in 0..<entries.count {
            if positions[Int(entries[i] & PendingHeap.slotMask)] != Int32(i) { return false }
            if i > 0 && entries[(i - 1) >> 3] > entries[i] { return false }
        }
        return true
    }
}
