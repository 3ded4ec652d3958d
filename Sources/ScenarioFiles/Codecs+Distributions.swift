import DiscreteEvents
import RetailerJourneys
import Yams

/// A unit a duration is written in: `90m`, `2h`, `3d`, `45s`, `48bh` (business hours on the scenario calendar).
enum DurationUnit: String, CaseIterable {
    case microseconds = "us", milliseconds = "ms", seconds = "s", minutes = "m", hours = "h", days = "d"
    case businessMinutes = "bm", businessHours = "bh"

    /// One unit as a kernel duration.
    var duration: SimDuration {
        switch self {
        case .microseconds: .microseconds(1)
        case .milliseconds: .milliseconds(1)
        case .seconds: .seconds(1)
        case .minutes, .businessMinutes: .minutes(1)
        case .hours, .businessHours: .hours(1)
        case .days: .days(1)
        }
    }
    /// Whether it counts business time.
    var business: Bool { self == .businessMinutes || self == .businessHours }

    /// For messages and docs.
    static let accepted = "s, m, h, d, bh (business hours), bm (business minutes), ms, us"

    /// The unit matching a stored (unit, business time) pair.
    static func matching(_ unit: SimDuration, business: Bool) -> DurationUnit? {
        allCases.first { $0.duration == unit && $0.business == business }
    }
}

/// The distributions a file can name, with their parameters: the same table reads files, writes the
/// resolved form and generates the schema.
enum DistributionForms {
    /// How a parameter's number is read.
    enum Role: Sendable {
        /// In the value's space: a duration with a unit, or a plain quantity.
        case value
        /// A plain number whatever the space (shape, probability, log-scale sigma).
        case pure
        /// A whole number ≥ 1 (erlang's shape).
        case count
        /// A log-scale location (lognormal mu): plain, with `unit` giving the scale of a duration.
        case logLocation
    }
    struct Param: Sendable {
        let key: String
        let role: Role
        let doc: String
    }
    struct Form: Sendable {
        let name: String
        let doc: String
        /// Alternative parameter sets (lognormal: mean/sd or mu/sigma).
        let shapes: [[Param]]
        /// Whether durations may use it (bernoulli is for quantities only).
        let forDurations: Bool
    }

    static let forms: [Form] = [
        Form(name: "uniform", doc: "uniform on [min, max)", shapes: [[.init(key: "min", role: .value, doc: "lower bound"), .init(key: "max", role: .value, doc: "upper bound (> min)")]], forDurations: true),
        Form(name: "exponential", doc: "exponential with the given mean", shapes: [[.init(key: "mean", role: .value, doc: "mean (> 0)")]], forDurations: true),
        Form(name: "normal", doc: "normal (negative durations count as zero)", shapes: [[.init(key: "mean", role: .value, doc: "mean"), .init(key: "sd", role: .value, doc: "standard deviation (> 0)")]], forDurations: true),
        Form(name: "lognormal", doc: "lognormal by its mean and sd, or by log-scale mu and sigma (with `unit` for durations)",
             shapes: [[.init(key: "mean", role: .value, doc: "mean (> 0)"), .init(key: "sd", role: .value, doc: "standard deviation (> 0)")],
                      [.init(key: "mu", role: .logLocation, doc: "log-scale location"), .init(key: "sigma", role: .pure, doc: "log-scale spread (> 0)")]],
             forDurations: true),
        Form(name: "gamma", doc: "gamma with shape k and scale θ (mean kθ)", shapes: [[.init(key: "shape", role: .pure, doc: "shape (> 0)"), .init(key: "scale", role: .value, doc: "scale (> 0)")]], forDurations: true),
        Form(name: "erlang", doc: "the sum of `shape` exponentials of mean `scale`", shapes: [[.init(key: "shape", role: .count, doc: "phases (whole, ≥ 1)"), .init(key: "scale", role: .value, doc: "mean of one phase (> 0)")]], forDurations: true),
        Form(name: "weibull", doc: "Weibull with shape k and scale λ", shapes: [[.init(key: "shape", role: .pure, doc: "shape (> 0)"), .init(key: "scale", role: .value, doc: "scale (> 0)")]], forDurations: true),
        Form(name: "triangular", doc: "triangular on [min, max] with a mode", shapes: [[.init(key: "min", role: .value, doc: "lower bound"), .init(key: "mode", role: .value, doc: "most likely value"), .init(key: "max", role: .value, doc: "upper bound (> min)")]], forDurations: true),
        Form(name: "poisson", doc: "Poisson with the given mean (whole numbers of the unit)", shapes: [[.init(key: "mean", role: .value, doc: "mean (≥ 0)")]], forDurations: true),
        Form(name: "bernoulli", doc: "1 with the given probability, else 0", shapes: [[.init(key: "probability", role: .pure, doc: "probability of 1")]], forDurations: false),
    ]

    /// Every top-level key of a distribution mapping.
    static func names(durations: Bool) -> [String] {
        ["constant"] + forms.filter { !durations || $0.forDurations }.map(\.name) + ["discrete", "empirical"]
    }
}
