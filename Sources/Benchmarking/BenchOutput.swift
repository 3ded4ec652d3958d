import Foundation

/// One benchmark result row: ordered (key, value) pairs printed as a table row or a JSON line.
public struct BenchRecord: Sendable {
    /// A field value: integer, floating point or text.
    public enum Value: Sendable {
        /// An integer value.
        case int(Int)
        /// A floating-point value.
        case double(Double)
        /// A text value.
        case text(String)
    }

    /// The fields in output order.
    public var fields: [(key: String, value: Value)]

    /// A record with the given fields in order.
    public init(_ fields: [(String, Value)]) { self.fields = fields.map { (key: $0.0, value: $0.1) } }

    /// The value of field `key`, if present. - Complexity: O(fields).
    public subscript(key: String) -> Value? { fields.first { $0.key == key }?.value }

    /// The record as one line of JSON with keys in field order. - Complexity: O(fields).
    public func jsonLine() -> String {
        "{" + fields.map { "\"\(BenchRecord.escape($0.key))\":\(BenchRecord.json($0.value))" }.joined(separator: ",") + "}"
    }

    static func json(_ v: Value) -> String {
        switch v {
        case .int(let i): return String(i)
        case .double(let d): return d.isFinite ? String(format: "%.6g", d) : "null"
        case .text(let s): return "\"\(escape(s))\""
        }
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default:
                if ch.value < 0x20 { out += String(format: "\\u%04x", ch.value) } else { out.unicodeScalars.append(ch) }
            }
        }
        return out
    }
}

/// Renders records as an aligned plain-text table for people.
public enum BenchTable {
    /// The records as a table with one header row; columns are the first record's keys.
    /// - Complexity: O(records × fields).
    public static func render(_ records: [BenchRecord]) -> String {
        guard let first = records.first else { return "" }
        let keys = first.fields.map(\.key)
        let rows: [[String]] = records.map { r in keys.map { k in r[k].map(cell) ?? "" } }
        var widths = keys.map(\.count)
        for row in rows { for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in String(repeating: " ", count: widths[i] - c.count) + c }.joined(separator: "  ")
        }
        return ([line(keys), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line)).joined(separator: "\n")
    }

    static func cell(_ v: BenchRecord.Value) -> String {
        switch v {
        case .int(let i): return grouped(i)
        case .double(let d):
            if abs(d) >= 1000 { return grouped(Int(d.rounded())) }
            return String(format: abs(d) >= 10 ? "%.1f" : "%.3f", d)
        case .text(let s): return s
        }
    }

    /// `1234567` as `1,234,567`.
    static func grouped(_ i: Int) -> String {
        let digits = String(abs(i))
        var out = ""
        for (n, ch) in digits.reversed().enumerated() {
            if n > 0 && n % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (i < 0 ? "-" : "") + String(out.reversed())
    }
}

/// Wall-clock timing for benchmarks (the harness is the only place that reads wall time).
public enum BenchClock {
    /// Runs `body` and returns its result and the elapsed wall time in seconds.
    public static func measure<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let r = try body()
        let end = DispatchTime.now().uptimeNanoseconds
        return (r, Double(end - start) / 1e9)
    }

    /// Runs async `body` to completion from synchronous code (the CLI's commands are synchronous)
    /// and returns its result; the calling thread waits. - Complexity: that of `body`.
    public static func blocking<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
        let box = BlockingBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            box.value = await body()
            done.signal()
        }
        done.wait()
        return box.value!
    }

    /// Monotonic nanoseconds since an arbitrary origin.
    @inline(__always) public static func nanoseconds() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
}

/// Carries a result out of the detached task in `BenchClock.blocking`; written once, read after
/// the semaphore, so the unchecked sendability is sound.
final class BlockingBox<T>: @unchecked Sendable {
    var value: T?
}
