import DeliveryScheduling
import DiscreteEvents
import Foundation
import InputLimits

/// Field parsing shared by the CSV and YAML readers: every value is range-checked (`JobsFileLimits`)
/// before it reaches arithmetic, and every failure names file, line and field.
struct FieldReader {
    let file: String
    var bounded: BoundedNumbers { BoundedNumbers(file: file) }

    func fail(_ line: Int, _ field: String, _ message: String) -> PlanningFileError {
        PlanningFileError(file: file, line: line, field: field, message: message)
    }

    /// A finite number in `range` (by default a coordinate's).
    func number(_ text: String, line: Int, field: String, in range: ClosedRange<Double> = JobsFileLimits.coordinate) throws -> Double {
        try bounded.number(text, line: line, field: field, in: range)
    }

    /// A whole number in `range` (by default 0 … 10^9).
    func integer(_ text: String, line: Int, field: String, in range: ClosedRange<Int> = 0...1_000_000_000) throws -> Int {
        try bounded.integer(text, line: line, field: field, in: range)
    }

    /// A volume amount (kegs, cases, pallet places) in `JobsFileLimits.amount`.
    func amount(_ text: String, line: Int, field: String) throws -> Int32 {
        Int32(try bounded.integer(text, line: line, field: field, in: JobsFileLimits.amount))
    }

    /// A time of day: `HH:MM`, `HH:MM:SS`, or minutes since midnight (VRPTW units), up to 7 days.
    func time(_ text: String, line: Int, field: String) throws -> SimDuration {
        .seconds(try bounded.clockSeconds(text, line: line, field: field, in: JobsFileLimits.timeOfDaySeconds))
    }

    /// A duration in minutes (a number) or `HH:MM`, up to 24 hours.
    func minutes(_ text: String, line: Int, field: String) throws -> SimDuration {
        .seconds(try bounded.clockSeconds(text, line: line, field: field, in: JobsFileLimits.serviceSeconds))
    }

    /// A window `from-to` (each a time as above); checks it does not end before it starts.
    func window(_ text: String, line: Int, field: String) throws -> TimeWindow {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw fail(line, field, "expected FROM-TO (e.g. 09:00-12:00), got '\(BoundedNumbers.excerpt(text))'") }
        let w = TimeWindow(from: try time(String(parts[0]), line: line, field: field),
                           to: try time(String(parts[1]), line: line, field: field))
        guard w.isValid else {
            throw fail(line, field, "window ends (\(w.to.clockString)) before it starts (\(w.from.clockString))")
        }
        return w
    }

    func windowSet(_ windows: [TimeWindow], line: Int, field: String) throws -> TimeWindowSet {
        guard windows.count <= JobsFileLimits.maxWindows else {
            throw fail(line, field, "at most \(JobsFileLimits.maxWindows) windows, got \(windows.count)")
        }
        do { return try TimeWindowSet(windows) } catch { throw fail(line, field, error.description) }
    }

    /// An id: non-empty, at most `JobsFileLimits.maxIDLength` characters, no control characters.
    func id(_ text: String, line: Int, field: String) throws -> String {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty else { throw fail(line, field, "must not be empty") }
        guard t.count <= JobsFileLimits.maxIDLength else {
            throw fail(line, field, "longer than \(JobsFileLimits.maxIDLength) characters: '\(BoundedNumbers.excerpt(t))'")
        }
        guard !t.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw fail(line, field, "contains a control character")
        }
        return t
    }

    func tier(_ text: String, line: Int, field: String) throws -> PriorityTier {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let v = PriorityTier(name: t) else {
            let names = PriorityTier.allCases.map(\.description)
            throw fail(line, field, "unknown tier '\(BoundedNumbers.excerpt(t))'\(Suggestion.hint(for: t, among: names)); expected one of \(names.joined(separator: ", "))")
        }
        return v
    }

    func kind(_ text: String, line: Int, field: String) throws -> JobKind {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let k = JobKind(name: t) else {
            let names = JobKind.allCases.map(\.description)
            throw fail(line, field, "unknown kind '\(BoundedNumbers.excerpt(t))'\(Suggestion.hint(for: t, among: names)); expected one of \(names.joined(separator: ", "))")
        }
        return k
    }

    func policy(_ text: String, line: Int, field: String) throws -> PriorityPolicy {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let p = PriorityPolicy(rawValue: t) else {
            let names = PriorityPolicy.allCases.map(\.rawValue)
            throw fail(line, field, "unknown policy '\(BoundedNumbers.excerpt(t))'\(Suggestion.hint(for: t, among: names)); expected one of \(names.joined(separator: ", "))")
        }
        return p
    }
}

extension PlanningFile {
    /// Whole-file checks both readers share: ids unique (trucks with `count` > 1 expand to
    /// `NAME-1`, `NAME-2`, …, which must not collide either), sizes and volume sums within
    /// `JobsFileLimits`, so no load can wrap. - Throws: `PlanningFileError` at the offending record.
    func checked() throws -> PlanningFile {
        let f = FieldReader(file: path)
        guard jobs.count <= JobsFileLimits.maxJobs else {
            throw f.fail(jobs[JobsFileLimits.maxJobs].line, "jobs", "more than \(JobsFileLimits.maxJobs) jobs in one file")
        }
        var trucks = 0
        var truckNames: [String: Int] = [:]
        var capacity = (kegs: 0, cases: 0, pallets: 0)
        for v in vehicles {
            trucks += v.count
            guard trucks <= JobsFileLimits.maxVehicles else {
                throw f.fail(v.line, "count", "more than \(JobsFileLimits.maxVehicles) trucks in one file")
            }
            capacity.kegs += Int(v.capacity.kegs) * v.count
            capacity.cases += Int(v.capacity.cases) * v.count
            capacity.pallets += Int(v.capacity.pallets) * v.count
            guard Swift.max(capacity.kegs, capacity.cases, capacity.pallets) <= JobsFileLimits.totalAmount else {
                throw f.fail(v.line, "capacity", "the fleet's total capacity exceeds \(JobsFileLimits.totalAmount) of one unit")
            }
            let names = v.count == 1 ? [v.name] : [v.name] + (1...v.count).map { "\(v.name)-\($0)" }
            for name in names {
                if let first = truckNames[name] {
                    throw f.fail(v.line, "id", "duplicate truck id '\(name)' (first on line \(first))")
                }
                truckNames[name] = v.line
            }
        }
        var jobNames: [String: Int] = [:]
        var load = (kegs: 0, cases: 0, pallets: 0)
        for j in jobs {
            if let first = jobNames[j.name] {
                throw f.fail(j.line, "id", "duplicate job id '\(j.name)' (first on line \(first))")
            }
            jobNames[j.name] = j.line
            load.kegs += Int(j.job.volume.kegs)
            load.cases += Int(j.job.volume.cases)
            load.pallets += Int(j.job.volume.pallets)
            guard Swift.max(load.kegs, load.cases, load.pallets) <= JobsFileLimits.totalAmount else {
                throw f.fail(j.line, "volume", "the jobs' total volume exceeds \(JobsFileLimits.totalAmount) of one unit")
            }
        }
        return self
    }
}
