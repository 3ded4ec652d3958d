/// A simulation of processes written as sequential steps, with FIFO resource pools.
///
/// A thin driver over `Simulation<ProcessModel<P>>`: the same loop, the same (time, priority,
/// insertion order) determinism, the same `run(until:maxEvents:)`. Several roles share one process
/// type as an enum, and state they share (random streams, statistics) is `P.Shared`. An M/M/c
/// queue, complete:
///
/// ```swift
/// struct Shared { var arrivals, services: RandomStream; var waits = RunningStatistics() }
/// let gap = try Distribution.exponential(mean: 1), work = try Distribution.exponential(mean: 3.6)
/// let servers = ResourceID(0)
///
/// enum MMc: SimulationProcess {
///     case source(left: Int)
///     case customer(pc: Int, arrived: SimTime, service: SimDuration)
///
///     mutating func resume(_ context: inout ProcessContext<MMc>) -> ProcessStep {
///         switch self {
///         case .source(let left):                    // spawn a customer, wait for the next
///             if left == 0 { return .finish }
///             let service = work.sampleDuration(&context.shared.services, unit: .minutes(1))
///             context.spawn(.customer(pc: 0, arrived: context.now, service: service))
///             self = .source(left: left - 1)
///             return .wait(gap.sampleDuration(&context.shared.arrivals, unit: .minutes(1)))
///         case .customer(let pc, let arrived, let service):
///             self = .customer(pc: pc + 1, arrived: arrived, service: service)
///             switch pc {
///             case 0: return .acquire(servers)       // queue for a server
///             case 1: context.shared.waits.add((context.now - arrived).minutes)
///                     return .wait(service)          // served
///             case 2: return .release(servers)       // free it; continues at once
///             default: return .finish
///             }
///         }
///     }
/// }
///
/// var sim = ProcessSimulation<MMc>(shared: Shared(arrivals: RandomStream(seed: 1, stream: 1),
///                                                 services: RandomStream(seed: 1, stream: 2)))
/// sim.addResource(capacity: 4)                       // ResourceID(0)
/// sim.spawn(.source(left: 1_000_000), at: .zero)
/// sim.run()
/// print(sim.shared.waits.mean)
/// ```
public struct ProcessSimulation<P: SimulationProcess> {
    /// The underlying event simulation (its model holds the processes).
    public var simulation: Simulation<ProcessModel<P>>

    /// A simulation sharing `shared` between its processes, its clock at `start`.
    @inlinable
    public init(shared: P.Shared, start: SimTime = .zero) {
        simulation = Simulation(model: ProcessModel(shared: shared, start: start), start: start)
    }

    /// The simulated time. - Complexity: O(1).
    @inlinable public var now: SimTime { simulation.now }

    /// Events handled so far (process resumptions through the event queue). - Complexity: O(1).
    @inlinable public var eventsProcessed: Int { simulation.eventsProcessed }

    /// The state shared by the processes. - Complexity: O(1).
    @inlinable public var shared: P.Shared {
        get { simulation.model.context.shared }
        _modify { yield &simulation.model.context.shared }
    }

    /// The processes' context (read-only queries: resources, statuses, counts). - Complexity: O(1).
    @inlinable public var context: ProcessContext<P> { simulation.model.context }

    /// Adds a FIFO resource pool of `capacity` units (at least 1). - Complexity: O(1) amortised.
    @inlinable @discardableResult
    public mutating func addResource(capacity: Int) -> ResourceID {
        simulation.model.addResource(capacity: capacity)
    }

    /// Spawns `process` to start at `time` (not before `now`). - Complexity: O(1) amortised.
    @inlinable @discardableResult
    public mutating func spawn(_ process: P, at time: SimTime) -> ProcessID {
        precondition(time >= now, "ProcessSimulation.spawn: start \(time) is before the current time \(now)")
        return simulation.model.spawn(process, at: time, agenda: &simulation.agenda)
    }

    /// Wakes `id` at `now` if it is passive; returns whether it was. - Complexity: O(1).
    @inlinable @discardableResult
    public mutating func signal(_ id: ProcessID) -> Bool {
        simulation.model.signal(id, at: now, agenda: &simulation.agenda)
    }

    /// The process `id`, or `nil` if it has finished (or the id is stale). - Complexity: O(1).
    @inlinable public func process(_ id: ProcessID) -> P? { simulation.model.process(id) }

    /// The status of process `id`. - Complexity: O(1).
    @inlinable public func status(of id: ProcessID) -> ProcessStatus { simulation.model.context.status(of: id) }

    /// Runs until no event is pending, the next is after `end`, `maxEvents` events have been
    /// handled, or a process calls `context.stop()`. - Complexity: O(events × steps per event).
    @inlinable @discardableResult
    public mutating func run(until end: SimTime = .distantFuture, maxEvents: Int = .max) -> StopReason {
        simulation.run(until: end, maxEvents: maxEvents)
    }
}

extension ProcessSimulation where P.Shared == Void {
    /// A simulation without shared state, its clock at `start`.
    @inlinable public init(start: SimTime = .zero) { self.init(shared: (), start: start) }
}
