/// A handle to a scheduled event, used to cancel it.
///
/// A handle stays valid until its event fires or is cancelled; after that, cancelling through it is
/// a harmless no-op (the slot it names may hold another event by then, which the sequence guards).
@frozen
public struct EventHandle: Hashable, Sendable {
    /// The storage slot the event occupies.
    public let slot: UInt32
    /// The event's insertion sequence number, unique within its queue.
    public let sequence: UInt64

    @inlinable init(slot: UInt32, sequence: UInt64) {
        self.slot = slot
        self.sequence = sequence
    }
}

/// One queue entry: the event's time, its order key (priority and sequence), its slot and payload.
@usableFromInline
struct QueueEntry<Event> {
    @usableFromInline var time: UInt64
    @usableFromInline var order: UInt64
    @usableFromInline var slot: UInt32
    @usableFromInline var event: Event

    @inlinable init(time: UInt64, order: UInt64, slot: UInt32, event: Event) {
        self.time = time
        self.order = order
        self.slot = slot
        self.event = event
    }

    /// Whether `a` runs before `b`: earlier time, then smaller order key.
    @inlinable @inline(__always)
    static func before(_ a: QueueEntry, _ b: QueueEntry) -> Bool {
        a.time != b.time ? a.time < b.time : a.order < b.order
    }
}

/// The buffers behind an `EventQueue`: 64 radix buckets, the front heap, and the slot table.
///
/// Every buffer is reached through a `let` pointer so the hot paths pay no exclusivity or
/// uniqueness check; `EventQueue` copies the storage on write.
@usableFromInline
final class EventQueueStorage<Event> {
    /// Index 1…64: radix buckets; index 0: the front heap.
    @usableFromInline let vectors: UnsafeMutablePointer<RawVector<QueueEntry<Event>>>
    /// The sequence number of the live event in each slot, or `UInt64.max` when the slot is free.
    @usableFromInline let liveSequence: UnsafeMutablePointer<RawVector<UInt64>>
    /// Free slots, reused last-in first-out.
    @usableFromInline let freeSlots: UnsafeMutablePointer<RawVector<UInt32>>

    @inlinable init() {
        vectors = .allocate(capacity: 65)
        vectors.initialize(repeating: RawVector(), count: 65)
        liveSequence = .allocate(capacity: 1)
        liveSequence.initialize(to: RawVector())
        freeSlots = .allocate(capacity: 1)
        freeSlots.initialize(to: RawVector())
    }

    @inlinable func copy() -> EventQueueStorage {
        let c = EventQueueStorage()
        for i in 0..<65 { c.vectors[i] = vectors[i].copy() }
        c.liveSequence.pointee = liveSequence.pointee.copy()
        c.freeSlots.pointee = freeSlots.pointee.copy()
        return c
    }

    @inlinable deinit {
        for i in 0..<65 { vectors[i].free() }
        vectors.deinitialize(count: 65)
        vectors.deallocate()
        liveSequence.pointee.free()
        liveSequence.deinitialize(count: 1)
        liveSequence.deallocate()
        freeSlots.pointee.free()
        freeSlots.deinitialize(count: 1)
        freeSlots.deallocate()
    }
}

/// The pending-event set of a simulation: a monotone radix heap with a small front heap, ordered by
/// (time, priority, insertion sequence).
///
/// Because the simulation clock only moves forward, the queue is a *radix heap* (Ahuja, Mehlhorn,
/// Orlin & Tarjan 1990) on the 64-bit time key: bucket `b` holds the entries whose time first differs
/// from the last popped time at bit `b - 1`. The lowest non-empty bucket is either spread over the
/// buckets below it around its minimum (each entry moves to a strictly lower bucket, so at most 64
/// times in its life, in practice two or three) or, when it holds at most `smallBucket` entries,
/// moved whole into the *front*: a 4-ary min-heap on (time, order) that also takes new events
/// falling in its range. Payloads live in the entries, so moves are sequential copies; a slot table
/// gives each event a handle for O(1) cancellation, and cancelled entries are dropped lazily when
/// they reach the front. In steady state nothing is allocated. `jornada bench kernel` measures it
/// against a 4-ary heap and swift-collections' `Heap` (see Scenarios/README.md for the figures).
///
/// Ordering: earlier time first; at equal times, higher `priority` first; then insertion order.
/// Scheduling before the last popped time is a programmer error (a precondition says what and when).
public struct EventQueue<Event> {
    @usableFromInline typealias Entry = QueueEntry<Event>

    @usableFromInline var storage: EventQueueStorage<Event>
    /// Bit `b - 1` set when bucket `b` is non-empty.
    @usableFromInline var occupied: UInt64 = 0
    /// The time of the last popped event (the radix heap's reference point).
    @usableFromInline var last: UInt64
    /// The clock: `last`, or later after `advance(to:)`; nothing may be scheduled before it.
    @usableFromInline var clock: UInt64
    /// The front holds the entries whose time agrees with `last` on bits ≥ `frontLevel`.
    @usableFromInline var frontLevel: Int = 0
    /// The next insertion sequence number.
    @usableFromInline var nextSequence: UInt64 = 0
    /// Number of live (scheduled, not cancelled, not popped) events.
    @usableFromInline var liveCount: Int = 0

    @usableFromInline static var sequenceBits: UInt64 { 48 }
    @usableFromInline static var sequenceMask: UInt64 { (1 << 48) - 1 }
    /// A bucket this small moves into the front heap whole instead of being spread out.
    @usableFromInline static var smallBucket: Int { 48 }

    /// An empty queue whose clock starts at `start`.
    ///
    /// - Complexity: O(1).
    @inlinable
    public init(start: SimTime = .zero) {
        precondition(start.ticks >= 0, "EventQueue: the start time must not be negative, got \(start)")
        storage = EventQueueStorage()
        last = UInt64(start.ticks)
        clock = last
    }

    /// Number of pending (live) events. - Complexity: O(1).
    @inlinable public var count: Int { liveCount }

    /// Whether no event is pending. - Complexity: O(1).
    @inlinable public var isEmpty: Bool { liveCount == 0 }

    /// The current time: the last popped event's time, the start time, or where `advance(to:)` moved
    /// the clock. No event may be scheduled before it. - Complexity: O(1).
    @inlinable public var now: SimTime { SimTime(ticks: Int64(bitPattern: clock)) }

    /// Moves the clock forward to `time` without handling any event.
    ///
    /// - Precondition: `time >= now` and no pending event is due before `time`.
    /// - Complexity: O(1) amortised (one peek).
    @inlinable
    public mutating func advance(to time: SimTime) {
        precondition(time >= now, "EventQueue.advance(to:): \(time) is before the current time \(now)")
        if let next = peekTime() {
            precondition(next >= time, "EventQueue.advance(to:): an event is pending at \(next), before \(time)")
        }
        clock = UInt64(bitPattern: time.ticks)
        checkInvariantsIfEnabled()
    }

    @inlinable var front: UnsafeMutablePointer<RawVector<Entry>> { storage.vectors }

    @inlinable @inline(__always)
    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    /// Schedules `event` at `time`; at equal times, higher `priority` runs first, then earlier insertion.
    ///
    /// - Precondition: `time >= now` (scheduling in the past is a programmer error).
    /// - Returns: a handle that can cancel the event.
    /// - Complexity: O(1) amortised; O(log k) when the event falls in the front of k entries.
    @inlinable
    @discardableResult
    public mutating func schedule(_ event: Event, at time: SimTime, priority: Int16 = 0) -> EventHandle {
        let (t, order) = nextOrder(at: time, priority: priority)
        let seq = order & Self.sequenceMask
        let slot: UInt32
        let free = storage.freeSlots
        if free.pointee.count > 0 {
            slot = free.pointee.removeLast()
            storage.liveSequence.pointee[Int(slot)] = seq
        } else {
            let table = storage.liveSequence
            precondition(table.pointee.count < Int(UInt32.max), "EventQueue.schedule: more than 2^32 pending events")
            slot = UInt32(truncatingIfNeeded: table.pointee.count)
            table.pointee.append(seq)
        }
        insert(Entry(time: t, order: order, slot: slot, event: event))
        checkInvariantsIfEnabled()
        return EventHandle(slot: slot, sequence: seq)
    }

    /// Schedules `event` at `time` without a handle: it cannot be cancelled, and it takes no slot in the
    /// handle table, so neither scheduling nor popping it touches that table (a cache miss an event saved
    /// in a simulation of millions of pending events). Ordered exactly as `schedule(_:at:priority:)`.
    ///
    /// - Precondition: `time >= now`.
    /// - Complexity: as `schedule(_:at:priority:)`.
    @inlinable
    public mutating func post(_ event: Event, at time: SimTime, priority: Int16 = 0) {
        let (t, order) = nextOrder(at: time, priority: priority)
        insert(Entry(time: t, order: order, slot: Self.unhandled, event: event))
        checkInvariantsIfEnabled()
    }

    /// What `schedule` and `post` share: checks `time` against the clock, makes the storage unique,
    /// counts the event live and takes the next insertion sequence; returns the time key and the order
    /// key (priority, then sequence). - Complexity: O(1) (O(storage) when it must be copied).
    @inlinable @inline(__always)
    mutating func nextOrder(at time: SimTime, priority: Int16) -> (time: UInt64, order: UInt64) {
        let t = UInt64(bitPattern: time.ticks)
        precondition(time.ticks >= 0 && t >= clock,
                     "EventQueue.schedule: cannot schedule at \(time), before the current time \(now)")
        makeUnique()
        let seq = nextSequence
        precondition(seq <= Self.sequenceMask, "EventQueue.schedule: insertion sequence exhausted")
        nextSequence &+= 1
        liveCount &+= 1
        // Higher priority first: map Int16 to an order-preserving UInt16, then invert it.
        let inverted = UInt64(0xFFFF &- (UInt16(bitPattern: priority) ^ 0x8000))
        return (t, (inverted << Self.sequenceBits) | seq)
    }

    /// Schedules `event` after `delay` from `now`.
    ///
    /// - Precondition: `delay` is not negative.
    /// - Complexity: as `schedule(_:at:priority:)`.
    @inlinable
    @discardableResult
    public mutating func schedule(_ event: Event, after delay: SimDuration, priority: Int16 = 0) -> EventHandle {
        precondition(delay.ticks >= 0, "EventQueue.schedule: negative delay \(delay) at \(now)")
        return schedule(event, at: now + delay, priority: priority)
    }

    /// Cancels the event behind `handle`; returns whether it was still pending.
    ///
    /// The entry is dropped lazily when it reaches the front; its slot is reused at once.
    /// - Complexity: O(1).
    @inlinable
    @discardableResult
    public mutating func cancel(_ handle: EventHandle) -> Bool {
        guard isPending(handle) else { return false }
        makeUnique()
        release(slot: Int(handle.slot))
        checkInvariantsIfEnabled()
        return true
    }

    /// Whether the event behind `handle` is still pending. - Complexity: O(1).
    @inlinable
    public func isPending(_ handle: EventHandle) -> Bool {
        let table = storage.liveSequence
        let s = Int(handle.slot)
        return s < table.pointee.count && table.pointee[s] == handle.sequence
    }

    /// The time of the next event without removing it, or `nil` when empty.
    ///
    /// Mutating because it may reorganise buckets. - Complexity: O(1) amortised.
    @inlinable
    public mutating func peekTime() -> SimTime? {
        makeUnique()
        guard settleFront() else { return nil }
        checkInvariantsIfEnabled()
        return SimTime(ticks: Int64(bitPattern: front.pointee[0].time))
    }

    /// The next event and its time without removing it, or `nil` when empty.
    /// - Complexity: O(1) amortised.
    @inlinable
    public mutating func peek() -> (time: SimTime, event: Event)? {
        makeUnique()
        guard settleFront() else { return nil }
        checkInvariantsIfEnabled()
        let e = front.pointee[0]
        return (SimTime(ticks: Int64(bitPattern: e.time)), e.event)
    }

    /// Removes and returns the next event; `now` becomes its time. `nil` when empty.
    ///
    /// - Complexity: O(1) amortised plus O(log k) for a front of k ≤ max(`smallBucket`, events due
    ///   at one instant) entries; each entry is moved between buckets at most 64 times in its life.
    @inlinable
    public mutating func popNext() -> (time: SimTime, event: Event)? { popNext(notAfter: .distantFuture) }

    /// Removes and returns the next event when its time is at most `end`; otherwise (or when the queue
    /// is empty) removes nothing and returns nil — `peekTime` then `popNext` in one settling of the
    /// front. - Complexity: that of `popNext`.
    @inlinable
    public mutating func popNext(notAfter end: SimTime) -> (time: SimTime, event: Event)? {
        makeUnique()
        guard settleFront(), Int64(bitPattern: front.pointee[0].time) <= end.ticks else { return nil }
        let e = popFront()
        // An early entry (below `last`) leaves `last` where it is: the buckets are relative to it.
        if e.time > last { last = e.time }
        clock = e.time
        finish(e)
        checkInvariantsIfEnabled()
        return (SimTime(ticks: Int64(bitPattern: e.time)), e.event)
    }

    /// Removes every pending event, keeping storage capacity. - Complexity: O(capacity).
    @inlinable
    public mutating func removeAll() {
        makeUnique()
        for b in 0...64 { storage.vectors[b].removeAll() }
        occupied = 0
        frontLevel = 0
        let table = storage.liveSequence
        for s in 0..<table.pointee.count where table.pointee[s] != .max { release(slot: s) }
        liveCount = 0  // posted entries hold no slot
        checkInvariantsIfEnabled()
    }

    /// Reserves room for `n` pending events in the slot table. - Complexity: O(n).
    @inlinable
    public mutating func reserveCapacity(_ n: Int) {
        makeUnique()
        storage.liveSequence.pointee.grow(to: n)
        storage.freeSlots.pointee.grow(to: n)
        checkInvariantsIfEnabled()
    }

    // MARK: - Internals

    @inlinable @inline(__always)
    mutating func release(slot s: Int) {
        storage.liveSequence.pointee[s] = .max
        storage.freeSlots.pointee.append(UInt32(truncatingIfNeeded: s))
        liveCount &-= 1
    }

    /// The slot of an entry posted without a handle (`post`): never cancelled, so always live.
    @usableFromInline static var unhandled: UInt32 { .max }

    /// Ends a popped entry's life: its slot is freed (none for a posted entry). - Complexity: O(1).
    @inlinable @inline(__always)
    mutating func finish(_ e: Entry) {
        if e.slot == Self.unhandled { liveCount &-= 1 } else { release(slot: Int(e.slot)) }
    }

    @inlinable @inline(__always)
    func isLive(_ e: Entry) -> Bool {
        e.slot == Self.unhandled || storage.liveSequence.pointee[Int(e.slot)] == e.order & Self.sequenceMask
    }

    @inlinable @inline(__always)
    mutating func insert(_ e: Entry) {
        // An entry below `last` (possible after a bucket was spread around its minimum while the clock
        // stays behind, e.g. `peekTime` then `advance(to:)` then `schedule`) precedes every bucket and
        // every front entry: it goes to the front, which pops in time order.
        if e.time < last {
            pushFront(e)
            return
        }
        let b = 64 &- (e.time ^ last).leadingZeroBitCount
        if b <= frontLevel {
            pushFront(e)
        } else {
            storage.vectors[b].append(e)
            occupied |= 1 &<< UInt64(b &- 1)
        }
    }

    /// Makes the front hold the next live entry at its top; returns false when the queue is empty.
    @inlinable @inline(__always)
    mutating func settleFront() -> Bool {
        while true {
            while front.pointee.count > 0 {
                if isLive(front.pointee[0]) { return true }
                _ = popFront()
            }
            if occupied == 0 { return false }
            refillFront()
        }
    }

    /// Empties the lowest non-empty bucket: whole into the front when small, else spread around its
    /// minimum time over the buckets below.
    @inlinable
    mutating func refillFront() {
        let b = occupied.trailingZeroBitCount &+ 1
        occupied &= ~(1 &<< UInt64(b &- 1))
        let bucket = storage.vectors + b
        let n = bucket.pointee.count
        let items = bucket.pointee.base.unsafelyUnwrapped
        if n <= Self.smallBucket {
            // `last` stays a valid reference for every bucket above b.
            frontLevel = b
            for i in 0..<n { pushFront((items + i).move()) }
            bucket.pointee.count = 0
            return
        }
        // The minimum may be a cancelled entry's time: still a valid lower bound.
        var minTime = UInt64.max
        for i in 0..<n where items[i].time < minTime { minTime = items[i].time }
        last = minTime
        frontLevel = 0
        for i in 0..<n { insert((items + i).move()) }
        bucket.pointee.count = 0
    }

    @inlinable @inline(__always)
    mutating func pushFront(_ e: Entry) {
        let heap = front
        heap.pointee.append(e)
        let a = heap.pointee.base.unsafelyUnwrapped
        var i = heap.pointee.count &- 1
        while i > 0 {
            let p = (i &- 1) >> 2
            if !Entry.before(e, a[p]) { break }
            a[i] = a[p]
            i = p
        }
        a[i] = e
    }

    @inlinable @inline(__always)
    mutating func popFront() -> Entry {
        let heap = front
        let a = heap.pointee.base.unsafelyUnwrapped
        let top = a[0]
        let lastEntry = heap.pointee.removeLast()
        let n = heap.pointee.count
        if n == 0 { return top }
        var i = 0
        while true {
            let first = 4 &* i &+ 1
            if first >= n { break }
            var best = first
            var c = first &+ 1
            let end = Swift.min(first &+ 4, n)
            while c < end {
                if Entry.before(a[c], a[best]) { best = c }
                c &+= 1
            }
            if !Entry.before(a[best], lastEntry) { break }
            a[i] = a[best]
            i = best
        }
        a[i] = lastEntry
        return top
    }
}

extension EventQueue: @unchecked Sendable where Event: Sendable {}
