import DiscreteEvents
import Foundation
import InputLimits
import RunOutputs

/// `jornada compare RUN_A RUN_B`: each KPI's difference B − A with a 95% interval, paired replication by
/// replication when both runs used the same seeds (common random numbers), else Welch's unpaired interval.
public enum RunComparison {
    /// One run folder's KPIs per replication, read from its `kpis.csv`, and its seeds.
    public struct RunKPIs: Sendable, Equatable {
        /// The folder.
        public var path: String
        /// Seeds by replication.
        public var seeds: [String]
        /// KPIs in file order, values by replication.
        public var kpis: [KPISummary]
    }

    /// Reads `dir/kpis.csv` (a run of one or more replications). - Throws: `OutputError` naming the folder or
    /// file. - Complexity: O(rows).
    public static func read(_ dir: String) throws(OutputError) -> RunKPIs {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw OutputError(target: dir, reason: "no such run folder (expected a folder written by jornada run)")
        }
        let path = URL(fileURLWithPath: dir).appendingPathComponent("kpis.csv").path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw OutputError(target: path, reason: "missing: not a run folder (jornada run writes kpis.csv)")
        }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard let header = lines.first.map(fields) else { throw OutputError(target: path, reason: "empty file") }
        func col(_ n: String) -> Int? { header.firstIndex(of: n) }
        guard let ki = col("key"), let vi = col("value"), let ui = col("unit"), let ji = col("journey") else {
            throw OutputError(target: path, reason: "expected the columns key, journey, value, unit; got \(header.joined(separator: ","))")
        }
        let ri = col("replication"), si = col("seed"), di = col("definition")
        var index: [String: Int] = [:]
        var kpis: [KPISummary] = []
        var seeds: [String] = []
        for (n, line) in lines.dropFirst().enumerated() {
            let f = fields(line)
            guard f.count == header.count else { throw OutputError(target: "\(path):\(n + 2)", reason: "expected \(header.count) fields, got \(f.count)") }
            let rep = ri.flatMap { Int(f[$0]) } ?? 0
            guard rep >= 0, rep < 100_000 else { throw OutputError(target: "\(path):\(n + 2)", reason: "bad replication '\(ri.map { f[$0] } ?? "")'") }
            while seeds.count <= rep { seeds.append("") }
            seeds[rep] = si.map { f[$0] } ?? ""
            let key = f[ki]
            let k: Int
            if let seen = index[key] {
                k = seen
            } else {
                k = kpis.count
                index[key] = k
                kpis.append(KPISummary(key: key, journey: f[ji], unit: f[ui], definition: di.map { f[$0] } ?? "", mean: nil, interval: nil,
                                       n: 0, min: nil, max: nil, count: 0, values: []))
            }
            while kpis[k].values.count <= rep { kpis[k].values.append(nil) }
            kpis[k].values[rep] = Double(f[vi])
        }
        for k in kpis.indices {
            let finite = kpis[k].values.compactMap { $0 }
            kpis[k].n = finite.count
            kpis[k].mean = finite.isEmpty ? nil : finite.reduce(0, +) / Double(finite.count)
            kpis[k].interval = ReplicationStatistics.interval(finite)
        }
        return RunKPIs(path: dir, seeds: seeds, kpis: kpis)
    }

    /// Whether the runs are paired: the same seeds, replication by replication.
    public static func isPaired(_ a: RunKPIs, _ b: RunKPIs) -> Bool { a.seeds == b.seeds && !a.seeds.isEmpty }

    /// B − A per KPI of A: paired when `isPaired`, else Welch's interval. - Complexity: O(KPIs × replications).
    public static func differences(_ a: RunKPIs, _ b: RunKPIs) -> [PairedDifference] {
        if isPaired(a, b) { return ReplicationStatistics.paired(a.kpis, b.kpis) }
        return a.kpis.map { ka in
            let xa = ka.values.compactMap { $0 }, xb = (b.kpis.first { $0.key == ka.key }?.values ?? []).compactMap { $0 }
            let ma = xa.isEmpty ? nil : xa.reduce(0, +) / Double(xa.count), mb = xb.isEmpty ? nil : xb.reduce(0, +) / Double(xb.count)
            var ci: ConfidenceInterval?
            if let ma, let mb, xa.count >= 2, xb.count >= 2 {
                func v(_ x: [Double], _ m: Double) -> Double { x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1) }
                let sa = v(xa, ma) / Double(xa.count), sb = v(xb, mb) / Double(xb.count)
                let se = (sa + sb).squareRoot()
                let df = se == 0 ? Double(xa.count + xb.count - 2)
                    : (sa + sb) * (sa + sb) / (sa * sa / Double(xa.count - 1) + sb * sb / Double(xb.count - 1))
                let t = ConfidenceInterval.studentTQuantile(0.975, degreesOfFreedom: max(1, df))
                ci = ConfidenceInterval(mean: mb - ma, halfWidth: t * se, level: 0.95, count: min(xa.count, xb.count))
            }
            let d = ma.flatMap { a in mb.map { $0 - a } }
            let sig: Bool = if let ci { ci.lower > 0 || ci.upper < 0 } else { false }
            return PairedDifference(key: ka.key, unit: ka.unit, meanA: ma, meanB: mb, difference: d, interval: ci,
                                    pairs: min(xa.count, xb.count), significant: sig)
        }
    }

    /// `compare.json`. - Complexity: O(KPIs).
    public static func json(_ a: RunKPIs, _ b: RunKPIs, _ diffs: [PairedDifference]) -> String {
        typealias J = RunFiles
        var s = "{\n  \"a\": \(J.json(a.path)),\n  \"b\": \(J.json(b.path)),\n  \"paired\": \(isPaired(a, b)),\n"
        s += "  \"confidenceLevel\": 0.95,\n  \"significant\": [\(diffs.filter(\.significant).map { J.json($0.key) }.joined(separator: ", "))],\n  \"kpis\": {\n"
        s += diffs.map { d in
            "    \(J.json(d.key)): {\"a\": \(ExperimentFiles.num(d.meanA)), \"b\": \(ExperimentFiles.num(d.meanB)), "
                + "\"difference\": \(ExperimentFiles.num(d.difference)), \"ci95\": \(ExperimentFiles.interval(d.interval)), "
                + "\"pairs\": \(d.pairs), \"significant\": \(d.significant), \"unit\": \(J.json(d.unit))}"
        }.joined(separator: ",\n")
        return s + "\n  }\n}\n"
    }

    /// The comparison as a table for people: significant changes first marked `*`. - Complexity: O(KPIs).
    public static func table(_ diffs: [PairedDifference]) -> String {
        let width = (diffs.map(\.key.count).max() ?? 10) + 2
        var s = "  " + "KPI".padding(toLength: width, withPad: " ", startingAt: 0) + "A            B            B − A (95% CI)\n"
        for d in diffs where d.meanA != nil || d.meanB != nil {
            func f(_ v: Double?) -> String { (v.map { String(format: "%.4g", $0) } ?? "—").padding(toLength: 12, withPad: " ", startingAt: 0) }
            let ci = d.interval.map { String(format: "[%.4g, %.4g]", $0.lower, $0.upper) } ?? "(no interval)"
            s += (d.significant ? "* " : "  ") + d.key.padding(toLength: width, withPad: " ", startingAt: 0)
                + f(d.meanA) + " " + f(d.meanB) + " " + (d.difference.map { String(format: "%+.4g", $0) } ?? "—") + " " + ci + "\n"
        }
        return s
    }

    /// Splits one CSV line, honouring double quotes. - Complexity: O(length).
    static func fields(_ line: String) -> [String] {
        var out: [String] = [], cur = "", quoted = false, prevQuote = false
        for ch in line {
            if quoted {
                if ch == "\"" { quoted = false; prevQuote = true; continue }
                cur.append(ch)
            } else if ch == "\"" {
                if prevQuote { cur.append("\"") }
                quoted = true
            } else if ch == "," {
                out.append(cur); cur = ""
            } else if ch != "\r" {
                cur.append(ch)
            }
            if ch != "\"" { prevQuote = false }
        }
        out.append(cur)
        return out
    }
}
