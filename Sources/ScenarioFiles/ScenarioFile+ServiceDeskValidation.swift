import Yams
import RetailerJourneys

/// The service desk's cross-field checks: every name a flow uses exists, every step can reach an end,
/// every channel with arrivals has agents, every escalation that may go unanswered has a timeout.
extension Validation {
    static func serviceDesk(_ d: ServiceDeskSpec, _ at: Located) throws(ScenarioError) {
        try unique(d.channels.map(\.name), "channels", "name", "channel", at)
        try unique(d.teams.map(\.name), "teams", "name", "team", at)
        try unique(d.parties.map(\.name), "parties", "name", "party", at)
        try unique(d.caseTypes.map(\.name), "caseTypes", "name", "case type", at)
        let channels = d.channels.map(\.name), teams = d.teams.map(\.name), parties = d.parties.map(\.name)
        let types = d.caseTypes.map(\.name)
        func known(_ name: String, in names: [String], _ what: String, _ path: String) throws(ScenarioError) {
            guard !names.contains(name) else { return }
            throw at.fail(path, "unknown \(what) '\(clip(name))'\(Reader.suggestion(name, names)); \(names.isEmpty ? "none is defined" : "expected \(Reader.list(names))")")
        }
        for t in d.teams {
            let tp = item("teams", t.name, at)
            for (i, c) in t.channels.enumerated() { try known(c, in: channels, "channel", "\(tp).channels[\(i)]") }
            for (i, s) in t.skills.enumerated() { try known(s, in: types, "case type", "\(tp).skills[\(i)]") }
        }
        for tr in d.triggers {
            let i = fileIndex("triggers", at) { scalarValue($0, "event") == tr.event.rawValue && scalarValue($0, "caseType") == tr.caseType }
            try known(tr.caseType, in: types, "case type", i.map { "triggers[\($0)].caseType" } ?? "triggers[\(tr.key)].caseType")
        }
        guard d.enabled else { return }
        let raised = Set(d.triggers.filter { $0.contact > 0 || $0.proactive }.map(\.caseType))
        let proactive = Set(d.triggers.filter(\.proactive).map(\.caseType))
        for t in d.caseTypes {
            let tp = item("caseTypes", t.name, at)
            let steps = t.steps.map(\.name)
            try unique(steps, "\(tp).steps", "name", "step", at)
            for (name, _) in t.channels.sorted(by: { $0.key < $1.key }) { try known(name, in: channels, "channel", "\(tp).channels.\(name)") }
            if let p = t.proactiveStart { try known(p, in: steps, "step", "\(tp).proactiveStart") }
            for (si, s) in t.steps.enumerated() {
                let sp = "\(tp).steps[\(si)]"
                for (bi, b) in s.next.enumerated() { try known(b.to, in: steps, "step", "\(sp).next[\(bi)].to") }
                if let n = s.onTimeout { try known(n, in: steps, "step", "\(sp).onTimeout") }
                if let n = s.onNoContact { try known(n, in: steps, "step", "\(sp).onNoContact") }
                if let n = s.team { try known(n, in: teams, "team", "\(sp).team") }
                for (name, _) in s.targetByChannel.sorted(by: { $0.key < $1.key }) { try known(name, in: channels, "channel", "\(sp).targetByChannel.\(name)") }
                switch s.kind {
                case .close: break
                case .transfer:
                    guard let n = s.caseType else { throw at.fail("\(sp).caseType", "a transfer step needs the case type it hands the case to") }
                    try known(n, in: types, "case type", "\(sp).caseType")
                case .escalate:
                    guard let p = s.party else { throw at.fail("\(sp).party", "an escalate step needs a party") }
                    try known(p, in: parties, "party", "\(sp).party")
                    if let party = d.parties.first(where: { $0.name == p }), party.neverAnswers > 0, s.timeout == nil {
                        throw at.fail("\(sp).timeout", "\(p) may never answer (neverAnswers \(format(party.neverAnswers))): the step needs a timeout and onTimeout, or the case could never close")
                    }
                    if s.timeout != nil, s.onTimeout == nil { throw at.fail("\(sp).onTimeout", "a timeout needs the step taken when it runs out") }
                    if s.next.isEmpty { throw at.fail("\(sp).next", "an escalate step needs where the flow goes on an answer") }
                default:
                    if s.next.isEmpty { throw at.fail("\(sp).next", "a \(s.kind.rawValue) step needs where the flow goes next (only close and transfer end a flow)") }
                }
                if !s.next.isEmpty, s.next.allSatisfy({ $0.condition != nil }) {
                    throw at.fail("\(sp).next", "every branch has a condition: add one without if/unless for when none holds")
                }
            }
            try exits(t, tp, at)
            // Arrivals need agents: every work step routed by channel must find a team with agents there.
            let arrives = t.perRetailerPerYear > 0 || raised.contains(t.name)
            for (name, w) in t.channels.sorted(by: { $0.key < $1.key }) where w > 0 && arrives {
                for (si, s) in t.steps.enumerated() where s.kind == .work && s.team == nil {
                    try staffed(d, type: t.name, channel: name, "\(tp).channels.\(name)", "\(tp).steps[\(si)]", at)
                }
            }
            if proactive.contains(t.name), let phone = d.channels.first(where: { $0.kind == .phone })?.name {
                for (si, s) in t.steps.enumerated() where s.kind == .work && s.team == nil {
                    try staffed(d, type: t.name, channel: phone, "\(tp).proactiveStart", "\(tp).steps[\(si)]", at)
                }
            }
            for (si, s) in t.steps.enumerated() where s.kind == .work && arrives {
                if let n = s.team, let team = d.teams.first(where: { $0.name == n }), team.agents == 0, team.perThousandRetailers == 0 {
                    throw at.fail("\(tp).steps[\(si)].team", "team \(n) has no agents (agents 0, perThousandRetailers 0) but \(t.name) cases need it")
                }
            }
        }
    }

    /// The path of a named item: its index in the file's list, or `list[name]` for a standard item the
    /// file does not list (its line is then the list's or the desk's).
    static func item(_ list: String, _ name: String, _ at: Located) -> String {
        fileIndex(list, at) { scalarValue($0, "name") == name }.map { "\(list)[\($0)]" } ?? "\(list)[\(name)]"
    }

    /// The index of the first item of the file's `list` matching `test`. - Complexity: O(items).
    static func fileIndex(_ list: String, _ at: Located, _ test: (Node) -> Bool) -> Int? {
        guard let seq = at.node.mapping?.first(where: { $0.key.string == list })?.value.sequence else { return nil }
        return seq.firstIndex(where: test).map { seq.distance(from: seq.startIndex, to: $0) }
    }

    /// A team with agents answers `type` on `channel`, else an error at `path`.
    static func staffed(_ d: ServiceDeskSpec, type: String, channel: String, _ path: String, _ stepPath: String, _ at: Located) throws(ScenarioError) {
        let team = d.teams.first { $0.channels.contains(channel) && ($0.skills.isEmpty || $0.skills.contains(type)) }
        guard let team else {
            throw at.fail(path, "\(type) cases arrive on \(channel) but no team answers \(channel) with that skill (\(stepPath) is agent work)")
        }
        if team.agents == 0 && team.perThousandRetailers == 0 {
            let tp = item("teams", team.name, at)
            throw at.fail(tp.hasSuffix("]") && !tp.contains("[\(team.name)]") ? "\(tp).agents" : path,
                          "team \(team.name) has no agents (agents 0, perThousandRetailers 0) but \(type) cases arrive on \(channel) (\(path))")
        }
    }

    /// Every step must be able to reach a close or a transfer; a cycle without a way out is an error at its first step.
    static func exits(_ t: CaseTypeSpec, _ tp: String, _ at: Located) throws(ScenarioError) {
        let index = Dictionary(t.steps.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        var successors = [[Int]](repeating: [], count: t.steps.count)
        for (i, s) in t.steps.enumerated() {
            var names = s.next.map(\.to)
            if let n = s.onTimeout { names.append(n) }
            if let n = s.onNoContact { names.append(n) }
            successors[i] = names.compactMap { index[$0] }
        }
        var ends = t.steps.map { $0.kind == .close || $0.kind == .transfer }
        var changed = true
        while changed {
            changed = false
            for i in t.steps.indices where !ends[i] && successors[i].contains(where: { ends[$0] }) { ends[i] = true; changed = true }
        }
        guard let stuck = ends.firstIndex(of: false) else { return }
        // Name the loop: follow successors from the stuck step until a step repeats.
        var path = [stuck], seen: Set<Int> = [stuck]
        while let n = successors[path[path.count - 1]].first, !seen.contains(n) { path.append(n); seen.insert(n) }
        if let n = successors[path[path.count - 1]].first { path.append(n) }
        let names = path.map { t.steps[$0].name }.joined(separator: " → ")
        throw at.fail("\(tp).steps[\(stuck)].next", "the flow \(names) never reaches a close or transfer step: a cycle with no exit")
    }
}
