import DeskService
import DiscreteEvents
import Foundation

/// The settings of one open-loop run.
public struct LoadRunConfig: Sendable {
    /// Offered rate, requests per second (average over the compressed day).
    public var rate: Double
    /// Run length in nanoseconds (the schedule's span).
    public var durationNanoseconds: Int64
    /// Client tasks (each its own share of the schedule and its own recorder).
    public var clients: Int
    /// Most requests one client sends in one hop.
    public var batchLimit: Int
    /// Hour weights of the compressed day (all equal for a flat load).
    public var hours: [Double]
    /// How long past the schedule's end clients may still send before the rest counts as dropped.
    public var drainNanoseconds: Int64
    /// Intervals of the throughput and p99 series.
    public var intervals: Int

    /// A configuration; `drain` defaults to a second or half the duration, whichever is longer.
    /// - Complexity: O(1).
    public init(rate: Double, durationNanoseconds: Int64, clients: Int = 2, batchLimit: Int = 1024,
                hours: [Double] = [1], drainNanoseconds: Int64? = nil, intervals: Int? = nil) {
        self.rate = rate
        self.durationNanoseconds = durationNanoseconds
        self.clients = max(1, clients)
        self.batchLimit = max(1, batchLimit)
        self.hours = hours
        self.drainNanoseconds = drainNanoseconds ?? max(1_000_000_000, durationNanoseconds / 2)
        self.intervals = intervals ?? Int(min(120, max(1, durationNanoseconds / 250_000_000)))
    }
}

/// The measurements of one run: the merged recorder, the wall time it took, and the drivers' tallies.
public struct LoadRunResult<Tally: Sendable>: Sendable {
    /// All clients' measurements, merged.
    public var recorder: LatencyRecorder
    /// The offered rate.
    public var offeredRate: Double
    /// Nanoseconds from the start to the last response.
    public var elapsedNanoseconds: Int64
    /// Each client's tally, in client order.
    public var tallies: [Tally]

    /// Completed requests per second of the schedule's span (or of the elapsed time if longer).
    /// - Complexity: O(1).
    public var achievedRate: Double {
        Double(recorder.completed + recorder.errors) / (Double(max(elapsedNanoseconds, 1)) / 1e9)
    }
}

/// Reports progress while a run goes: called about every 250 ms from a client, never on the hot path.
public typealias LoadProgress = @Sendable (_ elapsedNanoseconds: Int64, _ sent: Int, _ scheduledSoFar: Int) -> Void

/// The open-loop runner.
///
/// Each client walks its share of the schedule: it sends, in one hop, every request whose intended
/// time has come (up to `batchLimit`), then records for each the time from its *intended* send time
/// to the response — so a slow hop delays the next requests' sends and that delay counts in their
/// latency (no coordinated omission). It never waits for a response before a request is due: when
/// far ahead, it sleeps until just before the next intended time; when a request is due within
/// 200 µs, it spins on the clock (yielding its thread every 20 µs); when behind, it sends at once.
/// Each driver is `prepare`d before the first instant, so its lists never grow in the window. Past the schedule's
/// end plus the drain time, whatever it has not sent is dropped, and counted.
public enum LoadRun {
    /// Gaps longer than this (ns) sleep; shorter ones spin.
    static let sleepAbove: Int64 = 200_000
    /// A sleeping client asks to wake this long (ns) before its next request is due.
    static let wakeMargin: Int64 = 100_000
    /// A spinning client yields its thread at least this often (ns), so clients outnumbering the
    /// task pool's threads still take turns.
    static let yieldEvery: Int64 = 20_000

    /// Runs `config` with one driver per client (`makeDriver(client)`).
    /// - Complexity: O(rate × duration × the driver's cost per request).
    public static func run<D: LoadDriver>(_ config: LoadRunConfig, progress: LoadProgress? = nil,
                                          makeDriver: (Int) -> D) async -> LoadRunResult<D.Tally> {
        let schedule = ArrivalSchedule(rate: config.rate, durationNanoseconds: config.durationNanoseconds, hours: config.hours)
        var drivers = (0..<config.clients).map(makeDriver)
        for c in drivers.indices { drivers[c].prepare(requests: schedule.cursor(client: c, of: config.clients).remaining) }
        let start = MonotonicClock.now() + 2_000_000  // every client starts on the same instant
        let board = ProgressBoard(clients: config.clients)
        let results = await withTaskGroup(of: (Int, LatencyRecorder, D.Tally, Int64).self) { group in
            for (c, d) in drivers.enumerated() {
                group.addTask {
                    let (rec, tally, last) = await client(d, schedule.cursor(client: c, of: config.clients), config,
                                                          client: c, start: start, board: board, progress: progress)
                    return (c, rec, tally, last)
                }
            }
            var all: [(Int, LatencyRecorder, D.Tally, Int64)] = []
            for await r in group { all.append(r) }
            return all.sorted { $0.0 < $1.0 }
        }
        var merged = LatencyRecorder(durationNanoseconds: config.durationNanoseconds, intervalCount: config.intervals)
        for r in results { merged.merge(r.1) }
        let elapsed = max(config.durationNanoseconds, results.map(\.3).max() ?? 0)
        return LoadRunResult(recorder: merged, offeredRate: config.rate, elapsedNanoseconds: elapsed, tallies: results.map(\.2))
    }

    /// Virtual time at `elapsed` of a run of `duration`: the day compressed into the run, from day 0 06:00
    /// (so it stays within the desks' calendars). - Complexity: O(1).
    @inline(__always)
    static func virtualTime(_ elapsed: Int64, duration: Int64) -> SimTime {
        let fraction = Double(max(0, elapsed)) / Double(max(1, duration))
        return SimTime(ticks: SimDuration.ticksPerHour * 6 + Int64(fraction * Double(SimDuration.ticksPerDay)))
    }

    static func client<D: LoadDriver>(_ driver: D, _ cursor: ArrivalSchedule.Cursor, _ config: LoadRunConfig, client c: Int,
                                      start: Int64, board: ProgressBoard, progress: LoadProgress?) async -> (LatencyRecorder, D.Tally, Int64) {
        var driver = driver
        var state = ClientState(cursor, config, client: c, board: board, progress: progress)
        var yielded = MonotonicClock.now() - start
        while true {
            let now = MonotonicClock.now() - start
            switch state.nextAction(now: now) {
            case .wait(let gap):
                // A long gap sleeps (a timer wakes the task ~50–100 µs late on Linux, so it wakes
                // `wakeMargin` early); a short one spins on the clock, giving the thread up only every
                // `yieldEvery` (a `Task.yield` per spin turn enqueued the task and woke pool threads
                // millions of times a second: a sixth of the run's CPU in Dispatch, seen in perf).
                if gap > sleepAbove {
                    try? await Task.sleep(nanoseconds: UInt64(gap - wakeMargin))
                    yielded = MonotonicClock.now() - start
                } else if now - yielded > yieldEvery {
                    await Task.yield()
                    yielded = MonotonicClock.now() - start
                }
            case .send(let count):
                let outcome = await driver.send(count, at: virtualTime(now, duration: config.durationNanoseconds))
                state.answered(outcome, at: MonotonicClock.now() - start)
            case .finished:
                board.update(client: c, sent: state.recorder.sent)
                return (state.recorder, driver.finish(), state.lastDone)
            }
        }
    }

    /// Runs `config` with one blocking driver per client, each client on its own thread (for drivers
    /// that block in system calls, such as the HTTP client, which must not hold the task pool's threads).
    /// - Complexity: O(rate × duration × the driver's cost per request).
    public static func runThreads<D: BlockingLoadDriver>(_ config: LoadRunConfig, progress: LoadProgress? = nil,
                                                         makeDriver: (Int) -> D) async -> LoadRunResult<D.Tally> {
        let schedule = ArrivalSchedule(rate: config.rate, durationNanoseconds: config.durationNanoseconds, hours: config.hours)
        let drivers = (0..<config.clients).map(makeDriver)
        let start = MonotonicClock.now() + 2_000_000
        let board = ProgressBoard(clients: config.clients)
        let slots = ResultSlots<(LatencyRecorder, D.Tally, Int64)>(count: config.clients)
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let group = DispatchGroup()
            for (c, d) in drivers.enumerated() {
                group.enter()
                let thread = Thread {
                    var driver = d
                    var state = ClientState(schedule.cursor(client: c, of: config.clients), config, client: c, board: board, progress: progress)
                    loop: while true {
                        let now = MonotonicClock.now() - start
                        switch state.nextAction(now: now) {
                        case .wait(let gap):
                            if gap > 60_000 { usleep(UInt32((gap - 40_000) / 1000)) } else { sched_yield() }
                        case .send(let count):
                            let outcome = driver.send(count, at: virtualTime(now, duration: config.durationNanoseconds))
                            state.answered(outcome, at: MonotonicClock.now() - start)
                        case .finished:
                            break loop
                        }
                    }
                    board.update(client: c, sent: state.recorder.sent)
                    slots.set(c, (state.recorder, driver.finish(), state.lastDone))
                    group.leave()
                }
                thread.start()
            }
            group.notify(queue: .global()) { done.resume() }
        }
        let results = slots.values()
        var merged = LatencyRecorder(durationNanoseconds: config.durationNanoseconds, intervalCount: config.intervals)
        for r in results { merged.merge(r.0) }
        let elapsed = max(config.durationNanoseconds, results.map(\.2).max() ?? 0)
        return LoadRunResult(recorder: merged, offeredRate: config.rate, elapsedNanoseconds: elapsed, tallies: results.map(\.1))
    }
}

/// One client's open-loop state, apart from how it waits and sends (a task or a thread): it says
/// what to do next — wait until the next intended time, send the requests that are due, or stop —
/// and records each answered request from its intended send time.
struct ClientState {
    /// What the client does next.
    enum Action: Equatable {
        /// Nothing is due for this many nanoseconds.
        case wait(Int64)
        /// Send this many requests (those due, up to the batch limit) in one hop.
        case send(Int)
        /// The share is done (or dropped past the deadline).
        case finished
    }

    var cursor: ArrivalSchedule.Cursor
    var next: Int64?
    var due: [Int64] = []
    var recorder: LatencyRecorder
    var lastDone: Int64 = 0
    var nextReport: Int64 = 250_000_000
    let deadline: Int64
    let batchLimit: Int
    let rate: Double
    let duration: Int64
    let client: Int
    let board: ProgressBoard
    let progress: LoadProgress?

    init(_ cursor: ArrivalSchedule.Cursor, _ config: LoadRunConfig, client: Int, board: ProgressBoard, progress: LoadProgress?) {
        self.cursor = cursor
        recorder = LatencyRecorder(durationNanoseconds: config.durationNanoseconds, intervalCount: config.intervals)
        recorder.scheduled = cursor.remaining
        deadline = config.durationNanoseconds + config.drainNanoseconds
        batchLimit = config.batchLimit
        rate = config.rate
        duration = config.durationNanoseconds
        self.client = client
        self.board = board
        self.progress = progress
        due.reserveCapacity(config.batchLimit)
        next = self.cursor.next()
    }

    /// The next action at run time `now`. - Complexity: O(requests due, at most the batch limit).
    mutating func nextAction(now: Int64) -> Action {
        guard let first = next else { return .finished }
        if first > now { return .wait(first - now) }
        if now > deadline {
            recorder.dropped += 1 + cursor.remaining
            next = nil
            return .finished
        }
        due.removeAll(keepingCapacity: true)
        while let t = next, t <= now, due.count < batchLimit {
            due.append(t)
            if now - t > LatencyRecorder.lateNanoseconds { recorder.late += 1 }
            next = cursor.next()
        }
        return .send(due.count)
    }

    /// Records the hop's answers, all received by `now`. - Complexity: O(requests in the hop).
    mutating func answered(_ outcome: HopOutcome, at now: Int64) {
        for t in due { recorder.record(intended: t, done: now) }
        recorder.countCompleted(due.count, at: now)
        recorder.sent += due.count
        recorder.errors += outcome.errors
        recorder.completed += due.count - outcome.errors
        recorder.refused += outcome.refused
        recorder.hops += 1
        lastDone = now
        if now >= nextReport {
            nextReport = now + 250_000_000
            board.update(client: client, sent: recorder.sent)
            if let progress, client == 0 {
                progress(now, board.total(), Int(min(Double(Int.max), rate * Double(min(now, duration)) / 1e9)))
            }
        }
    }
}

/// Results written by client threads, read after they all finished.
final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = Lock()

    init(count: Int) { slots = [T?](repeating: nil, count: count) }

    func set(_ i: Int, _ v: T) { lock.withLock { slots[i] = v } }

    func values() -> [T] { lock.withLock { slots.compactMap { $0 } } }
}

/// Clients' sent counts for the progress line (each client writes its own slot under a lock, a few
/// times a second).
final class ProgressBoard: @unchecked Sendable {
    private var sent: [Int]
    private let lock = Lock()

    init(clients: Int) { sent = [Int](repeating: 0, count: clients) }

    func update(client: Int, sent n: Int) { lock.withLock { sent[client] = n } }

    func total() -> Int { lock.withLock { sent.reduce(0, +) } }
}
