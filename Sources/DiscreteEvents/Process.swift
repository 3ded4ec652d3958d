/// An entity whose behaviour is written as sequential steps — "wait 2 days; request a technician;
/// wait until served; hold 30 minutes; release" — instead of a hand-written event switch.
///
/// A process is a value-type state machine: the simulation calls `resume(_:)` whenever the process
/// may continue, and the process returns what it does next as a `ProcessStep`. It keeps its place
/// in a field of its own, typically a program counter:
///
/// ```swift
/// struct Customer: SimulationProcess {
///     var pc = 0
///     var service: SimDuration
///     mutating func resume(_ context: inout ProcessContext<Customer>) -> ProcessStep {
///         switch pc {
///         case 0: pc = 1; return .acquire(.init(0))        // queue for a server
///         case 1: pc = 2; return .wait(service)            // served: hold it
///         case 2: pc = 3; return .release(.init(0))        // free it, continue at once
///         default: return .finish
///         }
///     }
/// }
/// ```
///
/// Processes live in a `ProcessSimulation` (or a `ProcessModel` inside any `Simulation`), stored
/// by integer id in contiguous storage; a step costs one pending event at most and never an
/// allocation. One simulation runs one process type: give several roles as an enum's cases (see
/// `ProcessSimulation`). State the processes share — statistics, a trace, a shared random stream —
/// lives in `context.shared`, of the process type's `Shared` type.
///
/// Why not `async`/`await`? A process written as an `async` function reads even more naturally,
/// and it can be made deterministic: `jornada bench processes` runs one on a single-threaded
/// virtual-time `SerialExecutor` that is also the tasks' preferred `TaskExecutor` (without that,
/// the nonisolated part of `withUnsafeContinuation` hops to the global concurrent executor and comes
/// back from another thread). Measured there: no allocation per step (about four per process, for
/// its `Task`), the same final clock as the state machine, but three executor jobs per wait
/// (continuation resume, actor hop, hop back) and about 5–6× the cost per step of this
/// state-machine form (~720 ns against ~125 ns per wait, including the sample and the queue). Shared
/// state must also be isolated to a global actor on that executor, and `macOS 15` is needed for
/// task executors. So processes here are value-type state machines: a step is a `switch` and an
/// enum returned, the process is stored inline in contiguous storage, and nothing is allocated.
public protocol SimulationProcess {
    /// State shared by every process of a simulation (statistics, traces); `Void` when none.
    associatedtype Shared = Void

    /// Continues the process at `context.now` and returns its next step.
    ///
    /// Called first when the process starts, then each time its previous step completes: after a
    /// wait, when an acquired resource is granted, right after a release (at the same instant,
    /// without an event), and when a passive process is signalled.
    mutating func resume(_ context: inout ProcessContext<Self>) -> ProcessStep
}

/// What a process does next, returned by `SimulationProcess.resume(_:)`.
public enum ProcessStep: Equatable, Sendable {
    /// Holds for a duration (not negative), then resumes. One pending event.
    case wait(SimDuration)
    /// Holds until an instant (not before now), then resumes. One pending event.
    case waitUntil(SimTime)
    /// Requests `count` units of a resource; resumes at once if they are free and nobody queues
    /// ahead, else waits in the resource's FIFO queue and resumes when granted.
    case acquire(ResourceID, count: Int = 1)
    /// Returns `count` units of a resource, grants waiting requests in FIFO order, and resumes at
    /// once (no event).
    case release(ResourceID, count: Int = 1)
    /// Waits, with nothing pending, until another process or the driver signals it.
    case passivate
    /// Ends the process; its id becomes stale and its slot is reused by a later spawn.
    case finish
}

/// The id of a process: a storage slot plus a generation, so an id outlives its process safely.
@frozen
public struct ProcessID: Hashable, Sendable, CustomStringConvertible {
    /// The storage slot (index into the simulation's process storage).
    public let slot: UInt32
    /// Incremented each time the slot is reused; a stale id names a finished process.
    public let generation: UInt32

    /// An id for `slot` at `generation`.
    @inlinable public init(slot: UInt32, generation: UInt32) {
        self.slot = slot
        self.generation = generation
    }

    /// `p<slot>` or `p<slot>.<generation>` when reused.
    public var description: String { generation == 0 ? "p\(slot)" : "p\(slot).\(generation)" }
}

/// The id of a resource pool: an index in creation order.
@frozen
public struct ResourceID: Hashable, Sendable, CustomStringConvertible {
    /// The index of the resource, in order of `addResource(capacity:)` calls, from 0.
    public let index: Int

    /// The resource with creation index `index`.
    @inlinable public init(_ index: Int) { self.index = index }

    /// `r<index>`.
    public var description: String { "r\(index)" }
}

/// Where a process stands.
public enum ProcessStatus: UInt8, Sendable {
    /// Has an event pending: a start, a wait, a grant or a signal.
    case scheduled
    /// Its `resume(_:)` is being called.
    case running
    /// Queued on a resource.
    case queued
    /// Passivated, waiting for a signal.
    case passive
    /// Finished (or the id is stale).
    case finished
}
