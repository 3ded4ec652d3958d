import DiscreteEvents
import Testing

/// An M/M/c queue (Poisson arrivals, exponential service, c servers, FIFO), built on the kernel.
/// Times are in minutes of simulated time. Statistics cover customers arriving after the warm-up.
struct MMcModel: SimulationModel {
    enum Event {
        case arrival
        case departure(arrivedAt: SimTime)
        case warmupEnds
    }

    let servers: Int
    let interarrival: Distribution
    let service: Distribution
    var arrivalStream: RandomStream
    var serviceStream: RandomStream
    var arrivalsLeft: Int
    let warmup: SimTime

    var busy = 0
    var waiting: [SimTime] = []
    var head = 0
    var measuring = false
    var arrivalsMeasured = 0
    var waits = RunningStatistics()
    var sojourns = RunningStatistics()
    var inSystem = TimeWeightedAverage()
    var level = 0.0
    /// FNV-1a over (event kind, time) for every handled event: the run's trace fingerprint.
    var trace: UInt64 = 0xcbf2_9ce4_8422_2325

    init(servers: Int, arrivalRate: Double, serviceRate: Double, customers: Int, warmup: SimDuration, seed: UInt64) throws {
        self.servers = servers
        interarrival = try .exponential(rate: arrivalRate)
        service = try .exponential(rate: serviceRate)
        arrivalStream = RandomStream(seed: seed, stream: 1)
        serviceStream = RandomStream(seed: seed, stream: 2)
        arrivalsLeft = customers
        self.warmup = SimTime.zero + warmup
    }

    mutating func fingerprint(_ kind: UInt64, _ t: SimTime) {
        for v in [kind, UInt64(bitPattern: t.ticks)] {
            var x = v
            for _ in 0..<8 {
                trace = (trace ^ (x & 0xff)) &* 0x100_0000_01b3
                x >>= 8
            }
        }
    }

    mutating func startService(arrivedAt: SimTime, agenda: inout Agenda<Event>) {
        if arrivedAt >= warmup { waits.add((agenda.now - arrivedAt).minutes) }
        agenda.schedule(.departure(arrivedAt: arrivedAt), after: service.sampleDuration(&serviceStream, unit: .minutes(1)))
    }

    mutating func handle(_ event: Event, agenda: inout Agenda<Event>) {
        let now = agenda.now
        switch event {
        case .warmupEnds:
            fingerprint(0, now)
            measuring = true
            inSystem.reset(at: now)
        case .arrival:
            fingerprint(1, now)
            level += 1
            inSystem.record(level, at: now)
            if measuring { arrivalsMeasured += 1 }
            arrivalsLeft -= 1
            if arrivalsLeft > 0 {
                agenda.schedule(.arrival, after: interarrival.sampleDuration(&arrivalStream, unit: .minutes(1)))
            }
            if busy < servers {
                busy += 1
                startService(arrivedAt: now, agenda: &agenda)
            } else {
                waiting.append(now)
            }
        case .departure(let arrivedAt):
            fingerprint(2, now)
            level -= 1
            inSystem.record(level, at: now)
            if arrivedAt >= warmup { sojourns.add((now - arrivedAt).minutes) }
            if head < waiting.count {
                let next = waiting[head]
                head += 1
                if head > 4_096 && head * 2 > waiting.count {
                    waiting.removeFirst(head)
                    head = 0
                }
                startService(arrivedAt: next, agenda: &agenda)
            } else {
                busy -= 1
            }
        }
    }

    /// Runs to completion and returns the model with its statistics.
    static func run(_ model: MMcModel) -> (MMcModel, SimTime) {
        var sim = Simulation(model: model)
        sim.schedule(.arrival, at: .zero)
        sim.schedule(.warmupEnds, at: model.warmup)
        sim.run()
        return (sim.model, sim.now)
    }
}

/// Erlang C: the mean wait in queue of an M/M/c queue, Wq = C(c, a) / (cμ − λ), a = λ/μ.
func erlangCMeanWait(servers c: Int, arrivalRate λ: Double, serviceRate μ: Double) -> Double {
    let a = λ / μ, rho = a / Double(c)
    var term = 1.0, sum = 0.0
    for k in 0..<c {
        if k > 0 { term *= a / Double(k) }
        sum += term
    }
    let top = term * a / Double(c) / (1 - rho)  // a^c / c! / (1 − ρ)
    let probabilityOfWaiting = top / (sum + top)
    return probabilityOfWaiting / (Double(c) * μ - λ)
}

@Suite("Queueing validation (analytic results)")
struct QueueingValidationTests {
    /// Mean wait in queue over 20 independent replications against the analytic value.
    ///
    /// Tolerance: the analytic value must lie inside the 99% Student-t confidence interval of the
    /// replication means, and that interval must be narrow (relative half-width < 6%), so the test
    /// has the power to catch a biased kernel or distribution: a 10% error in the service rate moves
    /// Wq by far more than the half-width. Seeds are fixed, so the outcome is deterministic.
    @Test(arguments: [(1, 0.7), (3, 2.4), (5, 4.0)])
    func meanWaitMatchesErlangC(servers: Int, arrivalRate: Double) throws {
        var means: [Double] = []
        for replication in 0..<20 {
            let model = try MMcModel(servers: servers, arrivalRate: arrivalRate, serviceRate: 1,
                                     customers: 40_000, warmup: .minutes(2_000), seed: 1_000 + UInt64(replication))
            let (done, _) = MMcModel.run(model)
            means.append(done.waits.mean)
        }
        let ci = try ConfidenceInterval(replications: means, level: 0.99)
        let exact = erlangCMeanWait(servers: servers, arrivalRate: arrivalRate, serviceRate: 1)
        #expect(ci.contains(exact), "Wq = \(exact) outside \(ci)")
        #expect(ci.relativeHalfWidth < 0.06, "interval too wide to be a test: \(ci)")
    }

    @Test func erlangCFormulaReducesToMM1() {
        // M/M/1: Wq = ρ / (μ − λ).
        #expect(abs(erlangCMeanWait(servers: 1, arrivalRate: 0.7, serviceRate: 1) - 0.7 / 0.3) < 1e-12)
        // A tabulated M/M/2 value: λ = 1, μ = 1 → Wq = 1/3.
        #expect(abs(erlangCMeanWait(servers: 2, arrivalRate: 1, serviceRate: 1) - 1.0 / 3.0) < 1e-12)
    }

    /// Little's law on one long run: the time-average number in system L equals the measured
    /// arrival rate λ times the mean time in system W. On a single sample path the identity holds up
    /// to edge effects (customers in system at the window's ends), which are under 1% for 200,000
    /// customers; the tolerance is 1%.
    @Test func littlesLawHoldsOnARun() throws {
        let model = try MMcModel(servers: 2, arrivalRate: 1.5, serviceRate: 1, customers: 200_000,
                                 warmup: .minutes(1_000), seed: 42)
        let (done, end) = MMcModel.run(model)
        let window = (end - done.warmup).minutes
        let L = done.inSystem.average(until: end)
        let lambda = Double(done.arrivalsMeasured) / window
        let W = done.sojourns.mean
        #expect(abs(L - lambda * W) / L < 0.01, "L = \(L), λW = \(lambda * W)")
    }

    @Test func sameSeedSameTraceOtherSeedOtherTrace() throws {
        func trace(_ seed: UInt64) throws -> (UInt64, Int) {
            let m = try MMcModel(servers: 3, arrivalRate: 2.4, serviceRate: 1, customers: 20_000,
                                 warmup: .minutes(100), seed: seed)
            let (done, _) = MMcModel.run(m)
            return (done.trace, done.waits.count)
        }
        let a = try trace(7), b = try trace(7), c = try trace(8)
        #expect(a == b)
        #expect(a.0 != c.0)
    }
}
