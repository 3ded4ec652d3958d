import DeliveryScheduling
import DiscreteEvents
import EngineWorkloads
import Foundation
import TechnicianBooking

/// What the desks of a load test or of the HTTP service are built from: how many delivery desks,
/// how many technician desks, and the technician rosters of the scenario's regions.
///
/// Why a value of its own, written as JSON: `jornada serve` reads the scenario (YAML, the journeys
/// model) and hands the server only this, so the nested Serve package (Hummingbird) depends on this
/// module and the engines, not on the scenario reader and the load-test harness, and builds in a
/// fraction of the time. The in-process load test builds its desks from the same value, so both
/// serve the same desks.
public struct DeskLayout: Sendable, Equatable, Codable {
    /// One technician of a roster.
    public struct Technician: Sendable, Equatable, Codable {
        /// A remote specialist (no travel) rather than a field technician.
        public var remote: Bool
        /// Home zone index.
        public var homeZone: Int
        /// The packed skill levels (`SkillLevels.packed`).
        public var skills: UInt32
        /// Shift windows per weekday, Monday first, as [start minute, end minute] pairs.
        public var shift: [[[Int]]]

        /// The technician of `spec`. - Complexity: O(shift windows).
        public init(_ spec: TechnicianSpec) {
            remote = spec.kind == .remote
            homeZone = spec.homeZone
            skills = spec.skills.packed
            shift = spec.shift.windows.map { $0.map { [$0.startMinute, $0.endMinute] } }
        }

        /// The engine's spec. - Complexity: O(shift windows).
        public var spec: TechnicianSpec {
            var levels = SkillLevels()
            levels.packed = skills
            let hours = WeeklyHours(windows: shift.map { $0.map { TimeWindow(from: 0, $0[0], to: 0, $0[1]) } })
            return TechnicianSpec(kind: remote ? .remote : .field, homeZone: homeZone, skills: levels, shift: hours)
        }
    }

    /// One region's roster and zone grid.
    public struct Region: Sendable, Equatable, Codable {
        /// Zones per side of the square grid.
        public var zoneGrid: Int
        /// Travel minutes between neighbouring zones.
        public var zoneMinutes: Int
        /// The roster.
        public var technicians: [Technician]

        /// A region. - Complexity: O(1).
        public init(zoneGrid: Int, zoneMinutes: Int, technicians: [Technician]) {
            self.zoneGrid = zoneGrid; self.zoneMinutes = zoneMinutes; self.technicians = technicians
        }
    }

    /// Delivery desks (one per depot).
    public var deliveryDesks: Int
    /// Technician desks (region shards; shard i serves region i mod regions).
    public var technicianDesks: Int
    /// Seed of the synthetic roster used when no region has technicians.
    public var seed: UInt64
    /// The regions with technicians (may be empty).
    public var regions: [Region]

    /// Most desks of either kind.
    public static let maxDesks = 64
    /// Most technicians over all regions (a national scenario has a few thousand).
    public static let maxTechnicians = 1_000_000
    /// Calendar days of every technician desk.
    public static let calendarDays = 28

    /// A layout. - Complexity: O(1).
    public init(deliveryDesks: Int, technicianDesks: Int, seed: UInt64, regions: [Region]) {
        self.deliveryDesks = deliveryDesks; self.technicianDesks = technicianDesks; self.seed = seed; self.regions = regions
    }

    /// Reads and checks a layout written by `json()`. - Throws: `DeskLayoutError` naming the field.
    /// - Complexity: O(bytes).
    public init(json data: Data) throws(DeskLayoutError) {
        let decoded: DeskLayout
        do { decoded = try JSONDecoder().decode(DeskLayout.self, from: data) } catch {
            throw DeskLayoutError(field: "layout", message: "not a desk layout (\(error))")
        }
        self = decoded
        try check()
    }

    /// The layout as JSON. - Complexity: O(technicians).
    public func json() -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return (try? e.encode(self)) ?? Data()
    }

    /// Every count and index in range, so building the desks cannot trap. - Complexity: O(technicians).
    public func check() throws(DeskLayoutError) {
        guard (1...Self.maxDesks).contains(deliveryDesks) else { throw DeskLayoutError(field: "deliveryDesks", message: "expected 1...\(Self.maxDesks), got \(deliveryDesks)") }
        guard (1...Self.maxDesks).contains(technicianDesks) else { throw DeskLayoutError(field: "technicianDesks", message: "expected 1...\(Self.maxDesks), got \(technicianDesks)") }
        guard regions.reduce(0, { $0 + $1.technicians.count }) <= Self.maxTechnicians else {
            throw DeskLayoutError(field: "regions", message: "at most \(Self.maxTechnicians) technicians in all")
        }
        for (i, r) in regions.enumerated() {
            guard (1...64).contains(r.zoneGrid) else { throw DeskLayoutError(field: "regions[\(i)].zoneGrid", message: "expected 1...64, got \(r.zoneGrid)") }
            guard (0...1440).contains(r.zoneMinutes) else { throw DeskLayoutError(field: "regions[\(i)].zoneMinutes", message: "expected 0...1440, got \(r.zoneMinutes)") }
            for (k, t) in r.technicians.enumerated() {
                let path = "regions[\(i)].technicians[\(k)]"
                guard (0..<(r.zoneGrid * r.zoneGrid)).contains(t.homeZone) else { throw DeskLayoutError(field: path + ".homeZone", message: "outside the zone grid") }
                guard t.shift.count == 7 else { throw DeskLayoutError(field: path + ".shift", message: "expected 7 weekdays, got \(t.shift.count)") }
                for w in t.shift.joined() where w.count != 2 || w[0] < 0 || w[1] > 1440 || w[0] >= w[1] {
                    throw DeskLayoutError(field: path + ".shift", message: "a window must be [start, end] minutes with 0 ≤ start < end ≤ 1440")
                }
            }
        }
    }

    /// The delivery desks: one per depot, on the synthetic depot (queue operations need no trucks).
    /// - Complexity: O(deliveryDesks).
    public func makeDeliveryDesks() -> [DeliveryDesk] {
        DeskWorkload(depots: deliveryDesks, clients: 1, batch: 1, requests: 1, seed: 1).makeDesks().desks
    }

    /// One technician desk's allocator with the roster and zone count its cases are drawn for.
    public struct TechnicianShard: Sendable {
        /// The allocator the desk owns.
        public var allocator: TechnicianAllocator
        /// The roster.
        public var roster: [TechnicianSpec]
        /// Zones of the region.
        public var zones: Int
    }

    /// The technician shards: shard i is a 28-day calendar over region `i mod regions`'s roster (a
    /// 40-technician synthetic roster, 30 % prefilled, when no region has technicians or a roster
    /// cannot be built). - Complexity: O(technicianDesks × technicians × days).
    public func makeTechnicianShards() -> [TechnicianShard] {
        (0..<max(1, technicianDesks)).map { i in
            if !regions.isEmpty {
                let r = regions[i % regions.count]
                let zones = ZoneMap.grid(width: r.zoneGrid, height: r.zoneGrid, minutesPerStep: r.zoneMinutes)
                let roster = r.technicians.map(\.spec)
                if let a = try? TechnicianAllocator(roster: roster, zones: zones, config: AllocatorConfig(days: Self.calendarDays)) {
                    return TechnicianShard(allocator: a, roster: roster, zones: zones.count)
                }
            }
            let region = SyntheticRegion(technicians: 40, days: Self.calendarDays, zoneGrid: 4, seed: seed)
            var a = region.makeAllocator()
            region.prefill(&a, fraction: 0.3, seed: seed)
            return TechnicianShard(allocator: a, roster: region.roster, zones: region.zones.count)
        }
    }

    /// The HTTP service over fresh desks of this layout, guarded by `token` when non-nil.
    /// - Complexity: as `makeDeliveryDesks` plus `makeTechnicianShards`.
    public func makeService(token: String?) throws(DeliverySchedulingError) -> DeskService {
        let technicians = makeTechnicianShards().enumerated().map { TechnicianDesk(region: $0.offset, allocator: $0.element.allocator) }
        return try DeskService(deliveryDesks: makeDeliveryDesks(), technicianDesks: technicians, token: token)
    }
}

/// A desk layout that cannot be used, naming the field.
public struct DeskLayoutError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The field at fault (`regions[0].zoneGrid`).
    public var field: String
    /// What is wrong.
    public var message: String
    /// An error. - Complexity: O(1).
    public init(field: String, message: String) { self.field = field; self.message = message }
    /// `field: message`.
    public var description: String { "\(field): \(message)" }
}
