/// An indexed 4-ary min-heap of job slots keyed by a 64-bit (tier, policy key).
///
/// Keys and slots live in parallel arrays (comparisons touch only keys: four children share one
/// cache line). Each slot's heap position is written to a caller-owned column so a job can be
/// re-keyed or removed in O(log n) from its id.
@usableFromInline
struct PendingHeap: Sendable {
    @usableFromInline var keys: [UInt64] = []
    @usableFromInline var slots: [UInt32] = []

    @usableFromInline init() {}

    /// Number of queued jobs. - Complexity: O(1).
    @inlinable var count: Int { keys.count }

    /// Adds `slot` with `key`. - Complexity: O(log n).
    @inlinable
    mutating func insert(slot: UInt32, key: UInt64, positions: inout [Int32]) {
        keys.append(key)
        slots.append(slot)
        siftUp(from: keys.count - 1, positions: &positions)
    }

    /// Removes and returns the slot with the smallest key. - Complexity: O(log n).
    @inlinable
    mutating func popMin(positions: inout [Int32]) -> UInt32? {
        guard !keys.isEmpty else { return nil }
        let top = slots[0]
        remove(at: 0, positions: &positions)
        return top
    }

    /// The slot with the smallest key, if any. - Complexity: O(1).
    @inlinable var min: UInt32? { slots.first }

    /// Removes the entry at heap position `i`. - Complexity: O(log n).
    @inlinable
    mutating func remove(at i: Int, positions: inout [Int32]) {
        let removed = slots[i]
        positions[Int(removed)] = -1
        let last = keys.count - 1
        if i == last {
            keys.removeLast()
            slots.removeLast()
            return
        }
        let k = keys[last], s = slots[last]
        keys.removeLast()
        slots.removeLast()
        keys[i] = k
        slots[i] = s
        positions[Int(s)] = Int32(i)
        if i > 0 && k < keys[(i - 1) >> 2] {
            siftUp(from: i, positions: &positions)
        } else {
            siftDown(from: i, positions: &positions)
        }
    }

    /// Changes the key at heap position `i`. - Complexity: O(log n).
    @inlinable
    mutating func update(at i: Int, key: UInt64, positions: inout [Int32]) {
        let old = keys[i]
        keys[i] = key
        if key < old { siftUp(from: i, positions: &positions) } else if key > old { siftDown(from: i, positions: &positions) }
    }

    @inlinable
    mutating func siftUp(from start: Int, positions: inout [Int32]) {
        keys.withUnsafeMutableBufferPointer { k in
            slots.withUnsafeMutableBufferPointer { s in
                positions.withUnsafeMutableBufferPointer { p in
                    var i = start
                    let key = k[i], slot = s[i]
                    while i > 0 {
                        let parent = (i - 1) >> 2
                        let pk = k[parent]
                        if pk <= key { break }
                        k[i] = pk
                        let ps = s[parent]
                        s[i] = ps
                        p[Int(ps)] = Int32(i)
                        i = parent
                    }
                    k[i] = key
                    s[i] = slot
                    p[Int(slot)] = Int32(i)
                }
            }
        }
    }

    @inlinable
    mutating func siftDown(from start: Int, positions: inout [Int32]) {
        let n = keys.count
        keys.withUnsafeMutableBufferPointer { k in
            slots.withUnsafeMutableBufferPointer { s in
                positions.withUnsafeMutableBufferPointer { p in
                    var i = start
                    let key = k[i], slot = s[i]
                    while true {
                        let first = 4 * i + 1
                        if first >= n { break }
                        var best = first
                        var bestKey = k[first]
                        let end = Swift.min(first + 4, n)
                        var c = first + 1
                        while c < end {
                            let ck = k[c]
                            if ck < bestKey { best = c; bestKey = ck }
                            c += 1
                        }
                        if bestKey >= key { break }
                        k[i] = bestKey
                        let bs = s[best]
                        s[i] = bs
                        p[Int(bs)] = Int32(i)
                        i = best
                    }
                    k[i] = key
                    s[i] = slot
                    p[Int(slot)] = Int32(i)
                }
            }
        }
    }

    /// Checks the heap order and the position column (tests only). - Complexity: O(n).
    func isValid(positions: [Int32]) -> Bool {
        for i in 0..<keys.count {
            if positions[Int(slots[i])] != Int32(i) { return false }
            if i > 0 && keys[(i - 1) >> 2] > keys[i] { return false }
        }
        return true
    }
}
