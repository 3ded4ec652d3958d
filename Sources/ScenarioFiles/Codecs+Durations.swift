import DiscreteEvents
import Foundation
import RetailerJourneys
import Yams

/// Durations (`90m`, `{exponential: {mean: 90m}}`) and plain quantities (`0.5`, `{gamma: {shape: 2, scale: 0.2}}`).
extension Codecs {
    /// A duration: text with a unit or a distribution mapping whose value parameters all have units (mixing
    /// elapsed units is fine, business and elapsed time are not). The mean must lie in 0…`maxDays` days.
    static func duration(maxDays: Int = 3650) -> Codec<RandomDuration> {
        Codec(kind: .duration(maxDays: maxDays), read: { node, r, path throws(ScenarioError) in
            var reading = DistributionReading(reader: r, durations: true, lo: 0, hi: Double(maxDays) * 86_400)
            let d = try reading.read(node, path)
            let unit = reading.unit ?? .minutes
            let meanSeconds = d.mean * unit.duration.seconds
            guard meanSeconds.isFinite, meanSeconds >= 0, meanSeconds <= Double(maxDays) * 86_400 else {
                throw r.fail(node, path, "the mean must be between 0 and \(maxDays)d, got \(meanSeconds.isFinite ? format(meanSeconds / unit.duration.seconds) + unit.rawValue : "an infinite mean")")
            }
            return RandomDuration(d, unit: unit.duration, businessTime: unit.business)
        }, write: { rd in
            if let u = DurationUnit.matching(rd.unit, business: rd.businessTime) {
                return writeDistribution(rd.distribution, suffix: u.rawValue, scale: 1)
            }
            // A unit no file spells (e.g. 15 minutes): written in microseconds.
            return writeDistribution(rd.distribution, suffix: rd.businessTime ? "bm" : "us",
                                     scale: rd.businessTime ? rd.unit.minutes : Double(rd.unit.ticks))
        })
    }

    /// A plain quantity: a number or a distribution mapping without units; its mean and its bounds (for
    /// bounded distributions) must lie in `lo...hi`.
    static func quantity(_ lo: Double, _ hi: Double) -> Codec<Distribution> {
        Codec(kind: .quantity(min: lo, max: hi), read: { node, r, path throws(ScenarioError) in
            var reading = DistributionReading(reader: r, durations: false, lo: Swift.min(lo, 0), hi: hi)
            let d = try reading.read(node, path)
            guard d.mean.isFinite, d.mean >= lo, d.mean <= hi else {
                throw r.fail(node, path, "the mean must be between \(format(lo)) and \(format(hi)), got \(format(d.mean))")
            }
            return d
        }, write: { writeDistribution($0, suffix: nil, scale: 1) })
    }

    /// The resolved form of a distribution; value parameters get `suffix` (a unit) after × `scale`.
    static func writeDistribution(_ d: Distribution, suffix: String?, scale: Double) -> YAMLValue {
        func v(_ x: Double) -> YAMLValue { suffix.map { .plain(format(x * scale) + $0) } ?? .number(x) }
        func m(_ name: String, _ params: [(String, YAMLValue)]) -> YAMLValue {
            .map([.init(key: name, value: .map(params.map { YAMLValue.Entry(key: $0.0, value: $0.1) }))])
        }
        switch d.parameters {
        case .constant(let x): return v(x)
        case .uniform(let a, let b): return m("uniform", [("min", v(a)), ("max", v(b))])
        case .exponential(let mean): return m("exponential", [("mean", v(mean))])
        case .normal(let mean, let sd): return m("normal", [("mean", v(mean)), ("sd", v(sd))])
        case .lognormal(let mu, let sigma):
            guard let s = suffix else { return m("lognormal", [("mu", .number(mu)), ("sigma", .number(sigma))]) }
            return m("lognormal", [("mu", .number(mu + (scale == 1 ? 0 : Foundation.log(scale)))), ("sigma", .number(sigma)), ("unit", .plain(s))])
        case .gamma(let k, let theta): return m("gamma", [("shape", .number(k)), ("scale", v(theta))])
        case .weibull(let k, let l): return m("weibull", [("shape", .number(k)), ("scale", v(l))])
        case .triangular(let a, let c, let b): return m("triangular", [("min", v(a)), ("mode", v(c)), ("max", v(b))])
        case .poisson(let mean): return m("poisson", [("mean", v(mean))])
        case .bernoulli(let p): return m("bernoulli", [("probability", .number(p))])
        case .discrete(let values, let p): return m("discrete", [("values", .list(values.map(v))), ("weights", .list(p.map(YAMLValue.number)))])
        case .empirical(let data, let interpolated):
            return interpolated ? m("empirical", [("data", .list(data.map(v))), ("interpolated", .plain("true"))])
                : .map([.init(key: "empirical", value: .list(data.map(v)))])
        }
    }
}

/// One distribution being read: collects its numbers (with their units for durations), unifies the
/// units, then builds it with the kernel's validating constructors.
struct DistributionReading {
    let reader: Reader
    let durations: Bool
    /// Limits for value parameters (seconds for durations).
    let lo: Double
    let hi: Double
    /// The unit chosen (the smallest one used), for durations.
    var unit: DurationUnit?

    private struct Raw {
        var number: Double
        var unit: DurationUnit?
        let node: Node
        let path: String
    }
    private var raws: [Raw] = []

    init(reader: Reader, durations: Bool, lo: Double, hi: Double) {
        self.reader = reader
        self.durations = durations
        self.lo = lo
        self.hi = hi
    }

    mutating func read(_ node: Node, _ path: String) throws(ScenarioError) -> Distribution {
        if node.scalar != nil {
            let i = try value(node, path)
            try unify()
            return try build("constant", node, path) { x throws(DistributionError) in try .constant(x[i]) }
        }
        let names = DistributionForms.names(durations: durations)
        let entries = try reader.mapping(node, path, allowed: names)
        guard let first = entries.items.first else {
            throw reader.fail(node, path, "expected one distribution, e.g. {\(durations ? "exponential: {mean: 90m}" : "gamma: {shape: 2, scale: 0.25}")}; one of \(names.joined(separator: ", "))")
        }
        if entries.items.count > 1 {
            throw reader.fail(entries.items[1].keyNode, path, "one distribution per value, got both '\(first.key)' and '\(entries.items[1].key)'")
        }
        let name = first.key, body = first.value, p = Reader.join(path, name)
        switch name {
        case "constant":
            let i = try value(body, p)
            try unify()
            return try build(name, body, p) { x throws(DistributionError) in try .constant(x[i]) }
        case "discrete":
            let m = try reader.mapping(body, p, allowed: ["values", "weights"])
            let vs = try valueList(try need(m, "values", body, p), Reader.join(p, "values"))
            let ws = try pureList(try need(m, "weights", body, p), Reader.join(p, "weights"))
            try unify()
            return try build(name, body, p) { x throws(DistributionError) in try .discrete(values: vs.map { x[$0] }, weights: ws) }
        case "empirical":
            var dataNode = body, interpolated = false, dataPath = p
            if body.mapping != nil {
                let m = try reader.mapping(body, p, allowed: ["data", "interpolated"])
                dataNode = try need(m, "data", body, p)
                dataPath = Reader.join(p, "data")
                if let n = m["interpolated"] {
                    let s = try reader.scalar(n, Reader.join(p, "interpolated"), expected: "true or false")
                    guard s == "true" || s == "false" else { throw reader.fail(n, Reader.join(p, "interpolated"), "expected true or false, got '\(clip(s))'") }
                    interpolated = s == "true"
                }
            }
            let ds = try valueList(dataNode, dataPath)
            try unify()
            return try build(name, body, p) { x throws(DistributionError) in try .empirical(ds.map { x[$0] }, interpolated: interpolated) }
        default:
            return try form(name, body, p)
        }
    }

    private mutating func form(_ name: String, _ body: Node, _ p: String) throws(ScenarioError) -> Distribution {
        guard let f = DistributionForms.forms.first(where: { $0.name == name }) else { throw reader.fail(body, p, "unknown distribution") }
        var keys: [String] = []
        for s in f.shapes { for k in s where !keys.contains(k.key) { keys.append(k.key) } }
        if name == "lognormal", durations { keys.append("unit") }
        let m = try reader.mapping(body, p, allowed: keys)
        guard let shape = f.shapes.first(where: { s in s.allSatisfy { m[$0.key] != nil } }) else {
            let best = f.shapes.first(where: { s in s.contains { m[$0.key] != nil } }) ?? f.shapes[0]
            let missing = best.first { m[$0.key] == nil }?.key ?? ""
            throw reader.fail(body, Reader.join(p, missing), "required (\(name) takes \(f.shapes.map { $0.map(\.key).joined(separator: ", ") }.joined(separator: " or ")))")
        }
        for e in m.items where !shape.contains(where: { $0.key == e.key }) && e.key != "unit" {
            throw reader.fail(e.keyNode, Reader.join(p, e.key), "not with \(shape.map(\.key).joined(separator: " and ")) (\(name) takes \(f.shapes.map { $0.map(\.key).joined(separator: ", ") }.joined(separator: " or ")))")
        }
        var idx: [String: Int] = [:]      // value parameters: index into raws
        var pure: [String: Double] = [:]
        for prm in shape {
            guard let n = m[prm.key] else { continue }
            let path = Reader.join(p, prm.key)
            switch prm.role {
            case .value: idx[prm.key] = try value(n, path)
            case .pure, .logLocation:
                pure[prm.key] = try Codecs.parseNumber(try reader.scalar(n, path, expected: "a plain number"), -1e6, 1e6, n, reader, path)
            case .count:
                pure[prm.key] = Double(try Codecs.parseInt(try reader.scalar(n, path, expected: "a whole number"), 1, 1_000, n, reader, path))
            }
        }
        if name == "lognormal", pure["mu"] != nil {
            if durations {
                guard let un = m["unit"] else { throw reader.fail(body, Reader.join(p, "unit"), "required with mu and sigma: the unit of the duration (\(DurationUnit.accepted))") }
                let s = try reader.scalar(un, Reader.join(p, "unit"), expected: "a unit")
                guard let u = DurationUnit(rawValue: s) else { throw reader.fail(un, Reader.join(p, "unit"), "unknown unit '\(clip(s))'; expected \(DurationUnit.accepted)") }
                unit = u
            }
        } else if let un = m["unit"] {
            throw reader.fail(un, Reader.join(p, "unit"), "only with mu and sigma; mean and sd carry their own units")
        }
        try unify()
        let i = idx, q = pure
        func x(_ k: String, _ vals: [Double]) -> Double { i[k].map { vals[$0] } ?? q[k] ?? 0 }
        return try build(name, body, p) { v throws(DistributionError) in
            switch name {
            case "uniform": return try .uniform(min: x("min", v), max: x("max", v))
            case "exponential": return try .exponential(mean: x("mean", v))
            case "normal": return try .normal(mean: x("mean", v), standardDeviation: x("sd", v))
            case "lognormal":
                if q["mu"] != nil { return try .lognormal(mu: x("mu", v), sigma: x("sigma", v)) }
                return try .lognormal(mean: x("mean", v), standardDeviation: x("sd", v))
            case "gamma", "erlang": return try .gamma(shape: x("shape", v), scale: x("scale", v))
            case "weibull": return try .weibull(shape: x("shape", v), scale: x("scale", v))
            case "triangular": return try .triangular(min: x("min", v), mode: x("mode", v), max: x("max", v))
            case "poisson": return try .poisson(mean: x("mean", v))
            default: return try .bernoulli(probability: x("probability", v))
            }
        }
    }

    private func need(_ m: Entries, _ key: String, _ owner: Node, _ p: String) throws(ScenarioError) -> Node {
        guard let n = m[key] else { throw reader.fail(owner, Reader.join(p, key), "required") }
        return n
    }

    /// Reads one value parameter (with its unit for durations) and returns its index.
    private mutating func value(_ node: Node, _ path: String) throws(ScenarioError) -> Int {
        let s = try reader.scalar(node, path, expected: durations ? "a duration such as 90m" : "a number")
        if durations {
            let t = s.trimming(" ")
            if t.hasSuffix("bd"), t.dropLast(2).contains(where: \.isNumber) {
                throw reader.fail(node, path, "business days (bd) are not a unit: their length depends on the calendar; write business hours, e.g. 5 business days of 10 hours = 50bh")
            }
            let bare = !t.isEmpty && t.allSatisfy { "0123456789+-.eE_".contains($0) }
            guard !bare else {
                throw reader.fail(node, path, "a duration needs a unit (\(DurationUnit.accepted)), e.g. \(clip(t))m; got '\(clip(s))'")
            }
            let units = DurationUnit.allCases.sorted { $0.rawValue.count > $1.rawValue.count }
            let number = units.first(where: { t.hasSuffix($0.rawValue) }).map { String(t.dropLast($0.rawValue.count)) } ?? ""
            guard let u = units.first(where: { t.hasSuffix($0.rawValue) }), !number.isEmpty,
                  number.allSatisfy({ "0123456789+-.eE_".contains($0) }), number.contains(where: \.isNumber) else {
                throw reader.fail(node, path, "expected a duration such as 90m, 2h, 3d or 48bh (units: \(DurationUnit.accepted)), got '\(clip(s))'")
            }
            let x = try Codecs.parseNumber(number, -Double.greatestFiniteMagnitude, .greatestFiniteMagnitude, node, reader, path)
            let seconds = x * u.duration.seconds
            guard seconds >= lo else { throw reader.fail(node, path, "a duration must be ≥ 0, got \(clip(s))") }
            guard seconds <= hi else { throw reader.fail(node, path, "must be at most \(format(hi / 86_400))d, got \(clip(s))") }
            raws.append(Raw(number: x, unit: u, node: node, path: path))
        } else {
            let t = s.trimming(" ")
            if let u = DurationUnit.allCases.first(where: { t.hasSuffix($0.rawValue) }), t.dropLast(u.rawValue.count).contains(where: \.isNumber) {
                throw reader.fail(node, path, "a plain quantity takes no unit, got '\(clip(s))'")
            }
            let x = try Codecs.parseNumber(s, lo, hi, node, reader, path)
            raws.append(Raw(number: x, unit: nil, node: node, path: path))
        }
        return raws.count - 1
    }

    private mutating func valueList(_ node: Node, _ path: String) throws(ScenarioError) -> [Int] {
        var out: [Int] = []
        for (i, n) in try reader.sequence(node, path, maxItems: 100_000, what: "values").enumerated() {
            out.append(try value(n, "\(path)[\(i)]"))
        }
        return out
    }

    private func pureList(_ node: Node, _ path: String) throws(ScenarioError) -> [Double] {
        var out: [Double] = []
        for (i, n) in try reader.sequence(node, path, maxItems: 100_000, what: "weights").enumerated() {
            let p = "\(path)[\(i)]"
            out.append(try Codecs.parseNumber(try reader.scalar(n, p, expected: "a weight"), 0, 1e12, n, reader, p))
        }
        return out
    }

    /// Chooses the smallest unit used and converts every value parameter to it.
    private mutating func unify() throws(ScenarioError) {
        guard durations else { return }
        let units = raws.compactMap(\.unit)
        if let b = units.first?.business, let mixed = raws.first(where: { $0.unit.map { $0.business != b } ?? false }) {
            throw reader.fail(mixed.node, mixed.path, "mixes business time (bh, bm) and elapsed time (s, m, h, d) in one duration")
        }
        if unit == nil { unit = units.min { $0.duration.ticks < $1.duration.ticks } }
        guard let base = unit else { return }
        for i in raws.indices {
            if let u = raws[i].unit, u != base {
                raws[i].number *= Double(u.duration.ticks / base.duration.ticks)
                raws[i].unit = base
            }
        }
    }

    /// Builds with a kernel constructor; a business/elapsed mix or a `DistributionError` becomes a
    /// `ScenarioError` at the parameter it names.
    private func build(_ name: String, _ node: Node, _ path: String,
                       _ make: ([Double]) throws(DistributionError) -> Distribution) throws(ScenarioError) -> Distribution {
        do {
            return try make(raws.map(\.number))
        } catch {
            let key: String
            switch error.parameter {
            case "standardDeviation": key = "sd"
            case "data" where node.sequence != nil: key = ""
            case let k where k.hasPrefix("data[") && node.sequence != nil: key = String(k.dropFirst(4))
            case "value", "rate": key = ""
            default: key = error.parameter
            }
            return try Located(node: node, path: path, reader: reader).throwing(key, error.description)
        }
    }
}

extension Located {
    /// Throws `fail(sub, message)` (a helper for expression position).
    func throwing<T>(_ sub: String, _ message: String) throws(ScenarioError) -> T { throw fail(sub, message) }
}
