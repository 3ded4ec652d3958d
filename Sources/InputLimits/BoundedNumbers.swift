/// Reads numbers, whole numbers and clock times from text, each checked against a stated range
/// before it reaches any arithmetic. A value out of range, not finite, or not a number throws an
/// `InputError` naming file, line and field; nothing here can trap on any input.
public struct BoundedNumbers: Sendable {
    /// The file the values come from (used in every error).
    public let file: String

    /// A reader for values from `file`.
    public init(file: String) { self.file = file }

    /// An error at `line` in `field`. - Complexity: O(1).
    public func fail(_ line: Int, _ field: String, _ message: String) -> InputError {
        InputError(file: file, line: line, field: field, message: message)
    }

    /// A finite decimal number inside `range` (`unit` names it in the message, e.g. "units per hour").
    /// Hex floats, `nan` and `inf` are refused. - Complexity: O(|text|).
    public func number(_ text: String, line: Int, field: String, in range: ClosedRange<Double>, unit: String = "") throws(InputError) -> Double {
        let t = Self.trimmed(text)
        guard Self.isDecimal(t), let v = Double(t), v.isFinite else {
            throw fail(line, field, "expected a number, got '\(Self.excerpt(text))'")
        }
        guard range.contains(v) else { throw fail(line, field, Self.outOfRange(t, range, unit, below: v < range.lowerBound)) }
        return v
    }

    /// A whole number inside `range`. A number too large for any integer type is reported as out of
    /// range, not as "not a number". - Complexity: O(|text|).
    public func integer(_ text: String, line: Int, field: String, in range: ClosedRange<Int>, unit: String = "") throws(InputError) -> Int {
        let t = Self.trimmed(text)
        if let v = Int(t) {
            guard range.contains(v) else { throw fail(line, field, Self.outOfRange(t, range, unit, below: v < range.lowerBound)) }
            return v
        }
        if Self.isDecimal(t), let d = Double(t), d.isFinite {
            if d.rounded() == d, !(Double(range.lowerBound)...Double(range.upperBound)).contains(d) {
                throw fail(line, field, Self.outOfRange(t, range, unit, below: d < Double(range.lowerBound)))
            }
            throw fail(line, field, "expected a whole number, got '\(Self.excerpt(text))'")
        }
        throw fail(line, field, "expected a whole number, got '\(Self.excerpt(text))'")
    }

    /// A clock time or duration, in seconds: `HH:MM`, `HH:MM:SS`, or a number of minutes (VRPTW
    /// units), inside `range` (seconds). - Complexity: O(|text|).
    public func clockSeconds(_ text: String, line: Int, field: String, in range: ClosedRange<Double>) throws(InputError) -> Double {
        let t = Self.trimmed(text)
        let limit = Self.clock(range.upperBound)
        if t.contains(":") {
            let parts = t.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2 || parts.count == 3,
                  parts.allSatisfy({ !$0.isEmpty && $0.count <= 9 && $0.allSatisfy(\.isASCIIDigit) }),
                  let h = Int(parts[0]), let m = Int(parts[1]), m < 60 else {
                throw fail(line, field, "expected HH:MM or minutes, got '\(Self.excerpt(text))'")
            }
            var s = 0
            if parts.count == 3 {
                guard let ss = Int(parts[2]), ss < 60 else { throw fail(line, field, "expected HH:MM:SS, got '\(Self.excerpt(text))'") }
                s = ss
            }
            let seconds = Double(h) * 3600 + Double(m * 60 + s)   // h has at most 9 digits: exact in a Double
            guard range.contains(seconds) else {
                throw fail(line, field, seconds < range.lowerBound ? "must be ≥ \(Self.clock(range.lowerBound)), got \(t)" : "must be ≤ \(limit), got \(t)")
            }
            return seconds
        }
        guard Self.isDecimal(t), let minutes = Double(t), minutes.isFinite else {
            throw fail(line, field, "expected HH:MM or minutes, got '\(Self.excerpt(text))'")
        }
        let seconds = minutes * 60
        guard range.contains(seconds) else {
            throw fail(line, field, seconds < range.lowerBound ? "must be ≥ \(Self.format(range.lowerBound / 60)) minutes, got \(t)"
                                                               : "must be ≤ \(Self.format(range.upperBound / 60)) minutes (\(limit)), got \(Self.excerpt(t))")
        }
        return seconds
    }

    /// Text with surrounding spaces and tabs removed.
    static func trimmed(_ s: String) -> String {
        var sub = Substring(s)
        while let f = sub.first, f == " " || f == "\t" { sub.removeFirst() }
        while let l = sub.last, l == " " || l == "\t" { sub.removeLast() }
        return String(sub)
    }

    /// Only `[+-]digits[.digits][e[+-]digits]`: no hex floats, no `nan`/`inf`, no `_`, bounded length.
    static func isDecimal(_ t: String) -> Bool {
        guard !t.isEmpty, t.utf8.count <= 64 else { return false }
        var digits = 0
        for c in t.utf8 {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): break
            default: return false
            }
        }
        return digits > 0
    }

    /// At most 40 characters of `s`, for messages about hostile input.
    public static func excerpt(_ s: String) -> String {
        s.count <= 40 ? s : String(s.prefix(40)) + "…"
    }

    /// `must be ≥ 0, got -4` or `must be ≤ 1000000 kegs, got 1e13`.
    static func outOfRange(_ t: String, _ r: ClosedRange<Int>, _ unit: String, below: Bool) -> String {
        let u = unit.isEmpty ? "" : " " + unit
        return below ? "must be ≥ \(r.lowerBound)\(u), got \(excerpt(t))" : "must be ≤ \(r.upperBound)\(u), got \(excerpt(t))"
    }

    /// As above for decimal ranges.
    static func outOfRange(_ t: String, _ r: ClosedRange<Double>, _ unit: String, below: Bool) -> String {
        let u = unit.isEmpty ? "" : " " + unit
        return below ? "must be ≥ \(format(r.lowerBound))\(u), got \(excerpt(t))" : "must be ≤ \(format(r.upperBound))\(u), got \(excerpt(t))"
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(Swift.max(0, Swift.min(seconds, 1e12)))
        return s % 60 == 0 ? "\(s / 3600):" + pad(s / 60 % 60) : "\(s / 3600):" + pad(s / 60 % 60) + ":" + pad(s % 60)
    }

    static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    static func format(_ d: Double) -> String { d.rounded() == d && abs(d) < 1e15 ? String(Int(d)) : "\(d)" }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
