/// A load-test input error: the flag or field at fault and what is wrong with its value.
///
/// Every check runs before any load is sent, so a bad flag never leaves a half-run behind.
public struct LoadTestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The flag or field (`--rate`, `--threshold`, `body.jobs[3].due`).
    public var field: String
    /// What is wrong, with the value that was given.
    public var message: String

    /// An error in `field`. - Complexity: O(1).
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    /// `--rate: expected a number > 0, got '-5'`.
    public var description: String { "\(field): \(message)" }
}

/// Parsing of the quantities a load test takes: rates, durations, latencies.
public enum LoadQuantity {
    /// A rate in requests per second: `250000`, `250k`, `1.5M`; must be finite, > 0 and ≤ 100M.
    /// - Complexity: O(length of text).
    public static func rate(_ text: String, field: String = "--rate") throws(LoadTestError) -> Double {
        let t = text.trimmingCharacters(in: " ")
        var scale = 1.0
        var digits = Substring(t)
        if let last = t.last, let s = ["k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6][last] { scale = s; digits = t.dropLast() }
        guard let v = Double(digits), v.isFinite, v * scale > 0, v * scale <= 100e6 else {
            throw LoadTestError(field: field, message: "expected a rate in requests/s > 0 and ≤ 100M such as 50000 or 250k, got '\(text)'")
        }
        return v * scale
    }

    /// A duration in nanoseconds: `30s`, `2m`, `500ms`, `250us`, `100ns`, `1h`, or a plain number of
    /// seconds; must be > 0 and at most `maximumSeconds`. - Complexity: O(length of text).
    public static func nanoseconds(_ text: String, field: String, maximumSeconds: Double = 86_400) throws(LoadTestError) -> Int64 {
        let t = text.trimmingCharacters(in: " ").lowercased()
        let units: [(String, Double)] = [("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600)]
        var value = Substring(t)
        var scale = 1.0
        for (suffix, s) in units where t.hasSuffix(suffix) {
            value = t.dropLast(suffix.count)
            scale = s
            break
        }
        guard let v = Double(value), v.isFinite, v > 0, v * scale <= maximumSeconds, v * scale * 1e9 >= 1 else {
            throw LoadTestError(field: field, message: "expected a duration > 0 and ≤ \(Int(maximumSeconds)) s such as 30s, 2m or 500ms, got '\(text)'")
        }
        return Int64((v * scale * 1e9).rounded())
    }

    /// `1.25 ms`, `830 µs`, `2.00 s`: a latency for people. - Complexity: O(1).
    public static func describe(nanoseconds ns: UInt64) -> String {
        let d = Double(ns)
        if d >= 1e9 { return "\(fixed(d / 1e9, 2)) s" }
        if d >= 1e6 { return "\(fixed(d / 1e6, 2)) ms" }
        if d >= 1e3 { return "\(fixed(d / 1e3, 1)) µs" }
        return "\(ns) ns"
    }

    /// `x` with `places` decimals (no Foundation). - Complexity: O(places).
    public static func fixed(_ x: Double, _ places: Int) -> String {
        guard x.isFinite else { return "\(x)" }
        var p = 1.0
        for _ in 0..<places { p *= 10 }
        let r = (abs(x) * p).rounded()
        let whole = Int(r / p), frac = Int(r - Double(whole) * p)
        var f = String(frac)
        while f.count < places { f = "0" + f }
        return (x < 0 && r > 0 ? "-" : "") + String(whole) + (places > 0 ? "." + f : "")
    }
}

extension String {
    /// The string without leading and trailing `c`. - Complexity: O(n).
    func trimmingCharacters(in c: Character) -> String {
        var s = Substring(self)
        while s.first == c { s = s.dropFirst() }
        while s.last == c { s = s.dropLast() }
        return String(s)
    }
}
