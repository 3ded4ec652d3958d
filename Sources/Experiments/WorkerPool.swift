import Foundation

/// A bounded pool of worker threads for independent, CPU-bound pure jobs (replications).
///
/// Why threads and not the cooperative task pool: a replication is seconds of synchronous work, and
/// `--jobs N` means N of them at once, whatever the core count; results are collected by index, so the
/// order in which they finish never reaches an output.
public enum WorkerPool {
    /// Runs `body` on each of `items` with at most `jobs` at a time. `shouldStop` is checked before each job
    /// starts (Ctrl-C: running jobs finish, no new ones start); `onDone` is called once per finished job,
    /// one call at a time. Returns the results in `items` order (nil for jobs not run) and the first error.
    /// - Complexity: O(items) scheduling plus the jobs themselves.
    public static func map<Item: Sendable, Output: Sendable>(
        _ items: [Item], jobs: Int, shouldStop: @escaping @Sendable () -> Bool = { false },
        onDone: @escaping @Sendable (Int, Output) -> Void = { _, _ in },
        _ body: @escaping @Sendable (Item) throws -> Output
    ) -> (results: [Output?], error: (any Error)?) {
        let state = PoolState<Output>(count: items.count)
        let group = DispatchGroup()
        for _ in 0..<max(1, min(jobs, items.count)) {
            group.enter()
            let thread = Thread {
                while let i = state.next(stop: shouldStop) {
                    do {
                        let out = try body(items[i])
                        state.finish(i, out, onDone)
                    } catch {
                        state.fail(error)
                    }
                }
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        return state.outcome()
    }
}

/// The pool's shared state, behind one lock.
private final class PoolState<Output: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private var results: [Output?]
    private var error: (any Error)?

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func next(stop: () -> Bool) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard error == nil, nextIndex < results.count, !stop() else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }

    func finish(_ i: Int, _ out: Output, _ onDone: (Int, Output) -> Void) {
        lock.lock(); defer { lock.unlock() }
        results[i] = out
        onDone(i, out)
    }

    func fail(_ e: any Error) {
        lock.lock(); defer { lock.unlock() }
        if error == nil { error = e }
    }

    func outcome() -> ([Output?], (any Error)?) {
        lock.lock(); defer { lock.unlock() }
        return (results, error)
    }
}
