import DeliveryScheduling
import DiscreteEvents
import Foundation

/// Field parsing shared by the CSV and YAML readers; every failure names file, line and field.
struct FieldReader {
    let file: String

    func fail(_ line: Int, _ field: String, _ message: String) -> PlanningFileError {
        PlanningFileError(file: file, line: line, field: field, message: message)
    }

    func number(_ text: String, line: Int, field: String) throws -> Double {
        guard let v = Double(text.trimmingCharacters(in: .whitespaces)), v.isFinite else {
            throw fail(line, field, "expected a number, got '\(text)'")
        }
        return v
    }

    func integer(_ text: String, line: Int, field: String) throws -> Int {
        guard let v = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw fail(line, field, "expected a whole number, got '\(text)'")
        }
        return v
    }

    func amount(_ text: String, line: Int, field: String) throws -> Int32 {
        let v = try integer(text, line: line, field: field)
        guard v >= 0 else { throw fail(line, field, "must be ≥ 0, got \(v)") }
        guard v <= Int(Int32.max) else { throw fail(line, field, "too large: \(v)") }
        return Int32(v)
    }

    /// A time of day: `HH:MM`, `HH:MM:SS`, or a number of minutes since midnight (VRPTW units).
    func time(_ text: String, line: Int, field: String) throws -> SimDuration {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.contains(":") {
            let parts = t.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2 || parts.count == 3,
                  let h = Int(parts[0]), let m = Int(parts[1]), h >= 0, m >= 0, m < 60 else {
                throw fail(line, field, "expected HH:MM or minutes, got '\(text)'")
            }
            var s = 0
            if parts.count == 3 {
                guard let ss = Int(parts[2]), ss >= 0, ss < 60 else { throw fail(line, field, "expected HH:MM:SS, got '\(text)'") }
                s = ss
            }
            return .seconds(Int64(h * 3600 + m * 60 + s))
        }
        guard let minutes = Double(t), minutes.isFinite else {
            throw fail(line, field, "expected HH:MM or minutes, got '\(text)'")
        }
        guard minutes >= 0 else { throw fail(line, field, "must be ≥ 0, got \(t)") }
        return .minutes(minutes)
    }

    /// A duration in minutes (a number) or `HH:MM`.
    func minutes(_ text: String, line: Int, field: String) throws -> SimDuration {
        try time(text, line: line, field: field)
    }

    /// A window `from-to` (each a time as above); checks it does not end before it starts.
    func window(_ text: String, line: Int, field: String) throws -> TimeWindow {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw fail(line, field, "expected FROM-TO (e.g. 09:00-12:00), got '\(text)'") }
        let w = TimeWindow(from: try time(String(parts[0]), line: line, field: field),
                           to: try time(String(parts[1]), line: line, field: field))
        guard w.isValid else {
            throw fail(line, field, "window ends (\(w.to.clockString)) before it starts (\(w.from.clockString))")
        }
        return w
    }

    func windowSet(_ windows: [TimeWindow], line: Int, field: String) throws -> TimeWindowSet {
        do { return try TimeWindowSet(windows) } catch { throw fail(line, field, error.description) }
    }

    func tier(_ text: String, line: Int, field: String) throws -> PriorityTier {
        guard let t = PriorityTier(name: text.trimmingCharacters(in: .whitespaces)) else {
            throw fail(line, field, "unknown tier '\(text)'; expected one of \(PriorityTier.allCases.map(\.description).joined(separator: ", "))")
        }
        return t
    }

    func kind(_ text: String, line: Int, field: String) throws -> JobKind {
        guard let k = JobKind(name: text.trimmingCharacters(in: .whitespaces)) else {
            throw fail(line, field, "unknown kind '\(text)'; expected one of \(JobKind.allCases.map(\.description).joined(separator: ", "))")
        }
        return k
    }

    func policy(_ text: String, line: Int, field: String) throws -> PriorityPolicy {
        guard let p = PriorityPolicy(rawValue: text.trimmingCharacters(in: .whitespaces)) else {
            throw fail(line, field, "unknown policy '\(text)'; expected one of \(PriorityPolicy.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return p
    }
}
