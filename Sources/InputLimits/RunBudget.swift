import Foundation

/// An estimate of what a run will cost, made from its sizes before it starts.
public struct RunEstimate: Sendable, Equatable {
    /// What the estimate is for (`bench kernel --pending 1000000000`).
    public var what: String
    /// Peak memory in bytes (a Double, so absurd sizes cannot overflow the estimate itself).
    public var bytes: Double
    /// Wall time in seconds on the 2-core reference machine.
    public var seconds: Double

    /// An estimate for `what` of `bytes` peak memory and `seconds` wall time.
    public init(what: String, bytes: Double, seconds: Double) {
        self.what = what
        self.bytes = bytes
        self.seconds = seconds
    }
}

/// A run refused before it started because its estimate does not fit.
public struct BudgetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message, naming the estimate and the limit.
    public var message: String

    /// A refusal with `message`.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}

/// Refuses runs whose memory or time estimate does not fit, with a message saying both numbers.
public enum RunBudget {
    /// The default time limit for one command (one hour).
    public static let defaultMaxSeconds: Double = 3600

    /// Memory the run may use: 80 % of `MemAvailable` on Linux (the physical memory elsewhere).
    /// - Complexity: O(1) (reads /proc/meminfo).
    public static var availableBytes: Double {
        #if os(Linux)
        if let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) {
            for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
                let digits = line.split(separator: " ").dropFirst().first.flatMap { Double($0) }
                if let kib = digits { return 0.8 * kib * 1024 }
            }
        }
        #endif
        return 0.8 * Double(ProcessInfo.processInfo.physicalMemory)
    }

    /// Throws unless `estimate` fits in `availableBytes` and `maxSeconds`.
    /// - Throws: `BudgetError` like `bench kernel --pending 10000000000: needs about 640 GB of memory,
    ///   more than the 12.4 GB available`. - Complexity: O(1).
    public static func check(_ estimate: RunEstimate, maxSeconds: Double = RunBudget.defaultMaxSeconds,
                             availableBytes: Double = RunBudget.availableBytes) throws(BudgetError) {
        if !(estimate.bytes <= availableBytes) {
            throw BudgetError("\(estimate.what): needs about \(bytes(estimate.bytes)) of memory, more than the \(bytes(availableBytes)) available; use smaller sizes")
        }
        if !(estimate.seconds <= maxSeconds) {
            throw BudgetError("\(estimate.what): would run for about \(duration(estimate.seconds)), more than the limit of \(duration(maxSeconds)); use smaller sizes or raise --max-seconds")
        }
    }

    /// `1.5 GB`, `320 MB`, `12 kB`. - Complexity: O(1).
    public static func bytes(_ b: Double) -> String {
        guard b.isFinite else { return "an unbounded amount" }
        let units = [(1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "kB")]
        for (size, name) in units where b >= size { return format(b / size) + " " + name }
        return format(b) + " B"
    }

    /// `3.2 h`, `14 min`, `40 s`. - Complexity: O(1).
    public static func duration(_ s: Double) -> String {
        guard s.isFinite else { return "an unbounded time" }
        if s >= 86_400 * 365 { return format(s / (86_400 * 365)) + " years" }
        if s >= 86_400 { return format(s / 86_400) + " days" }
        if s >= 3600 { return format(s / 3600) + " h" }
        if s >= 60 { return format(s / 60) + " min" }
        return format(s) + " s"
    }

    static func format(_ x: Double) -> String {
        if x >= 1e15 { return String(format: "%.2g", x) }
        return x >= 100 ? String(format: "%.0f", x) : String(format: "%.1f", x)
    }
}
