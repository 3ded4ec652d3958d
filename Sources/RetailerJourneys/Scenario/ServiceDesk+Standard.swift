import DiscreteEvents

// The seed's service desk (002, "Fluxo dos processos - SAC") as data: every case type with the
// branches the seed gives, its clocks exactly (72 business hours for a distributor, 15 days without an
// answer, 48 h to the automatic voucher, 5 business days for a credit answer, the credit provider's
// 24/48/96 business hours by channel, the 30-day credit cooldown, coupons expiring after 90 days), plus
// journeys 5 (activations), 6 (blocked accounts) and 8 (data changes). Probabilities and durations the
// seed does not give are plausible defaults, stated here once and overridable in a scenario.

/// Builders for the standard flows (short, so the flows read like the seed).
enum Flow {
    static func lognormal(_ mean: Double, _ unit: SimDuration, business: Bool = false) -> RandomDuration {
        let d = (try? Distribution.lognormal(mean: mean, standardDeviation: mean * 0.6)) ?? .zero
        return RandomDuration(d, unit: unit, businessTime: business)
    }
    static func go(_ to: String) -> [CaseBranch] { [CaseBranch(to: to)] }
    static func split(_ b: (String, Double)...) -> [CaseBranch] { b.map { CaseBranch(to: $0.0, weight: $0.1) } }
    static func when(_ c: CaseCondition, _ to: String, else other: String) -> [CaseBranch] {
        [CaseBranch(to: to, condition: c), CaseBranch(to: other)]
    }
    /// Agent work; `minutes` is the talk or writing time of the step, to which the after-contact work
    /// (notes, the ticket) of the same length again is added: the seed gives no handle times, desks of this
    /// kind handle a contact in 6–20 minutes.
    static func work(_ name: String, _ minutes: Double, _ next: [CaseBranch], team: String? = nil,
                     action: CaseAction? = nil, milestone: String? = nil) -> CaseStepSpec {
        var s = CaseStepSpec(name: name, kind: .work, next: next)
        s.duration = lognormal(2 * minutes, .minutes(1)); s.team = team; s.action = action; s.milestone = milestone
        return s
    }
    static func docs(_ name: String, _ next: [CaseBranch]) -> CaseStepSpec { CaseStepSpec(name: name, kind: .documents, next: next) }
    static func escalate(_ name: String, _ party: String, _ next: [CaseBranch], timeout: SLAClock? = nil,
                         onTimeout: String? = nil, target: SLAClock? = nil, byChannel: [String: SLAClock] = [:]) -> CaseStepSpec {
        var s = CaseStepSpec(name: name, kind: .escalate, next: next)
        s.party = party; s.timeout = timeout; s.onTimeout = onTimeout; s.target = target; s.targetByChannel = byChannel
        return s
    }
    static func contact(_ name: String, _ next: [CaseBranch], reach: Double, onNoContact: String) -> CaseStepSpec {
        var s = CaseStepSpec(name: name, kind: .contact, next: next)
        s.attempts = 3; s.reach = reach; s.onNoContact = onNoContact
        return s
    }
    static func wait(_ name: String, _ d: RandomDuration, _ next: [CaseBranch], action: CaseAction? = nil,
                     milestone: String? = nil) -> CaseStepSpec {
        var s = CaseStepSpec(name: name, kind: .wait, next: next)
        s.duration = d; s.action = action; s.milestone = milestone
        return s
    }
    static func now(_ name: String, _ next: [CaseBranch], action: CaseAction? = nil, milestone: String? = nil) -> CaseStepSpec {
        wait(name, .fixed(.zero), next, action: action, milestone: milestone)
    }
    static func transfer(_ name: String, to type: String) -> CaseStepSpec {
        var s = CaseStepSpec(name: name, kind: .transfer); s.caseType = type; return s
    }
    static let close = CaseStepSpec(name: "close", kind: .close)
    static func type(_ name: String, _ area: String = "service", sla: SLAClock, rate: Double, _ channels: [String: Double],
                     selfService: Double = 0, proactiveStart: String? = nil, _ steps: [CaseStepSpec]) -> CaseTypeSpec {
        var t = CaseTypeSpec(name: name, sla: sla, channels: channels, steps: steps + [close])
        t.area = area; t.perRetailerPerYear = rate; t.selfService = selfService; t.proactiveStart = proactiveStart
        return t
    }
    static func bh(_ h: Double) -> SLAClock { SLAClock(h, .businessHours) }
    static func bd(_ d: Double) -> SLAClock { SLAClock(d, .businessDays) }
    static func days(_ d: Double) -> SLAClock { SLAClock(d, .days) }
    static func hours(_ h: Double) -> SLAClock { SLAClock(h, .hours) }
}

extension ServiceDeskSpec {
    /// Phone, web, app, WhatsApp, e-mail, and the sales rep (activation requests).
    public static var standardChannels: [ServiceChannelSpec] {
        [ServiceChannelSpec(name: "phone", kind: .phone, responseTarget: SLAClock(2, .minutes)),
         ServiceChannelSpec(name: "web", kind: .async, responseTarget: Flow.bh(8)),
         ServiceChannelSpec(name: "app", kind: .async, responseTarget: Flow.bh(8)),
         ServiceChannelSpec(name: "whatsapp", kind: .async, responseTarget: Flow.bh(2)),
         ServiceChannelSpec(name: "email", kind: .async, responseTarget: Flow.bh(24)),
         ServiceChannelSpec(name: "salesRep", kind: .async, responseTarget: Flow.bd(2))]
    }

    /// A phone desk, a digital desk and a back office, staffed per 1,000 retailers of a region.
    public static var standardTeams: [AgentTeamSpec] {
        var phone = AgentTeamSpec(name: "phoneDesk", channels: ["phone"], agents: 1)
        phone.perThousandRetailers = 0.4
        phone.shift = WeekHours(days: Array(repeating: [DayWindow(hours: 8, 20)], count: 5) + [[DayWindow(hours: 9, 13)], []])
        var digital = AgentTeamSpec(name: "digitalDesk", channels: ["web", "app", "whatsapp", "email"], agents: 1)
        digital.perThousandRetailers = 0.3
        digital.shift = WeekHours(days: Array(repeating: [DayWindow(hours: 8, 20)], count: 5) + [[DayWindow(hours: 9, 13)], []])
        var back = AgentTeamSpec(name: "backOffice", channels: [], agents: 1)
        back.perThousandRetailers = 0.1
        back.skills = ["registrationChange", "dataChange"]
        return [phone, digital, back]
    }

    /// The external parties of the seed, with plausible answer times (business hours).
    public static var standardParties: [PartySpec] {
        func p(_ n: String, _ meanBH: Double, never: Double, target: SLAClock?) -> PartySpec {
            PartySpec(name: n, response: Flow.lognormal(meanBH, .hours(1), business: true), neverAnswers: never, target: target)
        }
        return [p("distributor", 30, never: 0.05, target: Flow.bh(72)),
                p("finance", 16, never: 0.08, target: Flow.hours(48)),
                p("keyAccount", 16, never: 0.02, target: Flow.bh(40)),
                p("creditProvider", 30, never: 0.02, target: Flow.bh(72)),
                p("trade", 24, never: 0.03, target: Flow.bh(48)),
                p("whatsappVendor", 24, never: 0.05, target: Flow.bh(48)),
                p("cashbackQueue", 16, never: 0.02, target: Flow.bh(40)),
                p("salesRep", 8, never: 0, target: Flow.bh(16)),
                p("tradeMarketing", 16, never: 0.02, target: Flow.bh(24))]
    }

    /// Journey events that raise cases.
    public static var standardTriggers: [CaseTriggerSpec] {
        [CaseTriggerSpec(event: .rupture, caseType: "orderRupture", contact: 0.4, proactive: true),
         CaseTriggerSpec(event: .lateOrder, caseType: "orderDelay", contact: 0.3),
         CaseTriggerSpec(event: .blockedOrder, caseType: "blockedAccount", contact: 0.35),
         CaseTriggerSpec(event: .registrationPending, caseType: "registrationDistributor", contact: 0.3),
         CaseTriggerSpec(event: .dataPrompt, caseType: "dataChange", contact: 0.2)]
    }

    /// Every case type of seed 002 plus journeys 5, 6 and 8.
    public static var standardCaseTypes: [CaseTypeSpec] {
        typealias F = Flow
        let voice: [String: Double] = ["phone": 0.4, "whatsapp": 0.25, "web": 0.2, "email": 0.15]
        let written: [String: Double] = ["email": 0.4, "web": 0.3, "whatsapp": 0.2, "phone": 0.1]
        let ka = F.escalate("keyAccount", "keyAccount", F.go("followUp"), timeout: F.bd(10), onTimeout: "followUp")
        let followUp = F.work("followUp", 4, F.go("close"))
        return [
            // 01. Registration change: access, who calls, documents, legal representative (PID), update.
            F.type("registrationChange", sla: F.bd(3), rate: 0.05, ["phone": 0.5, "email": 0.3, "whatsapp": 0.2], [
                F.work("identify", 5, F.split(("guidePassword", 0.35), ("whoCalls", 0.65))),
                F.work("guidePassword", 3, F.go("close")),
                F.work("whoCalls", 3, F.split(("retailerAuthorisation", 0.1), ("documents", 0.9))),
                F.contact("retailerAuthorisation", F.go("documents"), reach: 0.7, onNoContact: "close"),
                F.docs("documents", F.go("validateDocuments")),
                F.work("validateDocuments", 6, F.split(("socialContract", 0.15), ("pid", 0.85)), team: "backOffice"),
                F.docs("socialContract", F.go("pid")),
                F.work("pid", 5, F.go("close"), team: "backOffice", action: .dataUpdated),
            ]),
            // 02. Registration status: the step the customer did not finish is pushed.
            F.type("registrationStatus", sla: F.bd(1), rate: 0.08, ["web": 0.3, "phone": 0.4, "whatsapp": 0.3], selfService: 0.3, [
                F.work("check", 4, F.split(("push", 0.4), ("close", 0.6))),
                F.work("push", 3, F.go("close")),
            ]),
            // 03. Registration with the distributor: 72 business hours to answer, 15 days without → tell.
            F.type("registrationDistributor", sla: F.bh(72), rate: 0.01, ["phone": 0.5, "email": 0.3, "whatsapp": 0.2], [
                F.work("check", 4, F.split(("close", 0.3), ("distributor", 0.7))),
                F.escalate("distributor", "distributor", F.go("feedback"), timeout: F.days(15), onTimeout: "noAnswer", target: F.bh(72)),
                F.contact("feedback", F.go("close"), reach: 0.6, onNoContact: "emailFeedback"),
                F.work("emailFeedback", 3, F.go("close")),
                F.work("noAnswer", 3, F.go("close")),
            ]),
            // 04. Order rupture: invoiced boleto corrected automatically; prepaid → voucher or refund via
            // finance; no finance answer in 48 h → automatic voucher; no contact after 3 attempts → voucher.
            F.type("orderRupture", sla: F.bd(3), rate: 0, ["phone": 0.4, "whatsapp": 0.3, "email": 0.3], proactiveStart: "outreach", [
                F.work("identify", 5, F.split(("guide", 0.5), ("offer", 0.5))),
                F.work("guide", 3, F.go("close")),
                F.work("offer", 4, F.split(("voucher", 0.7), ("accountDetails", 0.3))),
                F.work("voucher", 3, F.go("close"), action: .voucher),
                F.docs("accountDetails", F.go("finance")),
                F.escalate("finance", "finance", F.go("refundPaid"), timeout: F.hours(48), onTimeout: "autoVoucher"),
                F.work("refundPaid", 4, F.go("close"), action: .refund),
                F.now("autoVoucher", F.go("close"), action: .voucher),
                F.contact("outreach", F.go("offer"), reach: 0.5, onNoContact: "autoVoucher"),
            ]),
            // 05. Orders: status; cancellation only up to payment (else the distributor decides).
            F.type("orderStatus", sla: F.bd(1), rate: 0.3, voice, selfService: 0.5, [F.work("check", 3, F.go("close"))]),
            F.type("orderCancellation", sla: F.bd(2), rate: 0.03, voice, [
                F.work("check", 4, F.when(.orderBeforePayment, "cancel", else: "distributor")),
                F.work("cancel", 2, F.go("close"), action: .cancelOrder),
                F.escalate("distributor", "distributor", F.split(("distributorCancels", 0.4), ("refuseOnDelivery", 0.6)),
                           timeout: F.bd(5), onTimeout: "refuseOnDelivery"),
                F.work("distributorCancels", 3, F.go("close"), milestone: "cancelledByDistributor"),
                F.work("refuseOnDelivery", 3, F.go("close")),
            ]),
            F.type("orderDelay", sla: F.bd(3), rate: 0.02, voice, [
                F.work("check", 4, F.split(("guide", 0.3), ("distributorTicket", 0.7))),
                F.work("guide", 2, F.go("close")),
                F.escalate("distributorTicket", "distributor", F.split(("followUp", 0.8), ("nrp", 0.2)),
                           timeout: F.days(15), onTimeout: "noAnswer", target: F.bh(72)),
                F.escalate("nrp", "keyAccount", F.go("followUp"), timeout: F.bd(10), onTimeout: "noAnswer"),
                followUp, F.work("noAnswer", 3, F.go("close")),
            ]),
            F.type("orderCancelledReason", sla: F.bd(3), rate: 0.02, voice, [
                F.work("check", 3, F.go("distributor")),
                F.escalate("distributor", "distributor", F.go("answer"), timeout: F.days(15), onTimeout: "generic"),
                F.work("answer", 3, F.go("close")), F.work("generic", 3, F.go("close")),
            ]),
            // 06. Refund by payment method: account details to finance, the distributor, or Trade (Trademaster).
            F.type("refund", sla: F.bd(5), rate: 0.02, ["phone": 0.4, "email": 0.4, "whatsapp": 0.2], [
                F.work("identify", 5, F.split(("accountDetails", 0.5), ("distributor", 0.3), ("evidence", 0.2))),
                F.docs("accountDetails", F.go("finance")),
                F.escalate("finance", "finance", F.go("paid"), timeout: F.bd(10), onTimeout: "paid"),
                F.escalate("distributor", "distributor", F.go("paid"), timeout: F.days(15), onTimeout: "paid"),
                F.docs("evidence", F.go("trade")),
                F.escalate("trade", "trade", F.go("paid"), timeout: F.bd(10), onTimeout: "paid"),
                F.work("paid", 3, F.go("close"), action: .refund),
            ]),
            // 07. Credit: a new request only 30 days after the last answer; the distributor answers in 5
            // business days or the case goes to NRP (key account); the credit provider by channel.
            F.type("creditDistributor", sla: F.bd(10), rate: 0.04, voice, [
                F.work("identify", 4, F.when(.creditCooldown, "tooSoon", else: "distributor")),
                F.work("tooSoon", 2, F.go("close")),
                F.escalate("distributor", "distributor", F.go("answer"), timeout: F.bd(5), onTimeout: "nrp", target: F.bd(5)),
                F.escalate("nrp", "keyAccount", F.go("answer"), timeout: F.days(15), onTimeout: "answer"),
                F.work("answer", 3, F.split(("granted", 0.5), ("refused", 0.5))),
                F.now("granted", F.go("close"), action: .creditGranted),
                F.now("refused", F.go("close"), action: .creditRefused),
            ]),
            F.type("creditProvider", sla: F.bd(5), rate: 0.03, ["whatsapp": 0.4, "web": 0.3, "email": 0.2, "phone": 0.1], [
                F.work("identify", 4, F.when(.creditCooldown, "tooSoon", else: "provider")),
                F.work("tooSoon", 2, F.go("close")),
                F.escalate("provider", "creditProvider", F.go("answer"), timeout: F.bd(20), onTimeout: "answer",
                           byChannel: ["whatsapp": F.bh(24), "web": F.bh(48), "email": F.bh(96), "phone": F.bh(72)]),
                F.work("answer", 3, F.split(("granted", 0.6), ("refused", 0.4))),
                F.now("granted", F.go("close"), action: .creditGranted),
                F.now("refused", F.go("close"), action: .creditRefused),
            ]),
            // 08. Cashback: rules, doubts, contestation to the cashback queue (coupons expire after 90 days).
            F.type("cashback", sla: F.bd(5), rate: 0.05, written, selfService: 0.3, [
                F.work("identify", 4, F.split(("rules", 0.5), ("doubts", 0.3), ("contest", 0.2))),
                F.work("rules", 3, F.go("close")), F.work("doubts", 3, F.go("close")),
                F.escalate("contest", "cashbackQueue", F.go("answer"), timeout: F.bd(10), onTimeout: "answer"),
                F.work("answer", 3, F.split(("newCoupon", 0.6), ("close", 0.4))),
                F.now("newCoupon", F.go("close"), action: .coupon),
            ]),
            // 09.–10. E-commerce partner (E-COA) and industry enquiries: redirected.
            F.type("ecommercePartner", sla: F.bd(1), rate: 0.01, voice, [F.work("redirect", 2, F.go("close"))]),
            F.type("industryEnquiry", sla: F.bd(1), rate: 0.005, ["email": 0.6, "phone": 0.4], [F.work("guide", 3, F.go("close"))]),
            // 11. Site problems: evidence, key account, follow-up.
            F.type("siteProblem", sla: F.bd(5), rate: 0.04, voice, [
                F.work("check", 4, F.go("evidence")), F.docs("evidence", F.go("keyAccount")), ka, followUp,
            ]),
            // 12. Fraud suspicion: confirmed → account blocked and order cancelled.
            F.type("fraudRetailer", sla: F.bd(3), rate: 0.003, ["phone": 0.6, "email": 0.4], [
                F.work("validate", 8, F.split(("block", 0.4), ("distributor", 0.6))),
                F.work("block", 3, F.go("close"), action: .blockAccount),
                F.escalate("distributor", "distributor", F.go("advise"), timeout: F.bd(5), onTimeout: "advise"),
                F.work("advise", 3, F.go("close")),
            ]),
            F.type("fraudDistributor", sla: F.bd(3), rate: 0.005, ["email": 0.7, "phone": 0.3], [
                F.work("confront", 10, F.split(("blockList", 0.5), ("inform", 0.5))),
                F.escalate("blockList", "keyAccount", F.go("inform"), timeout: F.bd(5), onTimeout: "inform"),
                F.work("inform", 3, F.go("close")),
            ]),
            // 13. Password: self-service reset first; no access → registration change; no e-mail → key account.
            F.type("password", sla: F.bd(1), rate: 0.2, ["phone": 0.4, "whatsapp": 0.3, "web": 0.2, "email": 0.1], selfService: 0.7, [
                F.work("analyse", 4, F.split(("guide", 0.6), ("noAccess", 0.2), ("clearCache", 0.2))),
                F.work("guide", 2, F.go("close")),
                F.transfer("noAccess", to: "registrationChange"),
                F.work("clearCache", 4, F.split(("close", 0.6), ("keyAccount", 0.4))), ka, followUp,
            ]),
            // 14. Promotions: mechanics explained; not applied → evidence to key account.
            F.type("promotions", sla: F.bd(2), rate: 0.06, voice, selfService: 0.3, [
                F.work("check", 3, F.split(("close", 0.7), ("evidence", 0.3))), F.docs("evidence", F.go("keyAccount")), ka, followUp,
            ]),
            // 15. Duplicate invoice: Trademaster (app, else Trade) or the distributor.
            F.type("duplicateInvoice", sla: F.bd(2), rate: 0.05, written, selfService: 0.4, [
                F.work("identify", 3, F.split(("trade", 0.5), ("distributor", 0.5))),
                F.escalate("trade", "trade", F.go("share"), timeout: F.bd(10), onTimeout: "share"),
                F.escalate("distributor", "distributor", F.go("share"), timeout: F.bd(10), onTimeout: "share"),
                F.work("share", 2, F.go("close")),
            ]),
            // 16. Logged-out enquiries: how it works, how to register.
            F.type("loggedOut", sla: F.bd(1), rate: 0.02, ["web": 0.5, "whatsapp": 0.3, "phone": 0.2], [F.work("inform", 3, F.go("close"))]),
            // 17. WhatsApp tool: phone number check, key account, the vendor (Yalo).
            F.type("whatsapp", sla: F.bd(3), rate: 0.04, ["whatsapp": 1], [
                F.work("confirm", 4, F.split(("close", 0.5), ("keyAccount", 0.3), ("vendor", 0.2))),
                F.escalate("keyAccount", "keyAccount", F.split(("followUp", 0.6), ("vendor", 0.4)), timeout: F.bd(10), onTimeout: "followUp"),
                F.escalate("vendor", "whatsappVendor", F.go("followUp"), timeout: F.bd(10), onTimeout: "followUp"),
                followUp,
            ]),
            // 18. App: evidence, key account, follow-up.
            F.type("app", sla: F.bd(3), rate: 0.03, ["app": 0.7, "email": 0.3], [
                F.work("check", 3, F.go("evidence")), F.docs("evidence", F.go("keyAccount")), ka, followUp,
            ]),
            // Journey 6: a blocked account explained with one uniform reason and the steps to unblock.
            F.type("blockedAccount", "payments", sla: F.bd(1), rate: 0, voice, [F.work("explain", 4, F.go("close"))]),
            // Journey 5: activation request → potential check → rep → trade marketing → scheduled → done.
            F.type("activation", "activation", sla: F.bd(15), rate: 0.3, ["salesRep": 1], [
                F.now("request", F.when(.lowPotential, "rejected", else: "repReview")),
                F.escalate("repReview", "salesRep", F.split(("tradeApproval", 0.9), ("rejected", 0.1))),
                F.escalate("tradeApproval", "tradeMarketing", F.split(("approved", 0.85), ("rejected", 0.15)),
                           timeout: F.bd(10), onTimeout: "rejected"),
                F.now("approved", F.go("scheduled"), milestone: "approved"),
                F.wait("scheduled", F.lognormal(30, .hours(1), business: true), F.go("done")),
                F.now("done", F.go("close"), action: .activationDone, milestone: "done"),
                F.now("rejected", F.go("close"), milestone: "rejected"),
            ]),
            // Journey 8: a data change: self-service, or reviewed by the back office before it applies.
            F.type("dataChange", "information", sla: F.bd(3), rate: 0.1, ["web": 0.5, "app": 0.3, "email": 0.2], selfService: 0.6, [
                F.work("review", 5, F.split(("apply", 0.85), ("askFix", 0.15)), team: "backOffice"),
                F.now("apply", F.go("close"), action: .dataUpdated, milestone: "updated"),
                F.docs("askFix", F.go("review")),
            ]),
        ]
    }
}
