import Foundation

/// The HTML page of a run: the latency percentile curve (log scale of 1/(1−p), as HdrHistogram plots
/// it) and throughput and p99 over time, as inline SVG (no script, no network).
public enum LoadReportPage {
    /// The page for `summary`. - Complexity: O(curve + series).
    public static func html(_ s: LoadSummary, thresholds: [(Threshold, Bool)] = []) -> String {
        let f = LoadQuantity.fixed
        let rows = thresholds.map { "<li>\(escape($0.0.text)): \($0.1 ? "holds" : "<b>VIOLATED</b>")</li>" }.joined()
        return """
        <!doctype html><html><head><meta charset="utf-8"><title>Jornada load test — \(escape(s.scenario))</title>
        <style>body{font:14px system-ui,sans-serif;margin:2em;color:#222}svg{background:#fafafa;border:1px solid #ddd}
        td,th{padding:2px 10px;text-align:right}th{text-align:left}</style></head><body>
        <h1>Load test: \(escape(s.target)) on \(escape(s.scenario))</h1>
        <table>
        <tr><th>offered</th><td>\(f(s.offeredRate, 0)) req/s</td><th>achieved</th><td>\(f(s.achievedRate, 0)) req/s</td></tr>
        <tr><th>p50</th><td>\(LoadQuantity.describe(nanoseconds: s.p50Nanoseconds))</td><th>p99</th><td>\(LoadQuantity.describe(nanoseconds: s.p99Nanoseconds))</td></tr>
        <tr><th>p99.9</th><td>\(LoadQuantity.describe(nanoseconds: s.p999Nanoseconds))</td><th>max</th><td>\(LoadQuantity.describe(nanoseconds: s.maxNanoseconds))</td></tr>
        <tr><th>scheduled</th><td>\(s.scheduled)</td><th>completed / errors / dropped</th><td>\(s.completed) / \(s.errors) / \(s.dropped)</td></tr>
        <tr><th>late to send</th><td>\(s.late)</td><th>engines</th><td>\(escape(s.auditText))</td></tr>
        </table><ul>\(rows)</ul>
        <h2>Latency by percentile (from the intended send time)</h2>
        \(curveSVG(s.curve))
        <h2>Throughput and p99 over time</h2>
        \(seriesSVG(s.series))
        </body></html>
        """
    }

    static func escape(_ t: String) -> String {
        t.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    static let width = 720.0, height = 300.0, pad = 50.0

    /// x: log10(1/(1−p)) from 0 (p0) to 5 (p99.999); y: log10 latency.
    static func curveSVG(_ curve: [(Double, UInt64)]) -> String {
        guard !curve.isEmpty else { return "<p>no responses</p>" }
        let lo = log10(Double(max(1, curve.map(\.1).min() ?? 1))), hi = max(lo + 1, log10(Double(max(1, curve.map(\.1).max() ?? 1))))
        func x(_ p: Double) -> Double { pad + min(5, log10(1 / max(1e-5, 1 - p / 100))) / 5 * (width - 2 * pad) }
        func y(_ v: UInt64) -> Double { height - pad - (log10(Double(max(1, v))) - lo) / (hi - lo) * (height - 2 * pad) }
        let points = curve.map { "\(LoadQuantity.fixed(x($0.0), 1)),\(LoadQuantity.fixed(y($0.1), 1))" }.joined(separator: " ")
        var ticks = ""
        for (p, label) in [(0.0, "0%"), (90, "90%"), (99, "99%"), (99.9, "99.9%"), (99.99, "99.99%"), (99.999, "99.999%")] {
            ticks += "<text x=\"\(LoadQuantity.fixed(x(p), 1))\" y=\"\(height - pad + 18)\" font-size=\"11\" text-anchor=\"middle\">\(label)</text>"
        }
        for e in Int(lo.rounded(.down))...Int(hi.rounded(.up)) {
            let v = UInt64(pow(10, Double(e)))
            let yy = y(v)
            guard yy >= pad - 1 && yy <= height - pad + 1 else { continue }
            ticks += "<text x=\"\(pad - 4)\" y=\"\(LoadQuantity.fixed(yy, 1))\" font-size=\"11\" text-anchor=\"end\">\(LoadQuantity.describe(nanoseconds: v))</text>"
        }
        return "<svg width=\"\(Int(width))\" height=\"\(Int(height))\">\(ticks)<polyline fill=\"none\" stroke=\"#c0392b\" stroke-width=\"2\" points=\"\(points)\"/></svg>"
    }

    /// Two lines over time: completed per second (blue, left scale) and p99 (red, right scale).
    static func seriesSVG(_ series: [(Double, Double, UInt64)]) -> String {
        guard series.count > 0 else { return "<p>no intervals</p>" }
        let tMax = max(1e-9, (series.last?.0 ?? 0) + (series.count > 1 ? series[1].0 - series[0].0 : 1))
        let rMax = max(1, series.map(\.1).max() ?? 1), pMax = Double(max(1, series.map(\.2).max() ?? 1))
        func x(_ t: Double) -> Double { pad + t / tMax * (width - 2 * pad) }
        func y(_ v: Double, _ top: Double) -> Double { height - pad - v / top * (height - 2 * pad) }
        let rate = series.map { "\(LoadQuantity.fixed(x($0.0), 1)),\(LoadQuantity.fixed(y($0.1, rMax), 1))" }.joined(separator: " ")
        let p99 = series.map { "\(LoadQuantity.fixed(x($0.0), 1)),\(LoadQuantity.fixed(y(Double($0.2), pMax), 1))" }.joined(separator: " ")
        let labels = """
        <text x="\(pad)" y="\(pad - 10)" font-size="11" fill="#2471a3">completed/s (max \(LoadQuantity.fixed(rMax, 0)))</text>
        <text x="\(width - pad)" y="\(pad - 10)" font-size="11" fill="#c0392b" text-anchor="end">p99 (max \(LoadQuantity.describe(nanoseconds: UInt64(pMax))))</text>
        <text x="\(width / 2)" y="\(height - pad + 30)" font-size="11" text-anchor="middle">seconds (\(LoadQuantity.fixed(tMax, 1)) s)</text>
        """
        return "<svg width=\"\(Int(width))\" height=\"\(Int(height))\">\(labels)<polyline fill=\"none\" stroke=\"#2471a3\" stroke-width=\"2\" points=\"\(rate)\"/><polyline fill=\"none\" stroke=\"#c0392b\" stroke-width=\"2\" points=\"\(p99)\"/></svg>"
    }
}
