import Experiments
import Foundation
import RunOutputs

/// `report.html`: one self-contained page (inline CSS and SVG, a three-line inline script, no network) for a
/// run or a sweep. Deterministic text: the same results give the same bytes. Chart marks carry their
/// numbers (`data-kpi`, `data-value`, `data-lo`, `data-hi`) exactly as `summary.json` writes them, so a test
/// can check the picture against the file.
public enum Report {
    /// One arm of the report: a run, or one sweep cell.
    public struct Arm: Sendable {
        /// Its label (`baseline`, `fleet…count=5`).
        public var label: String
        /// Its KPIs across replications.
        public var kpis: [KPISummary]
        /// Its replications (for the daily series).
        public var results: [ReplicationResult]
        /// Paired differences from the first arm (empty for the first arm or a run).
        public var differences: [PairedDifference]
        /// An arm.
        public init(label: String, kpis: [KPISummary], results: [ReplicationResult], differences: [PairedDifference] = []) {
            self.label = label
            self.kpis = kpis
            self.results = results
            self.differences = differences
        }
    }

    /// Everything a report shows.
    public struct Input: Sendable {
        /// The page title.
        public var title: String
        /// The scenario header.
        public var header: ExperimentHeader
        /// Key parameters, in order (name, value).
        public var parameters: [(String, String)]
        /// The arms (one for a run).
        public var arms: [Arm]
        /// A report's input.
        public init(title: String, header: ExperimentHeader, parameters: [(String, String)], arms: [Arm]) {
            self.title = title
            self.header = header
            self.parameters = parameters
            self.arms = arms
        }
    }

    static let palette = ["#1f6feb", "#d9480f", "#2b8a3e", "#862e9c", "#e67700", "#0b7285", "#c2255c", "#5c940d"]

    /// Whether a daily column is a level carried from day to day (a backlog, open tickets, blocked orders),
    /// the series whose initial transient a warm-up removes; the others are daily flows.
    public static func isLevel(_ column: String) -> Bool {
        column.lowercased().contains("backlog") || column.hasSuffix("Open") || column.lowercased().hasPrefix("blocked")
    }

    /// The warm-up MSER-5 suggests for each level column (mean over the replications), in columns order.
    /// - Complexity: O(days × columns × replications).
    public static func mserSuggestions(_ results: [ReplicationResult]) -> [(column: String, days: Int)] {
        guard let first = results.first else { return [] }
        let means = ReplicationStatistics.dailyMeans(results)
        return first.dailyColumns.enumerated().compactMap { c, name in
            guard isLevel(name) else { return nil }
            let series = means.map { $0[c] }
            guard series.contains(where: { $0 != series[0] }), let d = ReplicationStatistics.mser5(series) else { return nil }
            return (name, d)
        }
    }

    /// The page. - Complexity: O(arms × (KPIs + days × columns × replications)).
    public static func html(_ input: Input) -> String {
        let h = input.header
        var body = "<header><h1>\(esc(input.title))</h1><p class=\"sub\">\(esc(h.scenarioName)) · hash \(esc(h.scenarioHash)) · seed \(h.seed) · "
        body += "\(input.arms.first?.results.count ?? 0) replication\(input.arms.first?.results.count == 1 ? "" : "s")"
        body += input.arms.count > 1 ? " × \(input.arms.count) cells (common random numbers)" : ""
        body += " · \(h.days) days (\(h.warmUpDays) warm-up) · jornada \(esc(h.toolVersion))</p></header>\n"
        if input.arms.count > 1 { body += legend(input.arms) }
        body += section("Service levels: SLA compliance and shares, with 95% confidence intervals", sharesChart(input.arms))
        body += section("Backlogs and daily flows over time (mean over replications; band: min–max; grey: warm-up)", dailyCharts(input.arms, warmUp: input.header.warmUpDays))
        body += section("Lead-time distributions (mean ◆, p50, p90, p99; mean over replications)", leadTimes(input.arms))
        body += section("Daily activity heat map (day × series, each row scaled to its own maximum; first cell)", heatMap(input.arms[0]))
        let firstArm = input.arms.count > 1 ? "; cell 0" : ""
        body += section("Technician utilisation per day (minutes booked, travel included, over shift minutes; mean over replications\(firstArm))",
                        utilisationMap(input.arms[0], warmUp: input.header.warmUpDays))
        body += section("Route map of a sample day (replication 0\(firstArm))", routeMap(input.arms[0]))
        if input.arms.count > 1 { body += section("Cells side by side: paired differences from cell 0", sweepTable(input.arms)) }
        body += section("Key parameters", parameters(input))
        body += section("Every KPI", kpiTable(input.arms))
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(esc(input.title))</title>
            <style>
            body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1180px;padding:16px 24px;color:#1b1f24;background:#fff}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
            .sub{color:#57606a;margin:0}svg{display:block;max-width:100%;height:auto}svg text{font-family:inherit}
            .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(270px,1fr));gap:10px}.grid.wide{grid-template-columns:repeat(auto-fill,minmax(360px,1fr));gap:4px 16px}h3.sub{font-size:13px;margin:14px 0 4px}
            table{border-collapse:collapse;font-size:12px;width:100%}td,th{padding:2px 6px;border-bottom:1px solid #eaeef2;text-align:right}
            td:first-child,th:first-child{text-align:left}.sig{font-weight:600;color:#b35900}.legend span{display:inline-block;margin-right:14px}
            .sw{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}.note{color:#57606a;font-size:12px}
            .maprow{display:grid;grid-template-columns:minmax(0,560px) minmax(0,1fr);gap:16px;align-items:start}#routes{max-width:560px}
            @media print{body{max-width:none;padding:0}section{break-inside:avoid}h2{break-after:avoid}}
            </style></head>
            <body data-report="loading">
            \(body)<footer class="note">Written by jornada \(esc(h.toolVersion)); every number on this page is in summary.json / sweep.json beside it.</footer>
            <script>
            document.body.dataset.charts = String(document.querySelectorAll("svg").length);
            document.body.dataset.report = "ok";
            </script>
            </body></html>

            """
    }

    static func section(_ title: String, _ content: String) -> String { "<section><h2>\(esc(title))</h2>\n\(content)\n</section>\n" }

    static func legend(_ arms: [Arm]) -> String {
        "<p class=\"legend\">" + arms.enumerated().map { i, a in
            "<span><i class=\"sw\" style=\"background:\(color(i))\"></i>cell \(i): \(esc(a.label))</span>"
        }.joined() + "</p>\n"
    }

    static func color(_ i: Int) -> String { palette[i % palette.count] }

    /// The group a share KPI is drawn in: its journey for a headline KPI (`delivery.otif`), or a detail group
    /// for the service desk's breakdowns (`service · type orderDelay`, `service · channel`, `service · party`).
    static func shareGroup(_ key: String, journey: String) -> String {
        let rest = key.dropFirst(journey.count + 1).split(separator: ".")
        guard rest.count >= 3 else { return journey }
        return rest[0] == "type" ? "\(journey) · case type \(rest[1])" : "\(journey) · \(rest[0])"
    }

    /// Shares (unit `share`): the headline KPIs of every journey in one chart, the service desk's breakdowns
    /// (per case type, channel, party, team) in small charts side by side; a bar per arm with its interval as a whisker.
    static func sharesChart(_ arms: [Arm]) -> String {
        let keys = arms[0].kpis.filter { k in k.unit == "share" && arms.contains { $0.kpis.first { $0.key == k.key }?.mean != nil } }
        guard !keys.isEmpty else { return "<p class=\"note\">No share KPIs were measured.</p>" }
        var groups: [(name: String, keys: [KPISummary])] = []
        for k in keys {
            let g = shareGroup(k.key, journey: k.journey)
            if let i = groups.firstIndex(where: { $0.name == g }) { groups[i].keys.append(k) } else { groups.append((g, [k])) }
        }
        let headline = groups.filter { !$0.name.contains(" · ") }, detail = groups.filter { $0.name.contains(" · ") }
        var out = shareBars(arms, headline, width: 1100, left: 300, id: "shares")
        if !detail.isEmpty {
            out += "<h3 class=\"sub\">Breakdowns: per case type, channel, party and team</h3><div class=\"grid wide\">"
            for g in detail { out += shareBars(arms, [g], width: 410, left: 172, id: nil) }
            out += "</div>"
        }
        return out
    }

    /// One chart of share bars: a bold heading per group, then its KPIs (the group's prefix dropped from the labels).
    static func shareBars(_ arms: [Arm], _ groups: [(name: String, keys: [KPISummary])], width: Double, left: Double, id: String?) -> String {
        let rowH = 14.0 * Double(arms.count) + 8, plotW = width - left - 60
        var y = 24.0
        var marks = ""
        for g in groups {
            y += 6
            marks += "<text x=\"4\" y=\"\(f(y + 10))\" font-weight=\"600\" font-size=\"12\">\(esc(g.name))</text>"
            y += 16
            for k in g.keys {
                var label = String(k.key.dropFirst(k.journey.count + 1))
                if g.name.contains(" · case type ") { label = label.split(separator: ".").dropFirst(2).joined(separator: ".") }
                else if g.name.contains(" · ") { label = label.split(separator: ".").dropFirst().joined(separator: ".") }
                if label.isEmpty { label = "(all)" }
                label = fit(label, left - 12)
                marks += "<text x=\"\(f(left - 8))\" y=\"\(f(y + rowH / 2 + 3))\" text-anchor=\"end\" font-size=\"11\"><title>\(esc(k.key))</title>\(esc(label))</text>"
                for (i, arm) in arms.enumerated() {
                    guard let s = arm.kpis.first(where: { $0.key == k.key }), let m = s.mean else { continue }
                    let by = y + 4 + 14 * Double(i)
                    let w = max(0, min(1, m)) * plotW
                    marks += "<rect class=\"bar\" data-kpi=\"\(esc(k.key))\" data-arm=\"\(i)\" data-value=\"\(RunFiles.number(m))\" x=\"\(f(left))\" y=\"\(f(by))\" width=\"\(f(w))\" height=\"10\" fill=\"\(color(i))\" opacity=\"0.8\"><title>\(esc(k.key)) \(esc(arm.label)): \(pct(m))\(s.interval.map { " [\(pct($0.lower)), \(pct($0.upper))]" } ?? "")</title></rect>"
                    if let ci = s.interval {
                        let lo = left + max(0, min(1, ci.lower)) * plotW, hi = left + max(0, min(1, ci.upper)) * plotW
                        marks += "<path class=\"ci\" data-kpi=\"\(esc(k.key))\" data-arm=\"\(i)\" data-lo=\"\(RunFiles.number(ci.lower))\" data-hi=\"\(RunFiles.number(ci.upper))\" d=\"M\(f(lo)) \(f(by + 5))H\(f(hi))M\(f(lo)) \(f(by + 1))V\(f(by + 9))M\(f(hi)) \(f(by + 1))V\(f(by + 9))\" stroke=\"#111\" stroke-width=\"1.2\"/>"
                    }
                    marks += "<text x=\"\(f(left + plotW + 4))\" y=\"\(f(by + 9))\" font-size=\"10\">\(pct(m))</text>"
                }
                y += rowH
            }
        }
        var axis = ""
        for t in stride(from: 0.0, through: 1.0, by: 0.25) {
            let x = left + t * plotW
            axis += "<line x1=\"\(f(x))\" y1=\"18\" x2=\"\(f(x))\" y2=\"\(f(y))\" stroke=\"#d0d7de\"/><text x=\"\(f(x))\" y=\"12\" text-anchor=\"middle\" font-size=\"10\">\(Int(t * 100)) %</text>"
        }
        return "<svg class=\"chart\"\(id.map { " id=\"\($0)\"" } ?? "") viewBox=\"0 0 \(f(width)) \(f(y + 8))\" role=\"img\" aria-label=\"shares with confidence intervals\">\(axis)\(marks)</svg>"
    }

    /// One small line chart per daily column (backlogs first), a line per arm, the first arm's min–max band.
    static func dailyCharts(_ arms: [Arm], warmUp: Int) -> String {
        guard let columns = arms[0].results.first?.dailyColumns, !(arms[0].results.first?.daily.isEmpty ?? true) else { return "<p class=\"note\">No days.</p>" }
        let order = columns.indices.filter { columns[$0] != "day" }.sorted { (isLevel(columns[$0]) ? 0 : 1, $0) < (isLevel(columns[$1]) ? 0 : 1, $1) }
        let w = 270.0, hgt = 120.0, pad = 28.0
        var out = "<div class=\"grid\">"
        for c in order {
            let series = arms.map { ReplicationStatistics.dailyMeans($0.results).map { $0[c] } }
            let first = arms[0].results
            let days = series[0].count
            let lo = (0..<days).map { d in first.map { $0.daily[d][c] }.min() ?? 0 }
            let hi = (0..<days).map { d in first.map { $0.daily[d][c] }.max() ?? 0 }
            let top = max(hi.max() ?? 0, series.flatMap { $0 }.max() ?? 0, 1e-9)
            func x(_ d: Int) -> Double { pad + (days > 1 ? Double(d) / Double(days - 1) : 0) * (w - pad - 6) }
            func y(_ v: Double) -> Double { hgt - 16 - v / top * (hgt - 34) }
            var svg = "<svg class=\"daily\" data-column=\"\(esc(columns[c]))\" viewBox=\"0 0 \(f(w)) \(f(hgt))\"><text x=\"4\" y=\"12\" font-size=\"11\" font-weight=\"600\">\(esc(columns[c]))</text>"
            svg += "<line x1=\"\(f(pad))\" y1=\"\(f(y(0)))\" x2=\"\(f(w - 6))\" y2=\"\(f(y(0)))\" stroke=\"#d0d7de\"/><text x=\"\(f(pad - 3))\" y=\"\(f(y(0) + 3))\" font-size=\"9\" text-anchor=\"end\">0</text>"
            svg += "<line x1=\"\(f(pad))\" y1=\"\(f(y(top)))\" x2=\"\(f(w - 6))\" y2=\"\(f(y(top)))\" stroke=\"#eaeef2\" stroke-dasharray=\"2 2\"/><text x=\"\(f(pad - 3))\" y=\"\(f(y(top) + 3))\" font-size=\"9\" text-anchor=\"end\">\(short(top))</text>"
            svg += "<text x=\"\(f(pad))\" y=\"\(f(hgt - 3))\" font-size=\"9\">day 0</text><text x=\"\(f(w - 6))\" y=\"\(f(hgt - 3))\" font-size=\"9\" text-anchor=\"end\">day \(days - 1)</text>"
            if warmUp > 0 && warmUp < days {
                svg += "<rect x=\"\(f(x(0)))\" y=\"16\" width=\"\(f(x(warmUp) - x(0)))\" height=\"\(f(hgt - 32))\" fill=\"#eaeef2\"><title>warm-up (\(warmUp) days)</title></rect>"
            }
            if first.count > 1 {
                let band = (0..<days).map { "\(f(x($0))),\(f(y(hi[$0])))" } + (0..<days).reversed().map { "\(f(x($0))),\(f(y(lo[$0])))" }
                svg += "<polygon points=\"\(band.joined(separator: " "))\" fill=\"\(color(0))\" opacity=\"0.15\"/>"
            }
            for (i, s) in series.enumerated() {
                svg += "<polyline fill=\"none\" stroke=\"\(color(i))\" stroke-width=\"1.5\" points=\"\(s.indices.map { "\(f(x($0))),\(f(y(s[$0])))" }.joined(separator: " "))\"/>"
            }
            out += svg + "</svg>"
        }
        return out + "</div>"
    }

    /// Rows of p50 / p90 / p99 dots and the mean for every `<metric>.p50` KPI with hours or days.
    static func leadTimes(_ arms: [Arm]) -> String {
        let metrics = arms[0].kpis.filter { $0.key.hasSuffix(".p50") && ($0.unit == "hours" || $0.unit == "days") }.map { String($0.key.dropLast(4)) }
        func mean(_ arm: Arm, _ key: String) -> Double? { arm.kpis.first { $0.key == key }?.mean }
        let rows = metrics.flatMap { m in arms.indices.compactMap { i in mean(arms[i], m + ".p50") != nil ? (m, i) : nil } }
        guard !rows.isEmpty else { return "<p class=\"note\">No lead times were measured.</p>" }
        var out = ""
        for unit in ["hours", "days"] {
            let mine = rows.filter { r in arms[0].kpis.first { $0.key == r.0 + ".p50" }?.unit == unit }
            guard !mine.isEmpty else { continue }
            let top = nice(max(1e-9, mine.map { r in ["p99", "p90", "p50", "mean"].compactMap { mean(arms[r.1], r.0 + "." + $0) }.max() ?? 0 }.max() ?? 1))
            let left = 300.0, width = 1100.0, plotW = width - left - 40
            var svg = "", y = 22.0
            for t in 0...4 {
                let x = left + Double(t) / 4 * plotW
                svg += "<line x1=\"\(f(x))\" y1=\"16\" x2=\"\(f(x))\" y2=\"\(f(22 + 16 * Double(mine.count)))\" stroke=\"#d0d7de\"/><text x=\"\(f(x))\" y=\"11\" font-size=\"10\" text-anchor=\"middle\">\(short(top * Double(t) / 4)) \(unit)</text>"
            }
            for (m, i) in mine {
                svg += "<text x=\"\(f(left - 8))\" y=\"\(f(y + 9))\" font-size=\"11\" text-anchor=\"end\"><title>\(esc(m))</title>\(esc(fit(m + (arms.count > 1 ? " · cell \(i)" : ""), left - 12)))</text>"
                let p50 = mean(arms[i], m + ".p50"), p99 = mean(arms[i], m + ".p99") ?? mean(arms[i], m + ".p90")
                if let a = p50, let b = p99 { svg += "<line x1=\"\(f(left + a / top * plotW))\" y1=\"\(f(y + 6))\" x2=\"\(f(left + b / top * plotW))\" y2=\"\(f(y + 6))\" stroke=\"\(color(i))\" stroke-width=\"3\" opacity=\"0.35\"/>" }
                for (q, r) in [("p50", 4.0), ("p90", 3.5), ("p99", 3.0)] {
                    if let v = mean(arms[i], m + "." + q) {
                        svg += "<circle data-kpi=\"\(esc(m + "." + q))\" data-arm=\"\(i)\" data-value=\"\(RunFiles.number(v))\" cx=\"\(f(left + v / top * plotW))\" cy=\"\(f(y + 6))\" r=\"\(f(r))\" fill=\"\(color(i))\"><title>\(esc(m)) \(q): \(short(v)) \(unit)</title></circle>"
                    }
                }
                if let v = mean(arms[i], m + ".mean") {
                    let cx = left + v / top * plotW
                    svg += "<path data-kpi=\"\(esc(m + ".mean"))\" data-arm=\"\(i)\" data-value=\"\(RunFiles.number(v))\" d=\"M\(f(cx)) \(f(y))l5 6l-5 6l-5 -6z\" fill=\"#111\"><title>\(esc(m)) mean: \(short(v)) \(unit)</title></path>"
                }
                y += 16
            }
            out += "<svg class=\"chart\" viewBox=\"0 0 \(f(width)) \(f(y + 6))\">\(svg)</svg>"
        }
        return out
    }

    /// Days across, daily columns down, each row shaded by its value over its own maximum.
    static func heatMap(_ arm: Arm) -> String {
        guard let columns = arm.results.first?.dailyColumns else { return "" }
        let means = ReplicationStatistics.dailyMeans(arm.results)
        let days = means.count
        guard days > 0 else { return "" }
        let left = 130.0, cell = max(3.0, min(18.0, 960.0 / Double(days)))
        var svg = "", y = 4.0
        for (c, name) in columns.enumerated() where name != "day" {
            let top = means.map { $0[c] }.max() ?? 0
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(y + 10))\" font-size=\"10\" text-anchor=\"end\">\(esc(name))</text>"
            for d in 0..<days {
                let v = means[d][c], a = top > 0 ? v / top : 0
                svg += "<rect x=\"\(f(left + Double(d) * cell))\" y=\"\(f(y))\" width=\"\(f(cell - 0.5))\" height=\"13\" fill=\"rgb(\(Int(255 - 224 * a)),\(Int(255 - 144 * a)),\(Int(255 - 20 * a)))\"><title>\(esc(name)) day \(d): \(short(v))</title></rect>"
            }
            y += 14
        }
        return "<svg class=\"chart\" id=\"heatmap\" viewBox=\"0 0 \(f(left + Double(days) * cell + 4)) \(f(y + 4))\">\(svg)</svg>"

    }

    static func sweepTable(_ arms: [Arm]) -> String {
        var s = "<table><tr><th>KPI</th>" + arms.indices.map { "<th>cell \($0)</th>" }.joined() + "</tr>"
        for (r, k) in arms[0].kpis.enumerated() where arms.contains(where: { r < $0.kpis.count && $0.kpis[r].mean != nil }) {
            s += "<tr><td>\(esc(k.key))</td>"
            for (i, a) in arms.enumerated() {
                let v = r < a.kpis.count ? a.kpis[r].mean : nil
                var cellText = v.map { value(k.unit, $0) } ?? "—"
                if i > 0, r < a.differences.count, let d = a.differences[r].difference {
                    let sig = a.differences[r].significant
                    cellText += " <span class=\"\(sig ? "sig" : "note")\">(\(d >= 0 ? "+" : "")\(value(k.unit, d))\(sig ? " *" : ""))</span>"
                }
                s += "<td>\(cellText)</td>"
            }
            s += "</tr>"
        }
        return s + "</table><p class=\"note\">(±x) is the mean paired difference from cell 0 over replications with the same seeds; * when its 95% interval excludes 0.</p>"
    }

    static func parameters(_ input: Input) -> String {
        var s = "<table>"
        for (k, v) in input.parameters { s += "<tr><td>\(esc(k))</td><td style=\"text-align:left\">\(esc(v))</td></tr>" }
        let suggestions = mserSuggestions(input.arms[0].results)
        if !suggestions.isEmpty {
            let worst = suggestions.map(\.days).max() ?? 0
            let cap = (input.header.days / 5) / 2 * 5
            s += "<tr><td>MSER-5 suggested warm-up</td><td style=\"text-align:left\" id=\"mser\" data-days=\"\(worst)\">\(worst) days (the largest over the backlog series: "
                + suggestions.map { "\(esc($0.column)) \($0.days)" }.joined(separator: ", ") + "; current warm-up \(input.header.warmUpDays) days)"
                + (worst >= cap ? " — at the search limit (half the horizon): a series still drifts, so run longer before trusting steady-state KPIs" : "") + "</td></tr>"
        }
        return s + "</table>"
    }

    static func kpiTable(_ arms: [Arm]) -> String {
        var s = "<table><tr><th>KPI</th><th>unit</th>" + arms.indices.map { "<th>\(arms.count > 1 ? "cell \($0)" : "mean") (95% CI)</th>" }.joined() + "<th>definition</th></tr>"
        for (r, k) in arms[0].kpis.enumerated() {
            s += "<tr><td>\(esc(k.key))</td><td>\(esc(k.unit))</td>"
            for a in arms {
                let x = r < a.kpis.count ? a.kpis[r] : k
                s += "<td>\(x.mean.map { value(k.unit, $0) } ?? "—")\(x.interval.map { " [\(value(k.unit, $0.lower)), \(value(k.unit, $0.upper))]" } ?? "")</td>"
            }
            s += "<td style=\"text-align:left\">\(esc(k.definition))</td></tr>"
        }
        return s + "</table>"
    }

    /// The smallest of 1, 2, 2.5, 5 × 10^k at least `v`, so four ticks fall on round numbers.
    static func nice(_ v: Double) -> Double {
        let p = pow(10, floor(log10(v)))
        return [1, 2, 2.5, 5, 10].map { $0 * p }.first { $0 >= v * 0.999_999 } ?? v
    }

    /// `text` cut to about `width` px of 11 px text, with an ellipsis (the full text stays in a `<title>`).
    static func fit(_ text: String, _ width: Double) -> String {
        let room = Int(width / 6.2)
        return text.count <= room ? text : String(text.prefix(max(1, room - 1))) + "…"
    }

    static func value(_ unit: String, _ v: Double) -> String { unit == "share" ? pct(v) : short(v) }
    static func pct(_ v: Double) -> String { String(format: "%.1f %%", v * 100) }
    static func short(_ v: Double) -> String { String(format: "%.4g", v) }
    static func f(_ v: Double) -> String { String(format: "%.1f", v) }

    /// HTML-escaped text. - Complexity: O(length).
    public static func esc(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }
}
