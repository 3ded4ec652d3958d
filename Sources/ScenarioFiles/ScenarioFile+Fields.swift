import DeliveryScheduling
import DiscreteEvents
import RetailerJourneys
import TechnicianBooking

/// The field tables: one per model struct. Keys are the model's property names; limits are stated here
/// once and enforced by the reader, published by the schema and listed in `Scenarios/README.md`.
enum Fields {
    typealias C = Codecs

    static let maxDays = 3650

    static var scenario: ObjectDecl<Scenario> { ObjectDecl<Scenario>("scenario", "A whole scenario: horizon, seed, calendar, segments, regions, journeys, policies, disruptions.", [
        Field("name", "A short name, used in result paths (default: the file name without extension).", \.name, C.text(maxLength: 80, identifier: true)),
        Field("seed", "The scenario seed: every random stream derives from (seed, region, entity, purpose).", \.seed, C.seed),
        Field("days", "Simulated days (day 0 is a Monday).", \.days, C.integer(1, maxDays)),
        Field("warmUpDays", "Days at the start whose outcomes are not counted in the KPIs (must be < days).", \.warmUpDays, C.integer(0, maxDays - 1)),
        Field("calendar", "The brewer's business calendar (SLA clocks, technician offers, sales-rep visits).", \.calendar, object: calendar),
        Segments.field,
        Field("regions", "The regions simulated (at least one; each independent between daily barriers).", \.regions,
              region.list(blank: { RegionSpec(name: "", retailers: 0, depots: []) }, minItems: 1, maxItems: 100, what: "regions", one: "region"),
              required: true),
        Field("journeys", "Journey parameters.", \.journeys, object: journeys),
        Field("policies", "Engine policies.", \.policies, object: policies),
        Field("serviceDesk", "The customer-service desk (seed 002) and journeys 5, 6 and 8.", \.serviceDesk, object: serviceDesk),
        Disruptions.field,
        Field("loadTest", "Defaults for `jornada loadtest` on this scenario (thresholds, rate, duration); not read by the simulation, and left out of the resolved form when empty.",
              \.loadTest, object: loadTest).omitted { $0.loadTest.isEmpty },
    ], check: Validation.scenario) }

    static var loadTest: ObjectDecl<LoadTestDefaults> { ObjectDecl<LoadTestDefaults>("loadTest", "What `jornada loadtest` checks and uses by default; --threshold adds conditions, --rate and --duration override.", [
        Field("thresholds", "Conditions that must all hold, e.g. [\"p99<2ms\", \"errors==0\"] (metrics p50, p90, p99, p99.9, max with a unit ns/us/ms/s; errors, dropped, late; achievedRate).",
              \.thresholds, C.thresholds(maxItems: 50)),
        Field("rate", "Offered requests per second when --rate is not given (null: --rate is required).", \.rate, C.optional(C.number(1, 1e9))),
        Field("durationSeconds", "Run length in seconds when --duration is not given (null: --duration is required).", \.durationSeconds, C.optional(C.number(0.001, 3600))),
    ]) }

    static var calendar: ObjectDecl<CalendarSpec> { ObjectDecl<CalendarSpec>("calendar", "Business hours per weekday and holidays.", [
        Field("hours", "Business hours per weekday (days not named are closed).", \.hours, C.weekHours),
        Field("holidays", "Holidays as 0-based day numbers of the run (inside the horizon).", \.holidays, C.integers(0, maxDays - 1, maxItems: maxDays)),
    ], check: Validation.calendar) }

    static var region: ObjectDecl<RegionSpec> { ObjectDecl<RegionSpec>("region", "One region: its area, zones, depots, technicians, sales reps and retailers.", [
        Field("name", "The region's name (unique; disruptions refer to it).", \.name, C.text(), required: true),
        Field("retailers", "Retailers in the region (split over segments by share).", \.retailers, C.integer(0, 10_000_000), required: true),
        Field("size", "Width and height of the square area, in km.", \.size, C.number(0.1, 10_000)),
        Field("townShare", "Share of retailers placed around towns (the rest uniformly).", \.townShare, C.probability),
        Field("towns", "Number of towns (placed at random in the area).", \.towns, C.integer(0, 10_000)),
        Field("zoneGrid", "Zones per side: the area is a zoneGrid × zoneGrid grid of technician zones.", \.zoneGrid, C.integer(1, 64)),
        Field("zoneTravelMinutes", "Technician travel minutes between neighbouring zones.", \.zoneTravelMinutes, C.integer(0, 1440)),
        Field("salesRepVisitsPerDay", "Sales-rep visits per business day in the region.", \.salesRepVisitsPerDay, C.integer(0, 100_000)),
        Field("depots", "Depots (at least one, inside the region's square).", \.depots,
              depot.list(blank: { DepotSpec(name: "", x: 0, y: 0, vehicles: []) }, minItems: 1, maxItems: 100, what: "depots", one: "depot (a region without a depot cannot deliver)"),
              required: true),
        Field("technicians", "Technician rosters.", \.technicians,
              technicians.list(blank: { TechnicianGroupSpec(name: "", count: 0) }, minItems: 0, maxItems: 1000, what: "technician groups")),
    ], check: Validation.region) }

    static var depot: ObjectDecl<DepotSpec> { ObjectDecl<DepotSpec>("depot", "A depot: location, truck speed, daily cut-off and fleet.", [
        Field("name", "The depot's name (unique in its region; disruptions refer to it).", \.name, C.text(), required: true),
        Field("x", "Location in km from the region's west edge (0…size).", \.x, C.number(0, 10_000), required: true),
        Field("y", "Location in km from the region's south edge (0…size).", \.y, C.number(0, 10_000), required: true),
        Field("speed", "Truck speed in km/h.", \.speed, C.number(1, 200)),
        Field("cutoff", "The daily order cut-off: orders received by then are planned for the next day.", \.cutoff, C.timeOfDay(maxMinute: 1439)),
        Field("workingDays", "Days of the week the depot plans and dispatches.", \.workingDays, C.weekdays),
        Field("vehicles", "Fleet groups (at least one truck in all).", \.vehicles,
              vehicles.list(blank: { VehicleGroupSpec(name: "", count: 0, kegs: 0, cases: 0) }, minItems: 1, maxItems: 100, what: "vehicle groups", one: "vehicle group"),
              required: true),
    ], check: Validation.depot) }

    static var vehicles: ObjectDecl<VehicleGroupSpec> { ObjectDecl<VehicleGroupSpec>("vehicleGroup", "`count` identical trucks.", [
        Field("name", "Name prefix (T → T1, T2, …); unique in its depot.", \.name, C.text(), required: true),
        Field("count", "Trucks in the group.", \.count, C.integer(0, 10_000), required: true),
        Field("perThousandRetailers", "More trucks per 1,000 retailers of the depot's catchment (its nearest retailers), rounded.",
              \.perThousandRetailers, C.number(0, 100)).omitted { $0.perThousandRetailers == 0 },
        Field("kegs", "Keg capacity of one truck.", \.kegs, C.integer(0, 100_000), required: true),
        Field("cases", "Case capacity of one truck.", \.cases, C.integer(0, 100_000), required: true),
        Field("pallets", "Pallet-place capacity of one truck.", \.pallets, C.integer(0, 100_000)),
        Field("shift", "Shift, e.g. 07:00-17:00.", \.shift, C.window),
        Field("costPerKm", "Cost per km in euros (cost KPIs).", \.costPerKm, C.number(0, 1_000_000)),
        Field("costPerHour", "Cost per truck-hour in euros.", \.costPerHour, C.number(0, 1_000_000)),
    ]) }

    static let skillNames: [(String, Skill)] = [("draughtSystems", .draughtSystems), ("coffeeMachines", .coffeeMachines),
                                                ("refrigeration", .refrigeration), ("installation", .installation)]

    static var technicians: ObjectDecl<TechnicianGroupSpec> { ObjectDecl<TechnicianGroupSpec>("technicianGroup", "`count` technicians with the same skills and shift.", [
        Field("name", "Group name (unique in its region).", \.name, C.text(), required: true),
        Field("count", "Technicians in the group.", \.count, C.integer(0, 100_000), required: true),
        Field("kind", "field (travels to outlets) or remote (first-line video specialists).", \.kind, C.choice([("field", ResourceKind.field), ("remote", .remote)])),
        Field("skills", "Skill levels 1–5 (0 or absent: not held).", \.skills, C.levels(skillNames, max: 5)),
        Field("zone", "Home zone index, 0 … zoneGrid²−1 (null: spread round-robin over the zones).", \.zone, C.optional(C.integer(0, 4095))),
        Field("shift", "Shift per weekday.", \.shift, C.weekHours),
        Field("costPerHour", "Cost per technician-hour in euros.", \.costPerHour, C.number(0, 1_000_000)),
    ], check: Validation.technicians) }

    static var policies: ObjectDecl<EnginePolicies> { ObjectDecl<EnginePolicies>("policies", "How the scheduler orders jobs and how offers are ranked.", [
        Field("delivery", "Delivery in-tier policy.", \.deliveryPolicy, C.choice(PriorityPolicy.allCases.map { ($0.rawValue, $0) })),
        Field("planningEvaluations", "Local-search budget per depot-day in move evaluations (0 = insertion only).", \.planningEvaluations, C.integer(0, 1_000_000_000)),
        Field("largeDayStops", "A depot-day of more stops than this inserts each stop next to its nearest routed stops (O(k) a stop, not O(positions); at least 1,000, the size of a sector).",
              \.largeDayStops, C.integer(1_000, 1_000_000_000)).omitted { $0.largeDayStops == PlanOptions.fast.largeDayStops },
        Field("technicians", "Technician offer ranking.", \.technicianPolicy,
              C.choice([("earliest", RankingPolicy.earliest), ("least-travel", .leastTravel), ("same-technician", .sameTechnician), ("balanced-load", .balancedLoad)])),
        Field("offersShown", "Offers shown to a retailer.", \.offersShown, C.integer(1, 100)),
    ]) }
}
