/// A growable buffer with unchecked access, for the event queue's hot paths.
///
/// Not a collection and not memory-safe on its own: the owner calls `free()` exactly once and never
/// indexes out of `0..<count`. `EventQueue` owns its buffers through `EventQueueStorage`, whose
/// `deinit` frees them, and copies them on write.
@usableFromInline
struct RawVector<Element> {
    @usableFromInline var base: UnsafeMutablePointer<Element>?
    @usableFromInline var count: Int = 0
    @usableFromInline var capacity: Int = 0

    @inlinable init() {}

    /// Appends `x`, doubling the capacity when full. - Complexity: O(1) amortised.
    @inlinable @inline(__always)
    mutating func append(_ x: Element) {
        if count == capacity { grow(to: Swift.max(16, capacity &* 2)) }
        (base.unsafelyUnwrapped + count).initialize(to: x)
        count &+= 1
    }

    /// Removes and returns the last element; the vector must not be empty. - Complexity: O(1).
    @inlinable @inline(__always)
    mutating func removeLast() -> Element {
        count &-= 1
        return (base.unsafelyUnwrapped + count).move()
    }

    /// Unchecked element access. - Complexity: O(1).
    @inlinable
    subscript(i: Int) -> Element {
        @inline(__always) get { base.unsafelyUnwrapped[i] }
        @inline(__always) nonmutating set { base.unsafelyUnwrapped[i] = newValue }
    }

    /// Grows the capacity to at least `n`. - Complexity: O(count).
    @inlinable
    mutating func grow(to n: Int) {
        guard n > capacity else { return }
        let fresh = UnsafeMutablePointer<Element>.allocate(capacity: n)
        if let old = base {
            fresh.moveInitialize(from: old, count: count)
            old.deallocate()
        }
        base = fresh
        capacity = n
    }

    /// Removes every element, keeping the capacity. - Complexity: O(count).
    @inlinable
    mutating func removeAll() {
        base?.deinitialize(count: count)
        count = 0
    }

    /// Releases the elements and the memory. - Complexity: O(count).
    @inlinable
    mutating func free() {
        removeAll()
        base?.deallocate()
        base = nil
        capacity = 0
    }

    /// An independent copy with the same capacity. - Complexity: O(count).
    @inlinable
    func copy() -> RawVector {
        var c = RawVector()
        c.grow(to: capacity)
        if count > 0 { c.base.unsafelyUnwrapped.initialize(from: base.unsafelyUnwrapped, count: count) }
        c.count = count
        return c
    }
}
