/// A malformed input file: the file, the 1-based line and the field at fault, and what is wrong.
///
/// Every reader of user files (jobs files, scenarios) reports through this one type, so the CLI
/// prints `file:line: field 'name': message` whatever the format.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file's path (as given).
    public var file: String
    /// The 1-based line of the offending record or key (0 when the whole file is at fault).
    public var line: Int
    /// The field path (`jobs[3].windows[0]`, `due`).
    public var field: String
    /// What is wrong.
    public var message: String

    /// An error at `file`:`line` in `field`.
    public init(file: String, line: Int, field: String, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    /// `plan.csv:12: field 'due': expected a number or HH:MM, got 'abc'`; line 0 means the whole file
    /// (`plan.csv: cannot read the file (no such file or not readable)`).
    public var description: String {
        line > 0 ? "\(file):\(line): field '\(field)': \(message)" : "\(file): \(message)"
    }
}

/// Where a value came from: file, line and field path, attached to every limit violation.
public struct FieldLocation: Sendable, Equatable {
    /// The file's path.
    public var file: String
    /// The 1-based line (0 = the whole file).
    public var line: Int
    /// The field path.
    public var field: String

    /// A location in `file` at `line`, field `field`.
    public init(file: String, line: Int, field: String) {
        self.file = file
        self.line = line
        self.field = field
    }

    /// An `InputError` at this location. - Complexity: O(1).
    public func error(_ message: String) -> InputError {
        InputError(file: file, line: line, field: field, message: message)
    }
}
