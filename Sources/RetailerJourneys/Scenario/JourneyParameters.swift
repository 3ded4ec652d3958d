import DiscreteEvents
import TechnicianBooking

/// The parameters of every journey, with defaults that give a plausible brewer's region.
public struct JourneyParameters: Sendable, Equatable {
    /// Journey 1.
    public var onboarding = OnboardingParameters()
    /// Journey 2.
    public var ordering = OrderingParameters()
    /// Journey 3.
    public var delivery = DeliveryParameters()
    /// Journey 4.
    public var returns = ReturnParameters()
    /// Journey 7.
    public var assistance = AssistanceParameters()
    /// Defaults. - Complexity: O(1).
    public init() {}
}

/// Journey 1: applications, automatic validation, documents, draught installation, first sales-rep visit.
public struct OnboardingParameters: Sendable, Equatable {
    /// New applications per business day in a region of 1,000 retailers (scaled by region size).
    public var applicationsPerDayPer1000: Double = 0.5
    /// Probability that automatic validation passes at once.
    public var autoValidationPass: Double = 0.8
    /// Otherwise documents are asked for: time until the applicant sends them.
    public var documentDelay: RandomDuration = .exponential(mean: 2, unit: .days(1))
    /// Probability that an applicant asked for documents gives up instead.
    public var abandonOnDocuments: Double = 0.15
    /// Probability that the resubmitted documents pass (else asked again).
    public var documentsPass: Double = 0.85
    /// Days from approval until the draught equipment is delivered (no installation before).
    public var equipmentLeadDays: RandomDuration = .days(3)
    /// Installation visit length.
    public var installationDuration: RandomDuration = .hours(2)
    /// The first sales-rep visit is planned within this many business days of approval.
    public var salesRepWithinBusinessDays: Int = 5
    /// Defaults. - Complexity: O(1).
    public init() {}
}

/// Journey 2: stock, alerts, channels, credit check, order stages and cancellation.
public struct OrderingParameters: Sendable, Equatable {
    /// A proactive alert is sent when stock covers fewer than this many days.
    public var alertCoverDays: Double = 3
    /// Orders bring stock up to this many days of cover.
    public var orderUpToDays: Double = 10
    /// Probability that a digital retailer orders on the alert the same day (the others order when they run low).
    public var alertAcceptance: Double = 0.7
    /// Retailers without digital channels order when cover falls under this many days.
    public var manualReorderCoverDays: Double = 1.5
    /// Time from the order's placement to payment (stage received → payment).
    public var paymentDelay: RandomDuration = .exponential(mean: 30, unit: .minutes(1))
    /// Payment → invoicing.
    public var invoicingDelay: RandomDuration = .minutes(20)
    /// Probability of a rupture found at invoicing (partial fulfilment).
    public var ruptureProbability: Double = 0.03
    /// Share of the order delivered on a rupture.
    public var ruptureFillShare: Double = 0.6
    /// Probability that the retailer cancels an order before payment.
    public var cancelBeforePayment: Double = 0.01
    /// Probability that a blocked retailer regularises payment the same day (self-service); else days later.
    public var regulariseSameDay: Double = 0.5
    /// Time to regularise otherwise.
    public var regulariseDelay: RandomDuration = .exponential(mean: 3, unit: .days(1))
    /// Defaults. - Complexity: O(1).
    public init() {}
}

/// Journey 3: promised day, service, travel noise, breakdowns, reschedules, notifications.
public struct DeliveryParameters: Sendable, Equatable {
    /// Promised lead time in working days after the cut-off (1 = the next working day).
    public var promisedLeadDays: Int = 1
    /// Service time at a stop.
    public var serviceTime: RandomDuration = .minutes(12)
    /// Multiplicative noise on travel time (a lognormal around 1).
    public var travelNoise: Distribution = (try? .lognormal(mean: 1.0, standardDeviation: 0.12)) ?? .zero
    /// Multiplicative noise on service time.
    public var serviceNoise: Distribution = (try? .lognormal(mean: 1.0, standardDeviation: 0.25)) ?? .zero
    /// A stop later than this after its window's end gets a reschedule proposal instead.
    public var lateTolerance: RandomDuration = .minutes(30)
    /// Probability that a retailer accepts a proposed new day/time.
    public var rescheduleAcceptance: Double = 0.7
    /// Defaults. - Complexity: O(1).
    public init() {}
}

/// Journey 4: defects, return validation, pickups, credits, mass-problem detection.
public struct ReturnParameters: Sendable, Equatable {
    /// Probability that a delivered keg is defective (normal production).
    public var defectRate: Double = 0.002
    /// Time from delivery until a defect is found and reported.
    public var reportDelay: RandomDuration = .exponential(mean: 2, unit: .days(1))
    /// Probability that automatic validation accepts a return reported inside the return window (the others
    /// are refused with the criterion "evidence not conclusive").
    public var acceptance: Double = 0.9
    /// Returns reported more than this many days after delivery are refused ("outside the return window").
    public var returnWindowDays: Int = 14
    /// Credit per accepted keg, in euros.
    public var creditPerKeg: Double = 90
    /// Pickup service time.
    public var pickupServiceTime: RandomDuration = .minutes(8)
    /// Reports from one batch within `detectionWindowDays` that trigger a mass-problem alert.
    public var massProblemThreshold: Int = 5
    /// The detection window, in days.
    public var detectionWindowDays: Int = 7
    /// The window's reports must also exceed this multiple of what the normal defect rate predicts for the
    /// kegs of the batch delivered so far, so a large batch's ordinary defects raise no alarm.
    public var massProblemFactor: Double = 4
    /// Defaults. - Complexity: O(1).
    public init() {}
}

/// Journey 7: failures, self-diagnosis, remote first line, visits, first-time fix, return visits.
public struct AssistanceParameters: Sendable, Equatable {
    /// Failures per installed machine per year when new.
    public var failuresPerYear: Double = 1.2
    /// Extra failures per year per year of machine age.
    public var failuresPerYearPerAgeYear: Double = 0.3
    /// Machine age in years at the start (drawn once per installed machine).
    public var machineAgeYears: Distribution = (try? .uniform(min: 0, max: 8)) ?? .zero
    /// Probability that self-diagnosis resolves a failure (digital retailers only).
    public var selfDiagnosisResolves: Double = 0.25
    /// Probability that the remote first line resolves what self-diagnosis did not.
    public var remoteResolves: Double = 0.35
    /// Length of a remote call.
    public var remoteDuration: RandomDuration = .minutes(30)
    /// Severity mix of failures needing a visit: machine down, degraded, (installation), minor.
    public var severityMix: [Severity: Double] = [.machineDown: 0.3, .degraded: 0.45, .minor: 0.25]
    /// Visit length.
    public var visitDuration: RandomDuration = .minutes(75)
    /// Probability that the retailer picks the first offer (else one of the others at random).
    public var picksFirstOffer: Double = 0.7
    /// How long an offered slot is held for the retailer to confirm.
    public var holdTTL: RandomDuration = .minutes(30)
    /// Time the retailer takes to confirm a held slot.
    public var confirmDelay: RandomDuration = .exponential(mean: 10, unit: .minutes(1))
    /// Probability that the visit fixes the machine the first time.
    public var firstTimeFix: Double = 0.8
    /// Parts lead time before a return visit.
    public var partsLeadTime: RandomDuration = .days(2)
    /// Days between preventive maintenance visits (draught line cleaning) of each installed machine; 0 = none.
    public var maintenanceIntervalDays: Int = 42
    /// Length of a maintenance visit.
    public var maintenanceDuration: RandomDuration = .minutes(40)
    /// Defaults. - Complexity: O(1).
    public init() {}
}

/// A scheduled disruption.
public enum Disruption: Sendable, Equatable {
    /// `count` trucks of a depot out of service from `day` for `days` days.
    case truckBreakdown(region: Int, depot: Int, count: Int, day: Int, days: Int)
    /// `count` technicians of a region absent from `day` for `days` days (the first ones of the roster).
    case technicianAbsence(region: Int, count: Int, day: Int, days: Int)
    /// Kegs delivered from `day` for `days` days come from a bad batch with this defect rate (all regions
    /// when `region` is nil).
    case badKegBatch(region: Int?, day: Int, days: Int, defectRate: Double)
    /// Consumption × `factor` from `day` for `days` days (all regions when nil).
    case demandPeak(region: Int?, day: Int, days: Int, factor: Double)
    /// A depot that neither plans nor dispatches from `day` for `days` days.
    case depotClosed(region: Int, depot: Int, day: Int, days: Int)
}
