/// Why a statistic could not be built or computed: names the parameter or the missing data.
public enum StatisticsError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A parameter out of range, e.g. `level must be within (0, 1), got 1.5`.
    case invalidParameter(name: String, value: Double, requirement: String)
    /// Too few observations, e.g. a confidence interval from one replication.
    case insufficientData(what: String, needed: Int, actual: Int)
    /// Two histograms with different bucket layouts cannot be merged.
    case layoutMismatch(expected: String, actual: String)

    /// One readable line.
    public var description: String {
        switch self {
        case .invalidParameter(let name, let value, let requirement):
            "\(name) must be \(requirement), got \(value)"
        case .insufficientData(let what, let needed, let actual):
            "\(what) needs at least \(needed) observations, got \(actual)"
        case .layoutMismatch(let expected, let actual):
            "histogram layouts differ: expected \(expected), got \(actual)"
        }
    }
}
