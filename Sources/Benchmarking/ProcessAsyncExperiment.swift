import DiscreteEvents

/// The experiment behind `SimulationProcess`'s design: what does a process step cost when the
/// process is a Swift `async` function on a deterministic virtual-time executor, against the
/// value-type state machine?
///
/// Both run `processes` processes that each wait `steps / processes` times for an exponential
/// delay (mean 1 minute, one stream per process). The async form is a task per process isolated to
/// a global actor whose executor is `VirtualTimeExecutor`: a wait is
/// `withUnsafeContinuation` + a timer entry in the kernel's `EventQueue`; popping the timer resumes
/// the continuation, which enqueues the task's job on the executor, which runs it. Single-threaded,
/// FIFO, and so deterministic — but every step goes through the task machinery.
public struct ProcessAsyncExperiment: Sendable {
    /// Number of concurrent processes.
    public var processes: Int
    /// Total waits across all processes.
    public var steps: Int

    /// An experiment of `steps` waits spread over `processes` processes.
    public init(processes: Int, steps: Int) {
        self.processes = processes
        self.steps = max(processes, steps - steps % processes)
    }

    /// One run's timing and a checksum of the final clock.
    public struct Outcome: Sendable {
        /// Wall time in seconds, including creating the processes.
        public var seconds: Double
        /// The final simulated time in ticks (both forms must agree).
        public var finalTicks: Int64
    }

    /// Runs both forms `rounds` times, alternating, keeps each one's best round and returns one
    /// record per form; throws if their final clocks differ. - Complexity: O(rounds × steps).
    public func records(rounds: Int) throws(ProcessBenchError) -> [BenchRecord] {
        var best: [Outcome?] = [nil, nil]
        for _ in 0..<max(1, rounds) {
            for i in 0..<2 {
                let r = i == 0 ? runStateMachine() : runAsync()
                if let b = best[i], b.seconds <= r.seconds { continue }
                best[i] = r
            }
        }
        let m = best[0]!, a = best[1]!
        guard m.finalTicks == a.finalTicks else {
            throw ProcessBenchError(what: "async and state-machine final clocks",
                                    baseline: UInt64(bitPattern: m.finalTicks), other: UInt64(bitPattern: a.finalTicks))
        }
        return [record("stateMachine", m, baseline: m), record("async", a, baseline: m)]
    }

    func record(_ form: String, _ o: Outcome, baseline: Outcome) -> BenchRecord {
        var fields: [(String, BenchRecord.Value)] = []
        fields.append(("form", .text(form)))
        fields.append(("processes", .int(processes)))
        fields.append(("steps", .int(steps)))
        fields.append(("seconds", .double(o.seconds)))
        fields.append(("stepsPerSecond", .double(Double(steps) / o.seconds)))
        fields.append(("nsPerStep", .double(o.seconds * 1e9 / Double(steps))))
        fields.append(("ratioVsStateMachine", .double(o.seconds / baseline.seconds)))
        return BenchRecord(fields)
    }

    /// Runs the state-machine form. - Complexity: O(steps) queue operations.
    public func runStateMachine() -> Outcome {
        let perProcess = steps / processes
        let (end, secs) = BenchClock.measure { () -> Int64 in
            var sim = ProcessSimulation<Waiter>()
            for i in 0..<processes {
                sim.spawn(Waiter(rng: RandomStream(seed: 1, stream: UInt64(i)), left: perProcess), at: .zero)
            }
            sim.run()
            return sim.now.ticks
        }
        return Outcome(seconds: secs, finalTicks: end)
    }

    /// Runs the async form on `VirtualTimeExecutor` (on platforms without task executors, macOS
    /// before 15, it reports the state-machine form). - Complexity: O(steps) queue operations and
    /// task switches.
    public func runAsync() -> Outcome {
        if #available(macOS 15.0, *) { return runAsyncOnVirtualTime() }
        return runStateMachine()
    }

    @available(macOS 15.0, *)
    func runAsyncOnVirtualTime() -> Outcome {
        let perProcess = steps / processes
        let n = processes
        let (end, secs) = BenchClock.measure { () -> Int64 in
            let executor = SimulationActor.executor
            executor.reset()
            for i in 0..<n { startWaiter(stream: UInt64(i), waits: perProcess, on: executor) }
            executor.drain()
            precondition(executor.jobsRun >= 3 * (n * perProcess),
                         "async experiment: \(executor.jobsRun) jobs for \(n * perProcess) waits")
            return executor.now.ticks
        }
        return Outcome(seconds: secs, finalTicks: end)
    }
}

/// Starts one async waiter process: `waits` exponential virtual sleeps.
@available(macOS 15.0, *)
func startWaiter(stream: UInt64, waits: Int, on executor: VirtualTimeExecutor) {
    // The task-executor preference keeps the nonisolated parts of each step (inside
    // withUnsafeContinuation) on this executor too; without it they hop to the global concurrent
    // executor and come back from another thread.
    Task(executorPreference: executor) { await waiter(stream: stream, waits: waits) }
}

/// The async waiter's body: the whole process, as sequential code.
@available(macOS 15.0, *)
@SimulationActor
func waiter(stream: UInt64, waits: Int) async {
    var rng = RandomStream(seed: 1, stream: stream)
    for _ in 0..<waits { await virtualSleep(Waiter.delay(&rng)) }
}

/// The state-machine waiter: `left` exponential waits, then finish.
struct Waiter: SimulationProcess {
    var rng: RandomStream
    var left: Int

    static let exponential = try! Distribution.exponential(mean: 1)

    static func delay(_ rng: inout RandomStream) -> SimDuration { exponential.sampleDuration(&rng, unit: .minutes(1)) }

    mutating func resume(_ context: inout ProcessContext<Waiter>) -> ProcessStep {
        if left == 0 { return .finish }
        left -= 1
        return .wait(Self.delay(&rng))
    }
}

/// Suspends the calling task for `d` of virtual time.
@available(macOS 15.0, *)
@SimulationActor
func virtualSleep(_ d: SimDuration) async {
    await withUnsafeContinuation { (c: UnsafeContinuation<Void, Never>) in
        SimulationActor.executor.schedule(c, after: d)
    }
}

/// The global actor whose executor is the virtual-time executor.
@available(macOS 15.0, *)
@globalActor
actor SimulationActor {
    static let shared = SimulationActor()
    static let executor = VirtualTimeExecutor()
    nonisolated var unownedExecutor: UnownedSerialExecutor { Self.executor.asUnownedSerialExecutor() }
}

/// A single-threaded serial executor with a virtual clock: jobs run FIFO on the thread that calls
/// `drain()`; when none is ready, the earliest timer fires and the clock jumps to it.
///
/// It is also the tasks' preferred `TaskExecutor`, so nonisolated async code runs here too.
/// Only the thread calling `drain()` touches it while it drains (hence `@unchecked Sendable`).
@available(macOS 15.0, *)
final class VirtualTimeExecutor: SerialExecutor, TaskExecutor, @unchecked Sendable {
    /// Jobs enqueued so far (one per task switch).
    var jobsRun = 0
    var ready: [UnownedJob] = []
    var head = 0
    var timers = EventQueue<UnsafeContinuation<Void, Never>>()
    var now: SimTime = .zero

    func reset() {
        ready.removeAll(keepingCapacity: true)
        head = 0
        jobsRun = 0
        timers = EventQueue()
        now = .zero
    }

    func enqueue(_ job: consuming ExecutorJob) { ready.append(UnownedJob(job)) }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor { UnownedSerialExecutor(ordinary: self) }

    func asUnownedTaskExecutor() -> UnownedTaskExecutor { UnownedTaskExecutor(ordinary: self) }

    func schedule(_ c: UnsafeContinuation<Void, Never>, after d: SimDuration) { timers.schedule(c, after: d) }

    func drain() {
        while true {
            while head < ready.count {
                let job = ready[head]
                head += 1
                jobsRun += 1
                job.runSynchronously(on: asUnownedSerialExecutor())
            }
            ready.removeAll(keepingCapacity: true)
            head = 0
            guard let (t, c) = timers.popNext() else { return }
            now = t
            c.resume()
        }
    }
}
