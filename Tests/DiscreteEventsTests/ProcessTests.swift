import DiscreteEvents
import Testing

/// One trace line: who, which step, when.
private struct TraceLine: Equatable, CustomStringConvertible {
    var who: Int
    var step: Int
    var minute: Int64
    var description: String { "\(who)#\(step)@\(minute)" }
}

/// A process that follows a script of steps, tracing (who, step index, minute) before each.
private struct Scripted: SimulationProcess {
    typealias Shared = [TraceLine]
    var who: Int
    var script: [ProcessStep]
    var pc = 0
    /// Stops the run when it starts.
    var stops = false
    /// Spawned at this instant when it starts.
    var children: [Scripted] = []

    init(_ who: Int, _ script: [ProcessStep], stops: Bool = false) {
        self.who = who
        self.script = script
        self.stops = stops
    }

    mutating func resume(_ context: inout ProcessContext<Scripted>) -> ProcessStep {
        context.shared.append(TraceLine(who: who, step: pc, minute: context.now.ticks / SimDuration.ticksPerMinute))
        if stops { context.stop() }
        if pc == 0 { for child in children { context.spawn(child) } }
        guard pc < script.count else { return .finish }
        pc += 1
        return script[pc - 1]
    }
}

private func at(_ minute: Int) -> SimTime { SimTime(ticks: 0) + .minutes(minute) }

private func lines(_ s: String) -> [String] { s.split(separator: " ").map(String.init) }

@Suite("Processes")
struct ProcessTests {
    @Test func twoProcessesShareACapacityOneResource() {
        var sim = ProcessSimulation<Scripted>(shared: [])
        let r = sim.addResource(capacity: 1)
        // A: arrives at 0, holds 5; B: arrives at 1, waits for A, holds 3.
        sim.spawn(Scripted(0, [.acquire(r), .wait(.minutes(5)), .release(r)]), at: at(0))
        sim.spawn(Scripted(1, [.acquire(r), .wait(.minutes(3)), .release(r)]), at: at(1))
        let reason = sim.run()
        #expect(reason == .exhausted)
        #expect(sim.shared.map(\.description) == lines("0#0@0 0#1@0 1#0@1 0#2@5 0#3@5 1#1@5 1#2@8 1#3@8"))
        #expect(sim.context.inUse(r) == 0 && sim.context.queueLength(r) == 0 && sim.context.liveProcessCount == 0)
        // A: start, hold end; B: start, hold end — a release, a free acquire and a grant take no event.
        #expect(sim.eventsProcessed == 4 && sim.context.resumptions == 8)
    }

    @Test func resourceQueueIsFIFOAndNeverBypassesItsHead() {
        var sim = ProcessSimulation<Scripted>(shared: [])
        let r = sim.addResource(capacity: 3)
        sim.spawn(Scripted(0, [.acquire(r, count: 2), .wait(.minutes(10)), .release(r, count: 2)]), at: at(0))
        sim.spawn(Scripted(1, [.acquire(r, count: 2), .wait(.minutes(10)), .release(r, count: 2)]), at: at(1))
        // One unit is free at minute 2, but 1 queues ahead: 2 waits its turn.
        sim.spawn(Scripted(2, [.acquire(r, count: 1), .wait(.minutes(1)), .release(r, count: 1)]), at: at(2))
        sim.run(until: at(5))
        #expect(sim.context.inUse(r) == 2 && sim.context.queueLength(r) == 2)
        sim.run()
        // At 10, 0 releases 2 units: 1 (2 units) and then 2 (1 unit) are granted, in queue order.
        #expect(sim.shared.map(\.description)
            == lines("0#0@0 0#1@0 1#0@1 2#0@2 0#2@10 0#3@10 1#1@10 2#1@10 2#2@11 2#3@11 1#2@20 1#3@20"))
    }

    @Test func sameInstantRequestsRunInRequestOrder() {
        var sim = ProcessSimulation<Scripted>(shared: [])
        for who in 0..<5 { sim.spawn(Scripted(who, [.wait(.zero), .waitUntil(at(7))]), at: at(3)) }
        sim.run()
        let expected = (0..<5).map { "\($0)#0@3" } + (0..<5).map { "\($0)#1@3" } + (0..<5).map { "\($0)#2@7" }
        #expect(sim.shared.map(\.description) == expected)
    }

    @Test func sameInstantWakeupsRunBeforeEventsAlreadyDue() {
        var sim = ProcessSimulation<Scripted>(shared: [])
        var parent = Scripted(0, [.wait(.zero)])
        parent.children = [Scripted(1, []), Scripted(2, [.wait(.zero)])]
        sim.spawn(parent, at: at(5))
        sim.spawn(Scripted(3, []), at: at(5))
        sim.run()
        // 1 and 2 run as soon as 0 yields, before 3 (due at 5 already); wait(.zero) goes through the queue.
        #expect(sim.shared.map(\.description) == lines("0#0@5 1#0@5 2#0@5 3#0@5 0#1@5 2#1@5"))
        #expect(sim.eventsProcessed == 4 && sim.context.resumptions == 6)
    }

    @Test func passivateAndSignal() {
        var sim = ProcessSimulation<Signaller>(shared: [])
        let sleeper = sim.spawn(.sleeper(pc: 0), at: at(0))
        sim.spawn(.waker(target: sleeper, pc: 0), at: at(0))
        sim.run()
        // The first signal wakes it; the second, at the same instant, finds it already scheduled.
        #expect(sim.shared == ["sleeper passive @0", "waker signal true @10", "waker signal false @10",
                               "sleeper woke @10", "sleeper passive @10", "waker signal true @20",
                               "sleeper woke @20", "waker stale false @20"])
        #expect(sim.status(of: sleeper) == .finished && sim.process(sleeper) == nil)
    }

    @Test func driverSignalsAPassiveProcess() {
        var sim = ProcessSimulation<Signaller>(shared: [])
        let sleeper = sim.spawn(.sleeper(pc: 0), at: at(0))
        sim.run()
        #expect(sim.status(of: sleeper) == .passive && sim.process(sleeper) != nil)
        // With an event pending at 10, run(until: 4) leaves the clock at 4; the signal wakes it at 4.
        sim.spawn(.sleeper(pc: 0), at: at(10))
        let reason = sim.run(until: at(4))
        #expect(reason == .reachedTime && sim.now == at(4))
        let first = sim.signal(sleeper)
        let second = sim.signal(sleeper)
        #expect(first && !second)
        #expect(sim.status(of: sleeper) == .scheduled)
        sim.run()
        #expect(sim.shared == ["sleeper passive @0", "sleeper woke @4", "sleeper passive @4", "sleeper passive @10"])
        #expect(sim.status(of: sleeper) == .passive)
    }

    @Test func finishedSlotsAreReusedWithANewGeneration() {
        var sim = ProcessSimulation<Scripted>(shared: [])
        let a = sim.spawn(Scripted(0, [.wait(.minutes(1))]), at: at(0))
        sim.run()
        let b = sim.spawn(Scripted(1, [.wait(.minutes(1))]), at: at(5))
        #expect(a.slot == b.slot && b.generation == a.generation + 1)
        #expect(sim.status(of: a) == .finished && sim.status(of: b) == .scheduled)
        #expect(sim.process(a) == nil && sim.process(b)?.who == 1)
        sim.run()
        #expect(sim.context.slotCount == 1)
    }

    @Test func storageStaysFlatInSteadyState() {
        // Each customer leaves before the next arrives: two slots serve 10,000 customers.
        var sim = ProcessSimulation<Queueing>(shared: QueueTrace())
        let servers = sim.addResource(capacity: 1)
        sim.spawn(.source(arrivals: RandomStream(seed: 1), services: RandomStream(seed: 2),
                          meanArrival: 10, meanService: 0, left: 10_000, next: 0, servers: servers), at: .zero)
        sim.run()
        #expect(sim.shared.departed == 10_000)
        #expect(sim.context.slotCount == 2 && sim.context.liveProcessCount == 0)
    }

    @Test func stopFromAProcess() {
        var sim = ProcessSimulation<Scripted>(shared: [])
        sim.spawn(Scripted(0, [.wait(.minutes(1)), .wait(.minutes(1)), .wait(.minutes(1))]), at: at(0))
        sim.spawn(Scripted(9, [], stops: true), at: at(1))
        let reason = sim.run()
        #expect(reason == .stopped && sim.now == at(1))
        sim.run()
        #expect(sim.shared.last?.description == "0#3@3")
    }

    @Test(arguments: [1, 3])
    func processQueueMatchesEventHandlerQueue(servers: Int) throws {
        for seed: UInt64 in [1, 2, 3] {
            let customers = 5_000
            let handlers = try runHandlerQueue(seed: seed, customers: customers, servers: servers)
            let processes = runProcessQueue(seed: seed, customers: customers, servers: servers)
            #expect(handlers.departed == customers && processes.departed == customers)
            #expect(handlers.lines == processes.lines)
            #expect(handlers.hash == processes.hash, "seed \(seed), \(servers) servers")
        }
    }

    @Test func processRunsAreDeterministic() {
        let a = runProcessQueue(seed: 11, customers: 3_000, servers: 2)
        let b = runProcessQueue(seed: 11, customers: 3_000, servers: 2)
        let c = runProcessQueue(seed: 12, customers: 3_000, servers: 2)
        #expect(a.hash == b.hash && a.lines == b.lines)
        #expect(a.hash != c.hash)
    }
}

// MARK: - Passivate / signal

private enum Signaller: SimulationProcess {
    typealias Shared = [String]
    case sleeper(pc: Int)
    case waker(target: ProcessID, pc: Int)

    mutating func resume(_ context: inout ProcessContext<Signaller>) -> ProcessStep {
        let minute = context.now.ticks / SimDuration.ticksPerMinute
        switch self {
        case .sleeper(let pc):
            self = .sleeper(pc: pc + 1)
            if pc > 0 { context.shared.append("sleeper woke @\(minute)") }
            if pc >= 2 && context.status(of: context.me) == .running && minute >= 20 { return .finish }
            context.shared.append("sleeper passive @\(minute)")
            return .passivate
        case .waker(let target, let pc):
            self = .waker(target: target, pc: pc + 1)
            switch pc {
            case 0: return .wait(.minutes(10))
            case 1:
                let first = context.signal(target)
                let second = context.signal(target)
                context.shared.append("waker signal \(first) @\(minute)")
                context.shared.append("waker signal \(second) @\(minute)")
                return .wait(.minutes(10))
            case 2:
                context.shared.append("waker signal \(context.signal(target)) @\(minute)")
                return .wait(.zero)
            default:
                context.shared.append("waker stale \(context.signal(target)) @\(minute)")
                return .finish
            }
        }
    }
}

// MARK: - M/M/c two ways

/// A (who, what, when) trace folded into a hash, plus a prefix kept verbatim for readable failures.
private struct QueueTrace {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    var lines: [String] = []
    var departed = 0

    mutating func record(_ who: Int, _ what: UInt64, _ time: SimTime) {
        for word in [UInt64(who), what, UInt64(bitPattern: time.ticks)] {
            hash = (hash ^ word) &* 0x0000_0100_0000_01b3
        }
        if lines.count < 200 { lines.append("\(who)\(what == 0 ? "s" : "d")@\(time.ticks)") }
        if what == 1 { departed += 1 }
    }
}

private let interarrival = try! Distribution.exponential(mean: 1)

/// The queue as processes: a source spawning customers; each customer acquires a server, holds it
/// for its service time, releases it.
private enum Queueing: SimulationProcess {
    typealias Shared = QueueTrace
    case source(arrivals: RandomStream, services: RandomStream, meanArrival: Double, meanService: Double,
                left: Int, next: Int, servers: ResourceID)
    case customer(id: Int, pc: Int, service: SimDuration, servers: ResourceID)

    mutating func resume(_ context: inout ProcessContext<Queueing>) -> ProcessStep {
        switch self {
        case .source(var arrivals, var services, let ma, let ms, let left, let next, let servers):
            if next > 0 {
                let service = SimDuration.minutes(ms * -logOpen(&services))
                context.spawn(.customer(id: next - 1, pc: 0, service: service, servers: servers))
            }
            if left == 0 { return .finish }
            let gap = SimDuration.minutes(ma * -logOpen(&arrivals))
            self = .source(arrivals: arrivals, services: services, meanArrival: ma, meanService: ms,
                           left: left - 1, next: next + 1, servers: servers)
            return .wait(gap)
        case .customer(let id, let pc, let service, let servers):
            self = .customer(id: id, pc: pc + 1, service: service, servers: servers)
            switch pc {
            case 0: return .acquire(servers)
            case 1:
                context.shared.record(id, 0, context.now)
                return .wait(service)
            case 2: return .release(servers)
            default:
                context.shared.record(id, 1, context.now)
                return .finish
            }
        }
    }
}

/// `ln(u)` for u in (0, 1) via the kernel's exponential distribution of mean 1 (one draw).
private func logOpen(_ rng: inout RandomStream) -> Double { -interarrival.sample(&rng) }

private func runProcessQueue(seed: UInt64, customers: Int, servers: Int) -> QueueTrace {
    var sim = ProcessSimulation<Queueing>(shared: QueueTrace())
    let pool = sim.addResource(capacity: servers)
    sim.spawn(.source(arrivals: RandomStream(seed: seed, stream: 1), services: RandomStream(seed: seed, stream: 2),
                      meanArrival: 1, meanService: 0.9 * Double(servers), left: customers, next: 0, servers: pool),
              at: .zero)
    sim.run()
    return sim.shared
}

/// The same queue as a hand-written event switch, drawing from the same streams in the same order.
private struct HandlerQueue: SimulationModel {
    enum Event { case arrival, departure(Int) }
    var arrivals: RandomStream
    var services: RandomStream
    var meanService: Double
    var free: Int
    var left: Int
    var next = 0
    var waiting: [(id: Int, service: SimDuration)] = []
    var head = 0
    var trace = QueueTrace()

    mutating func handle(_ event: Event, agenda: inout Agenda<Event>) {
        switch event {
        case .arrival:
            let id = next
            next += 1
            let service = SimDuration.minutes(meanService * -logOpen(&services))
            if free > 0 {
                free -= 1
                trace.record(id, 0, agenda.now)
                agenda.schedule(.departure(id), after: service)
            } else {
                waiting.append((id, service))
            }
            if left > 0 {
                left -= 1
                agenda.schedule(.arrival, after: .minutes(-logOpen(&arrivals)))
            }
        case .departure(let id):
            trace.record(id, 1, agenda.now)
            if head < waiting.count {
                let (j, service) = waiting[head]
                head += 1
                trace.record(j, 0, agenda.now)
                agenda.schedule(.departure(j), after: service)
            } else {
                free += 1
            }
        }
    }
}

private func runHandlerQueue(seed: UInt64, customers: Int, servers: Int) throws -> QueueTrace {
    var arrivals = RandomStream(seed: seed, stream: 1)
    let first = SimDuration.minutes(-logOpen(&arrivals))
    var sim = Simulation(model: HandlerQueue(arrivals: arrivals, services: RandomStream(seed: seed, stream: 2),
                                             meanService: 0.9 * Double(servers), free: servers, left: customers - 1))
    sim.schedule(.arrival, at: SimTime(ticks: 0) + first)
    sim.run()
    return sim.model.trace
}

// MARK: - The documented M/M/c example, against Erlang C

private struct MMcShared {
    var arrivals, services: RandomStream
    var waits = RunningStatistics()
}
private let mmcGap = try! Distribution.exponential(mean: 1)
private let mmcWork = try! Distribution.exponential(mean: 3.6)
private let mmcServers = ResourceID(0)

/// The example from `ProcessSimulation`'s documentation, verbatim apart from names.
private enum MMc: SimulationProcess {
    typealias Shared = MMcShared
    case source(left: Int)
    case customer(pc: Int, arrived: SimTime, service: SimDuration)

    mutating func resume(_ context: inout ProcessContext<MMc>) -> ProcessStep {
        switch self {
        case .source(let left):
            if left == 0 { return .finish }
            let service = mmcWork.sampleDuration(&context.shared.services, unit: .minutes(1))
            context.spawn(.customer(pc: 0, arrived: context.now, service: service))
            self = .source(left: left - 1)
            return .wait(mmcGap.sampleDuration(&context.shared.arrivals, unit: .minutes(1)))
        case .customer(let pc, let arrived, let service):
            self = .customer(pc: pc + 1, arrived: arrived, service: service)
            switch pc {
            case 0: return .acquire(mmcServers)
            case 1: context.shared.waits.add((context.now - arrived).minutes)
                    return .wait(service)
            case 2: return .release(mmcServers)
            default: return .finish
            }
        }
    }
}

@Suite("Processes: M/M/c against Erlang C")
struct ProcessQueueingTheoryTests {
    @Test func meanWaitMatchesErlangC() {
        var sim = ProcessSimulation<MMc>(shared: MMcShared(arrivals: RandomStream(seed: 1, stream: 1),
                                                           services: RandomStream(seed: 1, stream: 2)))
        let servers = sim.addResource(capacity: 4)
        #expect(servers == mmcServers)
        sim.spawn(.source(left: 200_000), at: .zero)
        sim.run()
        // λ = 1/min, 1/μ = 3.6 min, c = 4 (ρ = 0.9): Erlang C = 0.78775, Wq = C / (cμ − λ) = 7.090 min.
        let a = 3.6
        let head = 1 + a + a * a / 2 + a * a * a / 6
        let tail = a * a * a * a / 24 / (1 - a / 4)
        let wq = tail / (head + tail) / (4 / a - 1)
        #expect(sim.shared.waits.count == 200_000)
        #expect(abs(sim.shared.waits.mean - wq) / wq < 0.1, "mean wait \(sim.shared.waits.mean) min, Erlang C \(wq) min")
        #expect(sim.context.liveProcessCount == 0 && sim.context.inUse(servers) == 0)
    }
}
