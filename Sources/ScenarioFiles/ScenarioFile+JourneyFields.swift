import DiscreteEvents
import RetailerJourneys
import TechnicianBooking

/// The field tables of the journey parameters.
extension Fields {
    static var journeys: ObjectDecl<JourneyParameters> { ObjectDecl<JourneyParameters>("journeys", "The parameters of every journey.", [
        Field("onboarding", "Journey 1: applications, validation, documents, draught installation, first sales-rep visit.", \.onboarding, object: onboarding),
        Field("ordering", "Journey 2: stock, alerts, channels, credit check, order stages, cancellation.", \.ordering, object: ordering),
        Field("delivery", "Journey 3: promised day, service, travel noise, reschedules.", \.delivery, object: delivery),
        Field("returns", "Journey 4: defects, return validation, pickups, credits, mass-problem detection.", \.returns, object: returns),
        Field("assistance", "Journey 7: failures, self-diagnosis, remote first line, visits, first-time fix.", \.assistance, object: assistance),
    ]) }

    static var onboarding: ObjectDecl<OnboardingParameters> { ObjectDecl<OnboardingParameters>("onboarding", "Journey 1.", [
        Field("applicationsPerDayPer1000", "New applications per business day per 1,000 retailers.", \.applicationsPerDayPer1000, C.number(0, 1000)),
        Field("autoValidationPass", "Probability that automatic validation passes at once.", \.autoValidationPass, C.probability),
        Field("documentDelay", "Time until an applicant asked for documents sends them.", \.documentDelay, C.duration()),
        Field("abandonOnDocuments", "Probability that an applicant asked for documents gives up.", \.abandonOnDocuments, C.probability),
        Field("documentsPass", "Probability that resubmitted documents pass.", \.documentsPass, C.probability),
        Field("equipmentLeadDays", "Time from approval until the draught equipment is delivered.", \.equipmentLeadDays, C.duration()),
        Field("installationDuration", "Installation visit length.", \.installationDuration, C.duration(maxDays: 7)),
        Field("salesRepWithinBusinessDays", "The first sales-rep visit is planned within this many business days of approval.", \.salesRepWithinBusinessDays, C.integer(0, 365)),
    ]) }

    static var ordering: ObjectDecl<OrderingParameters> { ObjectDecl<OrderingParameters>("ordering", "Journey 2.", [
        Field("alertCoverDays", "A proactive alert is sent when stock covers fewer than this many days.", \.alertCoverDays, C.number(0, 365)),
        Field("orderUpToDays", "Orders bring stock up to this many days of cover (> alertCoverDays).", \.orderUpToDays, C.number(0.1, 365)),
        Field("alertAcceptance", "Probability that a digital retailer orders on the alert the same day.", \.alertAcceptance, C.probability),
        Field("manualReorderCoverDays", "Retailers without digital channels order when cover falls under this many days (≤ orderUpToDays).", \.manualReorderCoverDays, C.number(0, 365)),
        Field("paymentDelay", "Time from placement to payment.", \.paymentDelay, C.duration()),
        Field("invoicingDelay", "Time from payment to invoicing.", \.invoicingDelay, C.duration()),
        Field("ruptureProbability", "Probability of a rupture at invoicing (partial fulfilment).", \.ruptureProbability, C.probability),
        Field("ruptureFillShare", "Share of the order delivered on a rupture.", \.ruptureFillShare, C.probability),
        Field("cancelBeforePayment", "Probability that the retailer cancels before payment.", \.cancelBeforePayment, C.probability),
        Field("regulariseSameDay", "Probability that a blocked retailer regularises payment the same day.", \.regulariseSameDay, C.probability),
        Field("regulariseDelay", "Time to regularise otherwise.", \.regulariseDelay, C.duration()),
    ], check: Validation.ordering) }

    static var delivery: ObjectDecl<DeliveryParameters> { ObjectDecl<DeliveryParameters>("delivery", "Journey 3.", [
        Field("promisedLeadDays", "Promised lead time in working days after the cut-off (1 = next working day).", \.promisedLeadDays, C.integer(0, 30)),
        Field("serviceTime", "Service time at a stop.", \.serviceTime, C.duration(maxDays: 1)),
        Field("travelNoise", "Multiplicative noise on travel time (around 1).", \.travelNoise, C.quantity(0, 10)),
        Field("serviceNoise", "Multiplicative noise on service time (around 1).", \.serviceNoise, C.quantity(0, 10)),
        Field("lateTolerance", "A stop later than this after its window's end gets a reschedule proposal instead.", \.lateTolerance, C.duration(maxDays: 1)),
        Field("rescheduleAcceptance", "Probability that a retailer accepts a proposed new day/time.", \.rescheduleAcceptance, C.probability),
    ]) }

    static var returns: ObjectDecl<ReturnParameters> { ObjectDecl<ReturnParameters>("returns", "Journey 4.", [
        Field("defectRate", "Probability that a delivered keg is defective (normal production).", \.defectRate, C.probability),
        Field("reportDelay", "Time from delivery until a defect is found and reported.", \.reportDelay, C.duration()),
        Field("acceptance", "Probability that automatic validation accepts a return reported inside the return window (else refused: evidence not conclusive).", \.acceptance, C.probability),
        Field("returnWindowDays", "Returns reported more than this many days after delivery are refused (criterion: outside the return window).", \.returnWindowDays, C.integer(1, maxDays)),
        Field("creditPerKeg", "Credit per accepted keg, in euros.", \.creditPerKeg, C.number(0, 1_000_000)),
        Field("pickupServiceTime", "Pickup service time.", \.pickupServiceTime, C.duration(maxDays: 1)),
        Field("massProblemThreshold", "Reports from one batch within detectionWindowDays that trigger a mass-problem alert.", \.massProblemThreshold, C.integer(1, 100_000)),
        Field("detectionWindowDays", "The detection window, in days.", \.detectionWindowDays, C.integer(1, maxDays)),
        Field("massProblemFactor", "The window's reports must also exceed this multiple of what the normal defect rate predicts for the batch's kegs.", \.massProblemFactor, C.number(1, 1_000)),
    ]) }

    static let severityNames: [(String, Severity)] = [("machineDown", .machineDown), ("degraded", .degraded), ("installation", .installation), ("minor", .minor)]

    static var assistance: ObjectDecl<AssistanceParameters> { ObjectDecl<AssistanceParameters>("assistance", "Journey 7.", [
        Field("failuresPerYear", "Failures per installed machine per year when new.", \.failuresPerYear, C.number(0, 1000)),
        Field("failuresPerYearPerAgeYear", "Extra failures per year per year of machine age.", \.failuresPerYearPerAgeYear, C.number(0, 1000)),
        Field("machineAgeYears", "Machine age in years at the start (drawn once per machine).", \.machineAgeYears, C.quantity(0, 100)),
        Field("selfDiagnosisResolves", "Probability that self-diagnosis resolves a failure (digital retailers).", \.selfDiagnosisResolves, C.probability),
        Field("remoteResolves", "Probability that the remote first line resolves what self-diagnosis did not.", \.remoteResolves, C.probability),
        Field("remoteDuration", "Length of a remote call.", \.remoteDuration, C.duration(maxDays: 1)),
        Field("severityMix", "Severity mix of failures needing a visit (weights).", \.severityMix, C.weights(severityNames)),
        Field("visitDuration", "Visit length.", \.visitDuration, C.duration(maxDays: 1)),
        Field("picksFirstOffer", "Probability that the retailer picks the first offer.", \.picksFirstOffer, C.probability),
        Field("holdTTL", "How long an offered slot is held for the retailer to confirm.", \.holdTTL, C.duration(maxDays: 30)),
        Field("confirmDelay", "Time the retailer takes to confirm a held slot.", \.confirmDelay, C.duration(maxDays: 30)),
        Field("firstTimeFix", "Probability that the visit fixes the machine the first time.", \.firstTimeFix, C.probability),
        Field("partsLeadTime", "Parts lead time before a return visit.", \.partsLeadTime, C.duration()),
        Field("maintenanceIntervalDays", "Days between preventive maintenance visits (draught line cleaning) per installed machine; 0 = none.", \.maintenanceIntervalDays, C.integer(0, maxDays)),
        Field("maintenanceDuration", "Maintenance visit length.", \.maintenanceDuration, C.duration(maxDays: 1)),
    ]) }
}
