import DiscreteEvents

/// A technical skill a technician can hold at a level 1…5.
public enum Skill: Int, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    /// Draught beer systems (taps, coolers, lines).
    case draughtSystems = 0
    /// Coffee machines.
    case coffeeMachines
    /// Refrigeration (fridges, cold rooms).
    case refrigeration
    /// New equipment installation.
    case installation

    /// Number of skills.
    public static let count = 4

    /// Human name, e.g. `draught systems`.
    public var description: String {
        switch self {
        case .draughtSystems: "draught systems"
        case .coffeeMachines: "coffee machines"
        case .refrigeration: "refrigeration"
        case .installation: "installation"
        }
    }
}

/// Which pool a resource belongs to: field technicians visit, remote specialists call (video possible).
public enum ResourceKind: Int, CaseIterable, Sendable, Hashable {
    /// A field technician who travels to the outlet.
    case field = 0
    /// A first-line remote specialist (phone or video), no travel.
    case remote
}

/// A technician's skill levels, packed: level 0 means "does not have the skill".
@frozen
public struct SkillLevels: Hashable, Sendable {
    /// Four 8-bit levels, skill `s` at bits `8s ..< 8s+8`.
    public var packed: UInt32

    /// No skills. - Complexity: O(1).
    @inlinable public init() { packed = 0 }

    /// The given (skill, level) pairs; levels are clamped to 0…5. - Complexity: O(pairs).
    public init(_ pairs: [(Skill, Int)]) {
        packed = 0
        for (s, l) in pairs { self[s] = l }
    }

    /// The level of `skill` (0 when absent). - Complexity: O(1).
    @inlinable
    public subscript(skill: Skill) -> Int {
        get { Int((packed >> UInt32(skill.rawValue * 8)) & 0xFF) }
        set {
            let shift = UInt32(skill.rawValue * 8)
            packed = (packed & ~(0xFF << shift)) | (UInt32(max(0, min(5, newValue))) << shift)
        }
    }
}

/// One technician or specialist as given to the allocator.
public struct TechnicianSpec: Hashable, Sendable {
    /// Field technician or remote specialist.
    public var kind: ResourceKind
    /// Home zone (index into the zone map); ignored for remote specialists.
    public var homeZone: Int
    /// Skills and levels.
    public var skills: SkillLevels
    /// Regular weekly shift.
    public var shift: WeeklyHours

    /// A technician spec. - Complexity: O(1).
    public init(kind: ResourceKind = .field, homeZone: Int, skills: SkillLevels, shift: WeeklyHours) {
        self.kind = kind; self.homeZone = homeZone; self.skills = skills; self.shift = shift
    }
}

/// Travel times between zones, in minutes (a square matrix, row = from).
public struct ZoneMap: Hashable, Sendable {
    /// Number of zones.
    public let count: Int
    /// Row-major travel minutes.
    public let travelMinutes: [Int]

    /// A map from a square matrix of travel minutes.
    ///
    /// - Throws: `AllocatorError.invalidParameter` when the matrix is not square or has a negative entry.
    /// - Complexity: O(zones²).
    public init(travelMinutes rows: [[Int]]) throws(AllocatorError) {
        guard !rows.isEmpty else { throw .invalidParameter(name: "zones", message: "need at least one zone") }
        for (i, r) in rows.enumerated() {
            guard r.count == rows.count else {
                throw .invalidParameter(name: "travelMinutes[\(i)]", message: "must have \(rows.count) entries, got \(r.count)")
            }
            if let j = r.firstIndex(where: { $0 < 0 }) {
                throw .invalidParameter(name: "travelMinutes[\(i)][\(j)]", message: "must be ≥ 0, got \(r[j])")
            }
        }
        count = rows.count
        travelMinutes = rows.flatMap { $0 }
    }

    /// Zones on a `width × height` grid; travel is `minutesPerStep` per Manhattan step. - Complexity: O(zones²).
    public static func grid(width: Int, height: Int, minutesPerStep: Int) -> ZoneMap {
        let n = max(1, width * height)
        let rows: [[Int]] = (0..<n).map { a in
            (0..<n).map { b in (abs(a % width - b % width) + abs(a / width - b / width)) * minutesPerStep }
        }
        return try! ZoneMap(travelMinutes: rows)
    }

    /// Minutes from zone `a` to zone `b`. - Complexity: O(1).
    @inlinable public func minutes(from a: Int, to b: Int) -> Int { travelMinutes[a * count + b] }
}
