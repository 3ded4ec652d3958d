import Foundation
import InputLimits

/// A pass/fail condition on a run's figures: `p99<2ms`, `errors==0`, `achievedRate>=500k`.
///
/// Latency metrics (`p50`, `p90`, `p99`, `p99.9`, `max`) take a duration with a unit (`ns`, `us`,
/// `µs`, `ms`, `s`); counts (`errors`, `dropped`, `late`) and rates (`achievedRate`) take a number
/// (rates may end in `k` or `M`). Operators: `<`, `<=`, `>`, `>=`, `==`, `!=`.
public struct Threshold: Sendable, Equatable, CustomStringConvertible {
    /// The figures a threshold can name.
    public enum Metric: String, Sendable, CaseIterable {
        /// Latency percentiles and maximum, in nanoseconds.
        case p50, p90, p99, p999 = "p99.9", max
        /// Counts.
        case errors, dropped, late
        /// Requests per second achieved.
        case achievedRate

        /// Whether the metric is a latency (its value needs a unit). - Complexity: O(1).
        public var isLatency: Bool { [.p50, .p90, .p99, .p999, .max].contains(self) }
    }

    /// Comparison operators.
    public enum Comparison: String, Sendable, CaseIterable {
        /// Strictly below, at most, strictly above, at least, equal, not equal.
        case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "==", notEqual = "!="

        /// Whether `a op b` holds. - Complexity: O(1).
        public func holds(_ a: Double, _ b: Double) -> Bool {
            switch self {
            case .less: a < b
            case .lessOrEqual: a <= b
            case .greater: a > b
            case .greaterOrEqual: a >= b
            case .equal: a == b
            case .notEqual: a != b
            }
        }
    }

    /// The metric.
    public var metric: Metric
    /// The operator.
    public var comparison: Comparison
    /// The bound (nanoseconds for latencies).
    public var bound: Double
    /// The expression as written.
    public var text: String

    /// Parses `expression`; errors name `field` and the part at fault. - Complexity: O(length).
    public init(parsing expression: String, field: String = "--threshold") throws(LoadTestError) {
        let e = expression.filter { $0 != " " }
        text = expression
        // The operator: the first of <=, >=, ==, !=, <, > found (two-character ones first).
        var found: (Comparison, Range<String.Index>)?
        for op in ["<=", ">=", "==", "!=", "<", ">"] {
            if let r = e.range(of: op) { found = (Comparison(rawValue: op)!, r); break }
        }
        let names = Metric.allCases.map(\.rawValue)
        guard let (op, range) = found else {
            throw LoadTestError(field: field, message: "expected METRIC OP VALUE such as 'p99<2ms' or 'errors==0' (metrics: \(names.joined(separator: ", ")); operators: < <= > >= == !=), got '\(expression)'")
        }
        let name = String(e[..<range.lowerBound]), value = String(e[range.upperBound...])
        guard let m = Metric(rawValue: name) ?? (name == "p999" ? .p999 : nil) else {
            let hint = Suggestion.closest(to: name, among: names).map { " (did you mean '\($0)'?)" } ?? ""
            throw LoadTestError(field: field, message: "unknown metric '\(name)' in '\(expression)'\(hint); known: \(names.joined(separator: ", "))")
        }
        metric = m
        comparison = op
        if m.isLatency {
            guard value.last?.isLetter == true else {
                throw LoadTestError(field: field, message: "\(name) needs a duration with a unit such as 2ms or 500us, got '\(value)' in '\(expression)'")
            }
            do throws(LoadTestError) { bound = Double(try LoadQuantity.nanoseconds(value, field: field)) } catch {
                throw LoadTestError(field: field, message: "\(name): expected a duration > 0 such as 2ms, got '\(value)' in '\(expression)'")
            }
        } else if m == .achievedRate {
            do throws(LoadTestError) { bound = try LoadQuantity.rate(value, field: field) } catch {
                throw LoadTestError(field: field, message: "achievedRate: expected a rate such as 500k, got '\(value)' in '\(expression)'")
            }
        } else {
            guard let v = Double(value), v.isFinite, v >= 0 else {
                throw LoadTestError(field: field, message: "\(name): expected a count ≥ 0, got '\(value)' in '\(expression)'")
            }
            bound = v
        }
    }

    /// The metric's value in `summary`. - Complexity: O(1).
    public func value(in s: LoadSummary) -> Double {
        switch metric {
        case .p50: Double(s.p50Nanoseconds)
        case .p90: Double(s.p90Nanoseconds)
        case .p99: Double(s.p99Nanoseconds)
        case .p999: Double(s.p999Nanoseconds)
        case .max: Double(s.maxNanoseconds)
        case .errors: Double(s.errors)
        case .dropped: Double(s.dropped)
        case .late: Double(s.late)
        case .achievedRate: s.achievedRate
        }
    }

    /// Whether `summary` satisfies the threshold. - Complexity: O(1).
    public func holds(for summary: LoadSummary) -> Bool { comparison.holds(value(in: summary), bound) }

    /// `p99<2ms`.
    public var description: String { text }
}
