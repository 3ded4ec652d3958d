import DeskService

extension DeskLayout {
    /// The desks of `profile`: its depots and one technician shard per region with technicians, or
    /// `desks` of each when given. - Complexity: O(technicians).
    public init(_ profile: LoadProfile, desks: Int? = nil) {
        let regions = zip(profile.rosters, profile.zoneGrids).map { roster, grid in
            Region(zoneGrid: grid.width, zoneMinutes: grid.minutes, technicians: roster.map(Technician.init))
        }
        self.init(deliveryDesks: desks ?? profile.depots, technicianDesks: desks ?? max(1, profile.rosters.count),
                  seed: profile.seed, regions: regions)
    }
}
