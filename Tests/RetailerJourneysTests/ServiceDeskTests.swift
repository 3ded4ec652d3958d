import DiscreteEvents
import Testing
@testable import RetailerJourneys

/// The service desk: the seed's clocks against hand-computed instants, case flows traced step by step,
/// the queue against Erlang C, and conservation.
@Suite struct ServiceDeskTests {
    /// Monday–Friday 08:00–18:00 (10 open hours a day); day 0 is a Monday; day 8 (a Tuesday) a holiday.
    static func calendar(holidays: [Int] = [8]) throws -> BusinessCalendar {
        try BusinessCalendar.weekdays([OpeningHours(fromHour: 8, toHour: 18)], holidays: holidays)
    }

    @Test func seedClocksAcrossNightsWeekendsAndHolidays() throws {
        let cal = try Self.calendar()
        let friday16 = SimTime(day: 4, hour: 16, minute: 0)
        // 72 business hours from Friday 16:00: 2 h on Friday, then 7 open days of 10 h; Tuesday 8 is a
        // holiday, so they are Mon 7, Wed 9, Thu 10, Fri 11, Mon 14, Tue 15, Wed 16 → Wednesday 16 18:00.
        #expect(SLAClock(72, .businessHours).deadline(from: friday16, calendar: cal) == SimTime(day: 16, hour: 18, minute: 0))
        let open = try Self.calendar(holidays: [])
        #expect(SLAClock(72, .businessHours).deadline(from: friday16, calendar: open) == SimTime(day: 15, hour: 18, minute: 0))
        // 5 business days: Mon 7, (holiday 8), Wed 9, Thu 10, Fri 11, Mon 14 → Monday 14 at 16:00.
        #expect(SLAClock(5, .businessDays).deadline(from: friday16, calendar: cal) == SimTime(day: 14, hour: 16, minute: 0))
        // 15 days without an answer are calendar days.
        #expect(SLAClock(15, .days).deadline(from: friday16, calendar: cal) == SimTime(day: 19, hour: 16, minute: 0))
        // 48 h to the automatic voucher run through the weekend.
        #expect(SLAClock(48, .hours).deadline(from: SimTime(day: 5, hour: 10, minute: 0), calendar: cal) == SimTime(day: 7, hour: 10, minute: 0))
        // 24 business hours (WhatsApp credit request) from Monday 22:00 start Tuesday 08:00: Tue 10 h, Wed 10 h, Thu 4 h.
        #expect(SLAClock(24, .businessHours).deadline(from: SimTime(day: 0, hour: 22, minute: 0), calendar: cal) == SimTime(day: 3, hour: 12, minute: 0))
        // 48 business hours (web) from Wednesday 09:00: Wed 9, Thu 10, Fri 10, Mon 10 (holiday Tue 8), Wed 9 → Wednesday 9 17:00.
        #expect(SLAClock(48, .businessHours).deadline(from: SimTime(day: 2, hour: 9, minute: 0), calendar: cal) == SimTime(day: 9, hour: 17, minute: 0))
        // 96 business hours (e-mail) from Wednesday 09:00: 9 + 8 days × 10 h (skipping the holiday) + 7 → Wednesday 16 15:00.
        #expect(SLAClock(96, .businessHours).deadline(from: SimTime(day: 2, hour: 9, minute: 0), calendar: cal) == SimTime(day: 16, hour: 15, minute: 0))
        // 30 days of credit cooldown and 90 days of coupon life are calendar days; 5 minutes on the line are minutes.
        #expect(SLAClock(5, .minutes).deadline(from: friday16, calendar: cal) == SimTime(day: 4, hour: 16, minute: 5))
    }

    /// A scenario whose desk has only `types`, one async channel (`web`), a phone, an e-mail channel and one team each.
    static func desk(_ types: [CaseTypeSpec], parties: [PartySpec] = [], agents: Int = 2, days: Int = 20,
                     retailers: Int = 100, seed: UInt64 = 3) -> Scenario {
        var s = Fixtures.small(retailers: retailers, days: days, seed: seed)
        var d = ServiceDeskSpec()
        d.channels = [ServiceChannelSpec(name: "phone", kind: .phone, responseTarget: SLAClock(2, .minutes)),
                      ServiceChannelSpec(name: "web", kind: .async, responseTarget: SLAClock(8, .businessHours)),
                      ServiceChannelSpec(name: "email", kind: .async, responseTarget: SLAClock(24, .businessHours))]
        d.teams = [AgentTeamSpec(name: "desk", channels: ["phone", "web", "email"], agents: agents)]
        d.parties = parties
        d.caseTypes = types
        d.triggers = []
        d.dataPromptIntervalDays = 0
        s.serviceDesk = d
        return s
    }

    static func steps(_ r: RunResult) -> [Int: [String]] {
        var byCase: [Int: [String]] = [:]
        for e in r.trace {
            switch e.event {
            case .caseStep(let c, let step): byCase[c, default: []].append(step)
            case .caseClosed(let c, let outcome): byCase[c, default: []].append("(\(outcome))")
            default: break
            }
        }
        return byCase
    }

    @Test func escalationTimeoutIssuesTheAutomaticVoucher() throws {
        // The rupture rule: no finance answer in 48 h → automatic voucher, then close.
        var t = Flow.type("rupture", sla: SLAClock(3, .businessDays), rate: 20, ["web": 1], [
            Flow.work("identify", 5, Flow.go("finance")),
            Flow.escalate("finance", "finance", Flow.go("close"), timeout: SLAClock(48, .hours), onTimeout: "autoVoucher"),
            Flow.now("autoVoucher", Flow.go("close"), action: .voucher),
        ])
        t.selfService = 0
        let silent = PartySpec(name: "finance", response: .hours(1), neverAnswers: 1, target: SLAClock(48, .hours))
        let r = try ScenarioRun.run(Self.desk([t], parties: [silent], days: 20), options: RunOptions(trace: true))
        let flows = Self.steps(r)
        #expect(flows.count > 20)
        for (_, f) in flows where f.last?.hasPrefix("(") == true {
            #expect(f == ["rupture.identify", "rupture.finance", "rupture.autoVoucher", "rupture.close", "(resolved)"])
        }
        let s = r.metrics.service
        #expect(s.partyTimeouts[0] > 0 && s.vouchers == s.partyTimeouts[0])
        #expect(s.partyOnTime[0].hits == 0)
        // Every resolved case took at least the 48 h of the timeout.
        #expect(s.resolution.stats.minimum >= 48)
    }

    @Test func phoneDocumentsWaitOnTheLineOrContinueByEmail() throws {
        func run(documents: Double) throws -> ServiceMetrics {
            let t = Flow.type("change", sla: SLAClock(3, .businessDays), rate: 20, ["phone": 1], [
                Flow.work("identify", 5, Flow.go("documents")), Flow.docs("documents", Flow.go("update")),
                Flow.work("update", 5, Flow.go("close")),
            ])
            var s = Self.desk([t], agents: 4, days: 15)
            s.serviceDesk.documentDelay = .minutes(documents)
            return try ScenarioRun.run(s).metrics.service
        }
        // Documents in 2 minutes: the agent waits on the line, one contact, the case ends on the phone.
        let quick = try run(documents: 2)
        #expect(quick.sla[0 * 3 + 0].count > 0 && quick.sla[0 * 3 + 2].count == 0)
        // Documents in an hour: past the 5 minutes the case goes on by e-mail (a second contact there).
        let slow = try run(documents: 60)
        #expect(slow.sla[0 * 3 + 2].count > 0 && slow.sla[0 * 3 + 0].count == 0)
        #expect(slow.firstContact[2].hits == 0)
    }

    @Test func outreachMakesThreeAttemptsThenTakesTheNoContactBranch() throws {
        var t = Flow.type("outreach", sla: SLAClock(10, .businessDays), rate: 10, ["web": 1], [
            Flow.contact("call", Flow.go("close"), reach: 0, onNoContact: "giveUp"),
            Flow.now("giveUp", Flow.go("close"), milestone: "noContact"),
        ])
        t.selfService = 0
        let r = try ScenarioRun.run(Self.desk([t], days: 30), options: RunOptions(trace: true))
        let s = r.metrics.service
        let closed = s.resolution.count
        #expect(closed > 10)
        #expect(s.outboundAttempts >= 3 * closed && s.outboundReached == 0)
        for (_, f) in Self.steps(r) where f.last == "(resolved)" {
            #expect(f == ["outreach.call", "outreach.giveUp", "outreach.close", "(resolved)"])
        }
        // Three attempts on three different business days: at least two business days pass.
        #expect(s.milestones[0][0].stats.minimum >= 48)
    }

    @Test func everyStandardFlowRunsOnlyAlongItsDeclaredSteps() throws {
        // The whole standard desk on a small region: each traced case walks edges of its own flow, from its
        // start, and ends at close or transfer.
        var s = Fixtures.small(retailers: 600, days: 40, seed: 11)
        s.serviceDesk = ServiceDeskSpec()
        for i in s.serviceDesk.caseTypes.indices { s.serviceDesk.caseTypes[i].perRetailerPerYear = max(1, s.serviceDesk.caseTypes[i].perRetailerPerYear * 10) }
        let r = try ScenarioRun.run(s, options: RunOptions(trace: true))
        let types = Dictionary(uniqueKeysWithValues: s.serviceDesk.caseTypes.map { ($0.name, $0) })
        var seenTypes = Set<String>()
        for (_, f) in Self.steps(r) {
            let names = f.filter { !$0.hasPrefix("(") }
            guard let first = names.first, let type = types[String(first.prefix { $0 != "." })] else { Issue.record("untyped trace \(f)"); continue }
            seenTypes.insert(type.name)
            let steps = names.map { String($0.dropFirst(type.name.count + 1)) }
            #expect(steps[0] == type.steps[0].name || steps[0] == type.proactiveStart, "\(type.name) starts at \(steps[0])")
            for (a, b) in zip(steps, steps.dropFirst()) {
                guard let sa = type.steps.first(where: { $0.name == a }) else { Issue.record("\(type.name): unknown step \(a)"); continue }
                let targets = sa.next.map(\.to) + [sa.onTimeout, sa.onNoContact].compactMap { $0 }
                #expect(targets.contains(b) || a == b, "\(type.name): \(a) → \(b) is not an edge")
            }
            if let outcome = f.last, outcome.hasPrefix("("), outcome != "(abandoned)" {
                let last = type.steps.first { $0.name == steps.last }
                #expect(last?.kind == .close || last?.kind == .transfer, "\(type.name) ended at \(steps.last ?? "")")
            }
        }
        // Every seed case type (and journeys 5, 6, 8) ran.
        #expect(seenTypes.count >= s.serviceDesk.caseTypes.count - 1, "\(Set(types.keys).subtracting(seenTypes))")
        let holds = r.conservation.allSatisfy { $0.holds }
        #expect(holds, "\(r.conservation)")
    }
}

/// The desk's queue against queueing theory (many simulated days: left out of the internal-checks run).
@Suite struct ServiceQueueValidationTests {
    /// Erlang C: the probability that an arrival waits, for `c` servers and offered load `a` = λ/μ.
    static func erlangC(c: Int, a: Double) -> Double {
        var term = 1.0, sum = 1.0
        for k in 1..<c { term *= a / Double(k); sum += term }
        let last = term * a / Double(c) * Double(c) / (Double(c) - a)
        return last / (sum + last)
    }

    @Test func queueMatchesErlangC() throws {
        // One case type, Poisson arrivals (λ = 2/h), exponential handling (mean 60 min, μ = 1/h), c = 3
        // agents, a 24/7 calendar: Wq = C(3, 2) / (cμ − λ) = 0.444 h. Twenty replications of 60 days
        // (≈ 2,700 cases each after the first 3 days, which are discarded); the test asserts that the exact value lies in the
        // 99 % t-interval of the replication means, and that the interval is narrower than ±12 % of it, so a
        // model off by more than that would fail (the test has power).
        let lambda = 2.0, retailers = 30
        var t = CaseTypeSpec(name: "q", sla: SLAClock(1, .days), channels: ["web": 1], steps: [
            { var w = CaseStepSpec(name: "serve", kind: .work, next: [CaseBranch(to: "close")]); w.duration = .exponential(mean: 60, unit: .minutes(1)); return w }(),
            CaseStepSpec(name: "close", kind: .close),
        ])
        t.perRetailerPerYear = lambda * 24 * 365 / Double(retailers)
        let exact = ServiceQueueValidationTests.erlangC(c: 3, a: lambda) / (3 - lambda)
        var stats = RunningStatistics()
        for rep in 0..<20 {
            var s = ServiceDeskTests.desk([t], agents: 3, days: 60, retailers: retailers, seed: 1_000 + UInt64(rep))
            s.warmUpDays = 3
            s.calendar.hours = .everyDay([DayWindow(from: 0, to: 1440)])
            s.serviceDesk.teams[0].shift = .everyDay([DayWindow(from: 0, to: 1440)])
            s.regions[0].technicians = []
            s.journeys.onboarding.applicationsPerDayPer1000 = 0
            let r = try ScenarioRun.run(s)
            stats.add(r.metrics.service.queueWait[1].mean)
        }
        let half = 2.861 * stats.standardDeviation / Double(stats.count).squareRoot()   // t(0.995, 19)
        #expect(abs(stats.mean - exact) <= half, "mean wait \(stats.mean) h vs Erlang C \(exact) h ± \(half)")
        #expect(half < 0.12 * exact, "the interval ±\(half) h is too wide to test anything")
    }
}
