/// A scenario file that cannot be used: the file, the 1-based line, the field path and what was expected.
///
/// Every reader failure is one of these (never a trap): unknown keys, wrong types, values out of their
/// stated limits, cross-field inconsistencies, unreadable or oversized files. Fatal for the run: a
/// scenario with an error is never simulated.
public struct ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file's path as given (or the name passed to `ScenarioFile.parse`).
    public var file: String
    /// The 1-based line of the offending key or value (0 when the whole file is at fault).
    public var line: Int
    /// The field path, e.g. `regions[0].depots[1].vehicles[0].kegs` (empty for the whole document).
    public var field: String
    /// What is wrong and what was expected.
    public var message: String

    /// An error at `file`:`line` in `field`.
    public init(file: String, line: Int, field: String, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    /// `baseline.yaml:14: regions[0].depots[1].vehicles[0].kegs: must be ≥ 0, got -4`; without a line or a
    /// field those parts are left out (`baseline.yaml: cannot read the file`).
    public var description: String {
        var s = file
        if line > 0 { s += ":\(line)" }
        if !field.isEmpty { s += ": \(field)" }
        return s + ": " + message
    }
}
