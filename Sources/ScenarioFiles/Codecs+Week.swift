import RetailerJourneys
import Yams

/// Weekly hours and weekday lists: keys `mon` … `sun`, ranges `mon-fri` (any first-last pair, Monday
/// first) and `every-day`.
extension Codecs {
    static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// Every accepted day key: single days, then ranges, then `every-day`.
    static let dayKeys: [String] = {
        var keys = dayNames
        for a in 0..<7 { for b in (a + 1)..<7 { keys.append("\(dayNames[a])-\(dayNames[b])") } }
        return keys + ["every-day"]
    }()

    /// The weekdays (0 = Monday) a key names, or nil.
    static func days(of key: String) -> [Int]? {
        if key == "every-day" { return Array(0..<7) }
        if let d = dayNames.firstIndex(of: key) { return [d] }
        let p = key.split(separator: "-")
        guard p.count == 2, let a = dayNames.firstIndex(of: String(p[0])), let b = dayNames.firstIndex(of: String(p[1])), a < b else {
            return nil
        }
        return Array(a...b)
    }

    /// Weekly hours. Days the mapping does not name are closed; a single day overrides a range that covers
    /// it (`{mon-fri: ["08:00-18:00"], fri: ["08:00-14:00"]}`); two ranges or two keys for one day are an
    /// error. Each day's windows must be in order and must not overlap.
    static var weekHours: Codec<WeekHours> { Codec<WeekHours>(kind: .weekHours, read: { node, r, path throws(ScenarioError) in
        let entries = try r.mapping(node, path, allowed: dayKeys)
        var week: [[DayWindow]] = Array(repeating: [], count: 7)
        var setBy: [String?] = Array(repeating: nil, count: 7)
        // Ranges first, then single days, so a single day overrides whatever the file order.
        let ordered = entries.items.filter { days(of: $0.key)?.count != 1 } + entries.items.filter { days(of: $0.key)?.count == 1 }
        for e in ordered {
            let p = Reader.join(path, e.key)
            let covered = days(of: e.key) ?? []
            let windows = try dayWindows(e.value, r, p)
            for d in covered {
                if let prior = setBy[d], covered.count > 1 || days(of: prior)?.count == 1 {
                    throw r.fail(e.keyNode, p, "\(dayNames[d]) is already given by '\(prior)'")
                }
                week[d] = windows
                setBy[d] = e.key
            }
        }
        return WeekHours(days: week)
    }, write: { writeWeek($0.days.map { YAMLValue.list($0.map { .text($0.description) }) }) }) }

    /// A day's windows: a list of `HH:MM-HH:MM` (or one window as a single value); `[]` is closed.
    static func dayWindows(_ node: Node, _ r: Reader, _ path: String) throws(ScenarioError) -> [DayWindow] {
        if node.scalar != nil { return [try window.read(node, r, path)] }
        var out: [DayWindow] = []
        for (i, n) in try r.sequence(node, path, maxItems: 24, what: "windows").enumerated() {
            let w = try window.read(n, r, "\(path)[\(i)]")
            if let last = out.last, w.from < last.to {
                throw r.fail(n, "\(path)[\(i)]", "\(w) starts before the previous window \(last) ends (windows in order, not overlapping)")
            }
            out.append(w)
        }
        return out
    }

    /// Seven per-day values grouped into runs: `every-day`, `mon-fri`, `sat`.
    static func writeWeek(_ perDay: [YAMLValue]) -> YAMLValue {
        if let f = perDay.first, perDay.allSatisfy({ $0 == f }) { return .map([.init(key: "every-day", value: f)]) }
        var entries: [YAMLValue.Entry] = []
        var start = 0
        while start < perDay.count {
            var end = start
            while end + 1 < perDay.count, perDay[end + 1] == perDay[start] { end += 1 }
            let key = start == end ? dayNames[start] : "\(dayNames[start])-\(dayNames[end])"
            entries.append(.init(key: key, value: perDay[start]))
            start = end + 1
        }
        return .map(entries)
    }

    /// Weekdays as a list of day keys or ranges (`[mon-sat]`, `[mon, wed, fri]`); at least one day.
    static var weekdays: Codec<[Bool]> { Codec<[Bool]>(kind: .weekdays, read: { node, r, path throws(ScenarioError) in
        var out = Array(repeating: false, count: 7)
        for (i, n) in try r.sequence(node, path, maxItems: 7, what: "weekdays").enumerated() {
            let p = "\(path)[\(i)]"
            let s = try r.scalar(n, p, expected: "a weekday")
            guard let ds = days(of: s) else {
                throw r.fail(n, p, "unknown weekday '\(clip(s))'\(Reader.suggestion(s, dayKeys)); expected mon … sun or a range such as mon-fri")
            }
            for d in ds {
                if out[d] { throw r.fail(n, p, "\(dayNames[d]) is listed twice") }
                out[d] = true
            }
        }
        guard out.contains(true) else { throw r.fail(node, path, "needs at least one day") }
        return out
    }, write: { flags in
        var items: [YAMLValue] = []
        var d = 0
        while d < 7 {
            guard flags.indices.contains(d), flags[d] else { d += 1; continue }
            var e = d
            while e + 1 < 7, flags.indices.contains(e + 1), flags[e + 1] { e += 1 }
            items.append(.plain(d == e ? dayNames[d] : "\(dayNames[d])-\(dayNames[e])"))
            d = e + 1
        }
        return .list(items)
    }) }
}
