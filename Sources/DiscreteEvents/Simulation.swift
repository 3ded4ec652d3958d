/// A model driven by a `Simulation`: it handles one event at a time and schedules more.
///
/// Events are compact values (typically an enum of small payloads with integer entity ids), handled
/// without an allocation per event: the simulation is generic over the model, so calls specialise.
public protocol SimulationModel {
    /// The model's event type.
    associatedtype Event

    /// Handles `event`, due at `agenda.now`; schedules or cancels further events through `agenda`.
    mutating func handle(_ event: Event, agenda: inout Agenda<Event>)
}

/// What an event handler sees of the simulation: the clock, the pending events, and a stop switch.
public struct Agenda<Event> {
    /// The pending-event set.
    public var queue: EventQueue<Event>
    @usableFromInline var _stopRequested = false
    /// Set by `stop()`; the run loop returns after the current event.
    @inlinable public var stopRequested: Bool { _stopRequested }

    /// An agenda whose clock starts at `start`.
    @inlinable public init(start: SimTime = .zero) { queue = EventQueue(start: start) }

    /// The current simulated time. - Complexity: O(1).
    @inlinable public var now: SimTime { queue.now }

    /// Schedules `event` at `time` (not before `now`). - Complexity: O(1) amortised.
    @inlinable @discardableResult
    public mutating func schedule(_ event: Event, at time: SimTime, priority: Int16 = 0) -> EventHandle {
        queue.schedule(event, at: time, priority: priority)
    }

    /// Schedules `event` after `delay` (not negative). - Complexity: O(1) amortised.
    @inlinable @discardableResult
    public mutating func schedule(_ event: Event, after delay: SimDuration, priority: Int16 = 0) -> EventHandle {
        queue.schedule(event, after: delay, priority: priority)
    }

    /// Schedules `event` at `time` with no handle (it cannot be cancelled; cheaper than `schedule` for
    /// the many events a model never cancels), ordered as `schedule` orders. - Complexity: O(1) amortised.
    @inlinable
    public mutating func post(_ event: Event, at time: SimTime, priority: Int16 = 0) {
        queue.post(event, at: time, priority: priority)
    }

    /// Cancels a pending event; returns whether it was pending. - Complexity: O(1).
    @inlinable @discardableResult
    public mutating func cancel(_ handle: EventHandle) -> Bool { queue.cancel(handle) }

    /// Asks the run loop to return after the current event. - Complexity: O(1).
    @inlinable public mutating func stop() { _stopRequested = true }

    @inlinable mutating func clearStop() { _stopRequested = false }
}

/// Why a run returned.
public enum StopReason: Equatable, Sendable {
    /// No event is pending.
    case exhausted
    /// The next event is after the run's end time; the clock was advanced to that end time.
    case reachedTime
    /// The run processed its maximum number of events.
    case reachedEventLimit
    /// A handler called `agenda.stop()`.
    case stopped
}

/// The discrete-event loop: pops the next event and hands it to the model, in
/// (time, priority, insertion sequence) order.
public struct Simulation<Model: SimulationModel> {
    /// The model being simulated.
    public var model: Model
    /// The clock and the pending events.
    public var agenda: Agenda<Model.Event>
    @usableFromInline var _eventsProcessed: Int = 0
    /// Events handled so far.
    @inlinable public var eventsProcessed: Int { _eventsProcessed }
    /// The simulated time: the last event's time, or the end time a `run(until:)` stopped at.
    @inlinable public var now: SimTime { agenda.now }

    /// A simulation of `model` whose clock starts at `start`.
    @inlinable
    public init(model: Model, start: SimTime = .zero) {
        self.model = model
        self.agenda = Agenda(start: start)
    }

    /// Schedules an initial (or external) event at `time`. - Complexity: O(1) amortised.
    @inlinable @discardableResult
    public mutating func schedule(_ event: Model.Event, at time: SimTime, priority: Int16 = 0) -> EventHandle {
        agenda.schedule(event, at: time, priority: priority)
    }

    /// Handles the next event, if any; returns whether one was handled.
    /// - Complexity: O(1) amortised plus the handler's cost.
    @inlinable @discardableResult
    public mutating func step() -> Bool {
        guard let (_, event) = agenda.queue.popNext() else { return false }
        _eventsProcessed &+= 1
        model.handle(event, agenda: &agenda)
        return true
    }

    /// Runs until no event is pending, the next event is after `end` (in both cases the clock then
    /// reads `end`, unless `end` is `.distantFuture`),
    /// `maxEvents` have been handled in this call, or a handler calls `stop()`.
    ///
    /// Events at exactly `end` are handled. - Complexity: O(events × (1 + handler cost)) amortised.
    @inlinable @discardableResult
    public mutating func run(until end: SimTime = .distantFuture, maxEvents: Int = .max) -> StopReason {
        precondition(end >= now, "Simulation.run(until:): end \(end) is before the current time \(now)")
        agenda.clearStop()
        var handled = 0
        while true {
            if handled >= maxEvents { return .reachedEventLimit }
            guard let (_, event) = agenda.queue.popNext(notAfter: end) else {
                if agenda.queue.peekTime() == nil {
                    if end != .distantFuture { agenda.queue.advance(to: end) }
                    return .exhausted
                }
                agenda.queue.advance(to: end)
                return .reachedTime
            }
            _eventsProcessed &+= 1
            model.handle(event, agenda: &agenda)
            handled &+= 1
            if agenda.stopRequested { return .stopped }
        }
    }
}
