/// The `SimulationModel` that runs processes: its event is a process slot, and handling it resumes
/// that process until it yields (waits, queues, passivates or finishes).
///
/// Acquiring a free resource and releasing one continue the process in the same event; waits leave
/// exactly one pending event, queued and passive processes none. Processes woken at the current
/// instant during an event — spawned to start now, signalled, granted a resource — join a ready
/// list and run, in request order, right after the current process yields and before the event
/// ends (like SimPy's urgent events): no queue round trip, and the same order a hand-written
/// handler would use. Later wakeups go through the event queue in (time, priority, insertion)
/// order. Either way runs are deterministic. `ProcessSimulation` wraps a `Simulation` of this model.
public struct ProcessModel<P: SimulationProcess>: SimulationModel {
    /// The model's event: the slot of the process to resume.
    public typealias Event = UInt32

    /// The processes, by slot. A finished process stays here until its slot is reused.
    @usableFromInline var processes: ContiguousArray<P> = []
    /// The clock, per-process bookkeeping, resources and shared state.
    public var context: ProcessContext<P>

    /// A model with no processes, sharing `shared`, its clock at `start`.
    @inlinable
    public init(shared: P.Shared, start: SimTime = .zero) {
        context = ProcessContext(shared: shared, start: start)
    }

    /// Adds a FIFO resource pool of `capacity` units (at least 1). - Complexity: O(1) amortised.
    @inlinable
    public mutating func addResource(capacity: Int) -> ResourceID {
        precondition(capacity >= 1, "ProcessModel.addResource: capacity must be ≥ 1, got \(capacity)")
        context.resources.append(ResourcePool(capacity: capacity))
        return ResourceID(context.resources.count - 1)
    }

    /// The process `id`, or `nil` if it has finished (or the id is stale). - Complexity: O(1).
    @inlinable
    public func process(_ id: ProcessID) -> P? {
        context.status(of: id) == .finished ? nil : processes[Int(id.slot)]
    }

    /// Spawns `process` to start at `time` (not before `agenda.now`). - Complexity: O(1) amortised.
    @inlinable @discardableResult
    public mutating func spawn(_ process: P, at time: SimTime, agenda: inout Agenda<UInt32>) -> ProcessID {
        context._now = agenda.now
        let id = context.spawn(process, at: time)
        flush(&agenda)
        return id
    }

    /// Wakes `id` at `time` (default and minimum: `agenda.now`) if it is passive; returns whether
    /// it was. For drivers between runs; processes call `context.signal(_:)`. - Complexity: O(1).
    @inlinable @discardableResult
    public mutating func signal(_ id: ProcessID, at time: SimTime? = nil, agenda: inout Agenda<UInt32>) -> Bool {
        let t = time ?? agenda.now
        precondition(t >= agenda.now, "ProcessModel.signal: \(t) is before the current time \(agenda.now)")
        context._now = t
        let woken = context.signal(id)
        flush(&agenda)
        return woken
    }

    /// Resumes the process in slot `event` until it yields, then the processes it woke at this
    /// instant (spawned, signalled, granted a resource), in request order, until none is ready.
    /// - Complexity: O(steps taken in this event + requests made), each O(1) amortised.
    @inlinable
    public mutating func handle(_ event: UInt32, agenda: inout Agenda<UInt32>) {
        context._now = agenda.now
        context.inEvent = true
        run(event, &agenda)
        if !context.ready.isEmpty {
            var i = 0
            while i < context.ready.count {
                let slot = context.ready[i]
                i &+= 1
                run(slot, &agenda)
            }
            context.ready.clear()
        }
        context.inEvent = false
    }

    /// Resumes the process in `slot` until it waits, queues, passivates or finishes.
    /// - Complexity: O(steps taken + requests made), each O(1) amortised.
    @inlinable
    mutating func run(_ slot: UInt32, _ agenda: inout Agenda<UInt32>) {
        let s = Int(slot)
        context._current = ProcessID(slot: slot, generation: context.slots[s].generation)
        context.slots[s].status = .running
        while true {
            context._resumptions &+= 1
            let step = processes[s].resume(&context)
            if !context.wakeups.isEmpty || context._stopRequested { flush(&agenda) }
            switch step {
            case .wait(let d):
                precondition(d.ticks >= 0, "ProcessStep.wait: negative duration \(d) for \(context._current) at \(agenda.now)")
                context.slots[s].status = .scheduled
                agenda.schedule(slot, after: d)
                return
            case .waitUntil(let t):
                precondition(t >= agenda.now, "ProcessStep.waitUntil: \(t) is before the current time \(agenda.now) for \(context._current)")
                context.slots[s].status = .scheduled
                agenda.schedule(slot, at: t)
                return
            case .acquire(let r, let n):
                if !context.acquire(slot, r, n) { return }
            case .release(let r, let n):
                context.release(r, n)
                if !context.wakeups.isEmpty { flush(&agenda) }
            case .passivate:
                context.slots[s].status = .passive
                return
            case .finish:
                context.free(slot)
                return
            }
        }
    }

    /// Places spawned processes into storage; wakeups at the current instant during an event join
    /// the ready list, the others are scheduled, in request order. - Complexity: O(requests).
    @inlinable
    mutating func flush(_ agenda: inout Agenda<UInt32>) {
        if !context.spawned.isEmpty {
            for i in 0..<context.spawned.count {
                let (slot, process) = context.spawned[i]
                let s = Int(slot)
                if s == processes.count { processes.append(process) } else { processes[s] = process }
            }
            context.spawned.clear()
        }
        let now = agenda.now
        for i in 0..<context.wakeups.count {
            let (slot, time) = context.wakeups[i]
            if context.inEvent && time == now { context.ready.append(slot) } else { agenda.schedule(slot, at: time) }
        }
        context.wakeups.clear()
        if context._stopRequested {
            context._stopRequested = false
            agenda.stop()
        }
    }
}

extension ProcessModel where P.Shared == Void {
    /// A model with no processes and no shared state, its clock at `start`.
    @inlinable public init(start: SimTime = .zero) { self.init(shared: (), start: start) }
}
