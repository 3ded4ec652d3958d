import Foundation
import Histogram

/// The figures of one run, as printed, written to JSON and checked against thresholds.
public struct LoadSummary: Sendable, Equatable {
    /// What was driven: `delivery`, `technicians`, `both`, or `http`.
    public var target: String
    /// Scenario name.
    public var scenario: String
    /// Offered and achieved requests per second.
    public var offeredRate: Double
    /// Completed (and failed) requests per second of the run.
    public var achievedRate: Double
    /// The offered rate of the compressed day's busiest hour (equal to `offeredRate` when flat).
    public var peakOfferedRate: Double
    /// Schedule span and wall time to the last response, seconds.
    public var durationSeconds: Double
    /// Wall time to the last response.
    public var elapsedSeconds: Double
    /// Clients and desks.
    public var clients: Int
    /// Delivery desks and technician desks driven (0 over HTTP).
    public var deliveryDesks: Int
    /// Technician desks driven.
    public var technicianDesks: Int
    /// Request accounting: scheduled = completed + errors + dropped.
    public var scheduled: Int
    /// Requests sent.
    public var sent: Int
    /// Answered without error (business refusals included).
    public var completed: Int
    /// Failed requests.
    public var errors: Int
    /// Scheduled but never sent (the drain deadline passed).
    public var dropped: Int
    /// Sent more than 1 ms after their intended time.
    public var late: Int
    /// Business refusals among the completed.
    public var refused: Int
    /// Hops (actor calls or HTTP round trips).
    public var hops: Int
    /// Latency percentiles from the intended send time, nanoseconds.
    public var p50Nanoseconds: UInt64
    /// 90th percentile.
    public var p90Nanoseconds: UInt64
    /// 99th percentile.
    public var p99Nanoseconds: UInt64
    /// 99.9th percentile.
    public var p999Nanoseconds: UInt64
    /// Maximum.
    public var maxNanoseconds: UInt64
    /// The engines' audit after the run.
    public var audit: DeskAuditSummary
    /// The latency curve: (percentile, nanoseconds) pairs from the merged histogram.
    public var curve: [(Double, UInt64)]
    /// Per interval: (start seconds, completed per second, p99 nanoseconds).
    public var series: [(Double, Double, UInt64)]

    /// Equality on the scalar figures. - Complexity: O(curve + series).
    public static func == (a: LoadSummary, b: LoadSummary) -> Bool {
        a.target == b.target && a.offeredRate == b.offeredRate && a.achievedRate == b.achievedRate && a.scheduled == b.scheduled
            && a.completed == b.completed && a.errors == b.errors && a.dropped == b.dropped && a.p99Nanoseconds == b.p99Nanoseconds
            && a.maxNanoseconds == b.maxNanoseconds && a.audit == b.audit
    }

    /// The summary of `recorder`. - Complexity: O(histogram buckets × intervals).
    public init(target: String, scenario: String, offeredRate: Double, achievedRate: Double, durationNanoseconds: Int64,
                elapsedNanoseconds: Int64, clients: Int, desks: (Int, Int), recorder r: LatencyRecorder, audit: DeskAuditSummary) {
        self.target = target; self.scenario = scenario
        self.offeredRate = offeredRate; self.achievedRate = achievedRate; peakOfferedRate = offeredRate
        durationSeconds = Double(durationNanoseconds) / 1e9
        elapsedSeconds = Double(elapsedNanoseconds) / 1e9
        self.clients = clients; deliveryDesks = desks.0; technicianDesks = desks.1
        scheduled = r.scheduled; sent = r.sent; completed = r.completed; errors = r.errors; dropped = r.dropped
        late = r.late; refused = r.refused; hops = r.hops
        let h = r.histogram
        let empty = h.totalCount == 0
        p50Nanoseconds = empty ? 0 : h.valueAtPercentile(50)
        p90Nanoseconds = empty ? 0 : h.valueAtPercentile(90)
        p99Nanoseconds = empty ? 0 : h.valueAtPercentile(99)
        p999Nanoseconds = empty ? 0 : h.valueAtPercentile(99.9)
        maxNanoseconds = empty ? 0 : h.max
        self.audit = audit
        curve = empty ? [] : [0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.999, 100].map { ($0, h.valueAtPercentile($0)) }
        let width = Double(r.intervalNanoseconds) / 1e9
        series = r.intervals.indices.map { i in
            let p99 = r.intervals[i].totalCount == 0 ? 0 : r.intervals[i].valueAtPercentile(99)
            return (Double(i) * width, Double(r.completedPerInterval[i]) / width, p99)
        }
    }

    /// Whether every scheduled request is accounted for. - Complexity: O(1).
    public var accountingHolds: Bool { scheduled == completed + errors + dropped && sent == completed + errors }

    /// The report for people. - Complexity: O(1).
    public var text: String {
        let d = LoadQuantity.describe
        let f = LoadQuantity.fixed
        return """
        load test: \(target) on \(scenario), \(clients) clients, desks \(deliveryDesks) delivery / \(technicianDesks) technician
          offered \(f(offeredRate, 0)) req/s on average (busiest hour \(f(peakOfferedRate, 0)) req/s) for \(f(durationSeconds, 1)) s; achieved \(f(achievedRate, 0)) req/s (\(f(elapsedSeconds, 2)) s to the last response)
          latency from the intended send time: p50 \(d(p50Nanoseconds))  p90 \(d(p90Nanoseconds))  p99 \(d(p99Nanoseconds))  p99.9 \(d(p999Nanoseconds))  max \(d(maxNanoseconds))
          requests: scheduled \(scheduled) = completed \(completed) + errors \(errors) + dropped \(dropped)\(accountingHolds ? "" : "  (DOES NOT ADD UP)"); late to send \(late); business refusals \(refused); hops \(hops) (\(f(Double(sent) / Double(max(1, hops)), 1)) per hop)
          engines after the run: \(auditText)
        """
    }

    var auditText: String {
        let a = audit
        let parts = [
            deliveryDesks > 0 ? "\(a.submittedJobs) jobs submitted, \(a.lostJobs) lost, \(a.duplicatedJobs) duplicated" : nil,
            technicianDesks > 0 ? "\(a.confirmedBookings) bookings confirmed, \(a.doubleBookings) double-booked, \(a.lostBookings) lost, \(a.calendarViolations) calendar violations" : nil,
        ].compactMap { $0 }
        return (parts.isEmpty ? "not audited (driven over HTTP; see the service's /v1/audit)" : parts.joined(separator: "; ")) + (a.holds ? " — ok" : " — VIOLATED")
    }

    /// The JSON record (`offeredRate`, `achievedRate`, `p50Nanoseconds` … `maxNanoseconds`, `errors`,
    /// `dropped`, the accounting, the audit, the series). - Complexity: O(curve + series).
    public func json(thresholds: [(Threshold, Bool)] = []) -> String {
        func num(_ x: Double) -> String { x.isFinite ? LoadQuantity.fixed(x, 3) : "null" }
        var fields: [(String, String)] = [
            ("target", "\"\(target)\""), ("scenario", Self.quoted(scenario)), ("offeredRate", num(offeredRate)), ("achievedRate", num(achievedRate)),
            ("peakOfferedRate", num(peakOfferedRate)),
            ("durationSeconds", num(durationSeconds)), ("elapsedSeconds", num(elapsedSeconds)), ("clients", "\(clients)"),
            ("deliveryDesks", "\(deliveryDesks)"), ("technicianDesks", "\(technicianDesks)"),
            ("scheduled", "\(scheduled)"), ("sent", "\(sent)"), ("completed", "\(completed)"), ("errors", "\(errors)"),
            ("dropped", "\(dropped)"), ("late", "\(late)"), ("refused", "\(refused)"), ("hops", "\(hops)"),
            ("accountingHolds", "\(accountingHolds)"),
            ("p50Nanoseconds", "\(p50Nanoseconds)"), ("p90Nanoseconds", "\(p90Nanoseconds)"), ("p99Nanoseconds", "\(p99Nanoseconds)"),
            ("p999Nanoseconds", "\(p999Nanoseconds)"), ("maxNanoseconds", "\(maxNanoseconds)"),
            ("audit", "{\"submittedJobs\": \(audit.submittedJobs), \"lostJobs\": \(audit.lostJobs), \"duplicatedJobs\": \(audit.duplicatedJobs), \"confirmedBookings\": \(audit.confirmedBookings), \"doubleBookings\": \(audit.doubleBookings), \"lostBookings\": \(audit.lostBookings), \"calendarViolations\": \(audit.calendarViolations), \"holds\": \(audit.holds)}"),
        ]
        fields.append(("thresholds", "[" + thresholds.map { "{\"expression\": \(Self.quoted($0.0.text)), \"holds\": \($0.1)}" }.joined(separator: ", ") + "]"))
        fields.append(("series", "[" + series.map { "{\"startSeconds\": \(num($0.0)), \"completedPerSecond\": \(num($0.1)), \"p99Nanoseconds\": \($0.2)}" }.joined(separator: ", ") + "]"))
        return "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}
