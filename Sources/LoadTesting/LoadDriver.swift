import DiscreteEvents

/// One client's connection to the system under test: it sends the next `count` requests of its mix in
/// one hop (one actor call, or back-to-back HTTP requests) and says how each fared.
///
/// A driver is a value owned by one client task, so it keeps its own state (the ids it got back, its
/// random stream) without locks; the desks behind it are shared.
public protocol LoadDriver: Sendable {
    /// What the post-run audit needs from this client.
    associatedtype Tally: Sendable
    /// Sends the next `count` requests at virtual time `now`; returns how many failed (errors) and how
    /// many were refused for a business reason (a job another client dispatched first, a slot taken).
    /// - Complexity: O(count × the desk's cost per request).
    mutating func send(_ count: Int, at now: SimTime) async -> HopOutcome
    /// This client's tally, after its last hop. - Complexity: O(1).
    func finish() -> Tally
    /// Called once before the run's first instant with the requests this client will send: a driver
    /// reserves what grows with them, so no array doubles (a bulk copy and a burst of page faults)
    /// inside the measured window. - Complexity: O(requests) at most.
    mutating func prepare(requests: Int)
}

extension LoadDriver {
    /// Nothing to prepare. - Complexity: O(1).
    public mutating func prepare(requests: Int) {}
}

/// A driver whose hop blocks its thread (system calls): `LoadRun.runThreads` gives each client a
/// thread of its own, so a blocked client never holds one of the task pool's few threads.
public protocol BlockingLoadDriver: Sendable {
    /// What the post-run audit needs from this client.
    associatedtype Tally: Sendable
    /// Sends the next `count` requests at virtual time `now`, blocking until all are answered.
    /// - Complexity: O(count × round trip).
    mutating func send(_ count: Int, at now: SimTime) -> HopOutcome
    /// This client's tally, after its last hop. - Complexity: O(1).
    func finish() -> Tally
}

/// How one hop's requests fared.
public struct HopOutcome: Sendable, Equatable {
    /// Requests that failed (transport errors, 5xx, refusals the workload never causes).
    public var errors: Int
    /// Requests answered with a business refusal (counted as completed).
    public var refused: Int
    /// An outcome. - Complexity: O(1).
    public init(errors: Int = 0, refused: Int = 0) { self.errors = errors; self.refused = refused }
}

/// Picks request kinds in fixed proportions without randomness: each kind's running credit grows by
/// its share per pick and the kind with the most credit is taken (a smooth weighted round robin), so a
/// batch of any size carries the mix.
struct MixPicker: Sendable {
    let shares: [Double]
    var credit: [Double]

    init(_ shares: [Double]) {
        self.shares = shares
        credit = shares.map { _ in 0 }
    }

    /// The next kind's index. - Complexity: O(kinds).
    mutating func next() -> Int {
        var best = 0
        for k in shares.indices {
            credit[k] += shares[k]
            if credit[k] > credit[best] { best = k }
        }
        credit[best] -= 1
        return best
    }
}
