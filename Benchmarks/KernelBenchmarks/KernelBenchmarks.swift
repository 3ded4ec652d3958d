import Benchmark
import DiscreteEvents
import Foundation

/// Exponential increments (mean 60 s) from a table of quantiles, as in `jornada bench kernel`.
private let increments: [Int64] = (0..<4_096).map { i in
    Int64(-60_000_000 * Foundation.log(1 - (Double(i) + 0.5) / 4_096)) + 1
}

/// The hold model at `pending` events: the measured region pops and reschedules; nothing else.
private func holdModel(_ benchmark: Benchmark, pending: Int) {
    var q = EventQueue<UInt32>()
    q.reserveCapacity(pending)
    var rng = RandomStream(seed: 7, stream: 1)
    for i in 0..<pending {
        q.schedule(UInt32(i), at: SimTime(ticks: increments[Int(rng.next() >> 52)]))
    }
    // Warm the buckets to steady state before measuring.
    for _ in 0..<(2 * pending) {
        let (t, e) = q.popNext()!
        q.schedule(e, at: t + SimDuration(ticks: increments[Int(rng.next() >> 52)]))
    }
    benchmark.startMeasurement()
    var sum: Int64 = 0
    for _ in benchmark.scaledIterations {
        let (t, e) = q.popNext()!
        sum &+= t.ticks
        q.schedule(e, at: t + SimDuration(ticks: increments[Int(rng.next() >> 52)]))
    }
    benchmark.stopMeasurement()
    // The result check: the hold model keeps exactly `pending` events and the clock moved forward.
    precondition(q.count == pending && sum > 0 && q.now > .zero, "hold model lost events: \(q.count) of \(pending) pending")
    blackHole(sum)
}

/// A small model: customers arrive, wait for one server, leave (an M/M/1 queue without statistics).
private struct SingleServer: SimulationModel {
    enum Event { case arrival, departure }
    var rng = RandomStream(seed: 3, stream: 9)
    var waiting = 0
    var busy = false

    mutating func draw() -> SimDuration { SimDuration(ticks: increments[Int(rng.next() >> 52)] / 2) }

    mutating func handle(_ event: Event, agenda: inout Agenda<Event>) {
        switch event {
        case .arrival:
            agenda.schedule(.arrival, after: draw() + draw())
            if busy { waiting += 1 } else { busy = true; agenda.schedule(.departure, after: draw()) }
        case .departure:
            if waiting > 0 { waiting -= 1; agenda.schedule(.departure, after: draw()) } else { busy = false }
        }
    }
}

/// The same single-server queue written as a process (see `ProcessSimulation`'s documentation).
private enum Customer: SimulationProcess {
    struct Shared { var rng = RandomStream(seed: 5, stream: 1) }
    case source
    case customer(step: Int)

    static let server = ResourceID(0)

    mutating func resume(_ context: inout ProcessContext<Customer>) -> ProcessStep {
        switch self {
        case .source:
            context.spawn(.customer(step: 0))
            return .wait(SimDuration(ticks: increments[Int(context.shared.rng.next() >> 52)]))
        case .customer(let step):
            self = .customer(step: step + 1)
            switch step {
            case 0: return .acquire(Customer.server)
            case 1: return .wait(SimDuration(ticks: increments[Int(context.shared.rng.next() >> 52)] / 2))
            case 2: return .release(Customer.server)
            default: return .finish
            }
        }
    }
}

let benchmarks: @Sendable () -> Void = {
    let steady = Benchmark.Configuration(
        metrics: [.mallocCountTotal, .wallClock, .throughput],
        scalingFactor: .mega,
        maxDuration: .seconds(3),
        maxIterations: 3,
        // A few dozen mallocs come from the harness itself and vary by run; one allocation per
        // event would add millions, so a tolerance of 500 keeps CI stable and still catches it.
        thresholds: [.mallocCountTotal: .init(absolute: [.p90: 500])])

    Benchmark("Kernel.holdModel1k", configuration: steady) { benchmark in holdModel(benchmark, pending: 1_000) }
    Benchmark("Kernel.holdModel100k", configuration: steady) { benchmark in holdModel(benchmark, pending: 100_000) }
    Benchmark("Kernel.holdModel1M", configuration: steady) { benchmark in holdModel(benchmark, pending: 1_000_000) }

    Benchmark("Kernel.simulationLoop", configuration: steady) { benchmark in
        var sim = Simulation(model: SingleServer())
        sim.schedule(.arrival, at: .zero)
        sim.run(maxEvents: 100_000)  // warm up: buffers reach their steady size
        benchmark.startMeasurement()
        sim.run(maxEvents: benchmark.scaledIterations.count)
        benchmark.stopMeasurement()
        precondition(sim.eventsProcessed == 100_000 + benchmark.scaledIterations.count, "the loop stopped early: \(sim.eventsProcessed) events")
        blackHole(sim.eventsProcessed)
    }

    Benchmark("Kernel.processQueue", configuration: steady) { benchmark in
        var sim = ProcessSimulation<Customer>(shared: Customer.Shared())
        sim.addResource(capacity: 1)
        sim.spawn(.source, at: .zero)
        sim.run(maxEvents: 100_000)  // warm up: process slots and queues reach their steady size
        benchmark.startMeasurement()
        sim.run(maxEvents: benchmark.scaledIterations.count)
        benchmark.stopMeasurement()
        precondition(sim.eventsProcessed == 100_000 + benchmark.scaledIterations.count, "the process loop stopped early: \(sim.eventsProcessed) events")
        blackHole(sim.eventsProcessed)
    }
}
