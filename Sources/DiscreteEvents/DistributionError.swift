/// Why a distribution could not be built: names the distribution, the parameter and what it must satisfy.
public enum DistributionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A numeric parameter out of range, e.g. `exponential: rate must be > 0, got -1.0`.
    case invalidParameter(distribution: String, parameter: String, value: Double, requirement: String)
    /// A list parameter (weights, values, data) that is empty.
    case emptyParameter(distribution: String, parameter: String)
    /// Two list parameters that must have the same length but do not.
    case lengthMismatch(distribution: String, parameter: String, expected: Int, actual: Int)

    /// The distribution's name, as in its constructor.
    public var distribution: String {
        switch self {
        case .invalidParameter(let d, _, _, _), .emptyParameter(let d, _), .lengthMismatch(let d, _, _, _): d
        }
    }

    /// The offending parameter's name (with an index for a list element, e.g. `weights[2]`).
    public var parameter: String {
        switch self {
        case .invalidParameter(_, let p, _, _), .emptyParameter(_, let p), .lengthMismatch(_, let p, _, _): p
        }
    }

    /// One readable line, e.g. `exponential: rate must be > 0, got -1.0`.
    public var description: String {
        switch self {
        case .invalidParameter(let d, let p, let v, let r):
            "\(d): \(p) must be \(r), got \(v)"
        case .emptyParameter(let d, let p):
            "\(d): \(p) must not be empty"
        case .lengthMismatch(let d, let p, let e, let a):
            "\(d): \(p) must have \(e) elements (one per value), got \(a)"
        }
    }
}
