import ArgumentParser
import Benchmarking
import Foundation
import InputLimits
import LoadTesting
import ScenarioFiles

/// `jornada loadtest SCENARIO --rate R --duration D`: open-loop replay of the scenario's request mix
/// against the desks, in process or over HTTP (`--url`), with latencies from the intended send time.
struct LoadTest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loadtest",
        abstract: "Drive the desks open-loop at a rate, in wall time, and report latency and throughput.",
        discussion: """
        The request mix and its shape over the day come from the scenario (the day compressed into the \
        duration; --flat for a constant rate). Arrivals follow a fixed schedule that never waits for \
        responses; each request's latency counts from its intended send time. Exits 1 when a threshold, \
        the request accounting (scheduled = completed + errors + dropped) or the engines' audit fails, \
        2 on bad input (before any load is sent). The scenario's optional loadTest block gives \
        thresholds, a rate and a duration; --rate and --duration override it, --threshold adds to it.
        """)

    @Argument(help: "The scenario file (.yaml).") var scenario: String
    @Option(help: "Offered requests per second (average over the day): 50000, 250k, 1M (default: the scenario's loadTest.rate).") var rate: String?
    @Option(help: "Run length: 30s, 2m, 500ms (default: the scenario's loadTest.durationSeconds).") var duration: String?
    @Option(help: "delivery, technicians or both.") var target = "delivery"
    @Option(help: "Desks per engine (delivery depots, technician region shards); default: the scenario's.") var desks: Int?
    @Option(help: "Client tasks (in process) or keep-alive connections (--url).") var clients = 2
    @Option(help: "Most requests one client sends per hop: one actor call in process (default 1024), pipelined requests over HTTP (default 1).") var batch: Int?
    @Option(name: .customLong("threshold"), help: "A condition that must hold, e.g. 'p99<2ms', 'errors==0' (repeatable; added to the scenario's loadTest.thresholds).") var thresholds: [String] = []
    @Flag(help: "Search for the highest rate that holds the thresholds (default 'p99<1ms'), starting at --rate.") var findMax = false
    @Flag(help: "A constant rate instead of the scenario's shape over the day.") var flat = false
    @Option(help: "scenario (the scenario's request mix) or submit (delivery submits only, e.g. to compare with a wrk script posting jobs).") var mix = "scenario"
    @Option(help: "Drive a `jornada serve` service at this loopback URL instead of in-process desks.") var url: String?
    @Option(help: "With --url: a file holding the service's bearer token.") var tokenFile: String?
    @Option(help: "Write the HTML report (latency curve, throughput and p99 over time) here.") var html: String?
    @Flag(help: "Print the JSON record instead of the text report.") var json = false
    @Flag(help: "No live progress line on stderr.") var quiet = false

    func run() throws {
        let plan: Plan
        do { plan = try validated() } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.validationFailure
        }
        if findMax {
            let found = BenchClock.blocking { await FindMax.search(start: plan.rate) { r in
                let s = await Self.measure(plan, rate: r, progress: nil)
                return (s, Self.passes(s, plan.thresholds))
            } }
            for t in found.trials {
                FileHandle.standardError.write(Data("  trial \(LoadQuantity.fixed(t.rate, 0)) req/s: \(t.held ? "holds" : "fails") (p99 \(LoadQuantity.describe(nanoseconds: t.p99Nanoseconds)), achieved \(LoadQuantity.fixed(t.achievedRate, 0)) req/s)\n".utf8))
            }
            let targetText = plan.thresholds.map(\.text).joined(separator: ", ")
            if let best = found.best {
                try CheckedOutput.write(json ? "{\"maxRate\": \(LoadQuantity.fixed(best, 0)), \"thresholds\": \"\(targetText)\"}\n"
                                             : "highest rate holding \(targetText): \(LoadQuantity.fixed(best, 0)) req/s\n", fd: 1, target: "standard output")
            } else {
                try CheckedOutput.write("no rate tried holds \(targetText)\n", fd: 1, target: "standard output")
                throw ExitCode.failure
            }
            return
        }
        let progress: LoadProgress? = quiet ? nil : Self.progressLine
        let summary = BenchClock.blocking { await Self.measure(plan, rate: plan.rate, progress: progress) }
        if !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
        let checks = plan.thresholds.map { ($0, $0.holds(for: summary)) }
        if let html {
            try AtomicFile.write(LoadReportPage.html(summary, thresholds: checks), to: html)
        }
        var report = json ? summary.json(thresholds: checks) + "\n" : summary.text + "\n"
        if !json { for (t, ok) in checks { report += "  threshold \(t.text): \(ok ? "holds" : "VIOLATED (\(Self.shown(t, summary)))")\n" } }
        try CheckedOutput.write(report, fd: 1, target: "standard output")
        var failures: [String] = checks.filter { !$0.1 }.map { "threshold \($0.0.text) violated" }
        if !summary.accountingHolds { failures.append("the request accounting does not add up") }
        if !summary.audit.holds { failures.append("the engines' audit failed (lost, duplicated or double-booked work)") }
        if !failures.isEmpty {
            FileHandle.standardError.write(Data("error: \(failures.joined(separator: "; "))\n".utf8))
            throw ExitCode.failure
        }
    }

    /// The live progress line on stderr (rewritten in place).
    static let progressLine: LoadProgress = { (elapsed: Int64, sent: Int, due: Int) in
        let line = "\r  \(LoadQuantity.fixed(Double(elapsed) / 1e9, 1)) s: sent \(sent) of \(due) due  "
        FileHandle.standardError.write(Data(line.utf8))
    }

    static func shown(_ t: Threshold, _ s: LoadSummary) -> String {
        t.metric.isLatency ? LoadQuantity.describe(nanoseconds: UInt64(t.value(in: s))) : LoadQuantity.fixed(t.value(in: s), 0)
    }

    static func passes(_ s: LoadSummary, _ thresholds: [Threshold]) -> Bool {
        thresholds.allSatisfy { $0.holds(for: s) } && s.accountingHolds && s.audit.holds
    }

    /// Everything checked before any load is sent.
    struct Plan: Sendable {
        var profile: LoadProfile
        var rate: Double
        var duration: Int64
        var target: LoadTarget
        var desks: Int?
        var clients: Int
        var batch: Int
        var flat: Bool
        var thresholds: [Threshold]
        var endpoint: HTTPEndpoint?
        var token: String?
    }

    func validated() throws -> Plan {
        // The scenario first: its loadTest block gives the rate, duration and thresholds the flags
        // do not (the flags' values are still checked before any load).
        let loaded = try ScenarioFile.load(path: scenario)
        let defaults = loaded.scenario.loadTest
        let rate: Double
        if let text = self.rate { rate = try LoadQuantity.rate(text, field: "--rate") } else if let r = defaults.rate { rate = r } else {
            throw LoadTestError(field: "--rate", message: "required (or loadTest.rate in \(scenario))")
        }
        let duration: Int64
        if let text = self.duration { duration = try LoadQuantity.nanoseconds(text, field: "--duration", maximumSeconds: 3600) }
        else if let d = defaults.durationSeconds { duration = Int64((d * 1e9).rounded()) } else {
            throw LoadTestError(field: "--duration", message: "required (or loadTest.durationSeconds in \(scenario))")
        }
        guard let t = LoadTarget(rawValue: target) else {
            let names = LoadTarget.allCases.map(\.rawValue)
            throw LoadTestError(field: "--target", message: "expected one of \(names.joined(separator: ", ")), got '\(target)'\(Suggestion.hint(for: target, among: names))")
        }
        if let d = desks, !(1...64).contains(d) { throw LoadTestError(field: "--desks", message: "expected 1...64, got \(d)") }
        guard (1...256).contains(clients) else { throw LoadTestError(field: "--clients", message: "expected 1...256, got \(clients)") }
        let batch = self.batch ?? (url == nil ? 1024 : 1)
        guard (1...65_536).contains(batch) else { throw LoadTestError(field: "--batch", message: "expected 1...65536, got \(batch)") }
        guard rate * Double(duration) / 1e9 <= 2e9 else {
            throw LoadTestError(field: "--rate", message: "rate × duration must be at most 2e9 requests, got \(LoadQuantity.fixed(rate * Double(duration) / 1e9, 0))")
        }
        var thresholds = try defaults.thresholds.enumerated().map { (i: Int, e: String) throws(LoadTestError) in
            try Threshold(parsing: e, field: "\(scenario): loadTest.thresholds[\(i)]")
        }
        thresholds += try self.thresholds.map { (e: String) throws(LoadTestError) in try Threshold(parsing: e) }
        if findMax && thresholds.isEmpty { thresholds = [try Threshold(parsing: "p99<1ms")] }
        let endpoint = try url.map { (u: String) throws(LoadTestError) in try HTTPEndpoint(parsing: u) }
        var token: String?
        if let tokenFile {
            guard let text = try? String(contentsOfFile: tokenFile, encoding: .utf8),
                  !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw LoadTestError(field: "--token-file", message: "cannot read a token from '\(tokenFile)'")
            }
            token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard ["scenario", "submit"].contains(mix) else {
            throw LoadTestError(field: "--mix", message: "expected scenario or submit, got '\(mix)'")
        }
        var profile = LoadProfile(loaded.scenario)
        if mix == "submit" { profile.deliveryMix = [1, 0, 0, 0] }
        return Plan(profile: profile, rate: rate, duration: duration, target: t, desks: desks,
                    clients: clients, batch: batch, flat: flat, thresholds: thresholds, endpoint: endpoint, token: token)
    }

    static func measure(_ p: Plan, rate: Double, progress: LoadProgress?) async -> LoadSummary {
        var summary = await run(p, rate: rate, progress: progress)
        let hours = p.flat ? [1.0] : p.profile.hours(p.target)
        summary.peakOfferedRate = ArrivalSchedule(rate: rate, durationNanoseconds: p.duration, hours: hours).peakRate
        return summary
    }

    static func run(_ p: Plan, rate: Double, progress: LoadProgress?) async -> LoadSummary {
        let config = LoadRunConfig(rate: rate, durationNanoseconds: p.duration, clients: p.clients, batchLimit: p.batch)
        if let endpoint = p.endpoint {
            return await HTTPLoadTest.run(p.profile, endpoint: endpoint, target: p.target, run: config, flat: p.flat, token: p.token, progress: progress)
        }
        let o = await DeskLoadTest.run(p.profile, DeskLoadOptions(target: p.target, run: config, desks: p.desks, flat: p.flat), progress: progress)
        return LoadSummary(target: p.target.rawValue, scenario: p.profile.scenario, offeredRate: o.offeredRate, achievedRate: o.achievedRate,
                           durationNanoseconds: p.duration, elapsedNanoseconds: o.elapsedNanoseconds, clients: p.clients,
                           desks: (o.desks.delivery, o.desks.technicians), recorder: o.recorder, audit: o.audit)
    }
}
