import DiscreteEvents

/// The cost of the process-style API against plain event handlers on the same M/M/c queue.
///
/// Customers arrive in a Poisson stream (mean gap 1 minute), queue FIFO for one of `servers`
/// servers and hold it for an exponential service time (mean 0.9 × servers minutes, so each server
/// is 90% busy). Written twice: (a) a hand-written event switch (arrival / departure events, a
/// ring buffer of waiting customers) and (b) processes (a source process spawning customer
/// processes that acquire, hold and release a resource pool). Both draw from the same two streams
/// in the same order, so both must produce the same checksum of departure times and waits.
public struct ProcessBench: Sendable {
    /// The two ways the queue is written.
    public enum Style: String, CaseIterable, Sendable {
        /// A `SimulationModel` with an arrival / departure event switch.
        case handlers
        /// `SimulationProcess` values run by a `ProcessSimulation`.
        case processes
    }

    /// Number of customers served.
    public var customers: Int
    /// Number of servers (c in M/M/c).
    public var servers: Int
    /// Seed of the arrival and service streams.
    public var seed: UInt64

    /// A benchmark of `customers` customers through `servers` servers.
    public init(customers: Int, servers: Int, seed: UInt64 = 1) {
        self.customers = customers
        self.servers = servers
        self.seed = seed
    }

    /// The outcome of one timed run.
    public struct Outcome: Sendable {
        /// Wall time of the run, in seconds.
        public var seconds: Double
        /// Events handled by the simulation loop.
        public var events: Int
        /// Model steps: handler calls, or process resumptions (some need no event).
        public var steps: Int
        /// Customers who departed.
        public var departed: Int
        /// A wrapping sum of departure times and waits (ticks), to check the styles agree.
        public var checksum: UInt64
    }

    /// Runs the queue written in `style` once. - Complexity: O(customers) events, each O(1) amortised.
    public func run(_ style: Style) -> Outcome {
        switch style {
        case .handlers: return runHandlers()
        case .processes: return runProcesses()
        }
    }

    /// Runs both styles `rounds` times, alternating, keeps each one's best round and returns one
    /// record per style; throws if their checksums differ. - Complexity: O(rounds × customers).
    public func records(rounds: Int) throws(ProcessBenchError) -> [BenchRecord] {
        var best: [Outcome?] = [nil, nil]
        for _ in 0..<max(1, rounds) {
            for (i, style) in Style.allCases.enumerated() {
                let r = run(style)
                if let b = best[i], b.seconds <= r.seconds { continue }
                best[i] = r
            }
        }
        let h = best[0]!, p = best[1]!
        guard h.checksum == p.checksum, h.departed == p.departed else {
            throw ProcessBenchError(what: "process and handler queues", baseline: h.checksum, other: p.checksum)
        }
        return [record(.handlers, h, baseline: h), record(.processes, p, baseline: h)]
    }

    func record(_ style: Style, _ o: Outcome, baseline: Outcome) -> BenchRecord {
        let events = Double(o.events)
        let departed = Double(o.departed)
        var fields: [(String, BenchRecord.Value)] = []
        fields.append(("style", .text(style.rawValue)))
        fields.append(("customers", .int(customers)))
        fields.append(("servers", .int(servers)))
        fields.append(("events", .int(o.events)))
        fields.append(("steps", .int(o.steps)))
        fields.append(("seconds", .double(o.seconds)))
        fields.append(("eventsPerSecond", .double(events / o.seconds)))
        fields.append(("customersPerSecond", .double(departed / o.seconds)))
        fields.append(("nsPerCustomer", .double(o.seconds * 1e9 / departed)))
        fields.append(("ratioVsHandlers", .double(o.seconds / baseline.seconds)))
        return BenchRecord(fields)
    }

    // MARK: - (a) Event handlers

    func runHandlers() -> Outcome {
        var sim = Simulation(model: HandlerQueue(seed: seed, servers: servers, customers: customers))
        sim.agenda.queue.reserveCapacity(servers + 1)
        let first = sim.model.arrivalGap()
        sim.schedule(.arrival, at: SimTime.zero + first)
        let (_, secs) = BenchClock.measure { sim.run() }
        return Outcome(seconds: secs, events: sim.eventsProcessed, steps: sim.eventsProcessed, departed: sim.model.tally.departed,
                       checksum: sim.model.tally.checksum)
    }

    // MARK: - (b) Processes

    func runProcesses() -> Outcome {
        var sim = ProcessSimulation<QueueProcess>(shared: QueueShared(seed: seed, servers: servers))
        let pool = sim.addResource(capacity: servers)
        precondition(pool == QueueProcess.servers)
        sim.spawn(.source(left: customers, due: false), at: .zero)
        let (_, secs) = BenchClock.measure { sim.run() }
        return Outcome(seconds: secs, events: sim.eventsProcessed, steps: sim.context.resumptions,
                       departed: sim.shared.tally.departed,
                       checksum: sim.shared.tally.checksum)
    }
}

/// Two forms of one model disagreed on its outcome: a bug, not a timing.
public struct ProcessBenchError: Error, CustomStringConvertible {
    /// What was compared, e.g. "process and handler queues".
    public var what: String
    /// The baseline form's checksum.
    public var baseline: UInt64
    /// The other form's checksum.
    public var other: UInt64
    /// A sentence naming both checksums.
    public var description: String { "\(what) disagree: checksum \(other) vs \(baseline)" }
}

/// Departures and a checksum of departure times and waits.
struct QueueTally {
    var departed = 0
    var checksum: UInt64 = 0

    @inline(__always) mutating func started(waited: SimDuration) {
        checksum = checksum &* 31 &+ UInt64(bitPattern: waited.ticks)
    }

    @inline(__always) mutating func departed(at t: SimTime) {
        departed &+= 1
        checksum = checksum &* 31 &+ UInt64(bitPattern: t.ticks)
    }
}

/// The random parts of the queue: two streams and two exponentials.
struct QueueDraws {
    var arrivals: RandomStream
    var services: RandomStream
    let gap = try! Distribution.exponential(mean: 1)
    let service: Distribution

    init(seed: UInt64, servers: Int) {
        arrivals = RandomStream(seed: seed, stream: 1)
        services = RandomStream(seed: seed, stream: 2)
        service = try! Distribution.exponential(mean: 0.9 * Double(servers))
    }

    @inline(__always) mutating func arrivalGap() -> SimDuration { gap.sampleDuration(&arrivals, unit: .minutes(1)) }
    @inline(__always) mutating func serviceTime() -> SimDuration { service.sampleDuration(&services, unit: .minutes(1)) }
}

/// (a) The M/M/c queue as an event switch.
struct HandlerQueue: SimulationModel {
    enum Event { case arrival, departure }
    var draws: QueueDraws
    var free: Int
    var left: Int
    var tally = QueueTally()
    /// Waiting customers (arrival time, service time), a ring buffer.
    var ring: ContiguousArray<(arrived: SimTime, service: SimDuration)>
    var head = 0
    var waiting = 0

    init(seed: UInt64, servers: Int, customers: Int) {
        draws = QueueDraws(seed: seed, servers: servers)
        free = servers
        left = customers - 1
        ring = ContiguousArray(repeating: (.zero, .zero), count: 1024)
    }

    mutating func arrivalGap() -> SimDuration { draws.arrivalGap() }

    mutating func handle(_ event: Event, agenda: inout Agenda<Event>) {
        switch event {
        case .arrival:
            let service = draws.serviceTime()
            if free > 0 {
                free &-= 1
                tally.started(waited: .zero)
                agenda.schedule(.departure, after: service)
            } else {
                if waiting == ring.count { growRing() }
                ring[(head &+ waiting) & (ring.count &- 1)] = (agenda.now, service)
                waiting &+= 1
            }
            if left > 0 {
                left &-= 1
                agenda.schedule(.arrival, after: draws.arrivalGap())
            }
        case .departure:
            tally.departed(at: agenda.now)
            if waiting > 0 {
                let (arrived, service) = ring[head]
                head = (head &+ 1) & (ring.count &- 1)
                waiting &-= 1
                tally.started(waited: agenda.now - arrived)
                agenda.schedule(.departure, after: service)
            } else {
                free &+= 1
            }
        }
    }

    mutating func growRing() {
        var bigger = ContiguousArray<(arrived: SimTime, service: SimDuration)>(repeating: (.zero, .zero), count: 2 * ring.count)
        for i in 0..<waiting { bigger[i] = ring[(head + i) & (ring.count - 1)] }
        ring = bigger
        head = 0
    }
}

/// The processes' shared state: the draws and the tally.
struct QueueShared {
    var draws: QueueDraws
    var tally = QueueTally()

    init(seed: UInt64, servers: Int) { draws = QueueDraws(seed: seed, servers: servers) }
}

/// (b) The M/M/c queue as processes: this enum is the whole model.
enum QueueProcess: SimulationProcess {
    typealias Shared = QueueShared
    static let servers = ResourceID(0)

    /// Customers still to arrive; `due` once the first gap has passed (a customer arrives now).
    case source(left: Int, due: Bool)
    case customer(pc: Int, arrived: SimTime, service: SimDuration)

    mutating func resume(_ context: inout ProcessContext<QueueProcess>) -> ProcessStep {
        switch self {
        case .source(let left, let due):
            if due {
                let service = context.shared.draws.serviceTime()
                context.spawn(.customer(pc: 0, arrived: context.now, service: service))
                if left == 0 { return .finish }
            }
            self = .source(left: left - 1, due: true)
            return .wait(context.shared.draws.arrivalGap())
        case .customer(let pc, let arrived, let service):
            self = .customer(pc: pc + 1, arrived: arrived, service: service)
            switch pc {
            case 0: return .acquire(Self.servers)
            case 1:
                context.shared.tally.started(waited: context.now - arrived)
                return .wait(service)
            case 2: return .release(Self.servers)
            default:
                context.shared.tally.departed(at: context.now)
                return .finish
            }
        }
    }
}
