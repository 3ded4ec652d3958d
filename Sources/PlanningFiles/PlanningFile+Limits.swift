import InputLimits

/// The stated limits of every jobs-file field, checked before any value reaches arithmetic. They are
/// far beyond any real depot-day and small enough that no sum, product or time conversion in the
/// planner can overflow (README, "Limits of input fields").
public enum JobsFileLimits {
    /// The largest jobs file read (4 MiB).
    public static let maxFileBytes = 4 << 20
    /// Coordinates: |x|, |y| ≤ 1,000,000 distance units.
    public static let coordinate: ClosedRange<Double> = -1_000_000...1_000_000
    /// Depot speed: 0.1 … 10,000,000 distance units per hour (so one leg is at most ~10^17 ticks).
    public static let speed: ClosedRange<Double> = 0.1...10_000_000
    /// The planned day: 0 … 3,650 (ten years after day 0).
    public static let day: ClosedRange<Int> = 0...3_650
    /// Times of day (windows, shifts, deadlines): 0 … 7 days after the day's midnight, in seconds
    /// (long Solomon / Gehring–Homberger horizons fit).
    public static let timeOfDaySeconds: ClosedRange<Double> = 0...(7 * 86_400)
    /// Service time: 0 … 24 hours, in seconds.
    public static let serviceSeconds: ClosedRange<Double> = 0...86_400
    /// One job's or one truck's volume per unit (kegs, cases, pallet places): 0 … 1,000,000.
    public static let amount: ClosedRange<Int> = 0...1_000_000
    /// The sum of one unit over all jobs, or over all trucks: at most 1,000,000,000 (below 2^31, so
    /// no load or capacity sum can wrap).
    public static let totalAmount = 1_000_000_000
    /// Identical trucks in one record (`count`): 1 … 1,000.
    public static let vehicleCount: ClosedRange<Int> = 1...1_000
    /// Trucks in the whole file, counts expanded: at most 2,000.
    public static let maxVehicles = 2_000
    /// Jobs in one file: at most 10,000 (day planning grows faster than linearly).
    public static let maxJobs = 10_000
    /// A job's value: 0 … 10^12.
    public static let value: ClosedRange<Int> = 0...1_000_000_000_000
    /// A job's retailer number: 0 … 2^31 − 1.
    public static let retailer: ClosedRange<Int> = 0...Int(Int32.max)
    /// Time windows per job: at most 4 (the engine's `TimeWindowSet`).
    public static let maxWindows = 4
    /// Ids (depot, trucks, jobs): 1 … 128 characters, no control characters, unique within the file.
    public static let maxIDLength = 128
}
