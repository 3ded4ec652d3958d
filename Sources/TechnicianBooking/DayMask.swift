import DiscreteEvents

/// One day of slots as a 128-bit set (bit `i` is slot `i` of the day); at 15-minute slots a day is 96 bits.
///
/// All operations are a handful of word instructions and never allocate.
@frozen
public struct DayMask: Hashable, Sendable {
    /// Slots 0–63.
    public var lo: UInt64
    /// Slots 64–127.
    public var hi: UInt64

    /// A mask from its two words. - Complexity: O(1).
    @inlinable public init(lo: UInt64, hi: UInt64) { self.lo = lo; self.hi = hi }

    /// The empty mask.
    public static let empty = DayMask(lo: 0, hi: 0)
    /// Every one of the 128 bits set.
    public static let all = DayMask(lo: ~0, hi: ~0)

    /// The slots `slots.lowerBound ..< slots.upperBound`, clamped to 0…128. - Complexity: O(1).
    @inlinable
    public init(slots: Range<Int>) {
        let a = DayMask.below(slots.lowerBound), b = DayMask.below(slots.upperBound)
        self.init(lo: b.lo & ~a.lo, hi: b.hi & ~a.hi)
    }

    /// The slots `0 ..< n`, clamped to 0…128. - Complexity: O(1).
    @inlinable
    public static func below(_ n: Int) -> DayMask {
        if n <= 0 { return .empty }
        if n >= 128 { return .all }
        if n < 64 { return DayMask(lo: (1 &<< UInt64(n)) &- 1, hi: 0) }
        if n == 64 { return DayMask(lo: ~0, hi: 0) }
        return DayMask(lo: ~0, hi: (1 &<< UInt64(n - 64)) &- 1)
    }

    /// Whether no slot is set. - Complexity: O(1).
    @inlinable public var isEmpty: Bool { (lo | hi) == 0 }
    /// The number of set slots. - Complexity: O(1).
    @inlinable public var count: Int { lo.nonzeroBitCount + hi.nonzeroBitCount }
    /// The lowest set slot, or 128 when empty. - Complexity: O(1).
    @inlinable public var first: Int { lo != 0 ? lo.trailingZeroBitCount : 64 + hi.trailingZeroBitCount }

    /// Whether slot `i` is set. - Complexity: O(1).
    @inlinable public func contains(_ i: Int) -> Bool {
        i < 64 ? (lo >> UInt64(i)) & 1 == 1 : (hi >> UInt64(i - 64)) & 1 == 1
    }
    /// Whether every slot of `other` is set here. - Complexity: O(1).
    @inlinable public func isSuperset(of other: DayMask) -> Bool { (other.lo & ~lo) | (other.hi & ~hi) == 0 }
    /// Whether any slot is set in both. - Complexity: O(1).
    @inlinable public func intersects(_ other: DayMask) -> Bool { (lo & other.lo) | (hi & other.hi) != 0 }

    /// Intersection. - Complexity: O(1).
    @inlinable public static func & (a: DayMask, b: DayMask) -> DayMask { DayMask(lo: a.lo & b.lo, hi: a.hi & b.hi) }
    /// Union. - Complexity: O(1).
    @inlinable public static func | (a: DayMask, b: DayMask) -> DayMask { DayMask(lo: a.lo | b.lo, hi: a.hi | b.hi) }
    /// Complement of all 128 bits. - Complexity: O(1).
    @inlinable public static prefix func ~ (a: DayMask) -> DayMask { DayMask(lo: ~a.lo, hi: ~a.hi) }
    /// In-place union. - Complexity: O(1).
    @inlinable public static func |= (a: inout DayMask, b: DayMask) { a.lo |= b.lo; a.hi |= b.hi }
    /// In-place intersection. - Complexity: O(1).
    @inlinable public static func &= (a: inout DayMask, b: DayMask) { a.lo &= b.lo; a.hi &= b.hi }

    /// The mask moved toward slot 0 by `k` slots: result bit `i` is bit `i + k`. - Complexity: O(1).
    @inlinable
    public func shiftedDown(_ k: Int) -> DayMask {
        if k <= 0 { return self }
        if k >= 128 { return .empty }
        if k < 64 {
            let s = UInt64(k)
            return DayMask(lo: (lo &>> s) | (hi &<< (64 - s)), hi: hi &>> s)
        }
        return DayMask(lo: hi &>> UInt64(k - 64), hi: 0)
    }

    /// The slots where a run of `length` consecutive set slots starts.
    ///
    /// Doubling: after each step bit `i` says slots `i ..< i + covered` are all set.
    /// - Complexity: O(log length).
    @inlinable
    public func runStarts(_ length: Int) -> DayMask {
        var r = self
        var covered = 1
        while covered < length {
            let step = Swift.min(covered, length - covered)
            r = r & r.shiftedDown(step)
            covered += step
        }
        return length <= 0 ? .empty : r
    }
}

/// The slot masks of one week, Monday first, stored inline so requests never allocate.
@frozen
public struct WeeklyMask: Hashable, Sendable {
    /// Monday … Sunday.
    public var monday, tuesday, wednesday, thursday, friday, saturday, sunday: DayMask

    /// Every slot of every day.
    public static let always = WeeklyMask(repeating: .all)

    /// The same mask on all seven days. - Complexity: O(1).
    @inlinable public init(repeating m: DayMask) {
        monday = m; tuesday = m; wednesday = m; thursday = m; friday = m; saturday = m; sunday = m
    }

    /// The mask of `weekday`. - Complexity: O(1).
    @inlinable
    public subscript(weekday: Weekday) -> DayMask {
        get {
            switch weekday {
            case .monday: monday
            case .tuesday: tuesday
            case .wednesday: wednesday
            case .thursday: thursday
            case .friday: friday
            case .saturday: saturday
            case .sunday: sunday
            }
        }
        set {
            switch weekday {
            case .monday: monday = newValue
            case .tuesday: tuesday = newValue
            case .wednesday: wednesday = newValue
            case .thursday: thursday = newValue
            case .friday: friday = newValue
            case .saturday: saturday = newValue
            case .sunday: sunday = newValue
            }
        }
    }
}
