import Foundation
import PlacardDiagnostics

/// The load-time checks of figures: typed figures are checked against the
/// ones derived from the data, and statuses against their histories.
extension Validation {
    static func checkFigures(_ data: SiteData, config: SiteConfig, _ diagnostics: inout Diagnostics) {
        let levels = Set(config.levels.map(\.id))
        for assessment in data.assessments { checkAssessment(assessment, data: data, levels: levels, &diagnostics) }
        checkCommitments(data, &diagnostics)
        for survey in data.surveys { checkSurvey(survey, &diagnostics) }
        checkFunding(data, &diagnostics)
    }

    static func checkAssessment(_ assessment: Assessment, data: SiteData, levels: Set<String>, _ diagnostics: inout Diagnostics) {
        let weights = assessment.components.reduce(Decimal(0)) { $0 + $1.weight }
        if !assessment.components.isEmpty, weights != assessment.scale {
            diagnostics.error("the component weights add up to \(weights), not the scale \(assessment.scale)",
                              at: assessment.fieldLocations["components"] ?? assessment.location)
        }
        let orgs = Dictionary(data.organisations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var firstScore: [String: Assessment.Score] = [:]
        var scored: [String: Int] = [:]  // "org component" -> number of scores
        var order: [String] = []
        for score in assessment.scores {
            if score.score < 0 || score.score > 100 {
                diagnostics.error("score \(score.score) is outside 0 to 100", at: score.location(of: "score"))
            }
            if firstScore[score.org] == nil {
                firstScore[score.org] = score
                order.append(score.org)
                // An unknown level is reported as such, not as a mismatch of every unit.
                if let level = assessment.level, levels.contains(level), let org = orgs[score.org], org.level != level {
                    diagnostics.error("organisation '\(org.id)' is \(org.level.map { "of level '\($0)'" } ?? "of no level"), but this assessment is of level '\(level)'",
                                      at: score.location(of: "org"))
                }
            }
            let key = score.org + "\u{0}" + score.component
            scored[key, default: 0] += 1
            if scored[key] == 2, let component = assessment.component(score.component), component.combine == nil {
                diagnostics.error("organisation '\(score.org)' has more than one score for component '\(score.component)' (add combine: mean to the component)",
                                  at: score.location)
            }
        }
        // A unit with a score for an unknown component has that error; its missing one would only follow from it.
        let components = Set(assessment.components.map(\.id))
        let misfiled = Set(assessment.scores.filter { !components.contains($0.component) }.map(\.org))
        // Nor when a scheme or score file could not be read whole: the missing score may be in the part left out.
        let complete = !data.incomplete.contains("assessments")
        for org in order where complete && orgs[org] != nil && !misfiled.contains(org) {
            for component in assessment.components where scored[org + "\u{0}" + component.id] == nil {
                diagnostics.error("organisation '\(org)' has no score for component '\(component.id)'", at: firstScore[org]!.location)
            }
        }
    }

    static func checkCommitments(_ data: SiteData, _ diagnostics: inout Diagnostics) {
        var latest: [String: CommitmentUpdate] = [:]
        for update in data.commitmentUpdates {
            // The latest by date; on the same date the later in the file.
            if let current = latest[update.commitment], update.date < current.date { continue }
            latest[update.commitment] = update
        }
        var seen = Set<String>()
        for commitment in data.commitments where seen.insert(commitment.id).inserted {
            if commitment.status == .fulfilled, commitment.fulfilledOn == nil {
                diagnostics.error("commitment '\(commitment.id)' is fulfilled but has no 'fulfilled_on' date", at: commitment.location(of: "status"))
            }
            if let date = commitment.fulfilledOn {
                if commitment.status != .fulfilled {
                    diagnostics.error("commitment '\(commitment.id)' has a 'fulfilled_on' date (\(date)) but its status is \(commitment.status.rawValue), not fulfilled",
                                      at: commitment.location(of: "fulfilled_on"))
                } else if let year = commitment.year, date.year < year {
                    diagnostics.warning("commitment '\(commitment.id)' of \(year) was fulfilled on \(date), before its year began",
                                        at: commitment.location(of: "fulfilled_on"))
                }
            }
            if let update = latest[commitment.id], update.status != commitment.status {
                diagnostics.error("the latest update of commitment '\(commitment.id)' (\(update.date)) says \(update.status.rawValue), but the commitment's status is \(commitment.status.rawValue)",
                                  at: update.location(of: "status"))
            }
        }
    }

    static func checkSurvey(_ survey: Survey, _ diagnostics: inout Diagnostics) {
        for question in survey.questions where !question.options.isEmpty {
            let counts = question.options.map(\.count)
            let sum = Percentages.sum(counts)
            if !question.multiple && sum != survey.respondents {
                diagnostics.warning("the counts of question '\(question.id)' add up to \(sum.map(String.init) ?? "too much"), not the \(survey.respondents) respondents; each percentage is rounded on its own",
                                    at: question.location)
            }
            let computed = question.multiple
                ? counts.map { Percentages.share($0, of: survey.respondents) }
                : Percentages.shares(of: counts, total: survey.respondents)
            for (index, (option, share)) in zip(question.options, computed).enumerated() {
                if option.count > survey.respondents {
                    diagnostics.error("count \(option.count) is more than the \(survey.respondents) respondents", at: option.countLocation)
                }
                guard let reported = option.reportedPercent else { continue }
                guard reported >= 0 && reported <= 100 else {
                    diagnostics.error("reported_percent \(option.reportedPercentText ?? "\(reported)") is outside 0 to 100",
                                      at: option.reportedPercentLocation ?? option.location)
                    continue
                }
                let decimals = DecimalLiteral.fractionDigits(option.reportedPercentText ?? "")
                // The share the page shows, at the reported figure's decimals.
                let expected = decimals == 2 ? share : Percentages.share(option.count, of: survey.respondents, decimals: decimals)
                if !Percentages.isCorrectRounding(reported, decimals: decimals, option: index, counts: counts, total: survey.respondents) {
                    diagnostics.warning("reported_percent \(option.reportedPercentText ?? "\(reported)") differs from the computed share \(expected) (\(option.count) of \(survey.respondents))",
                                        at: option.reportedPercentLocation ?? option.location)
                }
            }
        }
    }

    static func checkFunding(_ data: SiteData, _ diagnostics: inout Diagnostics) {
        for line in data.funding {
            guard let amount = line.amount, let rate = line.rate, let per = line.per,
                  let fact = data.organisation(line.org)?.fact(per) else { continue }
            let computed = rate * fact
            if computed != amount {
                diagnostics.error("amount \(amount) does not match rate \(rate) x \(per) \(fact) = \(computed)", at: line.location(of: "amount"))
            }
        }
    }
}
