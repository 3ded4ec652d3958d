import Experiments
import Foundation
import RetailerJourneys
import RunOutputs

/// The technician heat map and the sample day's route map. Marks carry their numbers (`data-value`,
/// `data-x`, `data-y`, `data-status`) exactly as `series.json` writes them.
extension Report {
    /// The fill of a utilisation: white to dark blue over 0–100 %, orange above (booked past the shift).
    static func utilisationFill(_ u: Double) -> String {
        if u > 1.000_001 { return "#e8590c" }
        let a = max(0, min(1, u))
        return "rgb(\(Int(247 - 216 * a)),\(Int(251 - 160 * a)),\(Int(255 - 95 * a)))"
    }

    /// Rows of technicians (or groups), columns of days; a cell per day with a shift, blank days off.
    static func utilisationMap(_ arm: Arm, warmUp: Int) -> String {
        let (rows, values) = SeriesFile.utilisation(arm.results)
        guard !rows.isEmpty, let days = values.first?.count, days > 0 else { return "<p class=\"note\">No field technicians.</p>" }
        let left = 170.0, top = 30.0, rowH = 12.0
        let cell = max(4.0, min(16.0, 900.0 / Double(days)))
        let width = left + Double(days) * cell + 8
        var svg = ""
        // Day ticks every week (every day when short), the warm-up as a grey band over the header.
        let step = days <= 21 ? 1 : 7
        if warmUp > 0 && warmUp < days {
            svg += "<rect x=\"\(f(left))\" y=\"18\" width=\"\(f(Double(warmUp) * cell))\" height=\"6\" fill=\"#adb5bd\"><title>warm-up (\(warmUp) days)</title></rect>"
            svg += "<text x=\"\(f(left - 6))\" y=\"24\" font-size=\"9\" text-anchor=\"end\" fill=\"#57606a\">warm-up</text>"
        }
        for d in stride(from: 0, to: days, by: step) {
            svg += "<text x=\"\(f(left + (Double(d) + 0.5) * cell))\" y=\"13\" font-size=\"9\" text-anchor=\"middle\">\(d)</text>"
        }
        svg += "<text x=\"\(f(left - 6))\" y=\"13\" font-size=\"9\" text-anchor=\"end\" font-weight=\"600\">day</text>"
        for (r, label) in rows.enumerated() {
            let y = top + Double(r) * rowH
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(y + 9))\" font-size=\"9\" text-anchor=\"end\">\(esc(label))</text>"
            for d in 0..<days {
                let x = left + Double(d) * cell
                guard let u = values[r][d] else {
                    svg += "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(cell - 1))\" height=\"\(f(rowH - 1))\" fill=\"#f1f3f5\"><title>\(esc(label)) day \(d): off shift</title></rect>"
                    continue
                }
                svg += "<rect class=\"util\" data-row=\"\(r)\" data-day=\"\(d)\" data-value=\"\(RunFiles.number(u))\" x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(cell - 1))\" height=\"\(f(rowH - 1))\" fill=\"\(utilisationFill(u))\"><title>\(esc(label)) day \(d): \(pct(u))</title></rect>"
            }
        }
        // The scale.
        var y = top + Double(rows.count) * rowH + 10
        var x = left
        for (label, fill) in [("0 %", utilisationFill(0)), ("25 %", utilisationFill(0.25)), ("50 %", utilisationFill(0.5)), ("75 %", utilisationFill(0.75)),
                              ("100 %", utilisationFill(1)), ("over 100 %", utilisationFill(1.5)), ("off shift", "#f1f3f5")] {
            svg += "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"14\" height=\"10\" fill=\"\(fill)\" stroke=\"#d0d7de\"/><text x=\"\(f(x + 18))\" y=\"\(f(y + 9))\" font-size=\"10\">\(label)</text>"
            x += 26 + Double(label.count) * 6
        }
        y += 16
        let booked = values.flatMap { $0 }.compactMap { $0 }
        let mean = booked.isEmpty ? 0 : booked.reduce(0, +) / Double(booked.count)
        return "<svg class=\"chart\" id=\"utilisation\" viewBox=\"0 0 \(f(max(width, 700))) \(f(y))\" role=\"img\" aria-label=\"technician utilisation heat map\">\(svg)</svg>"
            + "<p class=\"note\">\(rows.count) row\(rows.count == 1 ? "" : "s") (a technician each, or a whole group in a region with more than \(UtilisationSeries.technicianRowCap) field technicians); mean over the cells with a shift \(pct(mean)). A visit counts on its day, travel included; the KPI assistance.utilisation is the same ratio over the whole run after the warm-up. Numbers in series.json.</p>"
    }

    /// The status colours of a stop on the route map, with their legend text.
    static let stopStyles: [(RouteSample.Status, String, String)] = [
        (.onTime, "#2b8a3e", "on time"), (.late, "#e67700", "late (outside the window or promised day)"),
        (.missed, "#c92a2a", "missed (rescheduled)"), (.notServed, "#adb5bd", "not served"),
    ]

    /// The sample day's routes of one depot on the region's square: a line per truck from the depot through its
    /// stops and back, each stop coloured by how it went, and a table of trucks.
    static func routeMap(_ arm: Arm) -> String {
        guard let rt = SeriesFile.routes(arm.results) else {
            return "<p class=\"note\">The sampled depot sent no truck on the days after the warm-up.</p>"
        }
        let side = 560.0, pad = 24.0, scale = (side - 2 * pad) / max(rt.size, 1e-9)
        func px(_ v: Double) -> Double { pad + max(0, min(rt.size, v)) * scale }
        func py(_ v: Double) -> Double { side - pad - max(0, min(rt.size, v)) * scale }
        let lines = ["#1f6feb", "#862e9c", "#0b7285", "#5f3dc4", "#364fc7", "#a61e4d", "#495057", "#1864ab"]
        var svg = "<rect x=\"\(f(pad))\" y=\"\(f(pad))\" width=\"\(f(side - 2 * pad))\" height=\"\(f(side - 2 * pad))\" fill=\"#fbfcfd\" stroke=\"#d0d7de\"/>"
        svg += "<text x=\"\(f(pad))\" y=\"\(f(side - 6))\" font-size=\"10\">0 km</text><text x=\"\(f(side - pad))\" y=\"\(f(side - 6))\" font-size=\"10\" text-anchor=\"end\">\(short(rt.size)) km</text>"
        svg += "<text x=\"\(f(pad))\" y=\"\(f(pad - 8))\" font-size=\"10\">\(esc(rt.region)) (\(short(rt.size)) × \(short(rt.size)) km)</text>"
        var marks = ""
        for (t, truck) in rt.trucks.enumerated() {
            let colour = lines[t % lines.count]
            let points = [(rt.x, rt.y)] + truck.stops.map { ($0.x, $0.y) } + [(rt.x, rt.y)]
            svg += "<polyline class=\"route\" data-truck=\"\(t)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.5\" stroke-opacity=\"0.7\" points=\"\(points.map { "\(f(px($0.0))),\(f(py($0.1)))" }.joined(separator: " "))\"><title>truck \(t + 1): \(truck.stops.count) stops</title></polyline>"
            for (s, stop) in truck.stops.enumerated() {
                let style = stopStyles.first { $0.0 == stop.status } ?? stopStyles[3]
                let data = "class=\"stop\" data-truck=\"\(t)\" data-stop=\"\(s)\" data-x=\"\(RunFiles.number(stop.x))\" data-y=\"\(RunFiles.number(stop.y))\" data-status=\"\(stop.status.rawValue)\""
                let title = "<title>truck \(t + 1), stop \(s + 1) (\(esc(stop.kind))): \(style.2)</title>"
                let cx = px(stop.x), cy = py(stop.y)
                switch stop.status {
                case .missed:
                    marks += "<path \(data) d=\"M\(f(cx - 4)) \(f(cy - 4))L\(f(cx + 4)) \(f(cy + 4))M\(f(cx - 4)) \(f(cy + 4))L\(f(cx + 4)) \(f(cy - 4))\" stroke=\"\(style.1)\" stroke-width=\"2.2\">\(title)</path>"
                case .notServed:
                    marks += "<circle \(data) cx=\"\(f(cx))\" cy=\"\(f(cy))\" r=\"3.5\" fill=\"#fff\" stroke=\"\(style.1)\" stroke-width=\"1.5\">\(title)</circle>"
                default:
                    marks += "<circle \(data) cx=\"\(f(cx))\" cy=\"\(f(cy))\" r=\"3.5\" fill=\"\(style.1)\" stroke=\"#fff\" stroke-width=\"0.8\">\(title)</circle>"
                }
            }
        }
        marks += "<rect data-depot=\"\(esc(rt.depot))\" x=\"\(f(px(rt.x) - 6))\" y=\"\(f(py(rt.y) - 6))\" width=\"12\" height=\"12\" fill=\"#111\"><title>depot \(esc(rt.depot))</title></rect>"
        marks += "<text x=\"\(f(px(rt.x) + 9))\" y=\"\(f(py(rt.y) - 7))\" font-size=\"11\" font-weight=\"600\">depot \(esc(rt.depot))</text>"
        let all = rt.trucks.flatMap(\.stops)
        var table = "<table><tr><th>truck</th><th>stops</th>" + stopStyles.map { "<th>\($0.2.split(separator: " (").first ?? "")</th>" }.joined() + "</tr>"
        for (t, truck) in rt.trucks.enumerated() {
            table += "<tr><td><i class=\"sw\" style=\"background:\(lines[t % lines.count])\"></i>truck \(t + 1)</td><td>\(truck.stops.count)</td>"
                + stopStyles.map { st in "<td>\(truck.stops.filter { $0.status == st.0 }.count)</td>" }.joined() + "</tr>"
        }
        table += "<tr><th>all</th><th>\(all.count)</th>" + stopStyles.map { st in "<th>\(all.filter { $0.status == st.0 }.count)</th>" }.joined() + "</tr></table>"
        let legend = "<p class=\"legend\">" + stopStyles.map { "<span><i class=\"sw\" style=\"background:\($0.1)\"></i>\($0.2)</span>" }.joined()
            + "<span><i class=\"sw\" style=\"background:#111\"></i>depot</span></p>"
        return "<p class=\"sub\">Depot \(esc(rt.depot)) of region \(esc(rt.region)), day \(rt.day): \(rt.trucks.count) truck\(rt.trucks.count == 1 ? "" : "s"), \(all.count) planned stops.</p>"
            + "<div class=\"maprow\"><svg class=\"chart\" id=\"routes\" viewBox=\"0 0 \(f(side)) \(f(side))\" role=\"img\" aria-label=\"route map of a sample day\">\(svg)\(marks)</svg>"
            + "<div>\(legend)\(table)</div></div>"
    }
}
