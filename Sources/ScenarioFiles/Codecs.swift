import RetailerJourneys
import Yams

/// The scalar and small composite codecs: numbers with limits, names, enums, times of day, weekly hours.
enum Codecs {
    /// A whole number in `lo...hi`; checked on the text, before any arithmetic (no overflow on huge input).
    static func integer(_ lo: Int, _ hi: Int) -> Codec<Int> {
        Codec(kind: .integer(min: lo, max: hi), read: { node, r, path throws(ScenarioError) in
            try parseInt(try r.scalar(node, path, expected: "a whole number"), lo, hi, node, r, path)
        }, write: { .int($0) })
    }

    static func parseInt(_ raw: String, _ lo: Int, _ hi: Int, _ node: Node, _ r: Reader, _ path: String) throws(ScenarioError) -> Int {
        let t = raw.trimming(" ").filter { $0 != "_" }
        let digits = t.hasPrefix("-") || t.hasPrefix("+") ? t.dropFirst() : Substring(t)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), !raw.hasPrefix("_") else {
            throw r.fail(node, path, "expected a whole number from \(lo) to \(hi), got '\(clip(raw))'")
        }
        guard let v = Int(t) else {
            throw r.fail(node, path, t.hasPrefix("-") ? "must be ≥ \(lo), got \(clip(raw))" : "must be ≤ \(hi), got \(clip(raw))")
        }
        guard v >= lo else { throw r.fail(node, path, "must be ≥ \(lo), got \(v)") }
        guard v <= hi else { throw r.fail(node, path, "must be ≤ \(hi), got \(v)") }
        return v
    }

    /// Any 64-bit unsigned number.
    static var seed: Codec<UInt64> { Codec<UInt64>(kind: .seed, read: { node, r, path throws(ScenarioError) in
        let raw = try r.scalar(node, path, expected: "a whole number")
        let t = raw.filter { $0 != "_" }
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw r.fail(node, path, "expected a whole number from 0 to \(UInt64.max), got '\(clip(raw))'")
        }
        guard let v = UInt64(t) else { throw r.fail(node, path, "must be ≤ \(UInt64.max), got \(clip(raw))") }
        return v
    }, write: { .plain(String($0)) }) }

    /// A finite number in `lo...hi`.
    static func number(_ lo: Double, _ hi: Double) -> Codec<Double> {
        Codec(kind: .number(min: lo, max: hi), read: { node, r, path throws(ScenarioError) in
            try parseNumber(try r.scalar(node, path, expected: "a number"), lo, hi, node, r, path)
        }, write: { .number($0) })
    }

    /// A number in [0, 1].
    static var probability: Codec<Double> { Codec<Double>(kind: .probability, read: { node, r, path throws(ScenarioError) in
        let raw = try r.scalar(node, path, expected: "a probability")
        let v = try parseNumber(raw, -Double.greatestFiniteMagnitude, .greatestFiniteMagnitude, node, r, path)
        guard v >= 0, v <= 1 else { throw r.fail(node, path, "a probability must be between 0 and 1, got \(clip(raw))") }
        return v
    }, write: { .number($0) }) }

    static func parseNumber(_ raw: String, _ lo: Double, _ hi: Double, _ node: Node, _ r: Reader, _ path: String) throws(ScenarioError) -> Double {
        let t = raw.trimming(" ").filter { $0 != "_" }
        // Decimal notation only: Swift's Double(_:) also takes "nan", "inf" and hex floats.
        guard !t.isEmpty, t.allSatisfy({ "0123456789+-.eE".contains($0) }), t.contains(where: \.isNumber),
              let v = Double(t) else {
            throw r.fail(node, path, "expected a number from \(format(lo)) to \(format(hi)), got '\(clip(raw))'")
        }
        guard v.isFinite else { throw r.fail(node, path, "must be ≤ \(format(hi)), got \(clip(raw))") }
        guard v >= lo else { throw r.fail(node, path, "must be ≥ \(format(lo)), got \(clip(raw))") }
        guard v <= hi else { throw r.fail(node, path, "must be ≤ \(format(hi)), got \(clip(raw))") }
        return v
    }

    /// Non-empty text without control characters, at most `maxLength` characters; with `identifier`, only
    /// letters, digits, `-`, `_` and `.` (it becomes part of a file path).
    static func text(maxLength: Int = 100, identifier: Bool = false) -> Codec<String> {
        Codec(kind: .text(maxLength: maxLength, pattern: identifier ? "^[A-Za-z0-9._-]+$" : nil),
              read: { node, r, path throws(ScenarioError) in
            let s = try r.scalar(node, path, expected: "a name")
            guard !s.trimming(" ").isEmpty else { throw r.fail(node, path, "must not be empty") }
            guard s.count <= maxLength else { throw r.fail(node, path, "at most \(maxLength) characters, got \(s.count)") }
            guard !s.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                throw r.fail(node, path, "must not contain control characters")
            }
            if identifier, !s.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || "-_.".contains($0) }) {
                throw r.fail(node, path, "only letters, digits, '-', '_' and '.' (it names the results folder), got '\(clip(s))'")
            }
            return s
        }, write: { .text($0) })
    }

    /// One of the named values.
    static func choice<E: Equatable>(_ cases: [(String, E)]) -> Codec<E> {
        let names = cases.map(\.0)
        return Codec(kind: .choice(names), read: { node, r, path throws(ScenarioError) in
            let s = try r.scalar(node, path, expected: "one of \(names.joined(separator: ", "))")
            guard let v = cases.first(where: { $0.0 == s })?.1 else {
                throw r.fail(node, path, "unknown value '\(clip(s))'\(Reader.suggestion(s, names)); expected one of \(names.joined(separator: ", "))")
            }
            return v
        }, write: { v in .plain(cases.first { $0.1 == v }?.0 ?? "?") })
    }

    /// The value or `null`.
    static func optional<V>(_ c: Codec<V>) -> Codec<V?> {
        Codec(kind: .optional(c.kind), read: { node, r, path throws(ScenarioError) in
            r.isNull(node) ? nil : try c.read(node, r, path)
        }, write: { $0.map(c.write) ?? .plain("null") })
    }

    /// Exactly `count` numbers in `lo...hi` (weekday factors, Monday first).
    static func numbers(count: Int, _ lo: Double, _ hi: Double) -> Codec<[Double]> {
        Codec(kind: .numbers(count: count, min: lo, max: hi), read: { node, r, path throws(ScenarioError) in
            let items = try r.sequence(node, path, maxItems: count, what: "\(count) numbers")
            guard items.count == count else { throw r.fail(node, path, "expected \(count) numbers (Monday first), got \(items.count)") }
            var out: [Double] = []
            for (i, n) in items.enumerated() {
                let p = "\(path)[\(i)]"
                out.append(try parseNumber(try r.scalar(n, p, expected: "a number"), lo, hi, n, r, p))
            }
            return out
        }, write: { .list($0.map(YAMLValue.number)) })
    }

    /// Distinct whole numbers in `lo...hi` (holidays).
    static func integers(_ lo: Int, _ hi: Int, maxItems: Int) -> Codec<[Int]> {
        Codec(kind: .integers(min: lo, max: hi, maxItems: maxItems), read: { node, r, path throws(ScenarioError) in
            var out: [Int] = []
            for (i, n) in try r.sequence(node, path, maxItems: maxItems, what: "day numbers").enumerated() {
                let p = "\(path)[\(i)]"
                let v = try parseInt(try r.scalar(n, p, expected: "a whole number"), lo, hi, n, r, p)
                if out.contains(v) { throw r.fail(n, p, "day \(v) is listed twice") }
                out.append(v)
            }
            return out
        }, write: { .list($0.map(YAMLValue.int)) })
    }

    /// Weights for known keys (a mix): each in 0…1,000,000 and a positive sum. Keys left out are absent.
    static func weights<E: Hashable>(_ cases: [(String, E)]) -> Codec<[E: Double]> {
        let names = cases.map(\.0)
        return Codec(kind: .weights(names), read: { node, r, path throws(ScenarioError) in
            var out: [E: Double] = [:]
            var sum = 0.0
            for e in try r.mapping(node, path, allowed: names).items {
                let p = Reader.join(path, e.key)
                let w = try parseNumber(try r.scalar(e.value, p, expected: "a weight"), 0, 1_000_000, e.value, r, p)
                if let k = cases.first(where: { $0.0 == e.key })?.1 { out[k] = w }
                sum += w
            }
            guard sum > 0 else { throw r.fail(node, path, "the weights must have a positive sum") }
            return out
        }, write: { mix in .map(cases.compactMap { c in mix[c.1].map { YAMLValue.Entry(key: c.0, value: .number($0)) } }) })
    }

    /// Levels `0...max` for known keys; a 0 level is the same as leaving the key out.
    static func levels<E: Hashable>(_ cases: [(String, E)], max: Int) -> Codec<[E: Int]> {
        let names = cases.map(\.0)
        return Codec(kind: .levels(names, max: max), read: { node, r, path throws(ScenarioError) in
            var out: [E: Int] = [:]
            for e in try r.mapping(node, path, allowed: names).items {
                let p = Reader.join(path, e.key)
                let l = try parseInt(try r.scalar(e.value, p, expected: "a level"), 0, max, e.value, r, p)
                if l > 0, let k = cases.first(where: { $0.0 == e.key })?.1 { out[k] = l }
            }
            guard !out.isEmpty else { throw r.fail(node, path, "at least one skill needs a level from 1 to \(max)") }
            return out
        }, write: { m in .map(cases.compactMap { c in m[c.1].map { YAMLValue.Entry(key: c.0, value: .int($0)) } }) })
    }

    /// `HH:MM`, from 00:00 to `maxMinute` (as minutes after midnight).
    static func timeOfDay(maxMinute: Int) -> Codec<MinuteOfDay> {
        Codec(kind: .timeOfDay(maxMinute: maxMinute), read: { node, r, path throws(ScenarioError) in
            let s = try r.scalar(node, path, expected: "a time of day HH:MM")
            guard let m = parseClock(s) else { throw r.fail(node, path, "expected a time of day HH:MM, got '\(clip(s))'") }
            guard m <= maxMinute else { throw r.fail(node, path, "must be at most \(clock(maxMinute)), got \(s)") }
            return m
        }, write: { .text(clock($0)) })
    }

    /// `HH:MM-HH:MM`, ending after it starts.
    static var window: Codec<DayWindow> { Codec<DayWindow>(kind: .window, read: { node, r, path throws(ScenarioError) in
        try parseWindow(try r.scalar(node, path, expected: "a window HH:MM-HH:MM"), node, r, path)
    }, write: { .text($0.description) }) }

    static func parseWindow(_ s: String, _ node: Node, _ r: Reader, _ path: String) throws(ScenarioError) -> DayWindow {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let from = parseClock(String(parts[0])), let to = parseClock(String(parts[1])) else {
            throw r.fail(node, path, "expected a window HH:MM-HH:MM (e.g. 07:00-17:00), got '\(clip(s))'")
        }
        guard to > from else {
            throw r.fail(node, path, "ends (\(clock(to))) \(to == from ? "when" : "before") it starts (\(clock(from)))")
        }
        return DayWindow(from: from, to: to)
    }

    /// Minutes after midnight of `H:MM`/`HH:MM` (24:00 allowed), or nil.
    static func parseClock(_ s: String) -> Int? {
        let p = s.trimming(" ").split(separator: ":", omittingEmptySubsequences: false)
        guard p.count == 2, (1...2).contains(p[0].count), p[1].count == 2,
              p[0].allSatisfy({ $0.isASCII && $0.isNumber }), p[1].allSatisfy({ $0.isASCII && $0.isNumber }),
              let h = Int(p[0]), let m = Int(p[1]), m < 60, h < 24 || (h == 24 && m == 0) else { return nil }
        return h * 60 + m
    }

    /// `07:05`.
    static func clock(_ m: Int) -> String { DayWindow(from: m, to: m).description.split(separator: "-").first.map(String.init) ?? "" }
}

/// At most 40 characters of hostile text in a message.
func clip(_ s: String) -> String { s.count > 40 ? String(s.prefix(40)) + "…" : s }

extension String {
    /// Without leading and trailing characters of `set` (Foundation-free).
    func trimming(_ set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
