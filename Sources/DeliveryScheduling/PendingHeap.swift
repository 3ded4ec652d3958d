/// One heap entry: the 64-bit (tier, policy key) and the job's slot, 16 bytes, so a node's four
/// children share one or two cache lines and a level costs one miss, not two.
@usableFromInline
struct HeapEntry: Sendable {
    @usableFromInline var key: UInt64
    @usableFromInline var slot: UInt32
    @inlinable init(key: UInt64, slot: UInt32) {
        self.key = key
        self.slot = slot
    }
}

/// An indexed 4-ary min-heap of job slots keyed by a 64-bit (tier, policy key).
///
/// Each slot's heap position is written to a caller-owned column so a job can be re-keyed or removed
/// in O(log n) from its id.
@usableFromInline
struct PendingHeap: Sendable {
    @usableFromInline var entries: [HeapEntry] = []

    @usableFromInline init() {}

    /// Number of queued jobs. - Complexity: O(1).
    @inlinable var count: Int { entries.count }

    /// The queued slots in heap order (not priority order). - Complexity: O(n).
    var slots: [UInt32] { entries.map(\.slot) }

    /// Reserves room for `n` entries. - Complexity: O(n).
    @usableFromInline mutating func reserveCapacity(_ n: Int) { entries.reserveCapacity(n) }

    /// Adds `slot` with `key`. - Complexity: O(log n).
    @inlinable
    mutating func insert(slot: UInt32, key: UInt64, positions: inout [Int32]) {
        entries.append(HeapEntry(key: key, slot: slot))
        siftUp(from: entries.count - 1, positions: &positions)
    }

    /// Removes and returns the slot with the smallest key. - Complexity: O(log n).
    @inlinable
    mutating func popMin(positions: inout [Int32]) -> UInt32? {
        guard !entries.isEmpty else { return nil }
        let top = entries[0].slot
        remove(at: 0, positions: &positions)
        return top
    }

    /// The slot with the smallest key, if any. - Complexity: O(1).
    @inlinable var min: UInt32? { entries.first?.slot }

    /// Removes the entry at heap position `i`. - Complexity: O(log n).
    @inlinable
    mutating func remove(at i: Int, positions: inout [Int32]) {
        positions[Int(entries[i].slot)] = -1
        let last = entries.removeLast()
        if i == entries.count { return }
        entries[i] = last
        if i > 0 && last.key < entries[(i - 1) >> 2].key {
            siftUp(from: i, positions: &positions)
        } else {
            siftDown(from: i, positions: &positions)
        }
    }

    /// Changes the key at heap position `i`. - Complexity: O(log n).
    @inlinable
    mutating func update(at i: Int, key: UInt64, positions: inout [Int32]) {
        let old = entries[i].key
        if key == old { return }
        entries[i].key = key
        if key < old { siftUp(from: i, positions: &positions) } else { siftDown(from: i, positions: &positions) }
    }

    @inlinable
    mutating func siftUp(from start: Int, positions: inout [Int32]) {
        entries.withUnsafeMutableBufferPointer { e in
            positions.withUnsafeMutableBufferPointer { p in
                var i = start
                let moving = e[i]
                while i > 0 {
                    let parent = (i - 1) >> 2
                    let pe = e[parent]
                    if pe.key <= moving.key { break }
                    e[i] = pe
                    p[Int(pe.slot)] = Int32(i)
                    i = parent
                }
                e[i] = moving
                p[Int(moving.slot)] = Int32(i)
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
                    let first = 4 &* i &+ 1
                    if first >= n { break }
                    var best = first
                    var bestKey = e[first].key
                    if first &+ 3 < n {
                        let k1 = e[first &+ 1].key, k2 = e[first &+ 2].key, k3 = e[first &+ 3].key
                        if k1 < bestKey { best = first &+ 1; bestKey = k1 }
                        if k2 < bestKey { best = first &+ 2; bestKey = k2 }
                        if k3 < bestKey { best = first &+ 3; bestKey = k3 }
                    } else {
                        var c = first &+ 1
                        while c < n {
                            let ck = e[c].key
                            if ck < bestKey { best = c; bestKey = ck }
                            c &+= 1
                        }
                    }
                    if bestKey >= moving.key { break }
                    let child = e[best]
                    e[i] = child
                    p[Int(child.slot)] = Int32(i)
                    i = best
                }
                e[i] = moving
                p[Int(moving.slot)] = Int32(i)
            }
        }
    }

    /// Checks the heap order and the position column (tests only). - Complexity: O(n).
    func isValid(positions: [Int32]) -> Bool {
        for i in 0..<entries.count {
            if positions[Int(entries[i].slot)] != Int32(i) { return false }
            if i > 0 && entries[(i - 1) >> 2].key > entries[i].key { return false }
        }
        return true
    }
}
