import DeliveryScheduling
import DiscreteEvents
import TechnicianBooking

/// A whole scenario, resolved: every default filled in and every value validated by the reader
/// (`ScenarioFiles`). The simulation reads it and nothing else; the same scenario and seed give the
/// same result.
///
/// Model shape: the scenario is data (this type), a `RegionModel` is state plus handlers, and a run
/// (`ScenarioRun`) is the loop, the daily barrier and the result — three activities, three types.
public struct Scenario: Sendable, Equatable {
    /// A short name (file stem), used in result paths.
    public var name: String = "scenario"
    /// The scenario seed: every random stream derives from (seed, region, entity, purpose).
    public var seed: UInt64 = 1
    /// Simulated days (day 0 is a Monday).
    public var days: Int = 90
    /// Days at the start whose outcomes are not counted in the KPIs (the system fills up).
    public var warmUpDays: Int = 0
    /// The brewer's business calendar (SLA clocks, technician offers, sales-rep visits).
    public var calendar: CalendarSpec = CalendarSpec()
    /// Retailer segments: profiles and shares of the population.
    public var segments: [SegmentSpec] = SegmentSpec.defaults
    /// The regions simulated (each independent between daily barriers).
    public var regions: [RegionSpec] = []
    /// Journey parameters.
    public var journeys: JourneyParameters = JourneyParameters()
    /// Engine policies.
    public var policies: EnginePolicies = EnginePolicies()
    /// The customer-service desk (seed 002) and journeys 5, 6 and 8.
    public var serviceDesk: ServiceDeskSpec = ServiceDeskSpec()
    /// Disruptions: breakdowns, absences, a bad batch, a demand peak, a closed depot.
    public var disruptions: [Disruption] = []
    /// Defaults for `jornada loadtest` on this scenario (thresholds, rate, duration); the simulation
    /// never reads them.
    public var loadTest: LoadTestDefaults = LoadTestDefaults()

    /// An empty scenario with defaults (add at least one region). - Complexity: O(1).
    public init() {}

    /// Total retailers over all regions.
    public var retailerCount: Int { regions.reduce(0) { $0 + $1.retailers } }
}

/// The brewer's business calendar: opening hours per weekday and holidays (day numbers).
public struct CalendarSpec: Sendable, Equatable {
    /// Business hours per weekday (default Monday–Friday 08:00–18:00).
    public var hours: WeekHours = .weekdays([DayWindow(hours: 8, 18)])
    /// Holidays as 0-based day numbers of the run.
    public var holidays: [Int] = []
    /// Defaults. - Complexity: O(1).
    public init() {}

    /// The kernel calendar. - Throws: `BusinessCalendarError` for overlapping or out-of-day windows.
    /// - Complexity: O(windows + holidays).
    public func businessCalendar() throws(BusinessCalendarError) -> BusinessCalendar {
        var map: [Weekday: [OpeningHours]] = [:]
        for wd in Weekday.allCases {
            map[wd] = hours.windows(wd).map { OpeningHours(from: $0.start, to: $0.end) }
        }
        return try BusinessCalendar(openingHours: map, holidays: holidays)
    }
}

/// The retailer segments of the brewer's market.
public enum SegmentKind: String, Sendable, CaseIterable, Hashable {
    /// Coffee shop (on-trade).
    case cafe
    /// Bar (on-trade).
    case bar
    /// Restaurant (on-trade).
    case restaurant
    /// Shop (off-trade).
    case shop
    /// Distributor (wholesale).
    case distributor
    /// Importer (wholesale).
    case importer
}

/// The ordering channels.
public enum OrderChannel: String, Sendable, CaseIterable, Hashable {
    /// Self-service web portal.
    case portal
    /// Mobile app.
    case app
    /// WhatsApp.
    case whatsapp
    /// Phone call to the call centre.
    case phone
    /// Through the sales rep on a visit.
    case salesRep
}

/// One segment's profile; the population of a region is split by `share`.
public struct SegmentSpec: Sendable, Equatable {
    /// Which segment.
    public var kind: SegmentKind
    /// Relative weight in the population (shares are normalised over segments).
    public var share: Double
    /// Kegs consumed per open day (a random rate per retailer, drawn once at generation).
    public var kegsPerDay: Distribution
    /// Cases consumed per open day (drawn once per retailer).
    public var casesPerDay: Distribution
    /// Consumption factor per weekday (Monday first; 0 on a closed day).
    public var weekdayFactor: [Double]
    /// Seasonality: consumption × (1 + amplitude·cos(2π(day − peakDay)/365)).
    public var seasonAmplitude: Double
    /// The day of the year with the highest consumption (0 = the run's first day).
    public var seasonPeakDay: Int
    /// Windows in which the outlet receives deliveries, per weekday.
    public var deliveryHours: WeekHours
    /// Order channel weights.
    public var channelMix: [OrderChannel: Double]
    /// Credit limit in euros (drawn once per retailer).
    public var creditLimit: Distribution
    /// Payment terms (days after invoicing).
    public var paymentTermDays: Int
    /// Share of retailers who pay late (their invoices become overdue, which blocks new orders).
    public var latePayerShare: Double
    /// Share of retailers with draught equipment installed (the rest buy bottles and cans only).
    public var draughtShare: Double
    /// Share of retailers who use the digital channels (alerts, self-diagnosis, self-service).
    public var digitalAdoption: Double
    /// Value of one keg in euros (order value, customer-value priority, credits).
    public var kegValue: Double
    /// Value of one case in euros.
    public var caseValue: Double

    /// A segment profile. - Complexity: O(1).
    public init(kind: SegmentKind, share: Double, kegsPerDay: Distribution, casesPerDay: Distribution,
                weekdayFactor: [Double] = [1, 1, 1, 1.1, 1.3, 1.4, 0.8], seasonAmplitude: Double = 0.25,
                seasonPeakDay: Int = 200, deliveryHours: WeekHours = .mondayToSaturday([DayWindow(hours: 8, 12), DayWindow(hours: 14, 17)]),
                channelMix: [OrderChannel: Double] = [.portal: 0.35, .app: 0.2, .whatsapp: 0.15, .phone: 0.2, .salesRep: 0.1],
                creditLimit: Distribution, paymentTermDays: Int = 30, latePayerShare: Double = 0.05,
                draughtShare: Double, digitalAdoption: Double = 0.6, kegValue: Double = 90, caseValue: Double = 18) {
        self.kind = kind; self.share = share; self.kegsPerDay = kegsPerDay; self.casesPerDay = casesPerDay
        self.weekdayFactor = weekdayFactor; self.seasonAmplitude = seasonAmplitude; self.seasonPeakDay = seasonPeakDay
        self.deliveryHours = deliveryHours; self.channelMix = channelMix; self.creditLimit = creditLimit
        self.paymentTermDays = paymentTermDays; self.latePayerShare = latePayerShare; self.draughtShare = draughtShare
        self.digitalAdoption = digitalAdoption; self.kegValue = kegValue; self.caseValue = caseValue
    }

    /// The built-in profiles: café, bar, restaurant, shop, distributor (importers off by default).
    public static var defaults: [SegmentSpec] {
        func g(_ mean: Double, _ sd: Double) -> Distribution { (try? .gamma(shape: (mean / sd) * (mean / sd), scale: sd * sd / mean)) ?? .zero }
        return [
            SegmentSpec(kind: .cafe, share: 0.40, kegsPerDay: g(0.35, 0.15), casesPerDay: g(1.0, 0.5),
                        creditLimit: g(3000, 1000), draughtShare: 0.6),
            SegmentSpec(kind: .bar, share: 0.25, kegsPerDay: g(0.8, 0.3), casesPerDay: g(1.5, 0.6),
                        weekdayFactor: [0.8, 0.8, 0.9, 1.1, 1.5, 1.7, 1.0],
                        deliveryHours: .mondayToSaturday([DayWindow(hours: 10, 13), DayWindow(hours: 15, 18)]),
                        creditLimit: g(5000, 1500), draughtShare: 0.85),
            SegmentSpec(kind: .restaurant, share: 0.20, kegsPerDay: g(0.5, 0.2), casesPerDay: g(2.0, 0.8),
                        deliveryHours: .mondayToSaturday([DayWindow(hours: 9, 11), DayWindow(hours: 15, 18)]),
                        creditLimit: g(6000, 2000), draughtShare: 0.5),
            SegmentSpec(kind: .shop, share: 0.12, kegsPerDay: .zero, casesPerDay: g(4.0, 1.5),
                        weekdayFactor: [1, 1, 1, 1, 1.2, 1.4, 0.6],
                        deliveryHours: .mondayToSaturday([DayWindow(hours: 8, 13)]),
                        creditLimit: g(4000, 1500), draughtShare: 0, digitalAdoption: 0.7),
            SegmentSpec(kind: .distributor, share: 0.03, kegsPerDay: g(4.0, 1.5), casesPerDay: g(20, 6),
                        weekdayFactor: [1, 1, 1, 1, 1, 0.5, 0],
                        deliveryHours: .weekdays([DayWindow(hours: 7, 16)]),
                        creditLimit: g(40000, 10000), paymentTermDays: 60, draughtShare: 0, digitalAdoption: 0.9),
        ]
    }
}

/// One region: its area, zones, depots, technicians, sales reps and retailers.
public struct RegionSpec: Sendable, Equatable {
    /// The region's name.
    public var name: String
    /// Retailers in the region (split over segments by share).
    public var retailers: Int
    /// Width and height of the square area, in km (retailers are placed uniformly, with towns).
    public var size: Double = 60
    /// Town centres that attract retailers: a share of them is placed around towns, the rest uniformly.
    public var townShare: Double = 0.6
    /// Number of towns (placed at random in the area).
    public var towns: Int = 6
    /// Zones per side: the area is a `zoneGrid × zoneGrid` grid of technician zones.
    public var zoneGrid: Int = 4
    /// Technician travel minutes between neighbouring zones (Manhattan steps).
    public var zoneTravelMinutes: Int = 20
    /// Depots (at least one).
    public var depots: [DepotSpec]
    /// Technician rosters.
    public var technicians: [TechnicianGroupSpec] = []
    /// Sales-rep visits per business day in the region (first visits of onboarding).
    public var salesRepVisitsPerDay: Int = 10
    /// A region. - Complexity: O(1).
    public init(name: String, retailers: Int, depots: [DepotSpec]) {
        self.name = name; self.retailers = retailers; self.depots = depots
    }
}

/// A depot: location, speed, daily cut-off and fleet.
public struct DepotSpec: Sendable, Equatable {
    /// The depot's name.
    public var name: String
    /// Location in km inside the region's square.
    public var x: Double
    /// Location in km.
    public var y: Double
    /// Truck speed in km/h.
    public var speed: Double = 40
    /// The daily order cut-off: orders received by then are planned for the next day.
    public var cutoff: MinuteOfDay = 16 * 60
    /// Days of the week the depot plans and dispatches (Monday first).
    public var workingDays: [Bool] = [true, true, true, true, true, true, false]
    /// Fleet groups.
    public var vehicles: [VehicleGroupSpec]
    /// A depot. - Complexity: O(1).
    public init(name: String, x: Double, y: Double, vehicles: [VehicleGroupSpec]) {
        self.name = name; self.x = x; self.y = y; self.vehicles = vehicles
    }
}

/// `count` identical trucks.
public struct VehicleGroupSpec: Sendable, Equatable {
    /// Name prefix (`T` → `T1`, `T2`, …).
    public var name: String
    /// Trucks in the group.
    public var count: Int
    /// More trucks per 1,000 retailers of the depot's catchment (the retailers nearest to it), rounded:
    /// the fleet follows where the outlets are, not where the depot grid put them.
    public var perThousandRetailers: Double = 0
    /// Keg capacity.
    public var kegs: Int
    /// Case capacity.
    public var cases: Int
    /// Pallet-place capacity.
    public var pallets: Int = 0
    /// Shift, e.g. `07:00-17:00`.
    public var shift: DayWindow = DayWindow(hours: 7, 17)
    /// Cost per km (euros), for the cost KPIs.
    public var costPerKm: Double = 0.9
    /// Cost per truck-hour (euros).
    public var costPerHour: Double = 28
    /// A fleet group. - Complexity: O(1).
    public init(name: String, count: Int, kegs: Int, cases: Int) {
        self.name = name; self.count = count; self.kegs = kegs; self.cases = cases
    }

    /// The trucks of the group at a depot of `catchment` retailers: `count` plus `perThousandRetailers`
    /// per 1,000 of them, rounded half away from zero. - Complexity: O(1).
    public func trucks(catchment: Int) -> Int {
        count + Int((Double(catchment) / 1000 * perThousandRetailers).rounded())
    }
}

/// `count` technicians with the same skills and shift; spread over zones round-robin unless `zone` is set.
public struct TechnicianGroupSpec: Sendable, Equatable {
    /// Group name.
    public var name: String
    /// Technicians in the group.
    public var count: Int
    /// Field technicians (travel between zones) or remote first-line specialists (video calls).
    public var kind: ResourceKind = .field
    /// Skill levels 1–5 per skill (absent: 0, not held).
    public var skills: [Skill: Int] = [.draughtSystems: 3, .installation: 3, .refrigeration: 2]
    /// Home zone (nil: spread round-robin over the region's zones).
    public var zone: Int?
    /// Shift per weekday.
    public var shift: WeekHours = .weekdays([DayWindow(hours: 8, 17)])
    /// Overtime allowed in hours per week (reported as a cost; the allocator books within shifts).
    public var costPerHour: Double = 35
    /// A roster group. - Complexity: O(1).
    public init(name: String, count: Int) { self.name = name; self.count = count }
}

/// Engine policies: how the scheduler orders jobs and how offers are ranked.
public struct EnginePolicies: Sendable, Equatable {
    /// Delivery in-tier policy.
    public var deliveryPolicy: PriorityPolicy = .earliestDeadline
    /// Local-search budget per depot-day (move evaluations; 0 = insertion only).
    public var planningEvaluations: Int = 200_000
    /// A depot-day of more stops than this is planned the large-day way (`PlanOptions.largeDayStops`:
    /// each stop inserted next to its nearest routed stops, O(k) a stop instead of O(positions)).
    public var largeDayStops: Int = PlanOptions.fast.largeDayStops
    /// Technician offer ranking.
    public var technicianPolicy: RankingPolicy = .earliest
    /// Offers shown to a retailer.
    public var offersShown: Int = 3
    /// Defaults. - Complexity: O(1).
    public init() {}
}

/// The scenario's defaults for `jornada loadtest`: the conditions a run must meet and, optionally,
/// the rate and duration it uses when the command line names none. Flags override the rate and the
/// duration and add thresholds.
public struct LoadTestDefaults: Sendable, Equatable {
    /// Threshold expressions (`p99<2ms`, `errors==0`), all of which must hold.
    public var thresholds: [String] = []
    /// Offered requests per second, or nil (the command line must give `--rate`).
    public var rate: Double?
    /// Run length in seconds, or nil (the command line must give `--duration`).
    public var durationSeconds: Double?

    /// No thresholds, no rate, no duration. - Complexity: O(1).
    public init() {}

    /// Whether nothing is set (the resolved form then leaves the block out). - Complexity: O(1).
    public var isEmpty: Bool { thresholds.isEmpty && rate == nil && durationSeconds == nil }
}
