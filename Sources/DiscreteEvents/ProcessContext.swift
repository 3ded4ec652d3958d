/// What a process sees while it runs: the clock, its own id, the shared state, the resources, and
/// requests that take effect when `resume(_:)` returns (spawning a process, signalling one, stopping).
///
/// Per-process bookkeeping is struct-of-arrays by slot; resource queues are intrusive FIFO lists
/// through those arrays, so queueing, granting and signalling allocate nothing once the arrays have
/// grown to the peak number of live processes.
public struct ProcessContext<P: SimulationProcess> {
    /// State shared by every process (statistics, traces, shared random streams).
    public var shared: P.Shared

    @usableFromInline var _now: SimTime
    @usableFromInline var _current: ProcessID
    /// Bookkeeping of each slot's current (or last) process.
    @usableFromInline var slots: ContiguousArray<SlotRecord> = []
    /// Finished slots, reused last-in first-out.
    @usableFromInline var freeSlots: ContiguousArray<UInt32> = []
    /// The resource pools, by `ResourceID.index`.
    @usableFromInline var resources: ContiguousArray<ResourcePool> = []
    /// Processes spawned during the current `resume`, placed into storage when it returns.
    @usableFromInline var spawned = ScratchBuffer<(slot: UInt32, process: P)>()
    /// Slots to wake (spawns, signals, grants) in request order, applied when `resume` returns.
    @usableFromInline var wakeups = ScratchBuffer<(slot: UInt32, time: SimTime)>()
    /// Slots woken at the current instant during an event, run in order before the event ends.
    @usableFromInline var ready = ScratchBuffer<UInt32>()
    /// Whether an event is being handled (same-instant wakeups then go to `ready`).
    @usableFromInline var inEvent = false
    @usableFromInline var _stopRequested = false
    /// Number of `resume(_:)` calls so far.
    @usableFromInline var _resumptions = 0
    /// Number of live (not finished) processes.
    @usableFromInline var _liveCount = 0

    @usableFromInline static var none: UInt32 { .max }

    /// A context with no processes and no resources, its clock at `start`.
    @inlinable init(shared: P.Shared, start: SimTime) {
        self.shared = shared
        _now = start
        _current = ProcessID(slot: Self.none, generation: 0)
    }

    /// The current simulated time. - Complexity: O(1).
    @inlinable public var now: SimTime { _now }

    /// The id of the process being resumed. - Complexity: O(1).
    @inlinable public var me: ProcessID { _current }

    /// Number of `resume(_:)` calls so far (steps taken, whether or not they needed an event).
    /// - Complexity: O(1).
    @inlinable public var resumptions: Int { _resumptions }

    /// Number of live (not finished) processes. - Complexity: O(1).
    @inlinable public var liveProcessCount: Int { _liveCount }

    /// Number of process slots ever used: the storage's size, which a steady-state run keeps flat.
    /// - Complexity: O(1).
    @inlinable public var slotCount: Int { slots.count }

    // MARK: - Requests

    /// Spawns `process`, to start after `delay` (default: at this instant, right after the current
    /// process yields). Returns its id at once. - Complexity: O(1) amortised.
    @inlinable @discardableResult
    public mutating func spawn(_ process: P, after delay: SimDuration = .zero) -> ProcessID {
        precondition(delay.ticks >= 0, "ProcessContext.spawn: negative delay \(delay) at \(now)")
        return spawn(process, at: now + delay)
    }

    /// Spawns `process`, to start at `time` (not before now). Returns its id at once.
    /// - Complexity: O(1) amortised.
    @inlinable @discardableResult
    public mutating func spawn(_ process: P, at time: SimTime) -> ProcessID {
        precondition(time >= now, "ProcessContext.spawn: start \(time) is before the current time \(now)")
        let id = allocate()
        spawned.append((id.slot, process))
        wakeups.append((id.slot, time))
        return id
    }

    /// Wakes `id` at this instant, right after the current process yields, if it is passive; returns
    /// whether it was. - Complexity: O(1).
    @inlinable @discardableResult
    public mutating func signal(_ id: ProcessID) -> Bool {
        guard status(of: id) == .passive else { return false }
        slots[Int(id.slot)].status = .scheduled
        wakeups.append((id.slot, now))
        return true
    }

    /// Asks the run loop to return once this process yields. - Complexity: O(1).
    @inlinable public mutating func stop() { _stopRequested = true }

    // MARK: - Queries

    /// The status of process `id`; `.finished` for a stale or unknown id. - Complexity: O(1).
    @inlinable
    public func status(of id: ProcessID) -> ProcessStatus {
        let s = Int(id.slot)
        guard s < slots.count else { return .finished }
        let record = slots[s]
        return record.generation == id.generation ? record.status : .finished
    }

    /// The number of units of `resource`. - Complexity: O(1).
    @inlinable public func capacity(of resource: ResourceID) -> Int { resources[resource.index].capacity }

    /// The number of units of `resource` held. - Complexity: O(1).
    @inlinable public func inUse(_ resource: ResourceID) -> Int { resources[resource.index].inUse }

    /// The number of processes queued on `resource`. - Complexity: O(1).
    @inlinable public func queueLength(_ resource: ResourceID) -> Int { resources[resource.index].queued }

    // MARK: - Internals

    /// Takes a free slot (or a new one) for a new process, marked scheduled. - Complexity: O(1) amortised.
    @inlinable
    mutating func allocate() -> ProcessID {
        _liveCount &+= 1
        if let slot = freeSlots.popLast() {
            slots[Int(slot)].status = .scheduled
            return ProcessID(slot: slot, generation: slots[Int(slot)].generation)
        }
        precondition(slots.count < Int(Self.none), "ProcessContext.spawn: more than 2^32 - 1 live processes")
        let slot = UInt32(truncatingIfNeeded: slots.count)
        slots.append(SlotRecord())
        return ProcessID(slot: slot, generation: 0)
    }

    /// Ends the process in `slot`: its id turns stale and the slot is reused. - Complexity: O(1).
    @inlinable
    mutating func free(_ slot: UInt32) {
        let s = Int(slot)
        slots[s].status = .finished
        slots[s].generation &+= 1
        freeSlots.append(slot)
        _liveCount &-= 1
    }

    /// Grants `count` units of `resource` to `slot` at once, or queues it; returns whether granted.
    /// - Complexity: O(1).
    @inlinable
    mutating func acquire(_ slot: UInt32, _ resource: ResourceID, _ count: Int) -> Bool {
        let r = resource.index
        precondition(r >= 0 && r < resources.count, "ProcessStep.acquire: unknown resource \(resource)")
        let pool = resources[r]
        precondition(count >= 1 && count <= pool.capacity,
                     "ProcessStep.acquire: count must be in 1...\(pool.capacity) for \(resource), got \(count)")
        if pool.queued == 0 && pool.inUse &+ count <= pool.capacity {
            resources[r].inUse = pool.inUse &+ count
            return true
        }
        let s = Int(slot)
        slots[s].wanted = count
        slots[s].nextWaiter = Self.none
        slots[s].status = .queued
        var pool2 = pool
        if pool.tail == Self.none { pool2.head = slot } else { slots[Int(pool.tail)].nextWaiter = slot }
        pool2.tail = slot
        pool2.queued = pool.queued &+ 1
        resources[r] = pool2
        return false
    }

    /// Returns `count` units of `resource` and grants queued requests in FIFO order, each woken at
    /// this instant in grant order; the head of the queue is never bypassed. - Complexity: O(1 + grants).
    @inlinable
    mutating func release(_ resource: ResourceID, _ count: Int) {
        let r = resource.index
        precondition(r >= 0 && r < resources.count, "ProcessStep.release: unknown resource \(resource)")
        var pool = resources[r]
        precondition(count >= 1 && count <= pool.inUse,
                     "ProcessStep.release: count must be in 1...\(pool.inUse) (units held) for \(resource), got \(count)")
        pool.inUse &-= count
        while pool.queued > 0 {
            let head = pool.head
            let waiter = slots[Int(head)]
            if pool.inUse &+ waiter.wanted > pool.capacity { break }
            pool.inUse &+= waiter.wanted
            pool.head = waiter.nextWaiter
            pool.queued &-= 1
            slots[Int(head)].status = .scheduled
            wakeups.append((head, now))
        }
        if pool.queued == 0 { pool.head = Self.none; pool.tail = Self.none }
        resources[r] = pool
    }
}

/// A FIFO resource pool: `capacity` identical units and an intrusive queue of waiting processes.
@usableFromInline
struct ResourcePool {
    @usableFromInline var capacity: Int
    @usableFromInline var inUse: Int = 0
    @usableFromInline var head: UInt32 = .max
    @usableFromInline var tail: UInt32 = .max
    @usableFromInline var queued: Int = 0

    @inlinable init(capacity: Int) { self.capacity = capacity }
}

/// The bookkeeping of one process slot.
@usableFromInline
struct SlotRecord {
    /// Incremented when the slot's process finishes.
    @usableFromInline var generation: UInt32 = 0
    /// Next process in the same resource queue, or `UInt32.max`.
    @usableFromInline var nextWaiter: UInt32 = .max
    /// Units requested while queued.
    @usableFromInline var wanted: Int = 0
    /// Where the slot's process stands.
    @usableFromInline var status: ProcessStatus = .scheduled

    @inlinable init() {}
}

/// A reusable buffer: cleared by resetting its count, so steady-state use never reallocates and
/// never goes through `removeAll`. Stale elements stay until overwritten.
@usableFromInline
struct ScratchBuffer<Element> {
    @usableFromInline var items: ContiguousArray<Element> = []
    @usableFromInline var count = 0

    @inlinable init() {}

    /// Whether nothing was appended since the last `clear()`. - Complexity: O(1).
    @inlinable var isEmpty: Bool { count == 0 }

    /// Appends `x`. - Complexity: O(1) amortised.
    @inlinable @inline(__always)
    mutating func append(_ x: Element) {
        if count < items.count { items[count] = x } else { items.append(x) }
        count &+= 1
    }

    /// The `i`th element since the last `clear()`. - Complexity: O(1).
    @inlinable subscript(i: Int) -> Element { items[i] }

    /// Forgets the elements, keeping storage. - Complexity: O(1).
    @inlinable @inline(__always) mutating func clear() { count = 0 }
}
