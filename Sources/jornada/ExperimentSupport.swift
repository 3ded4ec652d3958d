import ArgumentParser
import Dispatch
import Experiments
import Foundation
import InputLimits
import RetailerJourneys
import ScenarioFiles

/// Ctrl-C during replications: the first stops new replications (running ones finish and are kept), the
/// second exits at once (status 130).
final class Interrupt: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false
    private var source: (any DispatchSourceSignal)?

    /// Starts listening for SIGINT. - Complexity: O(1).
    init() {
        signal(SIGINT, SIG_IGN)
        let s = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        s.setEventHandler { [weak self] in
            guard let self else { return }
            self.lock.lock()
            let again = self.requested
            self.requested = true
            self.lock.unlock()
            if again { exit(130) }
            FileHandle.standardError.write(Data("\ninterrupted: finishing the running replications and keeping them (Ctrl-C again to quit at once)\n".utf8))
        }
        s.resume()
        source = s
    }

    /// Whether Ctrl-C was pressed.
    var isRequested: Bool {
        lock.lock(); defer { lock.unlock() }
        return requested
    }
}

/// Progress on standard error: a bar with an ETA on a terminal, one plain line per finished unit otherwise.
final class ProgressReporter: @unchecked Sendable {
    private let total: Int
    private let what: String
    private let start = Date()
    private let terminal = isatty(2) == 1
    private let enabled: Bool
    private var done = 0

    /// Progress over `total` units called `what` (`replications`); silent when `enabled` is false.
    init(total: Int, what: String, enabled: Bool) {
        self.total = total
        self.what = what
        self.enabled = enabled && total > 1
    }

    /// One more unit finished (called one at a time by the pool). - Complexity: O(1).
    func step() {
        done += 1
        guard enabled else { return }
        let elapsed = Date().timeIntervalSince(start)
        let eta = done > 0 ? elapsed / Double(done) * Double(total - done) : 0
        if terminal {
            let width = 30, filled = width * done / max(1, total)
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            FileHandle.standardError.write(Data(String(format: "\r%@ %d/%d %@  %.1f s elapsed, ETA %.1f s ", bar, done, total, what, elapsed, eta).utf8))
            if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
        } else {
            FileHandle.standardError.write(Data(String(format: "progress: %d/%d %@ done, %.1f s elapsed, ETA %.1f s\n", done, total, what, elapsed, eta).utf8))
        }
    }
}

/// Options shared by `run`, `sweep` and `validate`.
enum ExperimentOptions {
    /// The default `--jobs`: the cores this process may use.
    static var defaultJobs: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// Loads `path` and applies `--seed`, `--days`, `--warm-up` and `--set` (in that order), each checked by
    /// the file reader's rules. - Throws: `ScenarioError` naming the option and field.
    static func load(_ path: String, seed: UInt64? = nil, days: Int? = nil, warmUp: Int? = nil, sets: [String]) throws -> LoadedScenario {
        var loaded = try ScenarioFile.load(path: path)
        var plain: [(String, Override)] = []
        if let seed { plain.append(("--seed", Override(path: "seed", value: String(seed)))) }
        // Each override is checked as it is applied, so a shorter warm-up goes first when both shrink
        // (`--days 5 --warm-up 1` on a scenario of 90 days with 7 of warm-up is valid).
        let horizon: (String, Override)? = days.map { ("--days", Override(path: "days", value: String($0))) }
        let warm: (String, Override)? = warmUp.map { ("--warm-up", Override(path: "warmUpDays", value: String($0))) }
        if let w = warmUp, w < loaded.scenario.warmUpDays { plain += [warm, horizon].compactMap { $0 } }
        else { plain += [horizon, warm].compactMap { $0 } }
        for (option, o) in plain { loaded = try ScenarioFile.applying([o], to: loaded.scenario, option: option) }
        let overrides = try sets.map { text throws(ScenarioError) in try Override(parsing: text) }
        if !overrides.isEmpty { loaded = try ScenarioFile.applying(overrides, to: loaded.scenario) }
        return loaded
    }

    /// The experiment header of `loaded`.
    static func header(_ loaded: LoadedScenario) -> ExperimentHeader {
        let s = loaded.scenario
        return ExperimentHeader(scenarioName: s.name, scenarioHash: loaded.hash, seed: s.seed, days: s.days, warmUpDays: s.warmUpDays,
                                regions: s.regions.count, retailers: s.retailerCount, toolVersion: JornadaVersion.current)
    }

    /// Refuses an output folder that exists and is not empty, or whose parent cannot be written, before any
    /// work is done. - Throws: `OutputError` naming the folder.
    static func checkWritable(_ folder: URL, allowExisting: Bool = false) throws(OutputError) {
        let fm = FileManager.default
        if !allowExisting, let items = try? fm.contentsOfDirectory(atPath: folder.path), !items.isEmpty {
            throw OutputError(target: folder.path, reason: "the folder exists and is not empty; results are never mixed (choose another --out)")
        }
        var probe = folder.standardizedFileURL
        while !fm.fileExists(atPath: probe.path) && probe.path != "/" { probe.deleteLastPathComponent() }
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: probe.path, isDirectory: &isDir), isDir.boolValue else {
            throw OutputError(target: probe.path, reason: "is a file, not a folder")
        }
        // A real probe, not access(2): root passes access() on read-only mounts and pseudo-filesystems.
        let test = probe.appendingPathComponent(".jornada-write-test-\(getpid())").path
        guard access(probe.path, W_OK | X_OK) == 0, mkdir(test, 0o700) == 0 else {
            let why = String(cString: strerror(errno))
            throw OutputError(target: folder.path, reason: "cannot be created: \(probe.path) is not writable (\(why.lowercased()))")
        }
        rmdir(test)
    }

    /// Refuses, before anything starts, a run whose `inFlight` replications of `scenario` would not fit in
    /// the memory available (80 % of MemAvailable), with the estimate (`Footprint`'s budget) and the limit.
    /// - Throws: `RunFailure` naming the scenario's sizes. - Complexity: O(regions).
    static func checkMemory(_ scenario: Scenario, inFlight: Int, available: Double = RunBudget.availableBytes) throws {
        let bytes = Footprint.fixedBytes + Double(inFlight) * scenario.estimatedPeakBytes
        let what = "\(scenario.name) (\(scenario.retailerCount) retailers, \(scenario.vehicleCount) trucks, \(scenario.technicianCount) technicians, \(scenario.days) days\(inFlight > 1 ? ", \(inFlight) replications at once" : ""))"
        do { try RunBudget.check(RunEstimate(what: what, bytes: bytes, seconds: 0), availableBytes: available) } catch {
            throw RunFailure(message: error.description + (inFlight > 1 ? " or fewer --jobs" : ""))
        }
    }

    /// Key parameters for the report: the scenario paragraph, the overrides, the run's shape.
    static func parameters(_ loaded: LoadedScenario, sets: [String], replications: Int, extra: [(String, String)] = []) -> [(String, String)] {
        let s = loaded.scenario
        var p: [(String, String)] = [("scenario", loaded.summary), ("seed (replication 0)", String(s.seed)), ("replications", String(replications)),
                                     ("days", "\(s.days) (\(s.warmUpDays) warm-up, excluded from the KPIs)")]
        for region in s.regions {
            let trucks = region.depots.reduce(0) { $0 + $1.vehicles.reduce(0) { $0 + $1.count } }
            let techs = region.technicians.reduce(0) { $0 + $1.count }
            p.append(("region \(region.name)", "\(region.retailers) retailers, \(region.depots.count) depot(s), \(trucks) trucks, \(techs) technicians"))
        }
        p += extra
        p.append(("--set", sets.isEmpty ? "(none)" : sets.joined(separator: "  ")))
        return p
    }
}

